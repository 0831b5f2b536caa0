"""Django's Redis cache, reusing one client per connection pool.

``django.core.cache.backends.redis`` builds a new ``redis.Redis`` object for every cache call, and each one sets up
redis-py's table of ~170 response callbacks: about 0.2 ms per call, more than the round trip to Redis itself. A
page-cache hit makes two calls, so reusing the (thread-safe) client roughly halves the cost of a hit.
"""

from django.core.cache.backends import redis as django_redis


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
        super().__init__(server, params)
        self._class = RedisCacheClient
