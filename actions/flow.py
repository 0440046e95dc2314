"""The conversation around the steps (issue 11), shared by the actions: the texts of
knowledge/flow.yml, who the advice speaks to, what was said already, and the one short line back
to where the conversation was after a side question.
"""

from functools import cache
from typing import Any

import yaml
from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet

from actions import knowledge as kb
from actions import people
from actions.tracker_state import previous_intent

FILE = kb.KNOWLEDGE_DIR / "flow.yml"
# Step texts for someone who helps another person, when their own role does not say so.
SUPPORTER = "supporter"


@cache
def texts() -> dict[str, Any]:
    content = yaml.safe_load(FILE.read_text(encoding="utf-8"))
    if not content.get("source") or not content.get("checked"):
        raise kb.KnowledgeError("flow.yml: missing source or checked")
    knowledge = kb.load()
    first = content["first_steps"]
    unknown = set(first["ids"] + first["always"] + first["evidence"]) - set(knowledge.steps)
    if unknown:
        raise kb.KnowledgeError(f"flow.yml first_steps: unknown steps {sorted(unknown)}")
    if SUPPORTER not in knowledge.roles:
        raise kb.KnowledgeError(f"roles.yml: needs the role {SUPPORTER}")
    return content


def about_other(tracker: Tracker) -> bool:
    return tracker.get_slot("subject") == people.OTHER


def person(tracker: Tracker) -> tuple[str, str]:
    """How to speak about the person a helper helps: (subject form, object form)."""
    pronoun = tracker.get_slot("helped_pronoun")
    if pronoun in ("zij", "hij"):
        return pronoun, people.object_pronoun(pronoun)
    name = tracker.get_slot("helped_name") or people.NEUTRAL
    return name, name


def person_values(tracker: Tracker) -> dict[str, str]:
    """{zij} and {haar} in texts: the person a helper helps ("hij", "hem", "het raadslid")."""
    zij, haar = person(tracker)
    return {"zij": zij, "haar": haar}


def fill(template: str, tracker: Tracker, role: str | None = None, **values: str) -> str:
    """Contacts, role and incident from the knowledge; {zij} and {haar} for the other person."""
    return kb.render(template, kb.load(), role, **person_values(tracker), **values)


def fill_buttons(buttons: list[dict[str, str]], tracker: Tracker) -> list[dict[str, str]]:
    return [{**b, "title": fill(b["title"], tracker)} for b in buttons]


def for_whom(entry: dict[str, Any], tracker: Tracker) -> Any:
    """An entry's `other` variant for a helper, else its `self` variant."""
    return entry["other"] if about_other(tracker) else entry["self"]


def advice_role(tracker: Tracker) -> str | None:
    """The role whose texts the steps use: a helper without a helper's role (a colleague, a
    friend, someone who skipped the role question) gets the helper texts."""
    role = tracker.get_slot("role")
    if not about_other(tracker):
        return role
    knowledge = kb.load()
    audience = kb.audience(role, knowledge) if role else "helper"
    if audience not in ("helper", "family"):
        role, audience = SUPPORTER, "helper"
    # helping a candidate: no steps for officeholders (roles.yml `helps`)
    return kb.role_helping(audience, tracker.get_slot("helped_role"), knowledge) or role


def yes_no(knowledge: kb.Knowledge) -> list[dict[str, str]]:
    buttons = knowledge.conversation["buttons"]
    return [buttons["yes"], buttons["no"]]


def said(tracker: Tracker) -> list[str]:
    return list(tracker.get_slot("said") or [])


def mark_said(events: list[dict[str, Any]], tracker: Tracker, key: str) -> list[dict[str, Any]]:
    """The events with `key` added to what was said (after any `said` the events set)."""
    current = next((e["value"] for e in reversed(events) if e.get("name") == "said"), said(tracker))
    if key in (current or []):
        return events
    return events + [SlotSet("said", list(current or []) + [key])]


def back_line(tracker: Tracker) -> tuple[str | None, list[dict[str, Any]], list[dict[str, Any]]]:
    """After an answer to a side question: the line back, its buttons, and slot events.

    A pending question that has not been answered yet is recalled in other words (never asked
    twice); the role question is not recalled at all (it is asked once, in passing)."""
    from actions.guidance import in_progress

    flow = texts()
    knowledge = kb.load()
    pending = tracker.get_slot("pending_question")
    back = flow["back"]
    if pending == "in_danger":
        question = knowledge.conversation["ask_in_danger"]
        buttons = question["buttons"]
        if about_other(tracker):
            buttons = flow["ask_in_danger_other"]["buttons"]
        line = fill(for_whom(back["in_danger"], tracker), tracker)
        return line, fill_buttons(buttons, tracker), []
    if pending == "who":
        return back["who"], flow["ask_who"]["buttons"], []
    if pending == "incident_type":
        return back["incident_type"], knowledge.conversation["ask_incident_type"]["buttons"], []
    if pending == "other_type":
        others = tracker.get_slot("other_incident_types") or []
        name = kb.incident_name(others[0] if others else None, knowledge)
        return fill(back["other_type"], tracker, incident=name), yes_no(knowledge), []
    events = [SlotSet("pending_question", None)] if pending == "role" else []
    if in_progress(tracker) or pending == "role":
        return back["steps"], [knowledge.conversation["buttons"]["continue"]], events
    return None, [], events


def answer_follow_up(dispatcher: Any, tracker: Tracker) -> list[dict[str, Any]] | None:
    """Answers a follow-up to the topic answer just given ("ook als het maar een boze mail
    was?" after the internal-report answer) when that topic has one (topics.yml `follow_up`),
    whatever the classifier heard in it (a question about a mail can sound like a report).
    The events of the line back when answered, else None."""
    knowledge = kb.load()
    before = knowledge.topics.get(previous_intent(tracker) or "", {})
    if not (before.get("follow_up") and kb.is_follow_up(tracker.latest_message.get("text") or "")):
        return None
    text, buttons, events = with_back_line(kb.render(before["follow_up"], knowledge), tracker)
    dispatcher.utter_message(text=text, buttons=buttons)
    return events


def with_back_line(
    text: str, tracker: Tracker
) -> tuple[str, list[dict[str, Any]], list[dict[str, Any]]]:
    """The answer with the line back appended (in the same message, so it reads as one)."""
    line, buttons, events = back_line(tracker)
    return (f"{text}\n\n{line}" if line else text), buttons, events
