"""The lock stores keep one conversation's messages in order across worker processes (SQLite) and
across instances (Redis, a real redis-server)."""

import asyncio
import multiprocessing

import pytest
from rasa.core.lock_store import LockStore, RedisLockStore
from rasa.utils.endpoints import EndpointConfig

from runtime.lock_store import SharedRedisLockStore, SQLiteLockStore
from tests.conftest import free_port
from tests.real_servers import redis_server


@pytest.fixture(scope="module")
def redis_url():
    with redis_server() as server:
        yield server.url


@pytest.fixture(params=["sqlite", "redis"])
def make_store(request, tmp_path):
    """A factory: each call is another worker's or instance's store on the same shared data."""
    if request.param == "sqlite":
        db = str(tmp_path / "locks.db")
        return lambda: SQLiteLockStore(db=db)
    url = request.getfixturevalue("redis_url")
    SharedRedisLockStore(url).red.flushdb()
    return lambda: SharedRedisLockStore(url)


def draw_tickets(make_store, count: int, queue) -> None:
    store = make_store()
    queue.put([store.issue_ticket("gesprek", lock_lifetime=60) for _ in range(count)])


class Factory:
    """Picklable for the spawned processes."""

    def __init__(self, kind: str, where: str) -> None:
        self.kind, self.where = kind, where

    def __call__(self) -> LockStore:
        if self.kind == "sqlite":
            return SQLiteLockStore(db=self.where)
        return SharedRedisLockStore(self.where)


@pytest.mark.parametrize("kind", ["sqlite", "redis"])
def test_workers_never_draw_the_same_ticket(kind, tmp_path, request):
    where = str(tmp_path / "locks.db") if kind == "sqlite" else request.getfixturevalue("redis_url")
    if kind == "redis":
        SharedRedisLockStore(where).red.flushdb()
    context = multiprocessing.get_context("spawn")
    queue = context.Queue()
    workers = [
        context.Process(target=draw_tickets, args=(Factory(kind, where), 40, queue))
        for _ in range(4)
    ]
    for worker in workers:
        worker.start()
    tickets = [t for _ in workers for t in queue.get(timeout=60)]
    for worker in workers:
        worker.join(timeout=30)
    assert sorted(tickets) == list(range(160))


def test_a_second_message_waits_for_the_first(make_store):
    first_worker, second_worker = make_store(), make_store()
    order = []

    async def handle(store, name, pause):
        async with store.lock("gesprek", wait_time_in_seconds=0.05):
            order.append(f"{name} begint")
            await asyncio.sleep(pause)
            order.append(f"{name} klaar")

    async def both():
        first = asyncio.create_task(handle(first_worker, "eerste", 0.3))
        await asyncio.sleep(0.05)
        await handle(second_worker, "tweede", 0)
        await first

    asyncio.run(both())
    assert order == ["eerste begint", "eerste klaar", "tweede begint", "tweede klaar"]
    assert first_worker.get_lock("gesprek") is None  # nothing left behind


def test_a_dead_instances_ticket_expires_and_the_next_message_goes_on(make_store):
    dead, alive = make_store(), make_store()
    dead.issue_ticket("gesprek", lock_lifetime=0.3)  # its instance died while processing

    async def handle():
        async with alive.lock("gesprek", wait_time_in_seconds=0.1):
            return True

    assert asyncio.run(asyncio.wait_for(handle(), 5))


def test_the_environment_chooses_the_store(tmp_path, monkeypatch, redis_url):
    config = EndpointConfig(type="runtime.lock_store.EnvironmentLockStore", db=str(tmp_path / "l"))
    monkeypatch.delenv("REDIS_URL", raising=False)
    assert isinstance(LockStore.create(config), SQLiteLockStore)
    monkeypatch.setenv("REDIS_URL", redis_url)
    store = LockStore.create(config)
    assert isinstance(store, RedisLockStore)  # Rasa's own, so Rasa runs several workers on it


def test_redis_unreachable_at_start_is_a_clear_error(monkeypatch):
    monkeypatch.setenv("REDIS_URL", f"redis://:geheim@127.0.0.1:{free_port()}/0")
    config = EndpointConfig(type="runtime.lock_store.EnvironmentLockStore")
    with pytest.raises(Exception, match="Cannot connect to lock store") as raised:
        LockStore.create(config)
    message = str(raised.value.__cause__)
    assert "(REDIS_URL) is niet bereikbaar" in message and "geheim" not in message
