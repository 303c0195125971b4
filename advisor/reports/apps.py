from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "advisor.reports"
    label = "reports"
    verbose_name = _("Reports")

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in
        from django.db.models.signals import pre_delete

        from advisor.catalogue import impact
        from advisor.reports.models import Report
        from advisor.reports.signals import claim_on_login, uncount_on_delete

        user_logged_in.connect(claim_on_login, dispatch_uid="reports-claim-on-login")
        pre_delete.connect(uncount_on_delete, sender=Report, dispatch_uid="reports-uncount-on-delete")
        # The admin's impact preview counts the saved reports a mapping change would re-rank.
        impact.add_saved_levels(Report.objects.saved_levels)
