"""A fixed-window counter in the shared cache: how many times a key was hit in the current window.

Used for the password-reset form (per IP address and per e-mail address). The
cache is Redis in production (shared by every web process). When the cache
cannot be reached the limit is not enforced (a warning is logged): a reset
must stay possible during an outage of the cache.
"""

from __future__ import annotations

import hashlib
import logging
import time

from django.core.cache import cache

logger = logging.getLogger(__name__)


def hit(scope: str, identity: str, window_seconds: int) -> int:
    """Count one hit of *identity* in *scope*; returns the hits in the current window (0 when the cache is down)."""
    digest = hashlib.sha256(identity.strip().lower().encode()).hexdigest()[:32]
    window = int(time.time()) // window_seconds
    key = f"ratelimit:{scope}:{window}:{digest}"
    try:
        if cache.add(key, 1, timeout=window_seconds):
            return 1
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=window_seconds)
        return 1
    except Exception as exc:
        logger.warning("rate limit not enforced, cache unavailable: %s: %s", type(exc).__name__, exc)
        return 0
