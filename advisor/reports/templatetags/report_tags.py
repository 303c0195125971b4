from __future__ import annotations

import re

from django import template

from advisor.reports.models import StepProgress

register = template.Library()


@register.filter
def get_item(mapping: dict, key: str):
    return mapping.get(key) if isinstance(mapping, dict) else None


# A step's state is saved under its slug and posted to a URL that carries it:
# only a slug that fits both can have a state form. A report saved from a
# catalogue that once let a bad slug in still opens; that step shows its state.
TRACKABLE = re.compile(rf"[-a-zA-Z0-9_]{{1,{StepProgress._meta.get_field('step').max_length}}}")


@register.filter
def trackable(slug: object) -> bool:
    return isinstance(slug, str) and TRACKABLE.fullmatch(slug) is not None
