"""The one part of django-axes an admin needs: the failed log-ins counted per
account, where deleting an account's rows unlocks it. axes' own admin is off
(AXES_ENABLE_ADMIN): its access and failure logs are never written here
(AXES_DISABLE_ACCESS_LOG), so their pages would only ever be empty. Also the
admin's log-in form, which refuses overlong names as the site's does."""

from __future__ import annotations

from axes.admin import AccessAttemptAdmin
from axes.models import AccessAttempt
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from advisor.accounts.forms import AdminLoginForm

admin.site.login_form = AdminLoginForm


@admin.register(AccessAttempt)
class LockoutAdmin(AccessAttemptAdmin):
    # Who, how far along and whether locked first; the browser string last, as it is long.
    list_display = ["username", "failures_since_start", "status", "attempt_time", "ip_address", "user_agent"]

    @admin.display(description=_("Status"))
    def status(self, obj: AccessAttempt) -> str:
        return super().status(obj)
