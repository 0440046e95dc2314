"""The SQLite lock store keeps one conversation's messages in order across worker processes."""

import asyncio
import multiprocessing

from runtime.lock_store import SQLiteLockStore


def draw_tickets(db: str, count: int, queue) -> None:
    store = SQLiteLockStore(db=db)
    queue.put([store.issue_ticket("gesprek", lock_lifetime=60) for _ in range(count)])


def test_workers_never_draw_the_same_ticket(tmp_path):
    db = str(tmp_path / "locks.db")
    queue = multiprocessing.get_context("spawn").Queue()
    workers = [
        multiprocessing.get_context("spawn").Process(target=draw_tickets, args=(db, 40, queue))
        for _ in range(4)
    ]
    for worker in workers:
        worker.start()
    tickets = [t for _ in workers for t in queue.get(timeout=60)]
    for worker in workers:
        worker.join(timeout=30)
    assert sorted(tickets) == list(range(160))


def test_a_second_message_waits_for_the_first(tmp_path):
    db = str(tmp_path / "locks.db")
    first_worker, second_worker = SQLiteLockStore(db=db), SQLiteLockStore(db=db)
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
