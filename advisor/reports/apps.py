from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "advisor.reports"
    label = "reports"
    verbose_name = _("Reports")

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from advisor.catalogue import impact
        from advisor.reports.models import Report
        from advisor.reports.signals import claim_on_login

        user_logged_in.connect(claim_on_login, dispatch_uid="reports-claim-on-login")
        # The admin's impact preview counts the saved reports a mapping change would re-rank.
        impact.add_saved_levels(Report.objects.saved_levels)
