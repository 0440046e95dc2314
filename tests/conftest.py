"""Shared test helpers: real rasa-sdk Trackers and CollectingDispatchers, no Rasa server."""

import asyncio
import socket
from typing import Any

import pytest
import yaml
from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions import flow
from actions import knowledge as kb


def free_port() -> int:
    """A port nothing listens on right now (for servers the tests start themselves)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


DOMAIN_SLOTS = list(yaml.safe_load(open(kb.KNOWLEDGE_DIR.parent / "domain.yml"))["slots"])


def make_tracker(
    intent: str,
    text: str = "",
    slots: dict[str, Any] | None = None,
    entities: list[dict[str, Any]] | None = None,
) -> Tracker:
    values = dict.fromkeys(DOMAIN_SLOTS)
    values.update(slots or {})
    return Tracker.from_dict(
        {
            "sender_id": "test",
            "slots": values,
            "latest_message": {
                "text": text,
                "intent": {"name": intent, "confidence": 1.0},
                "entities": entities or [],
            },
            "events": [],
            "paused": False,
            "followup_action": None,
            "active_loop": {},
            "latest_action_name": "action_listen",
        }
    )


def run_action(action: Action, tracker: Tracker) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """The messages the action sent, and the slot values it set (name → value)."""
    dispatcher = CollectingDispatcher()
    events = asyncio.run(action.run(dispatcher, tracker, {}))
    return dispatcher.messages, {e["name"]: e["value"] for e in events if e["event"] == "slot"}


def all_text(messages: list[dict[str, Any]]) -> str:
    return "\n".join(m.get("text") or "" for m in messages)


def payloads(messages: list[dict[str, Any]]) -> list[str]:
    return [b["payload"] for m in messages for b in m.get("buttons") or []]


@pytest.fixture(scope="session")
def knowledge() -> kb.Knowledge:
    return kb.load()


# Content helpers: tests read the texts and numbers from knowledge/, so an editor can improve a
# sentence without breaking a test that only wants to know the right fact is there.


def ot_phone() -> str:
    """The Ondersteuningsteam's number as the bot shows it (knowledge/contacts.yml)."""
    return kb.load().contacts["ondersteuningsteam"]["phone"]


def phone(key: str) -> str:
    return kb.load().contacts[key]["phone"]


def content(key: str, **values: str) -> str:
    """A conversation text by key ("path_done", "checklist.all_done"), placeholders filled."""
    return kb.text(key, **values)


def back_to_danger(zij: str | None = None) -> str:
    """The line back to the danger question (knowledge/flow.yml), for the user or for "hij"/"zij"."""
    lines = flow.texts()["back"]["in_danger"]
    return lines["self"] if zij is None else lines["other"].replace("{zij}", zij)


def step(step_id: str, role: str | None = None) -> str:
    """A walk-through step as this role reads it."""
    return kb.step_text(step_id, role, kb.load())


class FakeTelegramApi:
    """The Telegram Bot API, for unit tests of the channel: records each call, answers {}."""

    def __init__(self):
        self.calls = []

    async def call(self, method, **params):
        self.calls.append((method, params))
        return {}

    async def send_file(self, method, field, filename, content, mime, **params):
        self.calls.append((method, {**params, field: (filename, content, mime)}))
        return {}

    def sent(self):
        return [params for method, params in self.calls if method == "sendMessage"]


def knowledge_with(tmp_path, filename: str, old: str, new: str):
    """A copy of knowledge/ in tmp_path with one change in one file (to test the validator)."""
    for path in kb.KNOWLEDGE_DIR.glob("*.yml"):
        (tmp_path / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    changed = tmp_path / filename
    changed.write_text(changed.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
    return tmp_path
