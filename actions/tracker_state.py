"""Reading the conversation state the same way in every action."""

from rasa_sdk import Tracker


def latest_intent(tracker: Tracker) -> str | None:
    """The final intent of the last message, after the safety net (not the raw ranking)."""
    return (tracker.latest_message.get("intent") or {}).get("name")
