"""The SQL tracker store forgets on request and purges old conversations (real SQLite file)."""

import asyncio
import subprocess
import sys
import time
from pathlib import Path

import pytest
import sqlalchemy as sa
from rasa.core.agent import Agent
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from sqlalchemy.orm import sessionmaker

from runtime import tracker_store as ts
from tests.conftest import free_port
from tests.real_servers import postgres_server

ROOT = Path(__file__).resolve().parents[2]
DOMAIN = Domain.load(str(ROOT / "domain.yml"))


@pytest.fixture(scope="module")
def postgres():
    """A throwaway PostgreSQL cluster (real server, own port)."""
    with postgres_server() as server:
        yield server.url


@pytest.fixture(params=["sqlite", "postgresql"])
def db(request, tmp_path):
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'tracker.db'}"
    url = request.getfixturevalue("postgres")
    engine = sa.create_engine(url)
    with engine.begin() as connection:  # every test starts with an empty store
        connection.execute(sa.text("DROP TABLE IF EXISTS events"))
    engine.dispose()
    return url


def rows(url, sender=None):
    engine = sa.create_engine(url)
    with engine.connect() as connection:
        query = "SELECT sender_id, data FROM events"
        result = connection.execute(sa.text(query)).fetchall()
    engine.dispose()
    return [r for r in result if sender is None or r[0] == sender]


def turn(tracker, text, *actions):
    tracker.update(UserUttered(text, {"name": "report_incident", "confidence": 1.0}))
    for action in actions:
        tracker.update(ActionExecuted(action))
    tracker.update(ActionExecuted("action_listen"))


def save(store, tracker):
    asyncio.run(store.save(tracker))


def test_saves_appends_and_forget_deletes_every_row_of_that_sender_only(db):
    store = ts.PrivateSQLTrackerStore(domain=DOMAIN, host=db)
    mine = DialogueStateTracker("mine", DOMAIN.slots)
    other = DialogueStateTracker("other", DOMAIN.slots)
    turn(mine, "Ze kennen mijn adres Vogelzangweg 17", "action_triage")
    mine.update(SlotSet("incident_type", "doxxing"))
    turn(other, "hallo", "utter_greet")
    save(store, mine), save(store, other)
    assert any("Vogelzangweg" in data for _, data in rows(db, "mine"))

    turn(mine, "vergeet dit gesprek", ts.FORGET_ACTION)
    save(store, mine)
    assert rows(db, "mine") == []
    assert rows(db, "other"), "another conversation was deleted too"
    assert asyncio.run(store.retrieve("mine")) is None  # the next message starts empty

    fresh = DialogueStateTracker("mine", DOMAIN.slots)
    turn(fresh, "hallo", "utter_greet")
    save(store, fresh)
    assert not any("Vogelzangweg" in data for _, data in rows(db, "mine"))
    assert asyncio.run(store.retrieve("mine")).get_slot("incident_type") is None


def test_an_old_forget_does_not_delete_later_turns(db):
    tracker = DialogueStateTracker("x", DOMAIN.slots)
    turn(tracker, "vergeet dit", ts.FORGET_ACTION)
    turn(tracker, "hallo", "utter_greet")
    assert not ts._forget_requested(tracker)


def age(url, sender, days):
    engine = sa.create_engine(url)
    with engine.begin() as connection:
        connection.execute(
            sa.text("UPDATE events SET timestamp = :t WHERE sender_id = :s"),
            {"t": time.time() - days * 86400, "s": sender},
        )
    engine.dispose()


def test_purge_deletes_only_conversations_whose_last_event_is_too_old(db):
    store = ts.PrivateSQLTrackerStore(domain=DOMAIN, host=db)
    for sender in ("old", "recent", "mixed"):
        tracker = DialogueStateTracker(sender, DOMAIN.slots)
        turn(tracker, "hallo", "utter_greet")
        save(store, tracker)
    age(db, "old", 31)
    age(db, "recent", 29)
    age(db, "mixed", 40)
    tracker = asyncio.run(store.retrieve("mixed"))
    turn(tracker, "nog iets", "utter_greet")  # a new turn today keeps the whole conversation
    save(store, tracker)

    assert ts.purge_database(db, 30) > 0
    assert {sender for sender, _ in rows(db)} == {"recent", "mixed"}


def test_the_server_purges_when_the_store_starts(db, monkeypatch):
    store = ts.PrivateSQLTrackerStore(domain=DOMAIN, host=db)
    tracker = DialogueStateTracker("old", DOMAIN.slots)
    turn(tracker, "hallo", "utter_greet")
    save(store, tracker)
    age(db, "old", 3)
    monkeypatch.setenv("RETENTION_DAYS", "2")
    ts.PrivateSQLTrackerStore(domain=DOMAIN, host=db)
    assert rows(db) == []


def test_make_purge_script_uses_the_environment(db):
    store = ts.PrivateSQLTrackerStore(domain=DOMAIN, host=db)
    tracker = DialogueStateTracker("old", DOMAIN.slots)
    turn(tracker, "hallo", "utter_greet")
    save(store, tracker)
    age(db, "old", 8)
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "purge.py")],
        env={"TRACKER_STORE_URL": db, "RETENTION_DAYS": "7", "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "older than 7 days" in result.stdout and rows(db) == []


def test_default_database_is_sqlite_under_var(monkeypatch):
    monkeypatch.delenv("TRACKER_STORE_URL", raising=False)
    assert ts.database_url() == f"sqlite:///{ROOT / 'var' / 'tracker.db'}"
    monkeypatch.setenv("TRACKER_STORE_URL", "postgresql://u:p@db:5432/weerbaar")
    assert ts.database_url() == "postgresql://u:p@db:5432/weerbaar"


def test_database_unreachable_at_start_is_a_clear_error():
    url = f"postgresql://weerbaar:geheim@127.0.0.1:{free_port()}/weerbaar"
    began = time.time()
    with pytest.raises(
        ConnectionError, match=r"\(TRACKER_STORE_URL\) is niet bereikbaar"
    ) as raised:
        ts.reachable_or_raise(url, seconds=1)
    assert "geheim" not in str(raised.value) and time.time() - began < 10


def test_a_failing_database_is_an_error_not_a_new_conversation(tmp_path):
    """Rasa's own wrapper would answer None (a fresh conversation) and keep the turn in memory."""
    store = ts.PrivateSQLTrackerStore(domain=DOMAIN, host=f"sqlite:///{tmp_path / 't.db'}")
    wrapped = Agent(domain=DOMAIN, tracker_store=store).tracker_store
    assert isinstance(wrapped, ts.StrictFailSafeTrackerStore)
    store.engine.dispose()
    store.sessionmaker = sessionmaker(bind=sa.create_engine("sqlite:////nonexistent/dir/t.db"))
    with pytest.raises(sa.exc.OperationalError):
        asyncio.run(wrapped.retrieve("someone"))
    with pytest.raises(sa.exc.OperationalError):
        asyncio.run(wrapped.save(DialogueStateTracker("someone", DOMAIN.slots)))
