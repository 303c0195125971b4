from __future__ import annotations

from django import template
from django.utils.translation import gettext as _

from advisor import scoring
from advisor.i18n import current_lang

register = template.Library()


@register.filter
def page_links(step):
    """A step's links for a page in the active language: pages in that language
    (or both) first; the others only when there are none."""
    return step.links_in(current_lang())


@register.filter
def listing(items) -> str:
    """Names joined the way the active language lists them ("a, b" or "a、b")."""
    return _(", ").join(str(item) for item in items)


@register.simple_tag
def band_rules() -> dict:
    """The thresholds behind the verdicts, for the legend that explains them."""
    return {
        "ready": round(scoring.READY_AT),
        "reach": round(scoring.WITHIN_REACH_AT),
        "short": scoring.WITHIN_REACH_SHORTFALL,
        "hours": scoring.WITHIN_REACH_HOURS,
    }
