from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from advisor.catalogue.models import ContextQuestion, Track
from advisor.questionnaire.models import ContextAnswer
from advisor.reports import insights, standings
from advisor.reports.models import GapRow, Report, TrackStanding


class Command(BaseCommand):
    help = (
        "Write the insight rows of saved reports that have none (reports saved before the rows "
        "existed, or bulk-loaded), in batches. Safe to re-run and to stop half-way. With --check, "
        "compare every week's aggregates with a recount from the snapshots instead."
    )

    def add_arguments(self, parser):
        parser.add_argument("--batch-size", type=int, default=500, help="reports per transaction (default 500)")
        parser.add_argument(
            "--check", action="store_true", help="write nothing; recount from the snapshots and compare"
        )

    def handle(self, *args, batch_size: int, check: bool, **options):
        if batch_size < 1:
            raise CommandError("--batch-size must be 1 or more")
        if check:
            return self.check_rows()
        written = standings.backfill(
            Report, TrackStanding, GapRow, ContextAnswer, ContextQuestion.Use.CURRENT_ROLE, batch=batch_size
        )
        self.stdout.write(self.style.SUCCESS(f"Wrote the insight rows of {written} report(s)."))

    def check_rows(self) -> None:
        """Over every week any report was saved in: the database's aggregates against the snapshots'."""
        first = Report.objects.order_by("created_at").values_list("created_at", flat=True).first()
        if first is None:
            self.stdout.write("No saved reports: nothing to check.")
            return
        span = insights.Range(standings.week_of(first), insights.Range.recent(1).last)
        order = {slug: i for i, slug in enumerate(Track.objects.values_list("slug", flat=True))}
        roles = dict(
            ContextAnswer.objects.filter(question__slug=ContextQuestion.Use.CURRENT_ROLE).values_list(
                "assessment_id", "choice__value"
            )
        )
        saved = Report.objects.order_by().values_list("snapshot__tracks", "snapshot__current_role", "assessment_id")
        expected = insights.recount(
            ((tracks, roles.get(a, "") if role is None else role) for tracks, role, a in saved.iterator()), order
        )
        found = insights.summary(span, order)
        if found != expected:
            raise CommandError(
                "The insight rows disagree with the snapshots; run backfill_insights after "
                f"deleting the rows to rewrite them.\nrows:      {found}\nsnapshots: {expected}"
            )
        self.stdout.write(self.style.SUCCESS(f"The insight rows agree with the {expected.reports} snapshot(s)."))
