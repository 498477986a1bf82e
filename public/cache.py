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
* the language and the full path (with the query string).

Signed-in users are served fresh pages (their header names them and carries
a CSRF token), never from or into the shared cache, with ``private`` headers.
"""

from __future__ import annotations

import hashlib
import time
from datetime import UTC, datetime
from functools import wraps

from django.conf import settings
from django.contrib.messages import get_messages
from django.core.cache import cache
from django.db.models import Count, Max
from django.http import HttpResponse
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers
from django.utils.http import http_date
from django.utils.translation import get_language

VERSION_KEY = "public:version"
# How long a browser or a shared proxy may reuse a public page without asking again. Short, so that a
# publication reaches everyone quickly; after it, a conditional request (ETag / Last-Modified) costs little.
BROWSER_MAX_AGE = 60


def _now_micros() -> int:
    return time.time_ns() // 1000


def version() -> int:
    """The current public version (microseconds since the epoch of the last invalidation)."""
    current = cache.get(VERSION_KEY)
    if current is None:
        cache.add(VERSION_KEY, _now_micros(), timeout=None)
        current = cache.get(VERSION_KEY) or _now_micros()
    return current


def invalidate() -> int:
    """Orphan every cached public page; returns the new version."""
    new = max(_now_micros(), (cache.get(VERSION_KEY) or 0) + 1)
    cache.set(VERSION_KEY, new, timeout=None)
    return new


def documents_stamp() -> tuple[datetime | None, int]:
    """(newest finished_at, count) of the downloadable public documents."""
    from documents.models import Document

    row = Document.objects.public().aggregate(newest=Max("finished_at"), count=Count("id"))
    return row["newest"], row["count"]


def state() -> tuple[str, datetime]:
    """The cache stamp of the public content and the time it last changed."""
    current = version()
    newest_document, document_count = documents_stamp()
    changed = datetime.fromtimestamp(current / 1_000_000, tz=UTC)
    if newest_document is not None and newest_document > changed:
        changed = newest_document
    document_part = int(newest_document.timestamp() * 1_000_000) if newest_document else 0
    return f"{current}.{document_part}.{document_count}", changed


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
        cached = cache.get(key) if shared else None
        if cached is not None:
            response = HttpResponse(cached["content"], content_type=cached["content_type"])
            response["X-Public-Cache"] = "hit"
        else:
            response = view(request, *args, **kwargs)
            if hasattr(response, "render") and callable(response.render):
                response.render()
            if shared and response.status_code == 200 and not response.streaming:
                entry = {"content": response.content, "content_type": response["Content-Type"]}
                cache.set(key, entry, settings.PUBLIC_CACHE_SECONDS)
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
