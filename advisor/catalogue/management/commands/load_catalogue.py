from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from advisor.catalogue.exchange import importer, versions
from advisor.catalogue.exchange.fields import CatalogueError
from advisor.catalogue.exchange.loader import SEED_PATH, read_file
from advisor.catalogue.models import CatalogueVersion, Track

COUNTED = ("tracks", "skills", "requirements", "questions", "steps")


class Command(BaseCommand):
    help = (
        "Load a catalogue file (the seed catalogue by default) in one all-or-nothing transaction: "
        "the entries it names are overwritten, entries it leaves out are left alone."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?", default=str(SEED_PATH), help="catalogue file: .yaml, .yml or .json")
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="do nothing when a catalogue is already loaded, so admin edits survive `make run`",
        )

    def handle(self, *args, path: str, if_empty: bool, **options):
        if if_empty and Track.objects.exists():
            self.stdout.write("Catalogue already loaded; nothing to do.")
            return
        note = f"load_catalogue {Path(path).name}"
        try:
            catalogue = read_file(Path(path))
            # All or nothing, unlike an import's batches: a half-loaded catalogue in an
            # empty database would pass --if-empty's test at the next start.
            with transaction.atomic():
                importer.apply(catalogue, importer.Mode.REPLACE, note=note)
        except CatalogueError as exc:
            raise CommandError(str(exc)) from None
        if CatalogueVersion.current() is None:
            versions.record(note=note)
        summary = ", ".join(f"{len(catalogue[section])} {section}" for section in COUNTED)
        self.stdout.write(self.style.SUCCESS(f"Loaded {path}: {summary}."))
