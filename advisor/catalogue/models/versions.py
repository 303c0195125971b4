"""Catalogue versions: numbered states of the whole catalogue (exchange/versions.py records them)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class CatalogueVersion(models.Model):
    """A numbered state of the whole catalogue. Each admin save or import that
    changes the content adds one, so a saved report can say which catalogue it
    was computed from, and that catalogue can be read back from `snapshot`."""

    number = models.PositiveIntegerField(_("number"), unique=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    note = models.CharField(_("note"), max_length=300, blank=True)
    content_hash = models.CharField(_("content hash"), max_length=64)
    snapshot = models.JSONField(_("snapshot"))

    class Meta:
        ordering = ["-number"]
        get_latest_by = "number"
        verbose_name = _("catalogue version")
        verbose_name_plural = _("catalogue versions")

    def __str__(self) -> str:
        return f"v{self.number}"

    @classmethod
    def current(cls) -> CatalogueVersion | None:
        """The version the catalogue is at now (the exchange package records them), if any."""
        return cls.objects.order_by("-number").first()
