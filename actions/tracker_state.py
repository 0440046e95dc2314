"""Reading the conversation state the same way in every action."""

from typing import Any

from rasa_sdk import Tracker

# The real conversation's state: what the triage reads and may change, and what a practice
# answer must never change (actions/rehearsal_actions.py puts it back).
CONVERSATION_SLOTS = (
    "incident_type",
    "acute_danger",
    "role",
    "pending_question",
    "other_incident_types",
    "guided_incident_type",
    "steps_shown",
    "steps_done",
    "subject",
    "helped_pronoun",
    "helped_name",
    "helped_role",
    "said",
    "inside_council",
    "last_batch",
)


def latest_intent(tracker: Tracker) -> str | None:
    """The final intent of the last message, after the safety net (not the raw ranking)."""
    return (tracker.latest_message.get("intent") or {}).get("name")


def previous_intent(tracker: Tracker) -> str | None:
    """The intent of the user's message before the latest one."""
    users = [e for e in tracker.events if e.get("event") == "user"]
    return (
        ((users[-2].get("parse_data") or {}).get("intent") or {}).get("name")
        if len(users) > 1
        else None
    )


def slots_before_last_message(tracker: Tracker) -> dict[str, Any]:
    """Slot values as they were when the user sent the latest message (its own entities may
    have changed them since)."""
    values: dict[str, Any] = {}
    before: dict[str, Any] = {}
    for event in tracker.events:
        if event.get("event") == "user":
            before = dict(values)
        elif event.get("event") == "slot":
            values[event.get("name")] = event.get("value")
    return before
