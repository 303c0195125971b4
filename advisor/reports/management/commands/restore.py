from __future__ import annotations

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from advisor.questionnaire.models import Assessment
from advisor.reports import backup
from advisor.reports.models import Report


class Command(BaseCommand):
    help = (
        "Restore a backup made by `backup` into the database DATABASE_URL names, which must be "
        "empty (a fresh file, or a database made with createdb) unless --replace. Then migrates "
        "(a backup from an older release gets the newer tables) and checks the insights counts."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="a .sqlite3 or .dump file written by `manage.py backup`")
        parser.add_argument("--replace", action="store_true", help="overwrite a database that is not empty")

    def handle(self, *args, path: str, replace: bool, **options):
        source = Path(path)
        if not source.is_file():
            raise CommandError(f"{source} does not exist.")
        try:
            backup.restore(source, replace=replace)
        except backup.BackupError as exc:
            raise CommandError(str(exc)) from None
        call_command("migrate", verbosity=0, interactive=False)
        users, assessments, reports = (m.objects.count() for m in (get_user_model(), Assessment, Report))
        self.stdout.write(
            self.style.SUCCESS(
                f"Restored {source}: {users} account(s), {assessments} questionnaire(s), {reports} report(s)."
            )
        )
        call_command("backfill_insights", "--check", stdout=self.stdout)
