"""Conversation lock stores: SQLite for the workers of one machine, Redis for several machines.

endpoints.yml names EnvironmentLockStore: with REDIS_URL set it builds SharedRedisLockStore (Rasa's
RedisLockStore, reached by URL, with atomic changes), otherwise SQLiteLockStore below.

Rasa runs one Sanic worker unless the lock store is shared between processes (Redis, or a custom
store like these; rasa/core/utils.py). Each message takes a ticket on its conversation's lock
so that two messages of one conversation are never processed at the same time, also when they
land on different workers. A ticket is issued inside one `BEGIN IMMEDIATE` transaction, so two
workers can never draw the same number (Rasa's Redis store reads and writes in two steps, hence
the transactions in SharedRedisLockStore). Locks live
only while a message is processed; the file holds no message content.
"""

import json
import os
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import redis
from rasa.core.lock import TicketLock
from rasa.core.lock_store import LOCK_LIFETIME, LockError, LockStore, RedisLockStore
from rasa.utils.endpoints import EndpointConfig

from runtime.redis_client import redis_client

T = TypeVar("T")

DEFAULT_DB = "var/locks.db"


class SQLiteLockStore(LockStore):
    """endpoints.yml: `lock_store: {type: runtime.lock_store.SQLiteLockStore, db: <path>}`."""

    def __init__(self, endpoint_config: EndpointConfig | None = None, db: str = DEFAULT_DB) -> None:
        if endpoint_config is not None:
            db = endpoint_config.kwargs.get("db") or db
        Path(db).parent.mkdir(parents=True, exist_ok=True)
        # Autocommit; the one multi-step change (issue_ticket) opens its own transaction.
        self.connection = sqlite3.connect(
            db, timeout=10, isolation_level=None, check_same_thread=False
        )
        self.connection.execute("PRAGMA journal_mode=WAL")
        self.connection.execute("PRAGMA synchronous=OFF")  # locks are gone after a crash anyway
        self.connection.execute(
            "CREATE TABLE IF NOT EXISTS locks (conversation_id TEXT PRIMARY KEY, lock TEXT NOT NULL)"
        )
        super().__init__()

    def get_lock(self, conversation_id: str) -> TicketLock | None:
        row = self.connection.execute(
            "SELECT lock FROM locks WHERE conversation_id = ?", (conversation_id,)
        ).fetchone()
        return TicketLock.from_dict(json.loads(row[0])) if row else None

    def delete_lock(self, conversation_id: str) -> None:
        deleted = self.connection.execute(
            "DELETE FROM locks WHERE conversation_id = ?", (conversation_id,)
        )
        self._log_deletion(conversation_id, deleted.rowcount > 0)

    def save_lock(self, lock: TicketLock) -> None:
        self.connection.execute(
            "INSERT OR REPLACE INTO locks (conversation_id, lock) VALUES (?, ?)",
            (lock.conversation_id, lock.dumps()),
        )

    def issue_ticket(self, conversation_id: str, lock_lifetime: float = LOCK_LIFETIME) -> int:
        try:
            self.connection.execute("BEGIN IMMEDIATE")
            try:
                lock = self.get_or_create_lock(conversation_id)
                ticket = lock.issue_ticket(lock_lifetime)
                self.save_lock(lock)
                self.connection.execute("COMMIT")
            except BaseException:
                self.connection.execute("ROLLBACK")
                raise
            return ticket
        except Exception as error:
            raise LockError(f"Error while acquiring lock. Error:\n{error}") from error


class SharedRedisLockStore(RedisLockStore):
    """Rasa's RedisLockStore with two changes: it takes a URL (REDIS_URL, e.g.
    redis://:password@host:6379/0 or rediss://...), and every change of a lock is one Redis
    transaction (WATCH/MULTI). Rasa reads, changes and writes in separate steps, so two instances
    handling one conversation at the same moment could draw the same ticket or drop each
    other's ticket; then both would process a message at once."""

    def __init__(self, url: str) -> None:
        super().__init__()  # its client is replaced:
        self.red = redis_client(url)  # Rasa's constructor has no URL, so no password-in-URL

    def _change(self, conversation_id: str, change: Callable[[TicketLock], T]) -> T:
        """Apply `change` to the stored lock in one transaction; retried when another instance
        changed it meanwhile. A lock without tickets is deleted, as Rasa's cleanup does."""
        key = self.key_prefix + conversation_id
        with self.red.pipeline() as pipe:
            while True:
                try:
                    pipe.watch(key)
                    stored = pipe.get(key)
                    lock = (
                        TicketLock.from_dict(json.loads(stored))
                        if stored
                        else self.create_lock(conversation_id)
                    )
                    result = change(lock)
                    pipe.multi()
                    if lock.is_someone_waiting():
                        pipe.set(key, lock.dumps())
                    else:
                        pipe.delete(key)
                    pipe.execute()
                    return result
                except redis.WatchError:
                    continue

    def issue_ticket(self, conversation_id: str, lock_lifetime: float = LOCK_LIFETIME) -> int:
        try:
            return self._change(conversation_id, lambda lock: lock.issue_ticket(lock_lifetime))
        except Exception as error:
            raise LockError(f"Error while acquiring lock. Error:\n{error}") from error

    def update_lock(self, conversation_id: str) -> None:
        self._change(conversation_id, TicketLock.remove_expired_tickets)

    def cleanup(self, conversation_id: str, ticket_number: int) -> None:
        self._change(conversation_id, lambda lock: lock.remove_ticket_for(ticket_number))


class EnvironmentLockStore(LockStore):
    """The class endpoints.yml names. It builds the store the environment asks for: with
    REDIS_URL set the shared Redis store (several instances, several machines), else SQLite on
    this machine (the `db` from endpoints.yml). Rasa only loads classes from endpoints.yml, so
    the choice is made in __new__; the object returned is one of those two classes."""

    def __new__(cls, endpoint_config: EndpointConfig | None = None) -> LockStore:  # type: ignore[misc]
        url = os.environ.get("REDIS_URL", "").strip()
        return SharedRedisLockStore(url) if url else SQLiteLockStore(endpoint_config)
