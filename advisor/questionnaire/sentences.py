"""The sentences the results speak in, made at render time in the active
language from the frozen results (results.py). Rules are in scoring.py; this
module only says them."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from advisor import scoring
from advisor.catalogue.models import CompanyType, Track

# A results.TrackView: the sentences read it, the view asks for them (no import back).
TrackView = Any


def why(view: TrackView) -> str:
    """One sentence on why the track scored as it did. A skill is named either
    as carrying the score or as holding it back, never as both."""
    weak = (view.critical or view.lowered)[:1]
    held = {r.skill.slug for r in weak}
    strong = [r.skill.name for r in view.raised if r.skill.slug not in held][:2]
    if not strong:
        return _("None of the skills this track needs are in place yet; start with %(skill)s.") % {
            "skill": weak[0].skill.name if weak else "—"
        }
    if not weak:
        return _("Every skill this track needs is at or above its target.")
    return ngettext(
        "%(strong)s carries this score; %(weak)s holds it back most.",
        "%(strong)s carry this score; %(weak)s holds it back most.",
        len(strong),
    ) % {"strong": _(" and ").join(str(s) for s in strong), "weak": weak[0].skill.name}


def reasons(view: TrackView) -> list[str]:
    """Why a track is not "ready", one sentence a reason; empty when it is."""
    if view.band == scoring.READY:
        return []
    out = []
    for row in view.gap_rows:
        if row.essential:
            out.append(
                _("%(skill)s is essential and you are at %(level)d of %(target)d.")
                % {"skill": row.skill.name, "level": row.level, "target": row.target}
            )
    for row in view.not_asked:
        if row.essential:
            out.append(
                _("%(skill)s is essential, and the questionnaire did not ask about it.") % {"skill": row.skill.name}
            )
    if view.readiness < scoring.READY_AT:
        out.append(
            _("Your overall match is %(percent)d%%; ready needs %(needed)d%%.")
            % {"percent": view.percent, "needed": scoring.READY_AT}
        )
    if view.essential_hours and view.essential_hours > scoring.WITHIN_REACH_HOURS:
        out.append(
            _("Closing the essential gaps takes about %(hours)d hours of practice.") % {"hours": view.essential_hours}
        )
    return out


def company_move(company: CompanyType | None, from_kind: str | None, to_kind: str | None) -> str | None:
    """What a product-led or marketing-led company means for this move: the
    source articles say each values one side more, so a move goes with it or against it."""
    if company is None or to_kind is None:
        return None
    favoured = company.favoured_kind
    if from_kind is None or from_kind == to_kind:
        if company is CompanyType.PRODUCT_LED:
            return _(
                "In a product-led company operation tends to be valued and paid better than promotion, "
                "so operation tracks are the stronger bet there."
            )
        return _(
            "In a marketing-led company promotion tends to be valued and paid better than operation, "
            "so promotion tracks are the stronger bet there."
        )
    if to_kind == favoured:
        if to_kind == Track.Kind.OPERATION:
            return _(
                "Your company is product-led, where operation tends to be valued and paid better than "
                "promotion: this move goes with it."
            )
        return _(
            "Your company is marketing-led, where promotion tends to be valued and paid better than "
            "operation: this move goes with it."
        )
    if to_kind == Track.Kind.OPERATION:
        return _(
            "Your company is marketing-led, where promotion tends to be valued more than operation. "
            "The move can still be right, but it may pay better at a product-led company."
        )
    return _(
        "Your company is product-led, where operation tends to be valued more than promotion. "
        "The move can still be right, but it may pay better at a marketing-led company."
    )
