"""After every message, before the next action: the role slot the NLU filled from a role word
is made the user's own role. Rasa fills `role` from the last role entity of any message, so "ik
ben nog geen raadslid, geldt dat ook voor mij?" made a candidate a raadslid, and "ik ben
griffier, wat doe ik als een raadslid bedreigd wordt?" made the griffier one; the triage
corrected that only in its own turns. Rasa runs this action (by its fixed name) whenever a
slot was filled from a message (global slot validation, rasa_sdk ValidationAction)."""

from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.forms import ValidationAction

from actions import knowledge as kb
from actions.tracker_state import slots_before_last_message
from actions.triage import own_role


def validated_role(tracker: Tracker, knowledge: kb.Knowledge) -> str | None:
    """The user's own role after the latest message: the one its words give (a helper names
    whom they help, "nog geen raadslid" is a candidate), else the role known before."""
    known = slots_before_last_message(tracker).get("role")
    known = known if known in knowledge.roles else None
    message = tracker.latest_message or {}
    role = own_role(message.get("entities") or [], message.get("text") or "", knowledge, known)
    return role or known


class ValidateSlotMappings(ValidationAction):
    def name(self) -> str:
        return "action_validate_slot_mappings"

    def validate_role(
        self,
        slot_value: Any,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: dict[str, Any],
    ) -> dict[str, Any]:
        return {"role": validated_role(tracker, kb.load())}
