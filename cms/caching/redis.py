"""Django's Redis cache, reusing one client per connection pool, and degrading instead of failing when Redis does.

``django.core.cache.backends.redis`` builds a new ``redis.Redis`` object for every cache call, and each one sets up
redis-py's table of ~170 response callbacks: about 0.2 ms per call, more than the round trip to Redis itself. A
page-cache hit makes two calls, so reusing the (thread-safe) client roughly halves the cost of a hit.

Redis down, unreachable or out of memory never turns a page into a 500: the site is served uncached. A failed read
is a miss, a failed write does nothing, and the error is logged once per ``LOG_SECONDS`` (with the number of failed
calls since). A lost connection or a timeout also opens a *circuit breaker* shared by every thread of the process:
for ``circuit_breaker_seconds`` (an ``OPTIONS`` entry, 5 s by default) calls do not touch the network at all, then
one call tries again and closes the breaker when Redis answers, so a dead server costs one connect timeout per
interval, not one per call, and recovery needs nobody. ``degraded`` says whether the breaker is open (the page cache
then keeps no per-process copies: purges would not reach them, cms/caching/pages.py).

Counters are state, not cache: ``incr``/``decr`` raise ``CacheUnavailable`` instead of pretending, and the rate
limits built on them decide what that means (cms/security/ratelimit.py: posting limits fail closed).
"""

import logging
import threading
import time

from django.core.cache.backends import redis as django_redis
from django.core.cache.backends.base import DEFAULT_TIMEOUT
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import RedisError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

#: How long a Redis that stopped answering is left alone before one call tries again.
RETRY_SECONDS = 5.0
#: At most one log line per this many seconds while Redis keeps failing.
LOG_SECONDS = 60.0
#: Failures that say the server is gone or too slow (the breaker opens); other errors are answers (e.g. OOM).
UNREACHABLE = (RedisConnectionError, RedisTimeoutError, OSError)


class CacheUnavailable(Exception):
    """The shared cache did not answer a call that cannot be faked by a miss (a counter)."""


class CircuitBreaker:
    """Whether calls to one Redis server may go out now; shared by every thread of the process."""

    def __init__(self, name: str, retry_seconds: float = RETRY_SECONDS, clock=time.monotonic):
        self.name = name
        self.retry_seconds = retry_seconds
        self._clock = clock
        self._lock = threading.Lock()
        self._retry_at: float | None = None  # None: closed (Redis answers)
        self._logged_at = float("-inf")
        self._unlogged = 0

    @property
    def is_open(self) -> bool:
        return self._retry_at is not None

    def allow(self) -> bool:
        """True while closed; while open, True for one caller per interval (the probe), False for the others."""
        if self._retry_at is None:
            return True
        with self._lock:
            if self._retry_at is None:
                return True
            now = self._clock()
            if now < self._retry_at:
                return False
            self._retry_at = now + self.retry_seconds  # this call probes; the others keep skipping meanwhile
            return True

    def failed(self, error: BaseException, *, unreachable: bool = True) -> None:
        with self._lock:
            now = self._clock()
            opening = unreachable and self._retry_at is None
            if unreachable:
                self._retry_at = now + self.retry_seconds
            self._unlogged += 1
            if not opening and now - self._logged_at < LOG_SECONDS:
                return
            count, self._unlogged, self._logged_at = self._unlogged, 0, now
        if unreachable:
            logger.error(
                "Cache %s unavailable (%s: %s); serving uncached, trying again every %g s (%d failed calls)",
                self.name, type(error).__name__, error, self.retry_seconds, count,
            )  # fmt: skip
        else:
            name = type(error).__name__
            logger.error("Cache %s refused a call (%s: %s; %d failed calls)", self.name, name, error, count)

    def succeeded(self) -> None:
        if self._retry_at is None:
            return
        with self._lock:
            if self._retry_at is None:
                return
            self._retry_at = None
            self._logged_at, self._unlogged = float("-inf"), 0
        logger.warning("Cache %s answers again: caching resumed", self.name)


_breakers: dict[tuple[str, float], CircuitBreaker] = {}
_breakers_lock = threading.Lock()


def breaker_for(location: str, retry_seconds: float = RETRY_SECONDS) -> CircuitBreaker:
    """The process's breaker for ``location`` (each thread has its own cache object, all share this)."""
    with _breakers_lock:
        key = (location, retry_seconds)
        if key not in _breakers:
            _breakers[key] = CircuitBreaker(location.split("@")[-1], retry_seconds)
        return _breakers[key]


class RedisCacheClient(django_redis.RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        index = self._get_connection_pool_index(write)
        client = self._clients.get(index)
        if client is None:
            client = self._clients[index] = self._client(connection_pool=self._get_connection_pool(write))
        return client


class RedisCache(django_redis.RedisCache):
    def __init__(self, server, params):
        options = dict(params.get("OPTIONS", {}))
        retry_seconds = float(options.pop("circuit_breaker_seconds", RETRY_SECONDS))
        super().__init__(server, {**params, "OPTIONS": options})
        self._class = RedisCacheClient
        self.breaker = breaker_for(server if isinstance(server, str) else ",".join(server), retry_seconds)

    @property
    def degraded(self) -> bool:
        """True while Redis is known not to answer (no network call)."""
        return self.breaker.is_open

    def _call(self, fallback, method, *args, **kwargs):
        if not self.breaker.allow():
            return fallback
        try:
            result = method(*args, **kwargs)
        except UNREACHABLE as error:
            self.breaker.failed(error)
            return fallback
        except RedisError as error:  # Redis answered with an error (out of memory under noeviction, say)
            self.breaker.failed(error, unreachable=False)
            return fallback
        self.breaker.succeeded()
        return result

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call(False, super().add, key, value, timeout, version)

    def get(self, key, default=None, version=None):
        return self._call(default, super().get, key, default, version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        self._call(None, super().set, key, value, timeout, version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call(False, super().touch, key, timeout, version)

    def delete(self, key, version=None):
        return self._call(False, super().delete, key, version)

    def get_many(self, keys, version=None):
        return self._call({}, super().get_many, keys, version)

    def has_key(self, key, version=None):
        return self._call(False, super().has_key, key, version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call(list(data), super().set_many, data, timeout, version)

    def delete_many(self, keys, version=None):
        self._call(None, super().delete_many, keys, version)

    def clear(self):
        return self._call(False, super().clear)

    def incr(self, key, delta=1, version=None):
        """Atomic (Redis INCRBY); ``ValueError`` for a missing key, ``CacheUnavailable`` when Redis does not answer."""
        if not self.breaker.allow():
            raise CacheUnavailable(f"cache {self.breaker.name} unavailable")
        try:
            value = super().incr(key, delta, version)
        except ValueError:
            self.breaker.succeeded()
            raise
        except UNREACHABLE as error:
            self.breaker.failed(error)
            raise CacheUnavailable(str(error)) from error
        except RedisError as error:
            self.breaker.failed(error, unreachable=False)
            raise CacheUnavailable(str(error)) from error
        self.breaker.succeeded()
        return value

    def ping(self) -> bool:
        """Whether Redis answers now (the health check); no network call while the breaker is open."""
        return bool(self._call(False, lambda: self._cache.get_client(write=True).ping()))
