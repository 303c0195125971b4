"""An uploaded catalogue file waiting between the import's preview and its confirm.

The confirm used to post the whole file back as a form field, which Django's
DATA_UPLOAD_MAX_MEMORY_SIZE (2.5 MiB) caps below what the preview accepts; now
the file stays here and the confirm names it by a random key, so any file the
preview accepts can be confirmed."""

from __future__ import annotations

import datetime
import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

LIFETIME = datetime.timedelta(hours=1)  # a preview older than this is refused: upload again


def new_key() -> str:
    return secrets.token_urlsafe(32)  # 256 random bits: a key cannot be guessed


class PendingImportQuerySet(models.QuerySet):
    def expired(self) -> PendingImportQuerySet:
        return self.filter(created_at__lt=timezone.now() - LIFETIME)


class PendingImport(models.Model):
    key = models.CharField(primary_key=True, max_length=64, default=new_key, editable=False)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", verbose_name=_("uploaded by")
    )
    name = models.CharField(_("file name"), max_length=255)
    content = models.TextField(_("content"))
    prune = models.BooleanField(_("delete entries the file leaves out"), default=False)
    base = models.CharField(_("catalogue previewed against"), max_length=64)  # exporter.content_hash
    created_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    objects = PendingImportQuerySet.as_manager()

    class Meta:
        verbose_name = _("pending import")
        verbose_name_plural = _("pending imports")

    def __str__(self) -> str:
        return self.name

    @property
    def is_expired(self) -> bool:
        return self.created_at < timezone.now() - LIFETIME
