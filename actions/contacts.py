"""Who can I call? The contacts that fit this user's role and incident, 112 always first."""

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions import flow, topics
from actions import knowledge as kb
from actions.guidance import in_progress

AFTERCARE = "ask_aftercare"


def contacts_for(role: str | None, incident_type: str | None, knowledge: kb.Knowledge) -> list[str]:
    """112 first, then the Ondersteuningsteam (everyone may read whom it is for), the police
    and Slachtofferhulp; help to get things offline where something is online
    (`removal_help:` in knowledge/incidents.yml)."""
    keys = ["emergency", "ondersteuningsteam", "police", "slachtofferhulp"]
    incident = knowledge.incidents.get(incident_type or "")
    if incident is None or incident.get("removal_help"):
        keys.append("helpwanted")
    if incident_type == "online_abuse":
        keys.append("meld_online_discriminatie")
    return keys


def describe_contact(key: str, knowledge: kb.Knowledge) -> str:
    contact = knowledge.contacts[key]
    formats = knowledge.conversation["contact_formats"]
    if key == "emergency":
        return kb.render(formats["emergency"], knowledge)
    text = formats["entry"].format(line=kb.contact_line(key, knowledge), what=contact["what"])
    if contact.get("for_whom"):
        text += " " + formats["for_whom"].format(for_whom=contact["for_whom"])
    return " ".join(text.split())


def contacts_message(role: str | None, incident_type: str | None, knowledge: kb.Knowledge) -> str:
    lines = [knowledge.conversation["contacts_intro"]]
    lines += [
        describe_contact(key, knowledge) for key in contacts_for(role, incident_type, knowledge)
    ]
    return "\n\n".join(lines)


def continue_buttons(tracker: Tracker) -> list[dict[str, Any]]:
    """After a side question, offer the way back into the walk-through."""
    return [kb.load().conversation["buttons"]["continue"]] if in_progress(tracker) else []


def helper_self_aftercare(
    tracker: Tracker, role: str | None, knowledge: kb.Knowledge
) -> str | None:
    """A helper asking someone to talk to for themselves ("kan ik zelf ook met iemand praten?"),
    heard as who-to-call: the aftercare answer for the helper, which names Slachtofferhulp too."""
    text = tracker.latest_message.get("text") or ""
    if not kb.question_cues()[AFTERCARE].search(text.lower()):
        return None
    if topics.helper_self_answer(AFTERCARE, role, text, knowledge) is None:
        return None
    return topics.answer(AFTERCARE, role, tracker, knowledge)[0]


class ActionContacts(Action):
    def name(self) -> str:
        return "action_contacts"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        knowledge, role = kb.load(), flow.advice_role(tracker)
        message = helper_self_aftercare(tracker, role, knowledge) or contacts_message(
            role, tracker.get_slot("incident_type"), knowledge
        )
        text, buttons, events = flow.with_back_line(message, tracker)
        dispatcher.utter_message(text=text, buttons=buttons)
        return events
