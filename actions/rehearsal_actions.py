"""Oefenmodus: thin Rasa actions over actions/rehearsal.py.

While practising, the form `rehearsal_form` is active: every message fills `rehearsal_answer`
(from_text), and validate_rehearsal_form hands it to the engine. So free text of any intent
reaches the engine, while rules still catch "stop oefenen" and a real emergency (112 first).
Practice must never touch the real report: slots the message itself set (incident_type, role,
...) are put back as they were before it.
"""

from typing import Any

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import ActiveLoop, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions import rehearsal as engine
from actions.topics import not_understood
from actions.tracker_state import CONVERSATION_SLOTS, latest_intent, slots_before_last_message


def _entity(tracker: Tracker, name: str) -> str | None:
    return next(
        (
            e.get("value")
            for e in tracker.latest_message.get("entities") or []
            if e.get("entity") == name
        ),
        None,
    )


def in_progress(tracker: Tracker) -> bool:
    scenario = tracker.get_slot("rehearsal_scenario")
    return bool(scenario in engine.load().scenarios and tracker.get_slot("rehearsal_moment"))


def _clear_progress() -> list[dict[str, Any]]:
    return [
        SlotSet("rehearsal_scenario", None),
        SlotSet("rehearsal_moment", None),
        SlotSet("rehearsal_results", None),
        SlotSet("rehearsal_answer", None),
        SlotSet("rehearsal_reprompt", None),
        SlotSet("rehearsing", False),
    ]


def restore_real_slots(tracker: Tracker) -> dict[str, Any]:
    before = slots_before_last_message(tracker)
    return {
        name: before.get(name)
        for name in CONVERSATION_SLOTS
        if tracker.get_slot(name) != before.get(name)
    }


class ActionStartRehearsal(Action):
    """ "Ik wil oefenen": the menu, a scenario of the chosen type, or back to where you were."""

    def name(self) -> str:
        return "action_start_rehearsal"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        library = engine.load()
        texts = library.texts
        done = list(tracker.get_slot("rehearsals_done") or [])
        kind = _entity(tracker, "rehearsal_type")
        if in_progress(tracker) and not kind:
            dispatcher.utter_message(text=texts["resume"])
            return [
                SlotSet("rehearsal_answer", None),
                SlotSet("rehearsal_reprompt", None),
                SlotSet("rehearsing", True),
            ]
        if latest_intent(tracker) == "choose_option" and not kind:
            # An option typed outside practice ("hoi 3", "ze heeft 112 gebeld en de politie is
            # er nu" heard as one) is no wish to practise: handled as not understood.
            return [SlotSet("rehearsing", False)] + not_understood(dispatcher, tracker)
        if kind not in engine.REPORT_TYPES + ["random"]:
            # The menu: the practice form asks for the choice (ActionAskRehearsalAnswer), so a
            # typed label or ordinary word is a choice, never a real report.
            return [
                SlotSet("rehearsal_scenario", None),
                SlotSet("rehearsal_moment", None),
                SlotSet("rehearsal_answer", None),
                SlotSet("rehearsal_reprompt", None),
                SlotSet("rehearsing", True),
            ]
        return start_scenario(dispatcher, library, kind, done)


def start_scenario(
    dispatcher: CollectingDispatcher, library: engine.Library, kind: str, done: list[str]
) -> list[dict[str, Any]]:
    texts = library.texts
    scenario_id, repeated = engine.pick(library, kind, done)
    if repeated:
        dispatcher.utter_message(text=texts["all_done_of_type"])
    dispatcher.utter_message(text=engine.intro(library, scenario_id))
    first = library.scenarios[scenario_id]["moments"][0]["id"]
    return [
        SlotSet("rehearsal_scenario", scenario_id),
        SlotSet("rehearsal_moment", first),
        SlotSet("rehearsal_results", []),
        SlotSet("rehearsal_answer", None),
        SlotSet("rehearsal_reprompt", None),
        SlotSet("rehearsing", True),
    ]


def show_menu(
    dispatcher: CollectingDispatcher, library: engine.Library, done: list[str], short: bool
) -> None:
    texts = library.texts
    lines = [texts["menu_again"]] if short else [texts["notice"], texts["menu"]]
    if done and not short:
        lines.append(engine.fill(texts["menu_done"], done=engine.titles(library, done)))
    dispatcher.utter_message(text="\n\n".join(lines), buttons=texts["menu_buttons"])


class ActionAskRehearsalAnswer(Action):
    """The form asks: the situation of the current moment, with the options as buttons."""

    def name(self) -> str:
        return "action_ask_rehearsal_answer"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        library = engine.load()
        short = bool(tracker.get_slot("rehearsal_reprompt"))
        if not in_progress(tracker):  # the menu: which situation?
            done = list(tracker.get_slot("rehearsals_done") or [])
            show_menu(dispatcher, library, done, short)
            return [SlotSet("rehearsal_reprompt", None)]
        scenario_id = tracker.get_slot("rehearsal_scenario")
        moment_id = tracker.get_slot("rehearsal_moment")
        moment = engine.find_moment(library.scenarios[scenario_id], moment_id)
        dispatcher.utter_message(
            text=engine.moment_prompt(library, scenario_id, moment_id, short),
            buttons=engine.option_buttons(moment),
        )
        return [SlotSet("rehearsal_reprompt", None)]


