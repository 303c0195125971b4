from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from advisor.reports import reminders


class Command(BaseCommand):
    help = (
        "E-mail each weekly reminder its report's next step, at most once per ISO week (run it from "
        "cron, e.g. every Monday morning; running it again the same week sends nothing twice). Skips "
        "reports with every step done or skipped, and accounts without an e-mail address."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="say what would be sent; send and record nothing")

    def handle(self, *args, dry_run: bool, **options):
        outcome = reminders.send_due(dry_run=dry_run)
        if options["verbosity"] >= 2:
            for due in outcome.sent:
                self.stdout.write(
                    f"{'would send' if dry_run else 'sent'}: report {due.reminder.report_id}, {due.step.slug}"
                )
            for reminder in outcome.all_done:
                self.stdout.write(f"skipped: report {reminder.report_id}, every step done or skipped")
            for reminder in outcome.no_address:
                self.stdout.write(f"skipped: report {reminder.report_id}, no e-mail address")
        verb = "Dry run: would send" if dry_run else "Sent"
        line = (
            f"{verb} {len(outcome.sent)} weekly reminder(s); skipped {len(outcome.all_done)} with every step "
            f"done, {len(outcome.no_address)} without an e-mail address; {outcome.already} already sent this week"
        )
        if outcome.failed:
            line += f"; {len(outcome.failed)} failed (kept for the next run)"
        self.stdout.write((self.style.ERROR if outcome.failed else self.style.SUCCESS)(line + "."))
        if outcome.failed:
            # A non-zero exit, so cron reports it; the next run tries them again.
            raise CommandError("Some reminders could not be sent: is the mail server reachable?")
