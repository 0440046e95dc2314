"""Answers to the questions a user can ask anywhere: aangifte, internal melding, evidence,
removal, preparation. Each answer is a few steps from knowledge/steps.yml."""

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions import knowledge as kb
from actions.contacts import continue_buttons
from actions.guidance import applicable_steps
from actions.tracker_state import latest_intent


def topic_answer(topic: str, role: str | None, knowledge: kb.Knowledge) -> str:
    entry = knowledge.topics[topic]
    steps = [s for s in entry["steps"] if kb.applies(knowledge.steps[s], role, knowledge)]
    lines = [entry["intro"]] + [f"• {kb.step_text(s, role, knowledge)}" for s in steps]
    return "\n\n".join(lines)


class ActionAnswerTopic(Action):
    """The topic is the intent's name (ask_how_aangifte, ask_evidence, ...)."""

    def name(self) -> str:
        return "action_answer_topic"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        knowledge = kb.load()
        topic = latest_intent(tracker)
        if topic not in knowledge.topics:
            dispatcher.utter_message(response="utter_please_rephrase")
            return []
        role = tracker.get_slot("role")
        buttons = continue_buttons(tracker)
        dispatcher.utter_message(text=topic_answer(topic, role, knowledge), buttons=buttons)
        if not buttons:  # no walk-through in progress
            return []
        # Steps of the walk-through just answered here are not shown again by "volgende stap".
        shown = tracker.get_slot("steps_shown") or []
        path = applicable_steps(tracker.get_slot("incident_type"), role, knowledge)
        answered = [s for s in knowledge.topics[topic]["steps"] if s in path and s not in shown]
        return [SlotSet("steps_shown", shown + answered)] if answered else []
