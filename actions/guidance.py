"""The Steunpakket walk-through: which steps come next for this incident, role and progress.

Steps come a few at a time and never cross a phase boundary, so every message stays short and
starts with the phase it belongs to (Als het gebeurt / Bij wie kun je terecht). Which steps a
role gets, and in which wording, is decided in actions/knowledge.py from knowledge/roles.yml.
Steps whose checklist item the user already did are skipped.
"""

from dataclasses import dataclass, field
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions import flow
from actions import knowledge as kb
from actions.tracker_state import latest_intent

BATCH_SIZE = 2


@dataclass
class Batch:
    step_ids: list[str]
    phase_title: str | None  # set when this batch opens a new phase
    finished: bool  # True when the path has no steps left after this batch
    skipped_done: list[str] = field(default_factory=list)  # labels of steps already done


def applicable_steps(incident_type: str, role: str | None, knowledge: kb.Knowledge) -> list[str]:
    path = knowledge.paths.get(incident_type) or knowledge.paths["other"]
    steps = [step_id for step_id in path if kb.applies(knowledge.steps[step_id], role, knowledge)]
    # The phases always come in the Steunpakket's order, whatever order the path lists them in.
    order = list(knowledge.phases)
    return sorted(steps, key=lambda step_id: order.index(knowledge.steps[step_id]["phase"]))


def remaining_steps(
    incident_type: str,
    role: str | None,
    shown: list[str],
    done: list[str],
    knowledge: kb.Knowledge,
) -> list[str]:
    """Steps not shown yet, including those already done (which next_batch skips)."""
    return [s for s in applicable_steps(incident_type, role, knowledge) if s not in shown]


def next_batch(
    incident_type: str,
    role: str | None,
    shown: list[str],
    done: list[str],
    knowledge: kb.Knowledge,
) -> Batch:
    remaining = remaining_steps(incident_type, role, shown, done, knowledge)
    skipped = [s for s in remaining if knowledge.steps[s].get("checklist") in done]
    remaining = [s for s in remaining if s not in skipped]
    if not remaining:
        return Batch([], None, True, [knowledge.steps[s]["label"] for s in skipped])
    phase = knowledge.steps[remaining[0]]["phase"]
    batch = [s for s in remaining if knowledge.steps[s]["phase"] == phase][:BATCH_SIZE]
    shown_phases = {knowledge.steps[s]["phase"] for s in shown}
    return Batch(
        step_ids=batch,
        phase_title=None if phase in shown_phases else knowledge.phases[phase],
        finished=len(remaining) == len(batch),
        skipped_done=[knowledge.steps[s]["label"] for s in skipped],
    )


def in_progress(tracker: Tracker) -> bool:
    """A walk-through has started and still has steps to show."""
    incident = tracker.get_slot("incident_type")
    shown = tracker.get_slot("steps_shown") or []
    return bool(
        incident
        and shown
        and remaining_steps(
            incident,
            tracker.get_slot("role"),
            shown,
            tracker.get_slot("steps_done") or [],
            kb.load(),
        )
    )


def guide(
    dispatcher: CollectingDispatcher,
    tracker: Tracker,
    incident_type: str,
    role: str | None,
    shown: list[str],
    done: list[str],
) -> list[dict[str, Any]]:
    """Show the next steps and return the slot events that record them."""
    knowledge = kb.load()
    conversation = knowledge.conversation
    batch = next_batch(incident_type, role, shown, done, knowledge)
    if not shown:
        dispatcher.utter_message(
            text=kb.render(
                conversation["guide_start"],
                knowledge,
                role,
                incident=kb.incident_name(incident_type, knowledge),
            )
        )
    if batch.skipped_done:
        dispatcher.utter_message(
            text=kb.render(
                conversation["already_done_intro"], knowledge, items="; ".join(batch.skipped_done)
            )
        )
    if batch.step_ids:
        lines = [f"{batch.phase_title}:"] if batch.phase_title else []
        person = flow.person_values(tracker)
        lines += [f"• {kb.step_text(s, role, knowledge, **person)}" for s in batch.step_ids]
        lines.append(kb.render(flow.texts()["human_line"], knowledge))
        buttons = conversation["step_buttons"] if not batch.finished else []
        dispatcher.utter_message(text="\n\n".join(lines), buttons=buttons)
    events = [
        SlotSet("steps_shown", shown + batch.step_ids),
        SlotSet("last_batch", batch.step_ids),
        SlotSet("guided_incident_type", incident_type),
    ]
    if batch.finished:
        dispatcher.utter_message(
            text=conversation["path_done"], buttons=conversation["checklist_buttons"]
        )
        from actions.report import report_offer  # (report imports the checklist, which imports us)

        dispatcher.utter_message(**report_offer())
        others = [t for t in tracker.get_slot("other_incident_types") or [] if t != incident_type]
        if others:
            question = conversation["also_other_type"]
            dispatcher.utter_message(
                text=kb.render(
                    question["text"], knowledge, incident=kb.incident_name(others[0], knowledge)
                ),
                buttons=question["buttons"],
            )
            events.append(SlotSet("pending_question", "other_type"))
    return events


class ActionGuide(Action):
    """ "Volgende stap" and "ik heb dit al gedaan"."""

    def name(self) -> str:
        return "action_guide"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        from actions.triage import proceed

        incident = tracker.get_slot("incident_type")
        started = tracker.get_slot("steps_shown") and incident == tracker.get_slot(
            "guided_incident_type"
        )
        if not started:  # the triage knows what comes first (the type, the danger question, ...)
            return proceed(dispatcher, tracker)
        knowledge = kb.load()
        done = list(tracker.get_slot("steps_done") or [])
        events: list[dict[str, Any]] = []
        if latest_intent(tracker) == "already_done":
            finished = [knowledge.steps[s] for s in tracker.get_slot("last_batch") or []]
            newly = [
                s["checklist"]
                for s in finished
                if s.get("checklist") and s["checklist"] not in done
            ]
            done += newly
            labels = [s["label"] for s in finished if s.get("checklist")]
            if labels:
                dispatcher.utter_message(
                    text=kb.render(
                        knowledge.conversation["marked_done"], knowledge, items="; ".join(labels)
                    )
                )
            events.append(SlotSet("steps_done", done))
        shown = tracker.get_slot("steps_shown") or []
        role = flow.advice_role(tracker)
        if tracker.get_slot("pending_question") == "role":  # asked once; the steps go on
            events.append(SlotSet("pending_question", None))
        return events + guide(dispatcher, tracker, incident, role, shown, done)
