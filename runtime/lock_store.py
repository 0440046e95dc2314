"""A conversation lock store in SQLite, so several Rasa workers can share this machine's cores.

Rasa runs one Sanic worker unless the lock store is shared between processes (Redis, or a custom
store like this one; rasa/core/utils.py). Each message takes a ticket on its conversation's lock
so that two messages of one conversation are never processed at the same time, also when they
land on different workers. A ticket is issued inside one `BEGIN IMMEDIATE` transaction, so two
workers can never draw the same number (Redis's store reads and writes in two steps). Locks live
only while a message is processed; the file holds no message content.
"""

import json
import sqlite3
from pathlib import Path

from rasa.core.lock import TicketLock
from rasa.core.lock_store import LOCK_LIFETIME, LockError, LockStore
from rasa.utils.endpoints import EndpointConfig

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
