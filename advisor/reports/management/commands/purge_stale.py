"""Anonymous data does not stay for ever: questionnaires nobody finished, and
results nobody saved, go after a while, and so do expired sessions.

A session renews for another SESSION_COOKIE_AGE whenever it changes, so a
browser can outlive the age limit: whatever a live (unexpired) session still
remembers is kept, and goes only once that session has expired. The weeks a
purged questionnaire was started and finished in are added to the insights'
weekly counts in the transaction that deletes it, so a purge does not rewrite
the insights page's history."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from advisor.env import env_int
from advisor.questionnaire.models import Assessment
from advisor.questionnaire.session import ASSESSMENTS
from advisor.reports import standings
from advisor.reports.models import WeeklyCount

DAYS_VARIABLE = "DJANGO_PURGE_AFTER_DAYS"
DEFAULT_DAYS = 90  # as long as a session cookie lives unless the session changes
BATCH = 500
# Older than anything stored; far larger ages cannot be subtracted from today (OverflowError).
MAX_DAYS = 36500


def remembered_by_live_sessions() -> set[str]:
    """Assessment ids that an unexpired session remembers: a browser can still open them.
    Reads every live session once; purge_stale runs daily, off the request path."""
    store = SessionStore()
    ids: set[str] = set()
    live = Session.objects.filter(expire_date__gte=timezone.now()).values_list("session_data", flat=True)
    for data in live.iterator(chunk_size=2000):
        ids.update(str(pk) for pk in store.decode(data).get(ASSESSMENTS, []))
    return ids


def purged_counts(rows: Iterable[tuple[datetime.datetime, datetime.datetime | None]]) -> dict:
    """The weekly started/finished counts that deleting these (created_at, finished_at) rows takes away."""
    counts: dict[standings.Key, tuple[int, float]] = {}
    for created, finished in rows:
        for kind, moment in ((standings.STARTED, created), (standings.FINISHED, finished)):
            if moment is not None:
                key = standings.Key(kind, standings.week_of(moment))
                counts[key] = (counts.get(key, (0, 0.0))[0] + 1, 0.0)
    return counts


class Command(BaseCommand):
    help = (
        "Delete anonymous questionnaires left unfinished, and anonymous results never saved as a report, "
        f"older than --days (default ${DAYS_VARIABLE}, or {DEFAULT_DAYS}) and remembered by no unexpired "
        "session, and the expired sessions. Nothing an account owns and nothing saved as a report is "
        "touched. Run it daily from cron."
    )

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, help=f"age in days (default: ${DAYS_VARIABLE} or {DEFAULT_DAYS})")
        parser.add_argument("--dry-run", action="store_true", help="count what would go; delete nothing")

    def handle(self, *args, days: int | None, dry_run: bool, **options):
        days = days if days is not None else env_int(DAYS_VARIABLE, DEFAULT_DAYS)
        if days < 1:
            raise CommandError(f"--days (or ${DAYS_VARIABLE}) must be at least 1, not {days}.")
        if days > MAX_DAYS:
            raise CommandError(f"--days (or ${DAYS_VARIABLE}) must be at most {MAX_DAYS} (a century), not {days}.")
        cutoff = timezone.now() - datetime.timedelta(days=days)
        kept = remembered_by_live_sessions()
        counts = {"unfinished": 0, "unsaved": 0, "kept": 0}
        for pk, finished in Assessment.objects.stale(cutoff).values_list("pk", "finished_at").iterator():
            if str(pk) in kept:
                counts["kept"] += 1
            else:
                counts["unsaved" if finished else "unfinished"] += 1
        expired = Session.objects.filter(expire_date__lt=timezone.now()).count()
        if not dry_run:
            self._purge(cutoff, kept)
            call_command("clearsessions")
        verb = "Dry run: would purge" if dry_run else "Purged"
        self.stdout.write(
            self.style.SUCCESS(
                f"{verb} {counts['unfinished']} unfinished and {counts['unsaved']} unsaved anonymous "
                f"questionnaire(s) older than {days} days, and {expired} expired session(s); "
                f"kept {counts['kept']} that an unexpired session still opens."
            )
        )

    def _purge(self, cutoff: datetime.datetime, kept: set[str]) -> None:
        """In batches, each its own transaction; each batch is chosen again by the same rule
        as it is deleted, so one claimed or saved a moment ago is left alone, and only the
        rows that did go are added to the weekly counts."""
        last = None
        while True:
            candidates = Assessment.objects.stale(cutoff).order_by("pk")
            if last is not None:
                candidates = candidates.filter(pk__gt=last)
            chunk = list(candidates.values_list("pk", flat=True)[:BATCH])
            if not chunk:
                return
            last = chunk[-1]
            batch = [pk for pk in chunk if str(pk) not in kept]
            if not batch:
                continue
            with transaction.atomic():
                doomed = Assessment.objects.stale(cutoff).filter(pk__in=batch)
                rows = {
                    pk: (created, finished)
                    for pk, created, finished in doomed.values_list("pk", "created_at", "finished_at")
                }
                doomed.delete()
                for pk in Assessment.objects.filter(pk__in=list(rows)).values_list("pk", flat=True):
                    rows.pop(pk)  # claimed or saved between the two statements: not deleted
                standings.add(WeeklyCount, purged_counts(rows.values()))
