"""The channels' state behaves the same in memory and in Redis (a real redis-server), is shared by
two instances through Redis, and falls back to memory when Redis stops."""

import pytest

from channels import shared_state
from channels.input_guard import RateLimiter
from channels.shared_state import MemoryState, RedisState
from channels.telegram_messages import CallbackKeys
from runtime.redis_client import redis_client
from tests.real_servers import redis_server


@pytest.fixture(scope="module")
def redis():
    with redis_server() as server:
        yield server


@pytest.fixture(params=["memory", "redis"])
def state(request):
    if request.param == "memory":
        return MemoryState()
    client = redis_client(request.getfixturevalue("redis").url)
    client.flushdb()
    return RedisState(client)


def test_rate_limit_window(state):
    limiter = RateLimiter(limit=3, seconds=10, state=state)
    assert [limiter.allow("a", now=t) for t in (100, 101, 102, 103)] == [True, True, True, False]
    assert limiter.allow("b", now=103)  # per sender
    assert limiter.allow("a", now=110.5)  # the first message left the window


def test_first_time_is_true_once(state):
    assert state.first_time("group:1", 60) and not state.first_time("group:1", 60)
    assert state.first_time("group:2", 60)


def test_remember_and_recall(state):
    state.remember("key", "/inform_role{...}", 60)
    assert state.recall("key") == "/inform_role{...}" and state.recall("other") is None


def test_two_instances_share_buttons_and_the_flood_count(redis):
    one, other = (RedisState(redis_client(redis.url)) for _ in range(2))
    payload = "/inform_role" + '{"role": "' + "x" * 80 + '"}'
    data = CallbackKeys(one).data_for(payload)
    assert CallbackKeys(other).payload_for(data) == payload  # made on one, pressed on the other
    first, second = RateLimiter(2, 10, one), RateLimiter(2, 10, other)
    assert first.allow("s", now=50) and second.allow("s", now=51)
    assert not first.allow("s", now=52)


def test_redis_gone_falls_back_to_memory_and_keeps_answering(redis, caplog):
    state = RedisState(redis_client(redis.url))
    redis.stop()
    try:
        limiter = RateLimiter(1, 10, state)
        assert limiter.allow("s", now=1) and not limiter.allow("s", now=2)
        state.remember("key", "value", 60)
        assert state.recall("key") == "value"
        assert "redis unreachable" in caplog.text
    finally:
        redis.start()


def test_from_environment(monkeypatch, redis):
    shared_state.from_environment.cache_clear()
    monkeypatch.delenv("REDIS_URL", raising=False)
    assert isinstance(shared_state.from_environment(), MemoryState)
    shared_state.from_environment.cache_clear()
    monkeypatch.setenv("REDIS_URL", redis.url)
    assert isinstance(shared_state.from_environment(), RedisState)
    shared_state.from_environment.cache_clear()
