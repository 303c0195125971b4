"""Counting requests per key in fixed windows, in Django's cache.

The counter lives in the cache named by settings.THROTTLE_CACHE: per process
with the default local-memory cache, shared by every process and server when
that cache is shared (the database cache, or memcached/Redis). Keys are hashed,
so no e-mail address or IP address is stored in the clear."""

from __future__ import annotations

import hashlib
import time

from django.conf import settings
from django.core.cache import caches


def _cache():
    return caches[settings.THROTTLE_CACHE]


def hit(scope: str, key: str, limit: int, window: int) -> int | None:
    """Count one request for `key`; None while within `limit` per `window` seconds,
    else the seconds until the window ends and requests are taken again."""
    now = int(time.time())
    start = now - now % window
    digest = hashlib.blake2b(f"{scope}:{key}".encode(), digest_size=16).hexdigest()
    name = f"throttle:{scope}:{digest}:{start}"
    cache = _cache()
    # add() then incr(): atomic on caches that support it (memcached, Redis); the
    # entry outlives its window a little so a clock skew between servers is harmless.
    cache.add(name, 0, timeout=window + 60)
    try:
        count = cache.incr(name)
    except ValueError:  # evicted between add and incr
        cache.set(name, 1, timeout=window + 60)
        count = 1
    if count <= limit:
        return None
    return max(1, start + window - now)
