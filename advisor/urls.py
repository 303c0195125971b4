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
