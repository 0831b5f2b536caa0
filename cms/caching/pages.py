"""Whole-page cache for anonymous visitors, with exact, tag-based invalidation.

A public view marks its response with the *tags* of the content it shows (``news``, ``article:12``,
``column:projects``…). ``PageCacheMiddleware`` stores such responses for anonymous visitors, together
with the current *version* of each tag, and serves later requests from the cache without touching the database
while every version still matches. Changing content replaces the versions of the tags it shows up under
(``purge``), so every page that showed it misses on its next request. Tags and pages live in the shared cache
(Redis in production), so a purge on one app server is seen by all of them at once.

Lifetimes: at most ``PAGE_CACHE_SECONDS``, and never past the next scheduled publication or local midnight (when
policy validity labels change), so scheduled content appears on time without anybody saving anything.

Race: a purge bumps a global *generation* before and after the tag versions; a response rendered while the
generation changed is served but not stored, so an old rendering is never stored under new versions.

Each app server process also keeps the pages it served last in memory (``LocalCopies``). A local copy is served
without asking Redis while the shared generation it was checked against is still current; the process re-reads
the generation at most every ``PAGE_CACHE_LOCAL_SECONDS`` (0.25 s), so a purge anywhere reaches every server well
within a second, and a hit costs no network round trip at all.
"""

import hashlib
import logging
import time
import uuid
from collections.abc import Callable, Iterable
from datetime import datetime, timedelta
from typing import TypeVar

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.http import http_date

from cms import hooks
from cms.caching import health
from cms.caching.fragments import local_fragments
from cms.caching.lru import LRU
from cms.caching.release import RELEASE
from cms.public.display import display_variant
from cms.public.links import site_url

logger = logging.getLogger(__name__)
T = TypeVar("T")

PREFIX = "pagecache:v1:"
GENERATION_KEY = PREFIX + "generation"
NEXT_CHANGE_KEY = PREFIX + "next-change"
#: A tag every cached page and value depends on: purging it (``purge_all``) invalidates them all.
EVERYTHING = "*"
CACHEABLE_METHODS = frozenset({"GET", "HEAD"})
MAX_QUERY_STRING = 512
#: How long a CDN or proxy may keep a public page (it cannot be purged by us, so this stays short).
SHARED_MAX_AGE = 60
#: Response headers never replayed from the cache.
PRIVATE_HEADERS = frozenset({"set-cookie", "vary", "cache-control", "expires"})
#: The generation while the shared cache is down: nothing is served from or kept in this process's copies then
#: (a purge elsewhere could not reach them), and pages and values are rendered from the database.
UNAVAILABLE = "unavailable"
#: Pages kept only in this process, never in the shared cache (``tag_response(..., shared=False)``: search results,
#: whose addresses anyone can vary without end). A bounded budget: at most this many per process.
LOCAL_ONLY_PAGES = 128


def tag_response(
    response: HttpResponse, tags: Iterable[str], *, seconds: int | None = None, shared: bool = True
) -> HttpResponse:
    """Mark a public response as cacheable for anonymous visitors, depending on ``tags``; kept at most ``seconds``
    (and never past ``PAGE_CACHE_SECONDS``), in the shared cache or, with ``shared=False``, only in this process's
    bounded copies (``LOCAL_ONLY_PAGES``)."""
    response.page_cache_tags = frozenset(tags)
    response.page_cache_seconds = seconds
    response.page_cache_shared = shared
    return response


def purge_all() -> None:
    """Invalidate every cached page and value, on every app server: after ``loaddata`` or a restore, when nobody
    can say which content changed."""
    purge({EVERYTHING})


def purge(tags: Iterable[str]) -> None:
    """Invalidate every cached page that depends on any of ``tags``, on every app server."""
    tags = set(tags)
    if not tags:
        return
    cache.set(GENERATION_KEY, _token(), timeout=None)  # stores racing with this purge are skipped
    cache.set_many({_tag_key(tag): _token() for tag in tags}, timeout=None)
    cache.set(GENERATION_KEY, _token(), timeout=None)  # local copies checked during the purge are checked again
    cache.delete(NEXT_CHANGE_KEY)
    if health.degraded():  # not stored: purged again as soon as the cache answers (LocalCopies.generation)
        _missed_purges.update(tags)
    local_copies.forget_generation()
    logger.debug("Purged page-cache tags %s", sorted(tags))


