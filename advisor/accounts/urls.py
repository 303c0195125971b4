from __future__ import annotations

from django.urls import path

from advisor.accounts import account_views, views

app_name = "accounts"
urlpatterns = [
    path("", account_views.account, name="account"),
    path("download/", account_views.download, name="download"),
    path("delete/", account_views.delete, name="delete"),
    path("signup/", views.signup, name="signup"),
    path("login/", views.login_view, name="login"),
    path("logout/", views.logout, name="logout"),
    path("password/", views.password_change, name="password_change"),
    path("password/changed/", views.password_change_done, name="password_change_done"),
    path("password/reset/", views.password_reset, name="password_reset"),
    path("password/reset/sent/", views.password_reset_done, name="password_reset_done"),
    path("password/reset/done/", views.password_reset_complete, name="password_reset_complete"),
    path("password/reset/<uidb64>/<token>/", views.password_reset_confirm, name="password_reset_confirm"),
]
