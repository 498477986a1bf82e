"""The cache of the public pages and their HTTP caching headers.

Anonymous visitors get whole pages from the cache (Django's ``default``
cache; LocMem in one process, Redis when ``CACHE_URL`` is set, which a
deployment with several processes needs). A page's key holds:

* the *public version*: a timestamp bumped by :func:`invalidate`, which the
  signals in ``public.signals`` call whenever what citizens see may change
  (a plan published or archived, a document saved, a value approved, a
  zone's profile edited). Bumping it orphans every cached page at once; the
  old entries expire on their own after ``PUBLIC_CACHE_SECONDS``;
* the *documents stamp*: the newest finished public document and their
  count. A generation job finishes with a queryset ``update()`` (see
  ``core.jobs``), which sends no signal; one cheap aggregate per
  request catches it anyway;
* an import writes its rows in bulk (no signals) and finishes with
  ``update()``; ``core.jobs.job_finished`` tells ``public.signals``, which
  invalidates once that commits;
* the language and the full path (with the query string).

Invalidation waits for the transaction to commit (:func:`invalidate_on_commit`):
bumped before, a concurrent request could cache the old page under the new
version until it expires.

The cache degrades instead of failing: when it cannot be reached (Redis down),
every read is a miss, every write is dropped, a warning is logged, and pages
are made fresh for each request.

Signed-in users are served fresh pages (their header names them and carries
a CSRF token), never from or into the shared cache, with ``private`` headers.
"""

from __future__ import annotations

import hashlib
import logging
import time
from datetime import UTC, datetime
from functools import wraps

from django.conf import settings
from django.contrib.messages import get_messages
from django.core.cache import cache
from django.db import transaction
from django.db.models import Count, Max
from django.http import HttpResponse
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers
from django.utils.http import http_date
from django.utils.translation import get_language

logger = logging.getLogger(__name__)

VERSION_KEY = "public:version"
# How long a browser or a shared proxy may reuse a public page without asking again. Short, so that a
# publication reaches everyone quickly; after it, a conditional request (ETag / Last-Modified) costs little.
BROWSER_MAX_AGE = 60


def _now_micros() -> int:
    return time.time_ns() // 1000


# After a failure the cache is left alone for a few seconds: a request then costs no connection attempts.
RETRY_AFTER_SECONDS = 5.0
_unavailable_until = 0.0
# An invalidation may have been lost while the cache was down: the first success after a failure bumps the version.
_lost_invalidation = False


def reset_availability() -> None:
    """Forget a past failure (tests; the next call tries the cache again)."""
    global _unavailable_until, _lost_invalidation
    _unavailable_until, _lost_invalidation = 0.0, False


def _safely(operation: str, call, default=None):
    """*call*() on the cache; *default* (and a warning in the log) when the cache cannot be reached."""
    global _unavailable_until, _lost_invalidation
    if time.monotonic() < _unavailable_until:
        return default
    try:
        if _lost_invalidation:
            cache.set(VERSION_KEY, max(_now_micros(), (cache.get(VERSION_KEY) or 0) + 1), timeout=None)
            _lost_invalidation = False
        return call()
    except Exception as exc:  # the backend's own errors (redis.ConnectionError, TimeoutError, OSError, ...)
        _unavailable_until = time.monotonic() + RETRY_AFTER_SECONDS
        _lost_invalidation = True
        logger.warning("public cache unavailable (%s), serving uncached: %s: %s", operation, type(exc).__name__, exc)
        return default


def cache_get(key: str):
    return _safely("get", lambda: cache.get(key))


def cache_set(key: str, value, timeout) -> bool:
    return _safely("set", lambda: cache.set(key, value, timeout) or True, default=False)


def version() -> int:
    """The current public version (microseconds since the epoch of the last invalidation).

    Without a reachable cache, the current time: nothing is served from the cache then anyway.
    """

    def read():
        current = cache.get(VERSION_KEY)
        if current is None:
            cache.add(VERSION_KEY, _now_micros(), timeout=None)
            current = cache.get(VERSION_KEY) or _now_micros()
        return current

    return _safely("version", read) or _now_micros()


