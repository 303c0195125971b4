from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from advisor.catalogue.loader import SEED_PATH, CatalogueError, load_file
from advisor.catalogue.models import CatalogueVersion, Track


class Command(BaseCommand):
    help = "Load a catalogue file (the seed catalogue by default) in one all-or-nothing transaction."

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?", default=str(SEED_PATH), help="catalogue YAML file")
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="do nothing when a catalogue is already loaded, so admin edits survive `make run`",
        )

    def handle(self, *args, path: str, if_empty: bool, **options):
        if if_empty and Track.objects.exists():
            self.stdout.write("Catalogue already loaded; nothing to do.")
            return
        try:
            counts = load_file(Path(path))
        except CatalogueError as exc:
            raise CommandError(str(exc)) from None
        CatalogueVersion.record(note=f"load_catalogue {Path(path).name}")
        summary = ", ".join(f"{n} {kind}" for kind, n in counts.items())
        self.stdout.write(self.style.SUCCESS(f"Loaded {path}: {summary}."))
