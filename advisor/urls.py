from __future__ import annotations

from django.contrib import admin
from django.urls import include, path

from advisor.home import views as home

urlpatterns = [
    path("", home.home, name="home"),
    path("assess/", include("advisor.questionnaire.urls")),
    path("accounts/", include("advisor.accounts.urls")),
    path("", include("advisor.reports.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]

# A database outage answers 503 with a page that says to try again; other errors the plain 500.
handler500 = "advisor.errors.server_error"
