from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from advisor.catalogue import market
from advisor.catalogue.evidence import report as evidence_report

MIN_COVERAGE = 0.82


class Command(BaseCommand):
    help = (
        "Hold the evidence set of job postings (docs/market/postings.yaml) against the skill mapping: per track, "
        "how many of the postings' core requirements the track requires, where they disagree, what is unmapped, "
        "and the pay the postings show."
    )

    def add_arguments(self, parser):
        parser.add_argument("--evidence", help="the evidence file (default: docs/market/postings.yaml)")
        parser.add_argument(
            "--check",
            action="store_true",
            help=(
                "fail on a broken file, an unexplained disagreement, a weight outside its postings' band, "
                "a short target not marked thin, or coverage under 82%%"
            ),
        )

    def handle(self, *args, evidence: str | None, check: bool, **options):
        result = evidence_report(Path(evidence) if evidence else None)
        for line in result.problems:
            self.stdout.write(f"! {line}")
        for t in result.tracks:
            self.stdout.write(_track(t))
        self.stdout.write("\nNamed posts:")
        for post, n in result.posts.items():
            self.stdout.write(
                f"  {post}: {n} posting{'s' if n != 1 else ''}{' (thin)' if n < market.ENOUGH_POSTINGS else ''}"
            )
        coverage = result.coverage
        total = sum(t.core for t in result.tracks)
        self.stdout.write(f"\nOverall: {_pct(coverage)} of {total} core requirements are skills their track requires.")
        failures = list(result.problems)
        failures += [f"{track} × {d.skill}: unexplained disagreement ({d.kind})" for track, d in result.unexplained]
        failures += [
            f"{name}: fewer than {market.ENOUGH_POSTINGS} postings, not marked thin" for name in result.not_thin_enough
        ]
        failures += result.off_band
        if coverage is not None and coverage < MIN_COVERAGE:
            failures.append(f"coverage {_pct(coverage)} is under {_pct(MIN_COVERAGE)}")
        if check and failures:
            raise CommandError("\n".join(failures))
        if failures:
            self.stdout.write("\n".join(f"! {f}" for f in failures))


def _pct(share: float | None) -> str:
    return "—" if share is None else f"{round(100 * share)}%"


def _track(t: market.TrackEvidence) -> str:
    lines = [
        f"\n== {t.track}: {len(t.postings)} posting{'s' if len(t.postings) != 1 else ''}{' (thin)' if t.thin else ''}"
    ]
    lines.append(f"  core requirements that the track requires: {t.covered} of {t.core} ({_pct(t.coverage)})")
    if t.asked:
        lines.append("  core in most postings: " + ", ".join(f"{skill} ({n})" for skill, n in t.asked[:8]))
    for d in t.disagreements:
        what = (
            f"core in {d.postings} of {d.of} postings, weighted below {market.STRONG_IMPORTANCE} and not essential"
            if d.kind == "under-weighted"
            else f"essential, in none of the {d.of} postings"
        )
        lines.append(f"  disagreement: {d.skill}: {what} — {d.explanation or 'UNEXPLAINED'}")
    if t.unmentioned:
        lines.append("  required, in no posting: " + ", ".join(t.unmentioned))
    if t.unmapped:
        lines.append("  unmapped: " + ", ".join(f"{k} ({n})" for k, n in t.unmapped[:10]))
    if t.pay:
        for pay in t.pay:
            who = pay.seniority or "all"
            lines.append(
                f"  pay ({who}): {pay.low:,}–{pay.high:,} CNY a month, median of {len(pay.postings)} postings, {', '.join(pay.tiers)}"
            )
    else:
        lines.append(f"  pay: thin ({t.pay_count} posting{'s' if t.pay_count != 1 else ''} show a figure)")
    return "\n".join(lines)
