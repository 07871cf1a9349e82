"""Production's cache (CACHE_URL) is Redis: the rate limits and the import preview need one
cache shared by every process. Checked against the Redis server of the machine when there
is one."""

import socket

import pytest

from portal.cache import RedisCache
from tests.portal.conftest import load_production_settings

REDIS = ("127.0.0.1", 6379)


def redis_is_running():
    try:
        with socket.create_connection(REDIS, timeout=0.5):
            return True
    except OSError:
        return False


def test_production_cache_is_redis_at_cache_url():
    caches = load_production_settings(CACHE_URL="redis://127.0.0.1:6379/15")["CACHES"]

    assert caches["default"]["BACKEND"] == "portal.cache.RedisCache"
    assert caches["default"]["LOCATION"] == "redis://127.0.0.1:6379/15"


@pytest.mark.skipif(not redis_is_running(), reason="no Redis server on 127.0.0.1:6379")
def test_production_cache_counts_atomically_in_redis():
    config = load_production_settings(CACHE_URL="redis://127.0.0.1:6379/15")["CACHES"]["default"]
    cache = RedisCache(config["LOCATION"], {})
    key = "duoday-test-production-cache"
    try:
        cache.set(key, 0, 60)
        assert [cache.incr(key) for _ in range(3)] == [1, 2, 3]
    finally:
        cache.delete(key)


@pytest.mark.skipif(not redis_is_running(), reason="no Redis server on 127.0.0.1:6379")
def test_production_cache_builds_its_redis_client_once():
    config = load_production_settings(CACHE_URL="redis://127.0.0.1:6379/15")["CACHES"]["default"]
    cache = RedisCache(config["LOCATION"], {})
    key = "duoday-test-production-cache-client"
    try:
        cache.set(key, "a", 60)
        first = cache._cache.get_client(key)
        assert cache.get(key) == "a"
        assert cache.get_many([key]) == {key: "a"}
        assert cache._cache.get_client(key, write=True) is first
    finally:
        cache.delete(key)
