"""What every catalogue model shares: the proficiency scale's top and the
English and Chinese columns of a translated text."""

from __future__ import annotations

from django.db import models
from django.utils.text import format_lazy

MAX_LEVEL = 4


def text_pair(label: str, *, blank: bool = False, long: bool = False) -> tuple[models.Field, models.Field]:
    """The English and Chinese columns of one translated text."""
    field = models.TextField if long else models.CharField
    extra = {} if long else {"max_length": 300}
    return (
        field(format_lazy("{} · English", label), blank=blank, **extra),
        field(format_lazy("{} · 中文", label), blank=blank, **extra),
    )
