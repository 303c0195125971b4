"""The weekly e-mail with a report's next step: what it says, its unsubscribe
link, and sending it at most once a week to each reminder (send_reminders)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.core import mail, signing
from django.db import transaction
from django.db.models import prefetch_related_objects
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from advisor.i18n import current_lang
from advisor.problems import Problem
from advisor.questionnaire.results import StepInfo, TrackView
from advisor.reports.models import Reminder, StepProgress
from advisor.reports.progress import FINISHED, restore_with_progress

OPEN = (StepProgress.State.PENDING, StepProgress.State.LEARNING)
SALT = "reports.reminders.unsubscribe"
# Reminders read and claimed per transaction: a few queries per batch, never per reminder or step.
BATCH = 200


# --- the unsubscribe link -------------------------------------------------------------


def unsubscribe_token(reminder: Reminder) -> str:
    return signing.Signer(salt=SALT).sign(reminder.key)


def from_token(token: str) -> Reminder:
    """The reminder an unsubscribe link names; a 400 when the link was altered,
    a 404 when it is well formed but the reminder is gone (already stopped)."""
    try:
        key = signing.Signer(salt=SALT).unsign(token)
    except signing.BadSignature:
        raise Problem(
            400,
            _("This link is broken"),
            _(
                "The unsubscribe link is incomplete or was changed. Use the link from the latest e-mail, "
                "or turn the e-mail off on your report."
            ),
        ) from None
    reminder = Reminder.objects.select_related("report").filter(key=key).first()
    if reminder is None:
        raise Problem(
            404,
            _("This e-mail is already off"),
            _("There is no weekly e-mail behind this link any more: it was stopped, or its report was deleted."),
        )
    return reminder


# --- what the e-mail says ------------------------------------------------------------


def next_step(view: TrackView, states: dict[str, str]) -> StepInfo | None:
    """The first step in plan order still pending or being learned."""
    return next((s for s in view.steps if states.get(s.slug, StepProgress.State.PENDING) in OPEN), None)


@dataclass(frozen=True)
class Due:
    reminder: Reminder
    view: TrackView
    step: StepInfo
    states: dict[str, str]


def message(due: Due, connection=None) -> mail.EmailMessage:
    """The e-mail, in the language the person asked in, with one-click unsubscribe headers (RFC 8058)."""
    reminder, report = due.reminder, due.reminder.report
    report_link = f"{reminder.site}{reverse('reports:detail', args=[report.token])}"
    unsubscribe = f"{reminder.site}{reverse('reports:unsubscribe', args=[unsubscribe_token(reminder)])}"
    finished = sum(due.states.get(s.slug) in FINISHED for s in due.view.steps)
    with translation.override(reminder.language):
        context = {
            "report": report,
            "view": due.view,
            "step": due.step,
            "learning": due.states.get(due.step.slug) == StepProgress.State.LEARNING,
            "links": due.step.links_in(current_lang()),
            "finished": finished,
            "total": len(due.view.steps),
            "percent": due.view.progress,
            "step_link": f"{report_link}?track={due.view.track.slug}#step-{due.step.slug}",
            "report_link": report_link,
            "unsubscribe": unsubscribe,
        }
        subject = render_to_string("reports/email/reminder_subject.txt", context).strip()
        body = render_to_string("reports/email/reminder.txt", context)
    return mail.EmailMessage(
        subject=" ".join(subject.split()),
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[report.user.email],
        headers={"List-Unsubscribe": f"<{unsubscribe}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"},
        connection=connection,
    )


# --- sending ------------------------------------------------------------------------


def week_start(now: datetime.datetime) -> datetime.datetime:
    """Monday 00:00 of the ISO week `now` is in, in the site's time zone."""
    local = timezone.localtime(now)
    monday = local.date() - datetime.timedelta(days=local.weekday())
    return datetime.datetime.combine(monday, datetime.time.min, tzinfo=local.tzinfo)


@dataclass
class Outcome:
    sent: list[Due] = field(default_factory=list)
    all_done: list[Reminder] = field(default_factory=list)
    no_address: list[Reminder] = field(default_factory=list)
    failed: list[Due] = field(default_factory=list)
    already: int = 0


def _classify(reminder: Reminder, outcome: Outcome) -> Due | None:
    report = reminder.report
    if not (report.user and report.user.email):
        outcome.no_address.append(reminder)
        return None
    states = {p.step: p.state for p in report.progress.all()}
    results = restore_with_progress(report, states)
    view = results.select(report.track or None)
    step = next_step(view, states) if view else None
    if step is None:
        outcome.all_done.append(reminder)
        return None
    return Due(reminder, view, step, states)


def send_due(*, now: datetime.datetime | None = None, dry_run: bool = False, batch: int = BATCH) -> Outcome:
    """Send this week's e-mail to every reminder that has not had it yet.

    Each batch is claimed (its time of sending written) in the transaction that
    reads it, with the rows locked on PostgreSQL and the database's write lock
    taken at once on SQLite, so two runs at the same time never send one twice.
    A message that fails to go out is given back, to be sent on the next run."""
    now = now or timezone.now()
    since = week_start(now)
    outcome = Outcome(already=Reminder.objects.filter(last_sent_at__gte=since).count())
    connection = None if dry_run else mail.get_connection()
    try:
        if connection is not None:
            connection.open()  # one connection to the mail server for the whole run
        _send_batches(since, now, dry_run, batch, connection, outcome)
    finally:
        if connection is not None:
            connection.close()
    return outcome


def _send_batches(since, now, dry_run: bool, batch: int, connection, outcome: Outcome) -> None:
    last = 0
    while True:
        with transaction.atomic():
            rows = list(
                Reminder.objects.due(since)
                .filter(pk__gt=last)
                .order_by("pk")
                .select_related("report__user")
                .select_for_update(of=("self",))[:batch]
            )
            if not rows:
                break
            last = rows[-1].pk
            prefetch_related_objects([r.report for r in rows], "progress")
            ready = [due for r in rows if (due := _classify(r, outcome)) is not None]
            if not dry_run and ready:
                Reminder.objects.filter(pk__in=[d.reminder.pk for d in ready]).update(last_sent_at=now)
        if dry_run:
            outcome.sent += ready
            continue
        for due in ready:
            try:
                message(due, connection).send()
            except Exception:  # noqa: BLE001 - any failure of the mail server: try again next run
                Reminder.objects.filter(pk=due.reminder.pk).update(last_sent_at=due.reminder.last_sent_at)
                outcome.failed.append(due)
            else:
                outcome.sent.append(due)
