"""What every catalogue model shares: the proficiency scale's top and the
English and Chinese columns of a translated text."""

from __future__ import annotations

from django.db import models
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

MAX_LEVEL = 4


def text_pair(label: str, *, blank: bool = False, long: bool = False) -> tuple[models.Field, models.Field]:
    """The English and Chinese columns of one translated text."""
    field = models.TextField if long else models.CharField
    extra = {} if long else {"max_length": 300}
    return (
        field(format_lazy("{} · English", label), blank=blank, **extra),
        field(format_lazy("{} · 中文", label), blank=blank, **extra),
    )


# What editors read in the admin, list columns and history alike: plain words for
# the slug (the entry's name in web addresses and catalogue files) and the position.
SLUG_LABEL = _("web address name")
SLUG_HELP = _(
    "The entry's short name in web addresses and in catalogue files (export and import): "
    "lower-case letters, digits and hyphens. Changing it breaks links and files that use the old name."
)
ORDER_LABEL = _("order")
ORDER_HELP = _("Lower numbers come first.")


def slug_field(**kwargs) -> models.SlugField:
    return models.SlugField(SLUG_LABEL, unique=True, help_text=SLUG_HELP, **kwargs)


def order_field() -> models.PositiveSmallIntegerField:
    return models.PositiveSmallIntegerField(ORDER_LABEL, default=0, help_text=ORDER_HELP)
