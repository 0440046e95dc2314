"""The role slot after every message (actions/slot_validation.py): Rasa's own mapping takes the
last role word; the user's own role is what stays."""

import asyncio
from pathlib import Path

import pytest
import yaml
from rasa_sdk.executor import CollectingDispatcher

from actions.slot_validation import ValidateSlotMappings
from tests.conftest import make_tracker

DOMAIN = yaml.safe_load((Path(__file__).resolve().parents[2] / "domain.yml").read_text("utf-8"))


def role_entity(value: str, start: int) -> dict:
    return {"entity": "role", "value": value, "start": start, "end": start + 5}


def validate(text: str, entities: list[dict], mapped: str, known: str | None) -> list[dict]:
    """Run the action as Rasa does: the mapping's SlotSet comes after the user's message."""
    tracker = make_tracker("ask_who_to_call", text, {"role": mapped}, entities)
    before = [{"event": "slot", "name": "role", "value": known}] if known else []
    tracker.events = before + [
        {"event": "user", "text": text, "parse_data": tracker.latest_message},
        {"event": "slot", "name": "role", "value": mapped},
    ]
    return asyncio.run(ValidateSlotMappings().run(CollectingDispatcher(), tracker, DOMAIN))


@pytest.mark.parametrize(
    "text, entities, mapped, known, expected",
    [
        # a candidate who says what she is not yet, after the role was known as raadslid
        (
            "ik ben nog geen raadslid, geldt dat dan ook voor mij?",
            [role_entity("council_member", 14)],
            "council_member",
            "council_member",
            "candidate",
        ),
        # a griffier asking about a raadslid: the griffier's own role, not the last word
        (
            "ik ben griffier, wat doe ik als een raadslid bedreigd wordt?",
            [role_entity("clerk", 7), role_entity("council_member", 35)],
            "council_member",
            None,
            "clerk",
        ),
        # a plain role stays as it is
        ("ik ben wethouder", [role_entity("alderman", 7)], "alderman", None, "alderman"),
    ],
)
def test_the_role_slot_becomes_the_users_own_role(text, entities, mapped, known, expected):
    assert validate(text, entities, mapped, known) == [
        {"event": "slot", "timestamp": None, "name": "role", "value": expected}
    ]


def test_a_word_that_is_no_role_keeps_the_known_role():
    # An extractor may give "lid" for "lid van de partij"; that is no role, the raadslid stays.
    events = validate(
        "ik ben al jaren lid van de partij", [role_entity("lid", 14)], "lid", "council_member"
    )
    assert events == [
        {"event": "slot", "timestamp": None, "name": "role", "value": "council_member"}
    ]
