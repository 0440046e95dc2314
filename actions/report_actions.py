"""Het verslag: thin Rasa actions over actions/report.py.

While the questions run, the form `report_form` is active and every message fills `report_answer`
(from_text), except a real emergency and "vergeet dit gesprek": rules catch those first. The
validator decides what a message is (an answer, "sla over", "stop", a question to answer first)
and moves `report_question` on; the answers collect in `report_answers`. When the form ends,
action_make_report sends the report as one message with a `custom` payload.
"""

from typing import Any

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import ActiveLoop, FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions import knowledge as kb
from actions import report
from actions.checklist import checklist_chat
from actions.contacts import contacts_message
from actions.rehearsal_actions import restore_real_slots
from actions.topics import answer
from actions.tracker_state import latest_intent
from components import button_titles
from components.danger_patterns import ACUTE, assess_danger
from runtime.retention import retention_days

# Questions the person may ask in the middle of the form; answered, then the form goes on.
OTHER_QUESTIONS = {"ask_who_to_call", "ask_checklist"}


def _clear() -> list[dict[str, Any]]:
    return [
        SlotSet("reporting", False),
        SlotSet("report_question", None),
        SlotSet("report_answers", None),
        SlotSet("report_answer", None),
        SlotSet("report_stopped", None),
    ]


def _known(tracker: Tracker, question: str, knowledge: kb.Knowledge) -> str | None:
    return report.known_answer(
        question, tracker.events, list(tracker.get_slot("steps_done") or []), knowledge
    )


def answer_question(intent: str, tracker: Tracker, knowledge: kb.Knowledge) -> str:
    role, incident = tracker.get_slot("role"), tracker.get_slot("incident_type")
    if intent == "ask_who_to_call":
        return contacts_message(role, incident, knowledge)
    if intent == "ask_checklist":
        done = list(tracker.get_slot("steps_done") or [])
        return checklist_chat(incident or "other", role, done, knowledge)
    return answer(intent, role, tracker, knowledge)[0]


class ActionStartReport(Action):
    """ "Maak een verslag": the first question, or back to where the person was. Not in danger."""

    def name(self) -> str:
        return "action_start_report"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        if tracker.get_slot("acute_danger") is True:
            dispatcher.utter_message(response="utter_acute_danger")  # 112 first, no form
            return [SlotSet("reporting", False)]
        knowledge, texts = kb.load(), report.load_texts()
        question = tracker.get_slot("report_question")
        answers = tracker.get_slot("report_answers")
        if question in report.QUESTIONS and answers is not None:
            dispatcher.utter_message(text=report.say("resume", texts))
        else:
            dispatcher.utter_message(text=report.say("intro", texts))
            role = tracker.get_slot("role")
            question, answers = report.next_question(None, role, knowledge, texts), {}
        return [
            SlotSet("reporting", True),
            SlotSet("report_question", question),
            SlotSet("report_answers", answers),
            SlotSet("report_answer", None),
            SlotSet("report_stopped", None),
        ]


class ActionAskReportAnswer(Action):
    def name(self) -> str:
        return "action_ask_report_answer"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        knowledge, texts = kb.load(), report.load_texts()
        question = tracker.get_slot("report_question")
        if question not in report.QUESTIONS:
            return [ActiveLoop(None)] + _clear()
        known = _known(tracker, question, knowledge)
        dispatcher.utter_message(
            text=report.question_text(question, tracker.get_slot("role"), known, knowledge, texts),
            buttons=[
                report.button("nothing_to_add" if known else "skip", texts),
                report.button("stop", texts),
            ],
        )
        return []


