"""What django-axes needs from us (settings.py's abuse block): the account a
log-in attempt is for, and the page a locked-out person gets."""

from __future__ import annotations

import math

from axes.utils import reset
from django.conf import settings
from django.contrib.auth import get_user_model
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from advisor.problems import Problem, problem_response


def account_name(request: HttpRequest, credentials: dict | None) -> str:
    """The name failures are counted under: the account's user name when an
    e-mail address typed instead names exactly one account (as the log-in
    backend resolves it), so switching between the two does not earn more
    tries; otherwise what was typed (an address in lower case), whether or not
    an account has it, so the lockout says nothing about which names exist."""
    typed = ((credentials or {}).get("username") or request.POST.get("username") or "").strip()
    if "@" not in typed:
        return typed
    model = get_user_model()
    if model._default_manager.filter(username=typed).exists():
        return typed
    names = list(model._default_manager.filter(email__iexact=typed).values_list("username", flat=True)[:2])
    return names[0] if len(names) == 1 else typed.lower()


def locked_out(request: HttpRequest, original_response=None, credentials=None) -> HttpResponse:
    """A 429 that says how long logging in is paused; each try meanwhile starts the pause again."""
    seconds = int(settings.AXES_COOLOFF_TIME.total_seconds())
    minutes = math.ceil(seconds / 60)
    message = ngettext(
        "There were too many wrong passwords for this account, so logging in to it is paused. "
        "Try again in %(minutes)d minute (each try before then starts the pause again), "
        "or choose a new password through the link we e-mail you.",
        "There were too many wrong passwords for this account, so logging in to it is paused. "
        "Try again in %(minutes)d minutes (each try before then starts the pause again), "
        "or choose a new password through the link we e-mail you.",
        minutes,
    ) % {"minutes": minutes}
    actions = [(reverse("accounts:password_reset"), _("E-mail me a new-password link"))]
    problem = Problem(429, _("Logging in is paused"), message, actions, retry_after=seconds)
    return problem_response(request, problem)


def lift(user) -> None:
    """End the account's lockout, under every name its failures may be counted by."""
    names = {user.get_username(), user.email.lower()} - {""}
    for name in names:
        reset(username=name)