def cached_value(name: str, tags: Iterable[str], compute: Callable[[], T]) -> T:
    """A value derived from content (a list's row count, say), kept until any of ``tags`` is purged.

    Like pages, values are also kept in the process (``local_values``) and re-checked only when the shared
    generation moves."""
    key = PREFIX + "value:" + name
    generation = local_copies.generation()
    if generation == UNAVAILABLE:
        return compute()  # the shared cache is down: from the database, kept nowhere
    entry = local_values.get(key, generation)
    if entry is not None:
        return entry["value"]
    entry = cache.get(key)
    if entry is not None and entry.get("expires", 0) > time.time() and _versions_match(entry["tags"]):
        local_values.put(key, entry, generation)
        return entry["value"]
    versions = _current_versions(tags)  # read before computing: a purge meanwhile makes this entry stale at once
    stored_generation = versions.pop(GENERATION_KEY, None)
    value = compute()
    lifetime = _lifetime()
    if lifetime >= 1:
        entry = {"value": value, "tags": versions, "expires": time.time() + lifetime}
        cache.set(key, entry, timeout=lifetime)
        if stored_generation == generation:
            local_values.put(key, entry, generation)
    return value


def request_is_cacheable(request: HttpRequest) -> bool:
    """Anonymous visitors without pending messages, asking a plain GET with a short query string.

    Anonymous: no session cookie, or one without the signed-in marker (``SIGNED_IN_COOKIE_NAME``, set beside the
    session cookie at sign-in and removed at sign-out by ``cms.security.accounts``). Whether a session cookie is
    valid could only be told by loading the session, a database query; the marker tells it for free. It is safe to
    trust in both directions: a forged marker only sends its request past the cache to the views (which check the
    real session), and a real session without its marker gets the anonymous page, never a private one, since a
    page rendered for a signed-in user is never stored (``_response_is_storable``).
    """
    return (
        request.method in CACHEABLE_METHODS
        and not (
            request.COOKIES.get(settings.SESSION_COOKIE_NAME) and request.COOKIES.get(settings.SIGNED_IN_COOKIE_NAME)
        )
        and "messages" not in request.COOKIES
        and len(request.META.get("QUERY_STRING", "")) <= MAX_QUERY_STRING
    )


def page_key(request: HttpRequest) -> str:
    # The site's address is part of the page (links in feeds, share lines): without SITE_URL (development) it is the
    # request's, so each address the site is reached at has its own copies.
    query = request.META.get("QUERY_STRING", "")
    raw = f"{RELEASE}|{site_url(request)}|{request.path}?{query}|{display_variant(request)}"
    return PREFIX + "page:" + hashlib.md5(raw.encode("utf-8", "surrogateescape"), usedforsecurity=False).hexdigest()


class PageCacheMiddleware:
    """Serves anonymous visitors from the page cache and stores tagged responses. Sits above the session middleware,
    so a hit touches neither the session nor the database."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not settings.PAGE_CACHE_ENABLED or not request_is_cacheable(request):
            return self._private(self.get_response(request))
        key = page_key(request)
        generation = local_copies.generation()
        if generation == UNAVAILABLE:  # the shared cache is down: rendered from the database, not stored
            return self._private(self.get_response(request))
        entry = local_copies.get(key, generation) or local_only_pages.get(key, generation)
        if entry is None:
            entry = cache.get(key)
            if entry is not None and entry["expires"] > time.time() and _versions_match(entry["tags"]):
                local_copies.put(key, entry, generation)
            else:
                entry = None
        if entry is not None:
            return _replay(entry)
        response = self.get_response(request)
        tags = getattr(response, "page_cache_tags", None)
        if tags is not None and _response_is_storable(request, response):
            _store(key, response, tags, generation)
        return self._private(response)

    @staticmethod
    def _private(response):
        if not response.has_header("Cache-Control"):
            patch_cache_control(response, private=True)
        return response


class LocalCopies:
    """The pages this process served last, each labelled with the shared generation it was last checked against."""

    def __init__(self, size: int = 256):
        self._entries = LRU(size)
        self._generation: str | None = None
        self._checked_at = float("-inf")

    def generation(self) -> str | None:
        """The shared generation, re-read from the cache at most every ``PAGE_CACHE_LOCAL_SECONDS``;
        ``UNAVAILABLE`` while the shared cache is down."""
        now = time.monotonic()
        if now - self._checked_at >= settings.PAGE_CACHE_LOCAL_SECONDS:
            generation = cache.get(GENERATION_KEY)
            if health.degraded():
                generation = UNAVAILABLE
            elif _missed_purges:  # purges made while the cache was down, now that it answers again
                missed = set(_missed_purges)
                _missed_purges.difference_update(missed)
                purge(missed)
                generation = cache.get(GENERATION_KEY)
            self._generation, self._checked_at = generation, now
        return self._generation

    def forget_generation(self) -> None:
        self._checked_at = float("-inf")

    def get(self, key: str, generation: str | None) -> dict | None:
        if generation == UNAVAILABLE:
            return None
        found = self._entries.get(key)
        if found is None or found[1] != generation or found[0]["expires"] <= time.time():
            return None
        return found[0]

    def put(self, key: str, entry: dict, generation: str | None) -> None:
        if generation != UNAVAILABLE:
            self._entries.put_many({key: (entry, generation)})

    def clear(self) -> None:
        self._entries.clear()
        self.forget_generation()


local_copies = LocalCopies()
local_values = LocalCopies(size=1024)
local_only_pages = LocalCopies(size=LOCAL_ONLY_PAGES)
#: Tags purged while the shared cache was down (the purge could not be stored there).
_missed_purges: set[str] = set()


def clear_local_copies() -> None:
    """Forget this process's copies of pages, values and fragments (tests; a purge does not need it)."""
    local_copies.clear()
    local_values.clear()
    local_only_pages.clear()
    local_fragments.clear()
    _missed_purges.clear()


