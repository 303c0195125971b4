"""Turning the weekly e-mail on and off: on the report (its account only), and
from the e-mail's unsubscribe link (no login needed: the link is signed)."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from advisor.problems import Problem, refuses
from advisor.reports import reminders
from advisor.reports.models import Reminder, Report
from advisor.reports.views import report_url, with_report


class ReminderForm(forms.Form):
    weekly = forms.ChoiceField(choices=[("on", "on"), ("off", "off")])


@require_POST
@with_report
def reminder(request: HttpRequest, report: Report) -> HttpResponse:
    if not request.user.is_authenticated or report.user_id != request.user.pk:
        signup = reverse("accounts:signup") + "?next=" + report_url(report)
        raise Problem(
            403,
            _("An account is needed"),
            _(
                "The weekly e-mail goes to an account's address. Sign up to keep this report in an account, then turn it on."
            ),
            [(signup, _("Sign up"))],
        )
    form = ReminderForm(request.POST)
    if not form.is_valid():
        raise Problem(400, _("Unknown choice"), _("The weekly e-mail can be turned on or off. Nothing was changed."))
    back = redirect(report_url(report) + "#reminders")
    if form.cleaned_data["weekly"] == "off":
        if Reminder.stop(report):
            messages.success(request, _("The weekly e-mail is off."))
        else:
            messages.info(request, _("The weekly e-mail was already off."))
        return back
    if not request.user.email:
        raise Problem(
            409,
            _("No e-mail address"),
            _("Your account has no e-mail address, so there is nowhere to send the weekly e-mail."),
            [(report_url(report), _("Back to the report"))],
        )
    site = request.build_absolute_uri("/").rstrip("/")
    _reminder, created = Reminder.start(report, translation.get_language(), site)
    if created:
        messages.success(
            request, _("Done: every week, your next step goes to %(email)s.") % {"email": request.user.email}
        )
    else:
        messages.info(request, _("The weekly e-mail was already on."))
    return back


# Mail programs post here with no cookie and no CSRF token (RFC 8058): the signed link is the proof.
@csrf_exempt
@require_http_methods(["GET", "POST"])
@refuses
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    """A GET only asks (mail scanners fetch links); a POST stops the e-mail."""
    found = reminders.from_token(token)
    with translation.override(found.language):
        if request.method == "POST":
            title = found.report.title
            found.delete()
            return render(request, "reports/unsubscribe.html", {"title": title, "done": True})
        return render(request, "reports/unsubscribe.html", {"title": found.report.title, "done": False})
