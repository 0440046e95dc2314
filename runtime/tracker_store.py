"""Rasa's SQL tracker store, plus the two privacy duties: forget a conversation, purge old ones.

endpoints.yml loads this class by module path. Where the data lives comes from the environment:
TRACKER_STORE_URL (any SQLAlchemy URL, e.g. postgresql://user:password@host:5432/weerbaar);
unset means SQLite in var/tracker.db. RETENTION_DAYS (default 30) is how long a conversation is
kept after its last event.

Why forgetting happens here and not in an action: Rasa saves the tracker after every turn by
appending the events it has not stored yet, so rows deleted by the action server would simply
be written again. Instead, when a turn ran `utter_conversation_forgotten`, save() deletes every
row of that sender and stores nothing of the turn; the next message starts an empty tracker.

A database that fails is an error, not a new conversation (StrictFailSafeTrackerStore below).
"""

import logging
import os
import time
from pathlib import Path
from typing import Any

import rasa.core.agent as rasa_agent
import sqlalchemy as sa
from rasa.core.tracker_store import FailSafeTrackerStore, SQLTrackerStore, create_engine_kwargs
from rasa.shared.core.events import ActionExecuted
from rasa.shared.core.trackers import DialogueStateTracker
from sqlalchemy.orm import sessionmaker

from runtime import action_fallback
from runtime.redis_client import redacted
from runtime.retention import retention_days

logger = logging.getLogger(__name__)

ROOT = Path(__file__).resolve().parent.parent
FORGET_ACTION = "utter_conversation_forgotten"
PURGE_EVERY_SECONDS = 3600  # a long-running server purges at most once an hour, while saving
CONNECT_SECONDS = float(os.environ.get("TRACKER_STORE_CONNECT_SECONDS", "20"))  # at start


class StrictFailSafeTrackerStore(FailSafeTrackerStore):
    """Rasa wraps every tracker store in FailSafeTrackerStore (Agent._create_tracker_store). When
    the database fails, that wrapper answers as if the conversation were new (retrieve gives
    None: "Wat is er gebeurd?" again, mid-report) and keeps the turn in this process's memory,
    where other instances never see it and a restart loses it. Here the error goes on to the
    channel instead, which answers with the fallback reply (112, Ondersteuningsteam); the stored
    conversation stays as it was and goes on once the database is back."""

    def __init__(self, tracker_store: Any, **_: Any) -> None:
        super().__init__(tracker_store, on_tracker_store_error=_raise)


def _raise(error: Exception) -> None:
    raise error


def install() -> None:
    """Make Rasa wrap tracker stores in StrictFailSafeTrackerStore (idempotent)."""
    rasa_agent.FailSafeTrackerStore = StrictFailSafeTrackerStore


# Always loaded by the Rasa server (endpoints.yml), before the agent wraps the store.
action_fallback.install()
install()


def database_url() -> str:
    url = os.environ.get("TRACKER_STORE_URL")
    if url:
        return url
    (ROOT / "var").mkdir(exist_ok=True)
    return f"sqlite:///{ROOT / 'var' / 'tracker.db'}"


def reachable_or_raise(url: str, seconds: float = CONNECT_SECONDS) -> None:
    """A clear error when the database does not answer within `seconds`; Rasa's own store would
    retry every 5 s for ever, with a server that never starts and never says why."""
    engine = sa.create_engine(url)
    deadline = time.time() + seconds
    try:
        while True:
            try:
                with engine.connect():
                    return
            except sa.exc.OperationalError as error:
                if time.time() > deadline:
                    raise ConnectionError(
                        f"De database op {redacted(url)} (TRACKER_STORE_URL) is niet bereikbaar: "
                        f"{str(error.orig).strip()}"
                    ) from error
                time.sleep(1)
    finally:
        engine.dispose()


def _events() -> sa.Table:
    return SQLTrackerStore.SQLEvent.__table__


def delete_sender(connection: Any, sender_id: str) -> int:
    """Delete every stored event of one conversation; returns the number of rows."""
    table = _events()
    return connection.execute(table.delete().where(table.c.sender_id == sender_id)).rowcount


def purge(connection: Any, days: float, now: float | None = None) -> int:
    """Delete conversations whose last event is older than `days`; returns the rows deleted.

    Plain SQL that SQLite and PostgreSQL both run: senders grouped by their newest timestamp.
    """
    table = _events()
    cutoff = (now if now is not None else time.time()) - days * 86400
    stale = (
        sa.select(table.c.sender_id)
        .group_by(table.c.sender_id)
        .having(sa.func.max(table.c.timestamp) < cutoff)
    )
    return connection.execute(table.delete().where(table.c.sender_id.in_(stale))).rowcount


def purge_database(url: str, days: float) -> int:
    engine = sa.create_engine(url)
    try:
        SQLTrackerStore.Base.metadata.create_all(engine)
        with engine.begin() as connection:
            return purge(connection, days)
    finally:
        engine.dispose()


class PrivateSQLTrackerStore(SQLTrackerStore):
    """SQLTrackerStore that forgets on request and drops conversations past the retention."""

    def __init__(self, domain: Any = None, host: str | None = None, **kwargs: Any) -> None:
        url = host or database_url()
        reachable_or_raise(url)
        # A URL in `host` is used as is by SQLTrackerStore (sqlite:///..., postgresql://...).
        super().__init__(domain=domain, host=url, **kwargs)
        # Rasa's engine keeps pooled connections that a database restart breaks: the first
        # message after it would fail. pre_ping tests a connection before it is used.
        self.engine.dispose()
        self.engine = sa.create_engine(url, pool_pre_ping=True, **create_engine_kwargs(url))
        self.sessionmaker = sessionmaker(bind=self.engine)
        self._last_purge = 0.0
        self._purge_if_due()

    def _purge_if_due(self) -> None:
        if time.time() - self._last_purge < PURGE_EVERY_SECONDS:
            return
        self._last_purge = time.time()
        with self.engine.begin() as connection:
            deleted = purge(connection, retention_days())
        logger.info(
            "retention purge: %d events older than %s days deleted", deleted, retention_days()
        )

    async def save(self, tracker: DialogueStateTracker) -> None:
        if _forget_requested(tracker):
            with self.engine.begin() as connection:
                deleted = delete_sender(connection, tracker.sender_id)
            logger.info("conversation forgotten on request: %d events deleted", deleted)
            return
        await super().save(tracker)
        self._purge_if_due()


def _forget_requested(tracker: DialogueStateTracker) -> bool:
    """Did the turn being saved run the forget confirmation? (only the events since the last
    user message matter: an earlier forget has already been handled)"""
    for event in reversed(tracker.events):
        if isinstance(event, ActionExecuted) and event.action_name == FORGET_ACTION:
            return True
        if event.type_name == "user":
            return False
    return False
