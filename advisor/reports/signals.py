from __future__ import annotations

import logging

from django.contrib import messages
from django.utils.translation import ngettext

from advisor.questionnaire import session
from advisor.questionnaire.models import Assessment
from advisor.reports import access
from advisor.reports.models import Report

logger = logging.getLogger("advisor.reports")


def claim_on_login(sender, request, user, **kwargs) -> None:
    """Signing up or logging in claims the reports and assessments this browser saved anonymously."""
    if request is None:
        return
    claimed = Report.objects.claim(access.remembered(request), user)
    assessments = Assessment.objects.claim(session.remembered(request), user)
    if claimed or assessments:
        # Counts and the account's id only: never a report's link or content.
        logger.info(
            "claimed %d reports and %d assessments for user %s",
            claimed,
            assessments,
            user.pk,
            extra={"event": "report_claim", "reports": claimed, "assessments": assessments, "user_id": user.pk},
        )
    if claimed:
        messages.success(
            request,
            ngettext(
                "The report you saved in this browser is now in your account.",
                "The %(count)d reports you saved in this browser are now in your account.",
                claimed,
            )
            % {"count": claimed},
            fail_silently=True,
        )


def uncount_on_delete(sender, instance: Report, **kwargs) -> None:
    """A deleted report, on its own or with its account, leaves the weekly counts as if it was never saved."""
    if instance.counted:
        instance.count(-1)
