"""Who can I call? The contacts that fit this user's role and incident, 112 always first."""

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions import flow
from actions import knowledge as kb
from actions.guidance import in_progress

# Removal help matters most where something about you is online.
REMOVAL_TYPES = {"doxxing", "impersonation", "online_abuse"}


def contacts_for(role: str | None, incident_type: str | None, knowledge: kb.Knowledge) -> list[str]:
    keys = ["emergency"]
    if kb.audience(role, knowledge) != "candidate":
        keys.append("ondersteuningsteam")
    keys += ["police", "slachtofferhulp"]
    if incident_type in REMOVAL_TYPES or incident_type is None:
        keys.append("helpwanted")
    if incident_type == "online_abuse":
        keys.append("meld_online_discriminatie")
    return keys


def describe_contact(key: str, knowledge: kb.Knowledge) -> str:
    contact = knowledge.contacts[key]
    if key == "emergency":
        return f"🚨 Direct gevaar? Bel {contact['phone']}."
    text = f"📞 {kb.contact_line(key, knowledge)}. {contact['what']}"
    if key == "ondersteuningsteam":
        text += f" Voor wie: {contact['for_whom']}"
    return " ".join(text.split())


def contacts_message(role: str | None, incident_type: str | None, knowledge: kb.Knowledge) -> str:
    lines = [knowledge.conversation["contacts_intro"]]
    lines += [
        describe_contact(key, knowledge) for key in contacts_for(role, incident_type, knowledge)
    ]
    if kb.audience(role, knowledge) == "candidate":
        lines.append(" ".join(knowledge.conversation["contacts_candidate_note"].split()))
    return "\n\n".join(lines)


def continue_buttons(tracker: Tracker) -> list[dict[str, Any]]:
    """After a side question, offer the way back into the walk-through."""
    return [kb.load().conversation["continue_button"]] if in_progress(tracker) else []


class ActionContacts(Action):
    def name(self) -> str:
        return "action_contacts"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        message = contacts_message(
            flow.advice_role(tracker), tracker.get_slot("incident_type"), kb.load()
        )
        text, buttons, events = flow.with_back_line(message, tracker)
        dispatcher.utter_message(text=text, buttons=buttons)
        return events
