from __future__ import annotations

import time

from django.core.management.base import BaseCommand, CommandError

from advisor.catalogue.models import Track
from advisor.reports import synth


class Command(BaseCommand):
    help = (
        "Add N synthetic saved reports, their save dates spread evenly over the last 52 weeks: a few "
        "dozen random people go through the real finish-and-save path, then are cloned in bulk with "
        "the same insight rows. For the insights benchmark; never on a database people use."
    )

    def add_arguments(self, parser):
        parser.add_argument("n", type=int, help="how many reports")
        parser.add_argument("--profiles", type=int, default=36, help="distinct people cloned (default 36)")
        parser.add_argument("--weeks", type=int, default=52, help="weeks the dates spread over (default 52)")
        parser.add_argument("--seed", type=int, default=1, help="random seed, for the same reports again")

    def handle(self, *args, n: int, profiles: int, weeks: int, seed: int, **options):
        if n < 1 or profiles < 1 or weeks < 1:
            raise CommandError("N, --profiles and --weeks must be 1 or more")
        if not Track.objects.exists():
            raise CommandError("The catalogue is empty: run `manage.py load_catalogue` first.")
        began = time.perf_counter()
        written = synth.make(n, profiles=profiles, weeks=weeks, seed=seed, say=self.stdout.write)
        took = time.perf_counter() - began
        self.stdout.write(self.style.SUCCESS(f"Wrote {written} synthetic reports in {took:.1f} s."))