def _response_is_storable(request, response) -> bool:
    user = getattr(request, "user", None)  # loaded by then (cms.security.outage): no query here
    return (
        response.status_code == 200
        and not (user is not None and user.is_authenticated)  # a private rendering, whatever the cookies said
        and not response.streaming
        and not _sets_cookies(response)
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and not getattr(request, "_messages", None)
        and not response.has_header("Cache-Control")  # previews and other never-cache responses set their own
    )


def _sets_cookies(response) -> bool:
    """Whether the response sets a cookie: a personal response. Removing a session cookie with no session behind it
    (or a stale signed-in marker) is not: the page is the anonymous one, and cookies are never replayed."""
    removable = {settings.SESSION_COOKIE_NAME, settings.SIGNED_IN_COOKIE_NAME}
    return any(name not in removable or morsel.value for name, morsel in response.cookies.items())


def _store(key: str, response: HttpResponse, tags: frozenset[str], generation) -> None:
    versions = _current_versions(tags)
    if versions.pop(GENERATION_KEY, None) != generation:
        return  # content changed while this page was being rendered
    lifetime = _lifetime()
    if getattr(response, "page_cache_seconds", None):
        lifetime = min(lifetime, response.page_cache_seconds)
    if lifetime < 1:
        return
    content = response.content
    response["ETag"] = f'"{hashlib.md5(content, usedforsecurity=False).hexdigest()}"'
    response["Last-Modified"] = http_date(time.time())
    _public_headers(response, lifetime)
    headers = [(name, value) for name, value in response.items() if name.lower() not in PRIVATE_HEADERS]
    entry = {"status": response.status_code, "content": content, "headers": headers, "tags": versions}
    entry["expires"] = time.time() + lifetime
    if getattr(response, "page_cache_shared", True):
        cache.set(key, entry, timeout=lifetime)
    else:
        local_only_pages.put(key, entry, generation)


def _replay(entry: dict) -> HttpResponse:
    response = HttpResponse(entry["content"], status=entry["status"])
    for name, value in entry["headers"]:
        response[name] = value
    _public_headers(response, max(1, int(entry["expires"] - time.time())))
    response["X-Page-Cache"] = "hit"
    return response


def _public_headers(response: HttpResponse, lifetime: int) -> None:
    patch_cache_control(response, public=True, max_age=0, s_maxage=min(SHARED_MAX_AGE, lifetime))
    patch_vary_headers(response, ["Cookie"])


def _versions_match(stored: dict[str, str]) -> bool:
    current = cache.get_many(list(stored))
    return all(current.get(key) == version for key, version in stored.items())


def _current_versions(tags: Iterable[str]) -> dict[str, str]:
    """``{tag key: version}`` for ``tags`` (created when missing) and the current generation, read together."""
    keys = [_tag_key(tag) for tag in {EVERYTHING, *tags}]
    found = cache.get_many([*keys, GENERATION_KEY])
    for key in keys:
        if key not in found:
            cache.add(key, _token(), timeout=None)
            found[key] = cache.get(key)
    return found


def _lifetime() -> int:
    """Seconds a page stored now may live: bounded by the next scheduled change and by local midnight."""
    now = timezone.now()
    next_change = cache.get(NEXT_CHANGE_KEY)
    if next_change is None:
        next_change = _next_change(now)
        cache.set(NEXT_CHANGE_KEY, next_change, timeout=max(1, int((next_change - now).total_seconds())))
    return min(settings.PAGE_CACHE_SECONDS, int((next_change - now).total_seconds()))


def _next_change(now: datetime) -> datetime:
    tomorrow = timezone.localdate(now) + timedelta(days=1)
    midnight = timezone.make_aware(datetime.combine(tomorrow, datetime.min.time()))
    upcoming = [moment for provider in hooks.get(hooks.SCHEDULED_CHANGES) if (moment := provider(now)) is not None]
    return min([midnight, *upcoming])


def _tag_key(tag: str) -> str:
    return PREFIX + "tag:" + tag


def _token() -> str:
    return uuid.uuid4().hex
