"""Answers to the questions a user can ask anywhere: aangifte, VPT, internal melding, evidence,
removal, the address, preparation, "is dit strafbaar?", a human. Each answer is a few steps from
knowledge/steps.yml, then one short line back to where the conversation was (actions/flow.py)."""

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions import flow, people
from actions import knowledge as kb
from actions.guidance import applicable_steps
from actions.tracker_state import latest_intent
from actions.triage import TRIAGE_QUESTIONS, Triage, answers_danger_question

CRIME = "ask_is_crime"
# Words for a type the question itself names ("is stalken strafbaar?"), beyond the triage's cues.
CRIME_WORDS = {
    "physical_intimidation": ("belag", "stalk", "achtervolg", "volgt"),
    "doxxing": ("doxing", "doxxing", "doxen", "gegevens", "adres"),
    "impersonation": ("smaad", "laster", "deepfake", "nep"),
    "online_abuse": ("beledig", "uitscheld", "scheld", "klachtdelict", "opruiing"),
}


def crime_types(text: str, current: str | None) -> list[str]:
    """The incident types a "is this a crime?" question is about: those named in it ("wat is
    het verschil tussen bedreiging en belediging?" names two), else the conversation's, else a
    threat (the most common)."""
    plain = text.lower()
    named = [kind for kind, words in CRIME_WORDS.items() if any(w in plain for w in words)]
    named += [kind for kind in kb.incident_types_in(text) if kind not in named]
    return named or [current or "online_threat"]


def helper_self_answer(
    topic: str, role: str | None, text: str, knowledge: kb.Knowledge
) -> dict[str, Any] | None:
    """The topic's answer for a helper who asks for themselves ("kan ik zelf ook met iemand
    praten?"), when it has one."""
    own = knowledge.topics[topic].get("for_helper_self")
    if own and kb.audience(role, knowledge) == "helper" and people.asks_for_myself(text):
        return own
    return None


def topic_steps(topic: str, tracker: Tracker, knowledge: kb.Knowledge) -> list[str]:
    entry = knowledge.topics[topic]
    if topic == CRIME:
        text = tracker.latest_message.get("text") or ""
        kinds = crime_types(text, tracker.get_slot("incident_type"))
        steps = [entry["law_steps"].get(kind, entry["law_steps"]["other"]) for kind in kinds]
        return list(dict.fromkeys(steps))
    return list(entry["steps"])


def topic_answer(
    entry: dict[str, Any],
    role: str | None,
    knowledge: kb.Knowledge,
    steps: list[str],
    **person: str,
) -> str:
    """A topic's intro and steps for this role; `person` (zij, haar) for a helper's texts."""
    steps = [s for s in steps if kb.applies(knowledge.steps[s], role, knowledge)]
    # The intro is the topic's `text`; `helper:` or `family:` word it for those users.
    intro = kb.wording({**entry, "text": entry["intro"]}, role, knowledge)
    lines = [kb.render(intro, knowledge, role, **person)]
    lines += [f"• {kb.step_text(s, role, knowledge, **person)}" for s in steps]
    return "\n\n".join(lines)


def answer(
    topic: str, role: str | None, tracker: Tracker, knowledge: kb.Knowledge
) -> tuple[str, list[str]]:
    """The answer to a topic question in this conversation, and the steps it names."""
    own = helper_self_answer(topic, role, tracker.latest_message.get("text") or "", knowledge)
    entry = own or knowledge.topics[topic]
    steps = list(own["steps"]) if own else topic_steps(topic, tracker, knowledge)
    return topic_answer(entry, role, knowledge, steps, **flow.person_values(tracker)), steps


class ActionAnswerTopic(Action):
    """The topic is the intent's name (ask_how_aangifte, ask_evidence, ...)."""

    def name(self) -> str:
        return "action_answer_topic"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        if answers_danger_question(tracker):
            # help came: the danger question is answered, the steps go on
            return Triage(dispatcher, tracker).run()
        knowledge = kb.load()
        topic = latest_intent(tracker)
        if topic not in knowledge.topics:
            dispatcher.utter_message(response="utter_please_rephrase")
            return []
        role = flow.advice_role(tracker)
        reply, steps = answer(topic, role, tracker, knowledge)
        text, buttons, events = flow.with_back_line(reply, tracker)
        events = flow.mark_said(events, tracker, f"topic:{topic}")
        dispatcher.utter_message(text=text, buttons=buttons)
        said = people.said_subject(tracker.latest_message.get("text") or "")
        if said and tracker.get_slot("subject") is None:
            # "mijn zoon is wethouder en wordt bedreigd, wat kan ik doen?": who it is about is
            # known for what follows
            events.append(SlotSet("subject", said))
        incident = tracker.get_slot("incident_type")
        shown = tracker.get_slot("steps_shown") or []
        if not incident or not shown:  # no walk-through in progress
            return events
        # Steps of the walk-through just answered here are not shown again by "volgende stap".
        path = applicable_steps(incident, role, knowledge)
        answered = [s for s in steps if s in path and s not in shown]
        return events + ([SlotSet("steps_shown", shown + answered)] if answered else [])


def not_understood(dispatcher: CollectingDispatcher, tracker: Tracker) -> list[dict[str, Any]]:
    """Not understood. A question the triage waits for gets the triage (it reads the words: "ze
    heeft 112 gebeld" answers the danger question). A follow-up to a topic answer that has one
    is answered ("ook als het maar een boze mail was?"); another question the bot cannot place
    gets an honest "I do not know" with the human line, then the way back; anything else the
    please-rephrase reply."""
    if tracker.get_slot("pending_question") in TRIAGE_QUESTIONS:
        return Triage(dispatcher, tracker).run()
    text = tracker.latest_message.get("text") or ""
    if "?" not in text:
        dispatcher.utter_message(response="utter_please_rephrase")
        return []
    answered = flow.answer_follow_up(dispatcher, tracker)
    if answered is not None:
        return answered
    knowledge = kb.load()
    entry = knowledge.conversation["unknown_question"]
    text, buttons, events = flow.with_back_line(kb.render(entry["text"], knowledge), tracker)
    dispatcher.utter_message(text=text, buttons=buttons or entry["buttons"])
    return events


class ActionNotUnderstood(Action):
    """Not understood, no triage question waiting (data/rules/triage.yml sends those to the
    triage): see not_understood."""

    def name(self) -> str:
        return "action_not_understood"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        return not_understood(dispatcher, tracker)
