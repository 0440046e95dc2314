"""The report's Rasa actions (actions/report_actions.py) with real rasa-sdk trackers."""

import asyncio

import pytest
from rasa_sdk.executor import CollectingDispatcher

from actions import knowledge as kb
from actions import report
from actions.report_actions import (
    ActionAskReportAnswer,
    ActionMakeReport,
    ActionReportDanger,
    ActionStartReport,
    ValidateReportForm,
)
from tests.conftest import all_text, make_tracker, run_action


def validate(text, intent, slots):
    tracker = make_tracker(intent, text, {"reporting": True, **slots})
    dispatcher = CollectingDispatcher()
    result = asyncio.run(ValidateReportForm().validate_report_answer(text, dispatcher, tracker, {}))
    return dispatcher.messages, result


def test_start_asks_nothing_in_danger_now_but_gives_112():
    messages, slots = run_action(
        ActionStartReport(), make_tracker("ask_report", slots={"acute_danger": True})
    )
    assert messages == [{**messages[0], "response": "utter_acute_danger"}]
    assert slots == {"reporting": False}


def test_start_begins_with_the_first_question_or_resumes():
    messages, slots = run_action(ActionStartReport(), make_tracker("ask_report"))
    assert slots["reporting"] is True and slots["report_question"] == "when"
    assert "één tegelijk" in all_text(messages)
    _, helper_slots = run_action(
        ActionStartReport(), make_tracker("ask_report", slots={"role": "clerk"})
    )
    assert helper_slots["report_question"] == "about"
    waiting = {"report_question": "who", "report_answers": {"when": {"text": "gisteren"}}}
    messages, slots = run_action(ActionStartReport(), make_tracker("ask_report", slots=waiting))
    assert (
        slots["report_question"] == "who" and slots["report_answers"] == waiting["report_answers"]
    )
    assert report.say("resume") in all_text(messages)


def test_each_question_has_skip_and_stop_buttons():
    messages, _ = run_action(
        ActionAskReportAnswer(), make_tracker("ask_report", slots={"report_question": "where"})
    )
    assert "platform" in messages[0]["text"]
    assert [b["payload"] for b in messages[0]["buttons"]] == ["/skip", "/stop_report"]


def test_an_answer_is_kept_as_typed_and_the_next_question_follows():
    typed = "Op <b>Instagram</b> & in mijn DM's"
    messages, result = validate(
        typed, "report_online_threat", {"report_question": "where", "report_answers": {}}
    )
    assert messages == []
    assert result["report_answers"] == {"where": {"text": typed}}
    assert result["report_question"] == "what" and result["report_answer"] is None


def test_an_unreadable_date_gets_a_kind_note_and_the_form_goes_on():
    messages, result = validate(
        "toen het donker was", "nlu_fallback", {"report_question": "when", "report_answers": {}}
    )
    assert all_text(messages) == report.say("date_unknown")
    assert result["report_answers"]["when"]["text"] == "toen het donker was"
    assert result["report_question"] == "where"


def test_skip_stop_and_a_question_in_between():
    _, skipped = validate("sla over", "skip", {"report_question": "who", "report_answers": {}})
    assert (
        skipped["report_answers"] == {"who": {"text": None}}
        and skipped["report_question"] == "evidence"
    )
    _, stopped = validate("stop", "goodbye", {"report_question": "who", "report_answers": {}})
    assert stopped == {"report_answer": "stop", "report_stopped": True}
    messages, asked = validate(
        "wie kan ik bellen?", "ask_who_to_call", {"report_question": "who", "report_answers": {}}
    )
    assert "070 - 373 83 14" in all_text(messages) and report.say("back_to_question") in all_text(
        messages
    )
    assert asked == {"report_answer": None}  # same question again, nothing recorded


def test_a_topic_question_inside_the_form_is_answered_then_the_question_comes_back():
    state = {"report_question": "who", "report_answers": {}, "role": "clerk", "subject": "other"}
    state |= {"helped_pronoun": "zij"}
    messages, asked = validate("hoe doet ze aangifte?", "ask_how_aangifte", state)
    text = all_text(messages)
    assert "VPT-code" in text and "laat haar zeggen" in text
    assert report.say("back_to_question") in text
    assert asked["report_answer"] is None


def test_an_old_button_is_no_answer():
    messages, result = validate(
        "/next_step", "next_step", {"report_question": "who", "report_answers": {}}
    )
    assert all_text(messages) == report.say("button_in_form") and result == {"report_answer": None}


def test_the_last_answer_ends_the_form():
    _, result = validate("nee", "deny", {"report_question": "done", "report_answers": {}})
    assert result["report_answer"] == "done" and result["report_question"] is None


