"""Is the shared cache answering? For the page cache (no per-process copies while it is down), the rate limits
(counters that cannot be faked) and ``/healthz``.

Only the Redis backend (cms/caching/redis.py) can be down; the local-memory cache of a single server always answers.
"""

from django.core.cache import cache


def degraded() -> bool:
    """True while the shared cache is known to be down. No network call: the Redis backend's circuit breaker."""
    return bool(getattr(cache, "degraded", False))


def status() -> str:
    """``"ok"`` or ``"down"``, asked now (at most one round trip; none while the breaker is open)."""
    ping = getattr(cache, "ping", None)
    if ping is None:
        return "ok"
    return "ok" if ping() else "down"