class ValidateReportForm(FormValidationAction):
    """Each message: a note if needed, then the next question (empty slot) or the end (filled).

    An answer is about the incident, not a new turn of the conversation: slots the message set by
    itself (a helper naming "wethouder" would change their own role) are put back as they were.
    """

    def name(self) -> str:
        return "validate_report_form"

    async def validate_report_answer(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        restored = restore_real_slots(tracker)
        role = restored["role"] if "role" in restored else tracker.get_slot("role")
        return {**restored, **self.read(value, role, dispatcher, tracker)}

    def read(
        self, value: Any, role: str | None, dispatcher: CollectingDispatcher, tracker: Tracker
    ) -> dict[str, Any]:
        knowledge, texts = kb.load(), report.load_texts()
        question = tracker.get_slot("report_question")
        if question not in report.QUESTIONS:
            return {"report_answer": "done"}
        text, intent = str(value or ""), latest_intent(tracker)
        kind = report.classify(text, intent, set(knowledge.topics) | OTHER_QUESTIONS)
        if kind == "stop":
            return {"report_answer": "stop", "report_stopped": True}
        if kind == "finish":
            return {"report_answer": "done"}
        if kind == "question":
            dispatcher.utter_message(text=answer_question(intent, tracker, knowledge))
            dispatcher.utter_message(text=report.say("back_to_question", texts))
            return {"report_answer": None}
        if kind == "payload" or intent == "ask_report":
            if intent != "ask_report":  # an old button: say so, ask again
                dispatcher.utter_message(text=report.say("button_in_form", texts))
            return {"report_answer": None}
        known = _known(tracker, question, knowledge)
        typed = None if kind == "skip" or (known and report.nothing_to_add(text)) else text
        if kind == "skip" and not known:
            dispatcher.utter_message(text=report.say("skipped", texts))
        answers, note = report.record(
            dict(tracker.get_slot("report_answers") or {}), question, typed, report.local_now()
        )
        if note:
            dispatcher.utter_message(text=report.say(note, texts))
        following = report.next_question(question, role, knowledge, texts)
        return {
            "report_answers": answers,
            "report_question": following,
            "report_answer": None if following else "done",
        }


class ActionMakeReport(Action):
    """After the questions (or "maak het verslag met wat ik gaf"): the report, or after "stop"
    the offer to make it from what was given so far."""

    def name(self) -> str:
        return "action_make_report"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        texts = report.load_texts()
        answers = dict(tracker.get_slot("report_answers") or {})
        if tracker.get_slot("report_stopped") and latest_intent(tracker) != "finish_report":
            given = any(a.get("text") for a in answers.values())
            if given:
                dispatcher.utter_message(
                    text=report.say("stopped", texts), buttons=[report.button("finish", texts)]
                )
            else:
                dispatcher.utter_message(text=report.say("stopped_empty", texts))
            # kept for "maak het verslag met wat ik gaf"; the retention period or "vergeet dit
            # gesprek" removes them like the rest of the conversation
            if not given:
                return _clear()
            return [
                SlotSet("reporting", False),
                SlotSet("report_answer", None),
                SlotSet("report_stopped", None),
            ]
        made = report.build_report(
            answers,
            tracker.get_slot("incident_type"),
            tracker.get_slot("role"),
            list(tracker.get_slot("steps_done") or []),
            report.local_now(),
            retention_days(),
            report.told_before(tracker.events),
        )
        dispatcher.utter_message(text=report.say("ready", texts))
        dispatcher.utter_message(json_message=made.payload())
        return _clear()


class ActionStopReport(Action):
    """ "Stop met het verslag" when no question is open: forget the answers given so far."""

    def name(self) -> str:
        return "action_stop_report"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        dispatcher.utter_message(text=report.say("stopped_empty"))
        return [ActiveLoop(None)] + _clear()


def danger_shown(text: str) -> bool:
    """Danger now that the person showed: a button (or its title typed), or words the danger
    patterns read as danger now. Not: the classifier's guess on an answer about the past."""
    plain = text.strip()
    return (
        plain.startswith("/")
        or button_titles.normalise(plain) in button_titles.button_payloads()
        or assess_danger(plain) == ACUTE
    )


class ActionReportDanger(Action):
    """Danger during the questions. Shown danger: the 112 reply, and the report waits until
    the person is safe. An answer only the classifier took for danger now ("mijn kinderen
    durven niet meer alleen naar buiten"): one line with 112 and a button for real danger, the
    answer is kept and the questions go on."""

    def name(self) -> str:
        return "action_report_danger"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        texts = report.load_texts()
        text = tracker.latest_message.get("text") or ""
        if danger_shown(text) or tracker.get_slot("report_question") not in report.QUESTIONS:
            dispatcher.utter_message(response="utter_acute_danger")
            dispatcher.utter_message(
                text=report.say("paused", texts),
                buttons=[report.button("safe", texts), report.button("resume", texts)],
            )
            return [ActiveLoop(None), SlotSet("reporting", False), SlotSet("report_answer", None)]
        dispatcher.utter_message(
            text=kb.render(report.say("danger_check", texts), kb.load()),
            buttons=[report.button("danger_now", texts)],
        )
        # As the form reads an answer (the message's own slot changes, acute_danger among
        # them, are put back); then the form asks its next question.
        read = await ValidateReportForm().validate_report_answer(text, dispatcher, tracker, domain)
        return [SlotSet(name, value) for name, value in read.items()] + [
            FollowupAction("report_form")
        ]
