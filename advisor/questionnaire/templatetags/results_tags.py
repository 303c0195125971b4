from __future__ import annotations

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from advisor import scoring
from advisor.i18n import current_lang, join_list
from advisor.questionnaire.compare import compare, partner
from advisor.questionnaire.results import TABS
from advisor.questionnaire.roadmap import FINISHED, layout

register = template.Library()


@register.filter
def page_links(step):
    """A step's links for a page in the active language: pages in that language
    (or both) first; the others only when there are none."""
    return step.links_in(current_lang())


# A verdict's badge: a filter, not an include, as a page shows it for every track.
BANDS = {
    "ready": ("band-ready", gettext_lazy("Ready")),
    "within_reach": ("band-reach", gettext_lazy("Within reach")),
}
LONG_ROAD = ("band-long", gettext_lazy("Long road"))


@register.filter
def band_badge(band: str) -> SafeString:
    css, label = BANDS.get(band, LONG_ROAD)
    # The line break the include ended with: pages stay byte for byte as recorded (tests/snapshots).
    return format_html('<span class="badge band {}">{}</span>\n', css, label)


# Words for codes the market evidence and the progress marks use.
POSTS_OF = {"entry": gettext_lazy("entry posts"), "senior": gettext_lazy("senior posts")}
CITY_TIERS = {
    "tier-1": gettext_lazy("tier-1 cities"),
    "new-tier-1": gettext_lazy("new tier-1 cities"),
    "other": gettext_lazy("other cities"),
}
STATE_WORDS = {"done": gettext_lazy("done"), "learning": gettext_lazy("learning"), "skipped": gettext_lazy("skipped")}


@register.filter
def posts_of(seniority: str) -> str:
    """ "entry posts", "senior posts", else "mid-level posts"."""
    return str(POSTS_OF.get(seniority) or _("mid-level posts"))


@register.filter
def city_tiers(tiers) -> str:
    """The city tiers of a pay range, listed; an unknown tier as "city not shown"."""
    return join_list(CITY_TIERS.get(tier) or _("city not shown") for tier in tiers)


@register.filter
def state_word(state: str) -> str:
    """A step's progress mark in words; "to do" when it has none."""
    return str(STATE_WORDS.get(state) or _("to do"))


@register.filter
def listing(items) -> str:
    """Names joined the way the active language lists them ("a, b" or "a、b")."""
    return join_list(items)


@register.simple_tag
def result_tabs() -> list[tuple[str, str]]:
    """The panes' names and labels, in tab order (results.TABS)."""
    return list(TABS.items())


@register.simple_tag
def band_rules() -> dict:
    """The thresholds behind the verdicts, for the legend that explains them."""
    return {
        "ready": round(scoring.READY_AT),
        "reach": round(scoring.WITHIN_REACH_AT),
        "short": scoring.WITHIN_REACH_SHORTFALL,
        "hours": scoring.WITHIN_REACH_HOURS,
    }


@register.simple_tag
def roadmap(track, states=None):
    """The track's plan laid out as a graph (advisor/questionnaire/roadmap.py)."""
    return layout(track, states)


@register.filter
def roadmap_count(roadmap, state: str) -> int:
    return roadmap.count(state)


@register.simple_tag
def next_step(track, states=None):
    """The first step of the track's plan not done or skipped yet, with its place in the plan."""
    if track is None:
        return None
    states = states or {}
    for number, step in enumerate(track.steps, start=1):
        if states.get(step.slug, "pending") not in FINISHED:
            return {"step": step, "number": number, "total": len(track.steps), "started": number > 1}
    return None


@register.simple_tag
def comparison(results, selected, wanted=None):
    """The selected track beside another one (advisor/questionnaire/compare.py), or None."""
    other = partner(results, selected, wanted)
    return compare(selected, other) if other is not None else None
