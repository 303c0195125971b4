"""Anonymous data does not stay for ever: questionnaires nobody finished, and
results nobody saved, go after a while, and so do expired sessions."""

from __future__ import annotations

import datetime

from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db.models import Count, Q
from django.utils import timezone

from advisor.env import env_int
from advisor.questionnaire.models import Assessment

DAYS_VARIABLE = "DJANGO_PURGE_AFTER_DAYS"
DEFAULT_DAYS = 90  # as long as a session cookie lives: by then no browser can find them anyway
BATCH = 500
# Older than anything stored; far larger ages cannot be subtracted from today (OverflowError).
MAX_DAYS = 36500


class Command(BaseCommand):
    help = (
        "Delete anonymous questionnaires left unfinished, and anonymous results never saved as a report, "
        f"older than --days (default ${DAYS_VARIABLE}, or {DEFAULT_DAYS}), and the expired sessions. "
        "Nothing an account owns and nothing saved as a report is touched. Run it daily from cron."
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
        stale = Assessment.objects.stale(cutoff)
        counts = stale.aggregate(
            unfinished=Count("pk", filter=Q(finished_at__isnull=True)),
            unsaved=Count("pk", filter=Q(finished_at__isnull=False)),
        )
        expired = Session.objects.filter(expire_date__lt=timezone.now()).count()
        if not dry_run:
            self._purge(cutoff)
            call_command("clearsessions")
        verb = "Dry run: would purge" if dry_run else "Purged"
        self.stdout.write(
            self.style.SUCCESS(
                f"{verb} {counts['unfinished']} unfinished and {counts['unsaved']} unsaved anonymous "
                f"questionnaire(s) older than {days} days, and {expired} expired session(s)."
            )
        )

    def _purge(self, cutoff: datetime.datetime) -> None:
        """In batches, each its own transaction; each batch is chosen again by the same rule
        as it is deleted, so one claimed or saved a moment ago is left alone."""
        while True:
            batch = list(Assessment.objects.stale(cutoff).order_by("pk").values_list("pk", flat=True)[:BATCH])
            if not batch:
                return
            Assessment.objects.stale(cutoff).filter(pk__in=batch).delete()
