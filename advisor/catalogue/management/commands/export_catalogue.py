from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from advisor.catalogue.exchange.exporter import FORMATS, export


class Command(BaseCommand):
    help = "Write the whole catalogue as YAML or JSON (the seed file's format), or the requirement table as CSV."

    def add_arguments(self, parser):
        parser.add_argument("--format", choices=sorted(FORMATS), default="yaml")
        parser.add_argument("-o", "--output", help="file to write (default: standard output)")

    def handle(self, *args, format: str, output: str | None, **options):
        text = export(format)
        if output is None:
            self.stdout.write(text, ending="")
            return
        try:
            Path(output).write_text(text, encoding="utf-8")
        except OSError as exc:
            raise CommandError(f"{output}: cannot be written: {exc.strerror}") from None
        self.stderr.write(f"Wrote {output}.")
