"""The account page: what the account holds, a download of all of it, and deleting it."""

from __future__ import annotations

import json

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_GET, require_http_methods

from advisor import limits
from advisor.accounts import data
from advisor.accounts.forms import DeleteAccountForm
from advisor.problems import refuses
from advisor.questionnaire.models import Assessment
from advisor.reports.models import Report

# Tries at the delete form per account: enough for typos, too few to guess a password
# from a browser someone left logged in.
DELETE_RATE = "5/15m"


def _holdings(user) -> dict[str, int]:
    """How many questionnaires (finished or not) and reports the account holds, in two queries."""
    assessments = Assessment.objects.filter(user=user).aggregate(
        finished=Count("pk", filter=Q(finished_at__isnull=False)),
        unfinished=Count("pk", filter=Q(finished_at__isnull=True)),
    )
    total = assessments["finished"] + assessments["unfinished"]
    return assessments | {"assessments": total, "reports": Report.objects.filter(user=user).count()}


@never_cache
@login_required
@require_GET
def account(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/account.html", {"holdings": _holdings(request.user)})


@never_cache
@login_required
@require_GET
def download(request: HttpRequest) -> HttpResponse:
    """Everything the account owns, as one JSON file to keep."""
    everything = data.export(request.user, request.build_absolute_uri)
    body = json.dumps(everything, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    name = f"career-advisor-{timezone.localdate().isoformat()}.json"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@sensitive_post_parameters("password")
@never_cache
@login_required
@require_http_methods(["GET", "POST"])
@refuses
def delete(request: HttpRequest) -> HttpResponse:
    """A page that says what goes, then a POST with the password typed again."""
    if request.method == "POST":
        limits.count(
            request, "account-delete", DELETE_RATE, str(request.user.pk), _("Too many tries; nothing was deleted.")
        )
    form = DeleteAccountForm(request.user, request.POST if request.method == "POST" else None)
    if form.is_valid():
        data.erase(request.user)
        logout(request)
        # After logout(), which empties the session the message would otherwise be lost with.
        messages.success(request, _("Your account and everything in it were deleted."))
        return redirect("home")
    context = {"form": form, "holdings": _holdings(request.user)}
    return render(request, "accounts/delete.html", context, status=422 if form.errors else 200)
