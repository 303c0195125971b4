from __future__ import annotations

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from advisor.catalogue.exchange import importer, loader
from advisor.catalogue.exchange.diff import summary
from advisor.catalogue.exchange.fields import CatalogueError
from advisor.catalogue.models import CatalogueVersion


class Command(BaseCommand):
    help = (
        "Import a catalogue file (YAML or JSON in the seed file's format, or a CSV requirement table) "
        "over the current catalogue. Entries the file leaves out are kept unless --prune; "
        "nothing saved answers use is ever deleted."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="catalogue file: .yaml, .yml, .json or .csv")
        parser.add_argument("--format", choices=loader.FORMATS, help="file format (default: from the file name)")
        parser.add_argument("--dry-run", action="store_true", help="print what would change and write nothing")
        parser.add_argument("--prune", action="store_true", help="delete entries the file leaves out")
        parser.add_argument("--user", help="username to record in history and in the catalogue version")

    def handle(self, *args, path: str, format: str | None, dry_run: bool, prune: bool, user: str | None, **options):
        account = None
        if user is not None:
            account = get_user_model().objects.filter(username=user).first()
            if account is None:
                raise CommandError(f"no user named {user!r}")
        mode = importer.Mode.PRUNE if prune else importer.Mode.REPLACE
        try:
            catalogue = loader.read_file(Path(path), format)
            if dry_run:
                plan = importer.plan(catalogue, mode)
                self.stdout.write(plan.text(), ending="")
                if plan.blockers:
                    raise CommandError("the import would be refused; see above")
                return
            plan = importer.apply(catalogue, mode, user=account, note=f"import_catalogue {Path(path).name}")
        except CatalogueError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(plan.text(), ending="")
        if plan.has_changes:
            version = CatalogueVersion.current().number
            self.stdout.write(self.style.SUCCESS(f"Imported {path}: {summary(plan.changes)} Now at version {version}."))
        else:
            self.stdout.write("Nothing to import.")
