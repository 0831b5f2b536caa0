"""Deployment check: the Redis behind the cache evicts old keys instead of refusing writes when it is full.

With ``maxmemory-policy noeviction`` (Redis's default) a full cache answers every write with an error: nothing new is
cached any more, and the rate limits, whose counters are writes, refuse every post. ``manage.py check --deploy``
(run by ``make serve`` before it starts) asks each Redis cache for ``CONFIG GET maxmemory-policy``: a warning for
``noeviction`` or no ``maxmemory``, a note when Redis cannot be asked (unreachable, or CONFIG disabled as on many
managed services: check the setting in its console then).
"""

from django.conf import settings
from django.core import checks
from django.core.cache import caches
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import RedisError

HINT = "Set maxmemory (e.g. 512mb) and maxmemory-policy allkeys-lru for the cache instance (README, Scale-out)."


@checks.register(checks.Tags.caches, deploy=True)
def check_redis_eviction(app_configs=None, **kwargs):
    messages = []
    for alias in settings.CACHES:
        backend = caches[alias]
        if not isinstance(backend, RedisCache):
            continue
        try:
            config = redis_config(backend)
        except RedisError as error:
            messages.append(
                checks.Info(
                    f"Cache '{alias}': could not read the Redis memory settings ({type(error).__name__}: {error}).",
                    hint=HINT,
                    id="cms.I002",
                )
            )
            continue
        policy, maxmemory = config.get("maxmemory-policy"), config.get("maxmemory")
        if policy == "noeviction":
            messages.append(
                checks.Warning(
                    f"Cache '{alias}': Redis has maxmemory-policy noeviction; once full it refuses every write "
                    "(nothing new is cached and rate-limited forms refuse every post).",
                    hint=HINT,
                    id="cms.W002",
                )
            )
        elif str(maxmemory) == "0":
            messages.append(
                checks.Warning(
                    f"Cache '{alias}': Redis has no maxmemory, so maxmemory-policy {policy} never evicts and the cache "
                    "grows until the machine runs out of memory.",
                    hint=HINT,
                    id="cms.W003",
                )
            )
    return messages


def redis_config(backend: RedisCache) -> dict[str, str]:
    """``maxmemory`` and ``maxmemory-policy`` of the Redis that ``backend`` writes to."""
    client = backend._cache.get_client(write=True)
    found = {}
    for name in ("maxmemory-policy", "maxmemory"):
        found.update({key: str(value) for key, value in _decoded(client.config_get(name)).items()})
    return found


def _decoded(config: dict) -> dict[str, str]:
    return {
        (key.decode() if isinstance(key, bytes) else key): (value.decode() if isinstance(value, bytes) else value)
        for key, value in config.items()
    }
