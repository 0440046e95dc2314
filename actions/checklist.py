"""The melding checklist: what is done and what is next, for this incident type and role.

Shown with ticks in the chat, or as one plain text the user can copy and send to the griffier.
"""

from collections.abc import Iterable
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions import flow
from actions import knowledge as kb
from actions.contacts import continue_buttons
from actions.guidance import applicable_steps
from actions.triage import Triage


def checklist_labels(step_ids: Iterable[str], knowledge: kb.Knowledge) -> dict[str, str]:
    """Checklist key → label for these steps, in their order (the first label of a key wins)."""
    labels: dict[str, str] = {}
    for step_id in step_ids:
        step = knowledge.steps[step_id]
        if step.get("checklist"):
            labels.setdefault(step["checklist"], step["label"])
    return labels


def checklist_items(
    incident_type: str, role: str | None, done: list[str], knowledge: kb.Knowledge
) -> list[tuple[str, bool]]:
    """(label, done) per checklist item on this path, in the order of the steps."""
    labels = checklist_labels(applicable_steps(incident_type, role, knowledge), knowledge)
    return [(label, key in done) for key, label in labels.items()]


def checklist_todo(
    incident_type: str, role: str | None, done: list[str], knowledge: kb.Knowledge
) -> str | None:
    """What to do next, as a to-do ("Regel nog vandaag nazorg."); None when all is done."""
    for step_id in applicable_steps(incident_type, role, knowledge):
        step = knowledge.steps[step_id]
        if step.get("checklist") and step["checklist"] not in done:
            return step["todo"]
    return None


def checklist_chat(
    incident_type: str, role: str | None, done: list[str], knowledge: kb.Knowledge
) -> str:
    texts = knowledge.conversation["checklist"]
    items = checklist_items(incident_type, role, done, knowledge)
    lines = [
        kb.render(
            texts["title"], knowledge, role, incident=kb.incident_name(incident_type, knowledge)
        )
    ]
    lines += [
        f"{texts['done_mark'] if is_done else texts['open_mark']} {label}"
        for label, is_done in items
    ]
    todo = checklist_todo(incident_type, role, done, knowledge)
    lines.append(kb.render(texts["next"], knowledge, item=todo) if todo else texts["all_done"])
    return "\n".join(lines)


def checklist_plain_text(
    incident_type: str, role: str | None, done: list[str], knowledge: kb.Knowledge
) -> str:
    texts = knowledge.conversation["checklist"]
    lines = [
        kb.render(
            texts["text_intro"],
            knowledge,
            role,
            incident=kb.incident_name(incident_type, knowledge),
        )
    ]
    if role:
        lines.append(kb.render(texts["text_role"], knowledge, role))
    lines += [
        kb.render(texts["text_done" if is_done else "text_open"], knowledge, item=label)
        for label, is_done in checklist_items(incident_type, role, done, knowledge)
    ]
    lines.append(kb.render(texts["text_contact"], knowledge, role))
    return "\n".join(lines)


def _state(tracker: Tracker) -> tuple[str, str | None, list[str]]:
    # no type yet: the one the question names ("heb je een checklist voor als je online
    # bedreigd wordt?")
    incident = tracker.get_slot("incident_type") or next(
        iter(kb.incident_types_in(tracker.latest_message.get("text") or "")), "other"
    )
    return (
        incident,
        flow.advice_role(tracker),
        list(tracker.get_slot("steps_done") or []),
    )


class ActionChecklist(Action):
    def name(self) -> str:
        return "action_checklist"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        knowledge = kb.load()
        incident, role, done = _state(tracker)
        dispatcher.utter_message(
            text=checklist_chat(incident, role, done, knowledge),
            buttons=continue_buttons(tracker)
            + [knowledge.conversation["buttons"]["checklist_text"]],
        )
        return []


class ActionChecklistText(Action):
    def name(self) -> str:
        return "action_checklist_text"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        knowledge = kb.load()
        incident, role, done = _state(tracker)
        dispatcher.utter_message(text=knowledge.conversation["checklist"]["text_hint"])
        dispatcher.utter_message(
            text=checklist_plain_text(incident, role, done, knowledge),
            buttons=continue_buttons(tracker),
        )
        return []


class ActionRecordProgress(Action):
    """ "Ik heb al aangifte gedaan": tick it off and show the checklist; before anything was
    reported, a message that names what happened is the report (the triage), ticked off too."""

    def name(self) -> str:
        return "action_record_progress"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        knowledge = kb.load()
        incident, role, done = _state(tracker)
        # The wording of this path's checklist; items from other paths as a fallback.
        labels = {
            **checklist_labels(knowledge.steps, knowledge),
            **checklist_labels(applicable_steps(incident, role, knowledge), knowledge),
        }
        said = [
            e["value"]
            for e in tracker.latest_message.get("entities", [])
            if e.get("entity") == "done_step" and e.get("value") in labels
        ]
        done += [key for key in dict.fromkeys(said) if key not in done]
        named = kb.incident_types_in(tracker.latest_message.get("text") or "")
        if named and not (tracker.get_slot("incident_type") or tracker.get_slot("steps_shown")):
            # Nothing reported yet, and the words name what happened ("er staat een nepaccount
            # van mij, ik heb het al gemeld maar het staat er nog"): a report, told as progress.
            report = Triage(dispatcher, tracker, intent=f"report_{named[0]}").run()
            return report + [SlotSet("steps_done", done)]
        if said:
            dispatcher.utter_message(
                text=kb.render(
                    knowledge.conversation["marked_done"],
                    knowledge,
                    items="; ".join(labels[k] for k in dict.fromkeys(said)),
                )
            )
        dispatcher.utter_message(
            text=checklist_chat(incident, role, done, knowledge), buttons=continue_buttons(tracker)
        )
        return [SlotSet("steps_done", done)]