def test_the_report_is_one_message_with_a_custom_payload_and_the_answers_are_cleared():
    slots = {
        "incident_type": "online_threat",
        "role": "council_member",
        "report_answers": {"where": {"text": "<i>X</i>"}},
    }
    messages, cleared = run_action(ActionMakeReport(), make_tracker("deny", slots=slots))
    payloads = [m["custom"] for m in messages if m.get("custom")]
    assert len(payloads) == 1 and set(payloads[0]["report"]) == {"title", "text", "filename"}
    assert "“<i>X</i>”" in payloads[0]["report"]["text"]
    assert cleared["report_answers"] is None and cleared["reporting"] is False


def test_after_stop_the_report_is_offered_not_made():
    slots = {"report_stopped": True, "report_answers": {"where": {"text": "X"}}}
    messages, kept = run_action(ActionMakeReport(), make_tracker("stop_report", slots=slots))
    assert not any(m.get("custom") for m in messages)
    assert messages[-1]["buttons"] == [report.button("finish")]
    assert "report_answers" not in kept  # kept for "maak het verslag met wat ik gaf"
    messages, _ = run_action(ActionMakeReport(), make_tracker("finish_report", slots=slots))
    assert any(m.get("custom") for m in messages)


IN_THE_FORM = {"reporting": True, "report_question": "impact", "report_answers": {}}


def danger_during_the_questions(text):
    tracker = make_tracker("acute_danger", text, {**IN_THE_FORM, "acute_danger": True})
    tracker.events = [
        {"event": "user", "text": text, "parse_data": tracker.latest_message},
        {"event": "slot", "name": "acute_danger", "value": True},  # Rasa's from_intent mapping
    ]
    dispatcher = CollectingDispatcher()
    events = asyncio.run(ActionReportDanger().run(dispatcher, tracker, {}))
    return dispatcher.messages, events


@pytest.mark.parametrize(
    "text",
    ["er staat nu iemand voor mijn deur met een mes", "/acute_danger", "Ja, er is nu gevaar"],
)
def test_danger_shown_during_the_questions_gives_112_and_the_report_waits(text):
    messages, events = danger_during_the_questions(text)
    assert messages[0]["response"] == "utter_acute_danger"
    assert [b["payload"] for b in messages[1]["buttons"]] == ["/not_in_danger", "/ask_report"]
    assert events == [
        {"event": "active_loop", "timestamp": None, "name": None},
        {"event": "slot", "timestamp": None, "name": "reporting", "value": False},
        {"event": "slot", "timestamp": None, "name": "report_answer", "value": None},
    ]


def test_an_answer_only_the_classifier_took_for_danger_is_kept_and_the_form_goes_on():
    text = "mijn kinderen durven niet meer alleen naar buiten"
    messages, events = danger_during_the_questions(text)
    assert messages[0]["text"] == kb.render(report.say("danger_check"), kb.load())
    assert "112" in messages[0]["text"]
    assert messages[0]["buttons"] == [report.button("danger_now")]
    slots = {e["name"]: e["value"] for e in events if e["event"] == "slot"}
    assert slots["report_answers"]["impact"]["text"] == text
    assert slots["report_question"] == "done" and slots["report_answer"] is None
    assert slots["acute_danger"] is None  # the message's own "danger now" is put back
    assert events[-1] == {"event": "followup", "timestamp": None, "name": "report_form"}


def test_the_report_is_offered_when_the_steps_end():
    from actions import knowledge as kb
    from actions.guidance import ActionGuide, applicable_steps

    path = applicable_steps("online_abuse", "council_member", kb.load())
    slots = {
        "incident_type": "online_abuse",
        "role": "council_member",
        "guided_incident_type": "online_abuse",
        "steps_shown": path[:-1],
    }
    messages, _ = run_action(ActionGuide(), make_tracker("next_step", slots=slots))
    offer = messages[-1]
    assert offer["text"] == report.say("offer")
    assert offer["buttons"] == [report.button("start")]


def test_an_answer_does_not_change_the_helpers_own_role():
    from rasa_sdk import Tracker

    text = "Wethouder J. de Vries"
    events = [
        {"event": "slot", "name": "role", "value": "clerk"},
        {"event": "user", "text": text, "parse_data": {"intent": {"name": "inform_role"}}},
        {"event": "slot", "name": "role", "value": "alderman"},
    ]
    tracker = make_tracker("inform_role", text, {"role": "alderman", "report_question": "about"})
    tracker = Tracker.from_dict({**tracker.current_state(), "events": events})
    result = asyncio.run(
        ValidateReportForm().validate_report_answer(text, CollectingDispatcher(), tracker, {})
    )
    assert result["role"] == "clerk" and result["report_question"] == "when"
    assert result["report_answers"] == {"about": {"text": text}}
