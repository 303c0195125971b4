from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from advisor.catalogue.models import ContextQuestion, Track
from advisor.questionnaire.models import ContextAnswer
from advisor.reports import insights, standings
from advisor.reports.models import Report, WeeklyCount


class Command(BaseCommand):
    help = (
        "Count the saved reports that are not in the insights page's weekly counts yet (saved "
        "before the counts existed, or bulk-loaded), in batches. Safe to re-run and to stop "
        "half-way. With --check, compare the counts with a recount from the snapshots instead."
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
        done = standings.backfill(
            Report, WeeklyCount, ContextAnswer, ContextQuestion.Use.CURRENT_ROLE, batch=batch_size
        )
        self.stdout.write(self.style.SUCCESS(f"Counted {done} report(s) into the weekly counts."))

    def check_rows(self) -> None:
        """Over every week any report was saved in: the weekly counts against the snapshots'."""
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
                "The weekly counts disagree with the snapshots. To count afresh: delete every "
                "WeeklyCount row, set every report's `counted` to false, run backfill_insights."
                f"\ncounts:    {found}\nsnapshots: {expected}"
            )
        self.stdout.write(self.style.SUCCESS(f"The weekly counts agree with the {expected.reports} snapshot(s)."))
