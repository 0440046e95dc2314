"""Triage after the user says what happened: acknowledge, safety check, role, then the steps.

The order is the protocol's: first "is the person safe now?", then who they are (which changes
the advice), then the Steunpakket steps. When a message names several incident types, the most
urgent one comes first and the others are offered afterwards.
"""

import re
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions import knowledge as kb
from actions.guidance import guide
from actions.tracker_state import latest_intent, slots_before_last_message
from components.danger_patterns import PAST, assess_danger

_KNOWLEDGE = kb.load()
# From knowledge/incidents.yml: most urgent first (physical danger, then threats, then exposure
# of where you live); the types that can mean physical danger, so the bot asks "Ben je nu in
# gevaar?" when unsure; and the words that show a second type inside a message about another.
URGENCY = kb.by_urgency(_KNOWLEDGE)
SAFETY_CHECK_TYPES = {k for k, v in _KNOWLEDGE.incidents.items() if v.get("safety_check")}
TYPE_CUES = {
    kind: r"\b(?:" + "|".join(info["cues"]) + ")"
    for kind, info in _KNOWLEDGE.incidents.items()
    if info.get("cues")
}


def incident_types_in(text: str) -> list[str]:
    plain = text.lower()
    return [kind for kind, cue in TYPE_CUES.items() if re.search(cue, plain)]


def rank_incidents(classified: str | None, text: str) -> list[str]:
    """The classified type plus any others the text names, most urgent first."""
    found = {classified} if classified and classified != "other" else set()
    found.update(incident_types_in(text))
    ranked = [kind for kind in URGENCY if kind in found]
    return ranked or ([classified] if classified else [])


def own_role(
    entities: list[dict[str, Any]], text: str, knowledge: kb.Knowledge, known: str | None = None
) -> str | None:
    """The user's own role when a message names several ("ik ben griffier, het gaat om een
    raadslid"): a helper names the person they help, otherwise the first role is the user's.
    Always one of the roles in knowledge/roles.yml, or None. Once the role is known, only the
    NLU's role words change it ("mijn partner weet het niet" does not make a raadslid family)."""
    roles = kb.mentioned_roles(entities, text, knowledge, words_alone=known is None)
    helpers = [r for r in roles if kb.audience(r, knowledge) == "helper"]
    return (helpers or roles or [None])[0]


def needs_safety_check(incident_type: str | None, acute_danger: bool | None, text: str) -> bool:
    return (
        incident_type in SAFETY_CHECK_TYPES and acute_danger is None and assess_danger(text) != PAST
    )


def ask(dispatcher: CollectingDispatcher, key: str, pending: str) -> list[dict[str, Any]]:
    question = kb.load().conversation[key]
    dispatcher.utter_message(text=question["text"], buttons=question["buttons"])
    return [SlotSet("pending_question", pending)]


def ask_incident_type(dispatcher: CollectingDispatcher) -> list[dict[str, Any]]:
    return ask(dispatcher, "ask_incident_type", "incident_type")


def acknowledge(dispatcher: CollectingDispatcher, role: str | None) -> None:
    knowledge = kb.load()
    who = kb.audience(role, knowledge)
    texts = knowledge.conversation["acknowledge"]
    dispatcher.utter_message(
        text=f"{texts.get(who, texts['self'])} {knowledge.conversation['bot_notice']}"
    )


class ActionTriage(Action):
    """Runs after a report, a role, or an answer to one of the triage questions."""

    def name(self) -> str:
        return "action_triage"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        knowledge = kb.load()
        conversation = knowledge.conversation
        intent = latest_intent(tracker)
        text = tracker.latest_message.get("text") or ""
        pending = tracker.get_slot("pending_question")
        incident = tracker.get_slot("incident_type")
        acute = tracker.get_slot("acute_danger")
        slot_role = tracker.get_slot("role")
        # the NLU may fill the slot with words that are no known role ("lid"): never keep those
        role = slot_role if slot_role in knowledge.roles else None
        others = list(tracker.get_slot("other_incident_types") or [])
        events: list[dict[str, Any]] = [SlotSet("pending_question", None)]
        entities = tracker.latest_message.get("entities") or []
        known = slots_before_last_message(tracker).get("role")
        role = (
            own_role(entities, text, knowledge, known if known in knowledge.roles else None) or role
        )
        if role != slot_role:
            events.append(SlotSet("role", role))

        if intent == "affirm" and pending == "in_danger":
            # The rule has already said 112; remember it and wait until the user is safe.
            recorded = conversation["acute_recorded"]
            dispatcher.utter_message(text=recorded["text"], buttons=recorded["buttons"])
            return events + [SlotSet("acute_danger", True)]
        if intent == "not_in_danger" or (intent == "deny" and pending == "in_danger"):
            dispatcher.utter_message(text=conversation["not_in_danger_ack"])
            events.append(SlotSet("acute_danger", False))
            acute = False
        elif intent == "affirm" and pending == "other_type" and others:
            incident, others = others[0], others[1:]
            events += [SlotSet("incident_type", incident), SlotSet("other_incident_types", others)]
            return events + guide(
                dispatcher, tracker, incident, role, [], tracker.get_slot("steps_done") or []
            )
        elif intent in ("affirm", "deny"):
            if pending in ("role", "incident_type"):
                return ask(
                    dispatcher, "ask_role" if pending == "role" else "ask_incident_type", pending
                )
            dispatcher.utter_message(
                text=conversation["nothing_pending"],
                buttons=conversation["ask_incident_type"]["buttons"],
            )
            return events

        entity_types = [
            e.get("value")
            for e in tracker.latest_message.get("entities", [])
            if e.get("entity") == "incident_type"
        ]
        if intent == "report_incident" and not entity_types:
            return ask_incident_type(dispatcher)
        if not incident:
            return ask_incident_type(dispatcher)

        guided = tracker.get_slot("guided_incident_type")
        if guided is None and intent == "not_in_danger" and pending != "in_danger":
            # back from "Bel nu 112": the triage had not acknowledged yet
            acknowledge(dispatcher, role)
        if intent and intent.startswith("report_"):
            ranked = rank_incidents(incident, text)
            if ranked and ranked[0] != incident:
                incident = ranked[0]
                events.append(SlotSet("incident_type", incident))
            others = [t for t in dict.fromkeys(others + ranked) if t != incident]
            events.append(SlotSet("other_incident_types", others))
            if guided is None:
                acknowledge(dispatcher, role)
            elif guided != incident:
                dispatcher.utter_message(
                    text=kb.render(
                        conversation["type_changed"],
                        knowledge,
                        incident=kb.incident_name(incident, knowledge),
                    )
                )

        if needs_safety_check(incident, acute, text):
            return events + ask(dispatcher, "ask_in_danger", "in_danger")
        if not role:
            return events + ask(dispatcher, "ask_role", "role")
        shown = (tracker.get_slot("steps_shown") or []) if guided == incident else []
        return events + guide(
            dispatcher, tracker, incident, role, shown, tracker.get_slot("steps_done") or []
        )
