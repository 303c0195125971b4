from __future__ import annotations

from django.contrib import messages
from django.utils.translation import ngettext

from advisor.questionnaire.models import Assessment
from advisor.questionnaire.views import remembered
from advisor.reports.access import claim


def claim_on_login(sender, request, user, **kwargs) -> None:
    """Signing up or logging in claims the reports and assessments this browser saved anonymously."""
    if request is None:
        return
    claimed = claim(request, user)
    Assessment.objects.filter(pk__in=remembered(request), user__isnull=True).update(user=user)
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
