"""Catalogue versions: a numbered state of the whole catalogue, recorded after
every admin save or import that changes its content, so a saved report can
name the catalogue it was computed from."""

from __future__ import annotations

import functools
import logging

from django.db import IntegrityError, transaction

from advisor.catalogue.exchange.exporter import catalogue_data, content_hash
from advisor.catalogue.models import CatalogueVersion

logger = logging.getLogger("advisor.catalogue")


def record(user=None, note: str = "") -> CatalogueVersion:
    """Add a version for the catalogue as it is now, unless its content is unchanged."""
    for attempt in range(3):
        # Export first, outside the lock (a second on a 10x catalogue, while SQLite's
        # writers would wait), and again under it only if a version came meanwhile:
        # every change to the catalogue records one in the transaction that makes it.
        seen = _latest_number()
        data = catalogue_data()
        digest = content_hash(data)
        try:
            with transaction.atomic():
                # The lock serialises concurrent saves on PostgreSQL; the unique
                # number catches the race for the very first version.
                latest = CatalogueVersion.objects.select_for_update().order_by("-number").first()
                if (latest.number if latest else None) != seen:
                    data = catalogue_data()
                    digest = content_hash(data)
                if latest is not None and latest.content_hash == digest:
                    return latest
                version = CatalogueVersion.objects.create(
                    number=latest.number + 1 if latest else 1,
                    created_by=user if user is not None and user.is_authenticated else None,
                    note=note if len(note) <= 300 else note[:299] + "…",
                    content_hash=digest,
                    snapshot=data,
                )
                transaction.on_commit(functools.partial(log_version, version))
                return version
        except IntegrityError:
            if attempt == 2:
                raise
    raise AssertionError("unreachable")


def _latest_number() -> int | None:
    return CatalogueVersion.objects.order_by("-number").values_list("number", flat=True).first()


def log_version(version: CatalogueVersion) -> None:
    logger.info(
        "catalogue version %d recorded: %s",
        version.number,
        version.note,
        extra={
            "event": "catalogue_version",
            "version": version.number,
            "content_hash": version.content_hash,
            "user_id": version.created_by_id,
            "note": version.note,
        },
    )
