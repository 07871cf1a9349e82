"""Production's shared cache backend (CACHE_URL): Django's RedisCache, whose client keeps one
`redis.Redis` per connection pool for the life of the process.

Django's own client builds a new `redis.Redis` for every operation (`get_client`), and each
one fills its table of about 170 response callbacks: some 0.5 ms of CPU per operation,
several times per page (session, menu, footer, settings, the visitors' page cache). A
`redis.Redis` is safe to share between threads (it takes a connection from its pool for each
command), and its pool reconnects after a fork.
"""

from django.core.cache.backends import redis as django_redis


class RedisCacheClient(django_redis.RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(pool)
        if client is None:
            client = self._clients[pool] = self._client(connection_pool=pool)
        return client


class RedisCache(django_redis.RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = RedisCacheClient