def invalidate() -> int:
    """Orphan every cached public page now; returns the new version (0 when the cache is unreachable).

    Call :func:`invalidate_on_commit` from code that writes: this one does not wait for the transaction.
    """

    def bump():
        new = max(_now_micros(), (cache.get(VERSION_KEY) or 0) + 1)
        cache.set(VERSION_KEY, new, timeout=None)
        return new

    return _safely("invalidate", bump, default=0)


class _PendingInvalidation:
    """The invalidation after one transaction's commit: every row saved in it registers it; the first run counts."""

    done = False

    def __call__(self) -> None:
        if not self.done:
            self.done = True
            invalidate()


def invalidate_on_commit(using: str | None = None) -> None:
    """Invalidate once the current transaction commits (at once outside one), once however many rows it saves."""
    conn = transaction.get_connection(using)
    pending = getattr(conn, "_public_pending_invalidation", None)
    if pending is None or pending.done or not conn.in_atomic_block:
        pending = _PendingInvalidation()
        conn._public_pending_invalidation = pending
    transaction.on_commit(pending, using=using)


def documents_stamp() -> tuple[datetime | None, int]:
    """(newest finished_at, count) of the downloadable public documents."""
    from documents.models import Document

    row = Document.objects.public().aggregate(newest=Max("finished_at"), count=Count("id"))
    return row["newest"], row["count"]


def _micros(moment: datetime | None) -> int:
    return int(moment.timestamp() * 1_000_000) if moment else 0


def state() -> tuple[str, datetime]:
    """The cache stamp of the public content and the time it last changed."""
    current = version()
    newest_document, document_count = documents_stamp()
    changed = datetime.fromtimestamp(current / 1_000_000, tz=UTC)
    if newest_document is not None and newest_document > changed:
        changed = newest_document
    return f"{current}.{_micros(newest_document)}.{document_count}", changed


def page_key(stamp: str, path: str) -> str:
    digest = hashlib.sha256(path.encode()).hexdigest()
    return f"public:page:{stamp}:{get_language()}:{digest}"


def _has_pending_messages(request) -> bool:
    return bool(len(get_messages(request))) if hasattr(request, "_messages") else False


def public_page(view):
    """Serves *view* from the public cache to anonymous visitors and sets the caching headers.

    Works on function views and, through ``method_decorator(public_page, name="dispatch")``, on class views.
    """

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method not in ("GET", "HEAD"):
            return view(request, *args, **kwargs)
        anonymous = not request.user.is_authenticated
        stamp, changed = state()
        key = page_key(stamp, request.get_full_path())
        shared = anonymous and not _has_pending_messages(request)
        cached = cache_get(key) if shared else None
        if cached is not None:
            response = HttpResponse(cached["content"], content_type=cached["content_type"])
            response["X-Public-Cache"] = "hit"
        else:
            response = view(request, *args, **kwargs)
            if hasattr(response, "render") and callable(response.render):
                response.render()
            if shared and response.status_code == 200 and not response.streaming:
                entry = {"content": response.content, "content_type": response["Content-Type"]}
                if cache_set(key, entry, settings.PUBLIC_CACHE_SECONDS):
                    response["X-Public-Cache"] = "miss"
        if response.status_code != 200:
            return response
        return _with_caching_headers(request, response, changed, anonymous)

    return wrapper


def _with_caching_headers(request, response, changed: datetime, anonymous: bool):
    # The page depends on the language (cookie or Accept-Language) and, for signed-in users, on the session.
    patch_vary_headers(response, ("Accept-Language", "Cookie"))
    if anonymous:
        patch_cache_control(response, public=True, max_age=BROWSER_MAX_AGE)
    else:
        patch_cache_control(response, private=True, no_cache=True)
    etag = f'"{hashlib.md5(response.content, usedforsecurity=False).hexdigest()}"'
    response["ETag"] = etag
    last_modified = int(changed.timestamp())
    response["Last-Modified"] = http_date(last_modified)
    return get_conditional_response(request, etag=etag, last_modified=last_modified, response=response)
