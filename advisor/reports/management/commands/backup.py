from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from advisor.reports import backup


class Command(BaseCommand):
    help = (
        "Back up the whole database (DATABASE_URL) while the app runs: SQLite through the online "
        "backup API, PostgreSQL through pg_dump -Fc. PATH is a file, or a directory that gets "
        "advisor-<UTC time>.sqlite3 or .dump (default: backups/)."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?", default="backups/", help="file or directory (default: backups/)")

    def handle(self, *args, path: str, **options):
        target = Path(path)
        if path.endswith("/"):
            target.mkdir(parents=True, exist_ok=True)
        try:
            written = backup.backup(target)
        except backup.BackupError as exc:
            raise CommandError(str(exc)) from None
        size = written.stat().st_size
        self.stdout.write(self.style.SUCCESS(f"Backed up to {written} ({size:,} bytes)."))
