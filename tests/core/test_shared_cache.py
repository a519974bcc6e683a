"""With several app servers the cache is Redis (`REDIS_URL`): the public version one server raises is
the version every other server's pages are keyed by. Runs against the machine's Redis."""

import uuid

import pytest
from django.core.cache.backends.redis import RedisCache

from koordinat.core import public

REDIS_URL = "redis://127.0.0.1:6379/9"


@pytest.fixture
def shared_version_key(monkeypatch):
    """A key of this test's own, so parallel runs and other tests never share the number."""
    key = f"koordinat:test-public-version:{uuid.uuid4()}"
    monkeypatch.setattr(public, "VERSION_KEY", key)
    yield key
    RedisCache(REDIS_URL, {}).delete(key)


def test_the_redis_client_is_installed_for_redis_url():
    cache = RedisCache(REDIS_URL, {})
    cache.set("koordinat:test-ping", "pong", timeout=5)
    assert cache.get("koordinat:test-ping") == "pong"


def test_a_version_raised_by_one_server_is_read_by_another(shared_version_key, monkeypatch):
    monkeypatch.setattr(public, "cache", RedisCache(REDIS_URL, {}))
    before = public.public_version()
    public._bump()
    other_server = RedisCache(REDIS_URL, {})
    assert other_server.get(shared_version_key) == before + 1
    assert public.public_version() == before + 1
