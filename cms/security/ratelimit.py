"""Per-visitor rate limits, counted atomically in the shared cache (public forms, status look-ups, search).

``allow(request)`` counts the event and says whether it is within the limit, in one atomic step: ``cache.add``
creates the window's counter, ``cache.incr`` is Redis ``INCR`` (under a lock in the local-memory cache), so 20
parallel posts against a limit of 5 get exactly 5 yeses. ``exceeded`` only reads the count: an early "no" before any
work, never the decision itself (a read followed by a later write lets parallel requests through together).

When the shared cache does not answer, the counts are unknown and every method raises ``RateLimitUnavailable``;
the caller decides: posting limits fail closed (the form is shown again with what was typed and a message),
reading limits let the request through.
"""

import hashlib
from dataclasses import dataclass

from django.core.cache import cache
from django.utils import timezone

from cms.caching import health
from cms.caching.redis import CacheUnavailable
from cms.security.client_ip import client_ip


class RateLimitUnavailable(Exception):
    """The counts live in the shared cache, which does not answer."""


@dataclass(frozen=True)
class RateLimit:
    """At most ``limit`` events per ``window`` seconds per client, counted in the shared cache."""

    scope: str
    limit: int
    window: int

    def _key(self, request) -> str:
        digest = hashlib.sha256(client_ip(request).encode()).hexdigest()[:32]
        bucket = int(timezone.now().timestamp()) // self.window
        return f"ratelimit:{self.scope}:{digest}:{bucket}"

    def count(self, request) -> int:
        value = cache.get(self._key(request), 0)
        if health.degraded():  # the read was a miss because the cache is down, not because nothing was counted
            raise RateLimitUnavailable(self.scope)
        return value

    def exceeded(self, request) -> bool:
        return self.count(request) >= self.limit

    def hit(self, request) -> int:
        """Count one event; the count including it."""
        key = self._key(request)
        try:
            for _attempt in range(3):
                if cache.add(key, 1, timeout=self.window):
                    return 1
                try:
                    return cache.incr(key)
                except ValueError:  # expired between add and incr: create it again
                    continue
        except CacheUnavailable as error:
            raise RateLimitUnavailable(self.scope) from error
        raise RateLimitUnavailable(self.scope)

    def allow(self, request) -> bool:
        """Count one event and say whether it is within the limit (atomic: the decision to act on)."""
        return self.hit(request) <= self.limit
