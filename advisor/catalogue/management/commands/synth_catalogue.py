from __future__ import annotations

import json
from pathlib import Path

import yaml
from django.core.management.base import BaseCommand, CommandError

from advisor.catalogue.exchange import exporter, importer, loader, synth
from advisor.catalogue.exchange.fields import CatalogueError


class Command(BaseCommand):
    help = (
        "Generate a valid catalogue N times the size of the seed (or of PATH) and load it, "
        "or write it to a file with --output. For query-count tests and the load benchmark."
    )

    def add_arguments(self, parser):
        parser.add_argument("--scale", type=int, required=True, help="how many copies of the catalogue's content")
        parser.add_argument("--from", dest="source", default=str(loader.SEED_PATH), help="catalogue to scale up")
        parser.add_argument("--output", help="write the catalogue to this .yaml or .json file instead of loading it")

    def handle(self, *args, scale: int, source: str, output: str | None, **options):
        if scale < 1:
            raise CommandError("--scale must be 1 or more")
        raw = yaml.safe_load(Path(source).read_text(encoding="utf-8"))
        data = synth.scaled(raw, scale)
        try:
            checked = loader.check(data, f"{Path(source).name} × {scale}")
        except CatalogueError as exc:
            raise CommandError(str(exc)) from None
        if output:
            path = Path(output)
            if path.suffix == ".json":
                path.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
            else:
                text = yaml.dump(data, Dumper=exporter.PlainDumper, allow_unicode=True, sort_keys=False)
                path.write_text(text, encoding="utf-8")
            self.stdout.write(f"Wrote {path}.")
        else:
            importer.apply(checked, importer.Mode.REPLACE, note=f"synth_catalogue --scale {scale}")
        summary = ", ".join(f"{len(checked[s])} {s}" for s in ("tracks", "skills", "questions", "steps"))
        self.stdout.write(self.style.SUCCESS(f"Catalogue × {scale}: {summary}."))