class ValidateRehearsalForm(FormValidationAction):
    """Each answer: feedback, then the next moment (the form asks it) or the end (debrief)."""

    def name(self) -> str:
        return "validate_rehearsal_form"

    async def validate_rehearsal_answer(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        library = engine.load()
        keep_real = restore_real_slots(tracker)
        intent = latest_intent(tracker)
        if not in_progress(tracker):
            return {**keep_real, **self.choose(dispatcher, tracker, library, str(value or ""))}
        scenario_id = tracker.get_slot("rehearsal_scenario")
        moment_id = tracker.get_slot("rehearsal_moment")
        moment = engine.find_moment(library.scenarios[scenario_id], moment_id)
        option = engine.match_option(
            moment, str(value or ""), intent, _entity(tracker, "rehearsal_option")
        )
        if intent == "start_rehearsal":
            # (also at the form's start) the form simply shows the current moment
            return {**keep_real, "rehearsal_answer": None}
        results = list(tracker.get_slot("rehearsal_results") or [])
        if option is None:
            reply = engine.unmatched(library, scenario_id, moment_id, str(value or ""), intent)
            if reply.text:
                dispatcher.utter_message(text=reply.text)
            if reply.kind in ("again", "hint", "earlier"):
                return {**keep_real, "rehearsal_answer": None, "rehearsal_reprompt": True}
            if reply.kind == "end":
                return {**keep_real, "rehearsal_moment": None, "rehearsal_answer": value}
            results = engine.record(results, moment_id, engine.best_option(moment), correct=False)
            next_moment = reply.next_moment
        else:
            outcome = engine.evaluate(library, scenario_id, moment_id, option)
            dispatcher.utter_message(text=outcome.feedback)
            results = engine.record(results, moment_id, option)
            next_moment = outcome.next_moment
        # A filled answer ends the form; an empty one makes it ask the next moment.
        return {
            **keep_real,
            "rehearsal_results": results,
            "rehearsal_moment": next_moment,
            "rehearsal_answer": value if next_moment is None else None,
        }

    @staticmethod
    def choose(
        dispatcher: CollectingDispatcher, tracker: Tracker, library: engine.Library, text: str
    ) -> dict[str, Any]:
        """In the menu: start the scenario the helper chose, or show the menu again."""
        intent = latest_intent(tracker)
        kind = _entity(tracker, "rehearsal_type") or engine.menu_choice(library, text, intent)
        if kind not in engine.REPORT_TYPES + ["random"]:
            again = intent != "start_rehearsal"  # "ik wil oefenen" again shows the whole menu
            return {"rehearsal_answer": None, "rehearsal_reprompt": again or None}
        done = list(tracker.get_slot("rehearsals_done") or [])
        events = start_scenario(dispatcher, library, kind, done)
        return {event["name"]: event["value"] for event in events}


class ActionRehearsalDebrief(Action):
    def name(self) -> str:
        return "action_rehearsal_debrief"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        library = engine.load()
        scenario_id = tracker.get_slot("rehearsal_scenario")
        done = list(tracker.get_slot("rehearsals_done") or [])
        if scenario_id in library.scenarios:
            results = tracker.get_slot("rehearsal_results") or []
            dispatcher.utter_message(text=engine.debrief(library, scenario_id, results))
            done = list(dict.fromkeys(done + [scenario_id]))
        dispatcher.utter_message(
            text=library.texts["debrief_end"], buttons=library.texts["after_buttons"]
        )
        return _clear_progress() + [SlotSet("rehearsals_done", done)]


class ActionStopRehearsal(Action):
    """ "Stop oefenen": back to the normal bot; which scenarios were done is kept. A plain "stop"
    heard as this when no practice runs ends the conversation, not a practice."""

    def name(self) -> str:
        return "action_stop_rehearsal"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        texts = engine.load().texts
        practising = tracker.get_slot("rehearsing") or in_progress(tracker)
        key = "stopped" if practising else "stopped_not_practising"
        dispatcher.utter_message(text=engine.fill(texts[key]), buttons=texts[f"{key}_buttons"])
        return [ActiveLoop(None)] + _clear_progress()


class ActionRehearsalPaused(Action):
    """After the 112 reply during practice: the practice waits; go on or stop?"""

    def name(self) -> str:
        return "action_rehearsal_paused"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        texts = engine.load().texts
        dispatcher.utter_message(text=texts["paused"], buttons=texts["paused_buttons"])
        # Real danger: "ja" now gets 112 again, "ik ben veilig" the real steps (actions/triage.py).
        real = [SlotSet("acute_danger", True), SlotSet("pending_question", "in_danger")]
        if tracker.get_slot("subject") is None:
            real.append(SlotSet("subject", "self"))
        return [
            ActiveLoop(None),
            SlotSet("rehearsing", False),
            SlotSet("rehearsal_answer", None),
            *real,
        ]
