from __future__ import annotations

from axes.apps import AppConfig as AxesConfig
from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "advisor.accounts"
    label = "accounts"
    verbose_name = _("Accounts")


class LoginLockoutsConfig(AxesConfig):
    """django-axes (settings.py's abuse block), under a name an admin understands."""

    verbose_name = _("Login lockouts")
