"""Oefenmodus actions with real rasa-sdk Trackers and CollectingDispatchers."""

import asyncio

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions import rehearsal as engine
from actions.rehearsal_actions import (
    ActionAskRehearsalAnswer,
    ActionRehearsalDebrief,
    ActionRehearsalPaused,
    ActionStartRehearsal,
    ActionStopRehearsal,
    ValidateRehearsalForm,
)
from tests.conftest import DOMAIN_SLOTS, all_text, make_tracker, ot_phone, payloads, run_action

DOMAIN = {
    "forms": {"rehearsal_form": {"required_slots": ["rehearsal_answer"]}},
    "slots": {name: {} for name in DOMAIN_SLOTS},
}
PRACTISING = {
    "rehearsal_scenario": "death_threat_instagram",
    "rehearsal_moment": "first_call",
    "rehearsal_results": [],
    "rehearsing": True,
}


def answer_tracker(text, intent, slots=None, entities=None, extracted=None):
    """The tracker the form sends to its validation action: the slots before the message, the
    user message, what slot extraction set from it, then the answer as the slot candidate."""
    before = {**PRACTISING, **(slots or {})}
    values = dict.fromkeys(DOMAIN_SLOTS)
    values.update(before)
    values.update(extracted or {})
    values["rehearsal_answer"] = text
    events = [{"event": "slot", "name": k, "value": v} for k, v in before.items()]
    events.append({"event": "user", "text": text, "parse_data": {"intent": {"name": intent}}})
    events += [{"event": "slot", "name": k, "value": v} for k, v in (extracted or {}).items()]
    events += [
        {"event": "slot", "name": "requested_slot", "value": "rehearsal_answer"},
        {"event": "action", "name": "rehearsal_form"},
        {"event": "slot", "name": "rehearsal_answer", "value": text},
    ]
    values["requested_slot"] = "rehearsal_answer"
    return Tracker.from_dict(
        {
            "sender_id": "test",
            "slots": values,
            "events": events,
            "paused": False,
            "latest_message": {
                "text": text,
                "intent": {"name": intent, "confidence": 1.0},
                "entities": entities or [],
            },
            "followup_action": None,
            "active_loop": {"name": "rehearsal_form"},
            "latest_action_name": "rehearsal_form",
        }
    )


def validate(tracker):
    dispatcher = CollectingDispatcher()
    events = asyncio.run(ValidateRehearsalForm().run(dispatcher, tracker, DOMAIN))
    return dispatcher.messages, {e["name"]: e["value"] for e in events if e["event"] == "slot"}


def test_start_without_a_choice_opens_the_practice_form_which_shows_the_menu():
    messages, slots = run_action(
        ActionStartRehearsal(), make_tracker("start_rehearsal", "ik wil oefenen")
    )
    assert messages == []
    assert slots == {
        "rehearsal_scenario": None,
        "rehearsal_moment": None,
        "rehearsal_answer": None,
        "rehearsal_reprompt": None,
        "rehearsing": True,
    }
    menu, _ = run_action(
        ActionAskRehearsalAnswer(), make_tracker("start_rehearsal", "", {"rehearsing": True})
    )
    assert "Dit is een oefening, geen echte melding." in all_text(menu)
    assert '/start_rehearsal{"rehearsal_type": "doxxing"}' in payloads(menu)
    assert '/start_rehearsal{"rehearsal_type": "random"}' in payloads(menu)
    assert len(payloads(menu)) <= 5


def test_typed_labels_and_ordinary_words_in_the_menu_start_practice_not_a_report():
    menu = {"rehearsal_scenario": None, "rehearsal_moment": None, "rehearsing": True}
    for text, intent, kinds in (
        ("verras me", "nlu_fallback", None),
        (
            "bedreiging online",
            "report_online_threat",
            {"death_threat_instagram", "threat_statenlid_children"},
        ),
        ("iets met doxing", "report_doxxing", {"doxxing_alderman"}),
        (
            "een raadslid wordt bedreigd op facebook",
            "report_online_threat",
            {"death_threat_instagram", "threat_statenlid_children"},
        ),
    ):
        tracker = answer_tracker(text, intent, menu, extracted={"incident_type": "online_threat"})
        messages, slots = validate(tracker)
        assert all_text(messages).startswith("Oefening:"), text
        assert kinds is None or slots["rehearsal_scenario"] in kinds, text
        assert slots["incident_type"] is None and slots["rehearsal_answer"] is None


def test_an_unclear_menu_choice_shows_the_short_menu_again():
    menu = {"rehearsal_scenario": None, "rehearsal_moment": None, "rehearsing": True}
    messages, slots = validate(answer_tracker("welke scenario's zijn er?", "nlu_fallback", menu))
    assert messages == [] and slots["rehearsal_reprompt"] is True
    again, _ = run_action(
        ActionAskRehearsalAnswer(),
        make_tracker("nlu_fallback", "", {**menu, "rehearsal_reprompt": True}),
    )
    assert "verras me" in all_text(again) and len(payloads(again)) == 5


def test_a_bare_option_outside_practice_is_not_taken_as_a_wish_to_practise():
    messages, slots = run_action(ActionStartRehearsal(), make_tracker("choose_option", "hoi 3"))
    assert [m.get("response") for m in messages] == ["utter_please_rephrase"]
    assert slots == {"rehearsing": False}


def test_an_option_heard_while_the_danger_question_waits_goes_to_the_triage():
    # "ze heeft 112 gebeld en de politie is er nu" after the 112 reply, heard as choose_option
    slots = {
        "incident_type": "physical_intimidation",
        "pending_question": "in_danger",
        "acute_danger": True,
        "subject": "other",
        "helped_pronoun": "zij",
        "role": "family_member",
    }
    tracker = make_tracker("choose_option", "ze heeft 112 gebeld en de politie is er nu", slots)
    messages, events = run_action(ActionStartRehearsal(), tracker)
    assert events["rehearsing"] is False and events["pending_question"] is None
    assert "utter_please_rephrase" not in [m.get("response") for m in messages]
    assert "112" in all_text(messages)  # the first steps, safety first


def test_menu_lists_what_was_done():
    tracker = make_tracker(
        "start_rehearsal", "oefenen", {"rehearsals_done": ["deepfake_mayor"], "rehearsing": True}
    )
    messages, _ = run_action(ActionAskRehearsalAnswer(), tracker)
    assert "Al geoefend: Een deepfake van de burgemeester gaat rond." in all_text(messages)


def test_choosing_a_type_starts_a_scenario_of_that_type():
    tracker = make_tracker(
        "start_rehearsal",
        "",
        {"rehearsals_done": ["doxxing_alderman"]},
        [{"entity": "rehearsal_type", "value": "doxxing"}],
    )
    messages, slots = run_action(ActionStartRehearsal(), tracker)
    assert "helemaal geoefend" in all_text(messages)  # the only doxxing scenario, again
    assert slots["rehearsal_scenario"] == "doxxing_alderman"
    assert slots["rehearsal_moment"] == "family_at_home" and slots["rehearsing"] is True
    assert slots["rehearsal_results"] == [] and slots["rehearsal_answer"] is None


def test_start_while_a_scenario_waits_resumes_it():
    tracker = make_tracker("start_rehearsal", "verder oefenen", {**PRACTISING, "rehearsing": False})
    messages, slots = run_action(ActionStartRehearsal(), tracker)
    assert "We gaan verder" in all_text(messages)
    assert slots["rehearsing"] is True and "rehearsal_scenario" not in slots


def test_the_form_asks_the_situation_with_option_buttons():
    messages, _ = run_action(
        ActionAskRehearsalAnswer(), make_tracker("start_rehearsal", "", PRACTISING)
    )
    assert all_text(messages).startswith("Sanne belt je.")
    assert payloads(messages)[0] == '/choose_option{"rehearsal_option": "ask_safety"}'


def test_button_answer_gives_feedback_and_moves_to_the_next_moment():
    tracker = answer_tracker(
        '/choose_option{"rehearsal_option": "ask_safety"}',
        "choose_option",
        entities=[{"entity": "rehearsal_option", "value": "ask_safety"}],
    )
    messages, slots = validate(tracker)
    assert all_text(messages).startswith("✅ Precies. Eerst de veiligheid.")
    assert slots["rehearsal_moment"] == "delete_or_keep" and slots["rehearsal_answer"] is None
    assert slots["rehearsal_results"] == [
        {"moment": "first_call", "option": "ask_safety", "correct": True}
    ]


def test_free_text_answer_is_matched_and_a_wrong_choice_names_the_better_step():
    messages, slots = validate(answer_tracker("ik zeg dat ze morgen aangifte doet", "nlu_fallback"))
    assert all_text(messages).startswith(engine.load().texts["wrong"])
    assert "Beter is: Vragen of ze nu veilig is." in all_text(messages)
    assert slots["rehearsal_results"][0]["correct"] is False


def test_unclear_answer_asks_again_kindly_and_stays_at_the_moment():
    messages, slots = validate(answer_tracker("wat een mooi weer vandaag", "out_of_scope"))
    assert "Ik weet niet zeker welke keuze je bedoelt." in all_text(messages)
    assert slots["rehearsal_answer"] is None and slots["rehearsal_reprompt"] is True
    assert "rehearsal_moment" not in slots
    short, _ = run_action(
        ActionAskRehearsalAnswer(),
        make_tracker("out_of_scope", "", {**PRACTISING, "rehearsal_reprompt": True}),
    )
    assert all_text(short).startswith("Wat doe je?") and len(payloads(short)) == 3


def test_next_moves_on_and_counts_the_moment_as_missed():
    messages, slots = validate(answer_tracker("volgende", "next_step"))
    assert "De beste stap was hier: Vragen of ze nu veilig is." in all_text(messages)
    assert slots["rehearsal_moment"] == "delete_or_keep" and slots["rehearsal_answer"] is None
    assert slots["rehearsal_results"] == [
        {"moment": "first_call", "option": "ask_safety", "correct": False}
    ]


def test_done_ends_the_scenario_so_the_debrief_follows():
    messages, slots = validate(answer_tracker("klaar, bedankt", "chitchat_thanks"))
    assert messages == []
    assert slots["rehearsal_moment"] is None and slots["rehearsal_answer"] == "klaar, bedankt"


def test_a_hint_stays_at_the_moment():
    messages, slots = validate(answer_tracker("geen idee", "nlu_fallback"))
    assert all_text(messages).startswith("Een tip:")
    assert slots["rehearsal_answer"] is None and slots["rehearsal_reprompt"] is True
    assert "rehearsal_moment" not in slots


def test_the_last_answer_fills_the_slot_so_the_form_ends():
    slots = {
        "rehearsal_moment": "closing",
        "rehearsal_results": [{"moment": "first_call", "option": "ask_safety", "correct": True}],
    }
    messages, result = validate(
        answer_tracker("nazorg regelen en het ondersteuningsteam noemen", "ask_who_to_call", slots)
    )
    assert ot_phone() in all_text(messages)
    assert result["rehearsal_moment"] is None and result["rehearsal_answer"]
    assert len(result["rehearsal_results"]) == 2


def test_the_start_message_itself_is_no_answer():
    messages, slots = validate(
        answer_tracker('/start_rehearsal{"rehearsal_type": "random"}', "start_rehearsal")
    )
    assert messages == [] and slots["rehearsal_answer"] is None and "rehearsal_results" not in slots


def test_a_practice_answer_never_changes_the_real_report():
    """Typed text during practice may look like a report or name a role; the real slots
    keep the values they had before the message."""
    tracker = answer_tracker(
        "ik ben raadslid en ik krijg bedreigingen, ik vraag of ze veilig is",
        "report_online_threat",
        {"role": "clerk"},
        extracted={"incident_type": "online_threat", "role": "council_member"},
    )
    _, slots = validate(tracker)
    assert slots["incident_type"] is None and slots["role"] == "clerk"
    assert slots["rehearsal_moment"] == "delete_or_keep"


def test_debrief_scores_records_the_scenario_and_clears_the_progress():
    results = [
        {"moment": "first_call", "option": "ask_safety", "correct": True},
        {"moment": "delete_or_keep", "option": "delete", "correct": False},
    ]
    tracker = make_tracker(
        "choose_option",
        "",
        {**PRACTISING, "rehearsal_results": results, "rehearsals_done": ["turns_acute"]},
    )
    messages, slots = run_action(ActionRehearsalDebrief(), tracker)
    text = all_text(messages)
    assert (
        "Bij 1 van de 2 keuzes koos je de beste stap." in text and "Checklist om te bewaren" in text
    )
    assert slots["rehearsals_done"] == ["turns_acute", "death_threat_instagram"]
    assert slots["rehearsal_scenario"] is None and slots["rehearsing"] is False
    assert "/start_rehearsal" in payloads(messages)


def test_debrief_after_done_before_any_answer_gives_only_the_checklist():
    messages, _ = run_action(
        ActionRehearsalDebrief(), make_tracker("chitchat_thanks", "", PRACTISING)
    )
    text = all_text(messages)
    assert "Je koos" not in text and "Checklist om te bewaren" in text


def test_stop_leaves_the_form_and_clears_the_progress_but_not_the_real_slots():
    tracker = make_tracker(
        "stop_rehearsal", "stop oefenen", {**PRACTISING, "incident_type": "doxxing"}
    )
    dispatcher = CollectingDispatcher()
    events = asyncio.run(ActionStopRehearsal().run(dispatcher, tracker, {}))
    assert {"event": "active_loop", "name": None} in [
        {k: e.get(k) for k in ("event", "name")} for e in events
    ]
    slots = {e["name"]: e["value"] for e in events if e["event"] == "slot"}
    assert "gestopt met oefenen" in all_text(dispatcher.messages)
    assert slots["rehearsal_scenario"] is None and "incident_type" not in slots


def test_stop_when_no_practice_runs_ends_the_conversation_without_a_word_about_practice():
    messages, slots = run_action(ActionStopRehearsal(), make_tracker("stop_rehearsal", "stop", {}))
    text = all_text(messages)
    assert "oefen" not in text.lower()
    assert "112" in text and ot_phone() in text
    assert payloads(messages) == ["/report_incident", "/ask_who_to_call"]
    assert slots["rehearsing"] is False


def test_pause_after_an_emergency_asks_to_go_on_or_stop():
    messages, slots = run_action(
        ActionRehearsalPaused(), make_tracker("acute_danger", "", PRACTISING)
    )
    assert payloads(messages) == ["/start_rehearsal", "/stop_rehearsal"]
    # the danger is real: "ja" now gets 112 again, "ik ben veilig" the real first steps
    assert slots == {
        "rehearsing": False,
        "rehearsal_answer": None,
        "acute_danger": True,
        "pending_question": "in_danger",
        "subject": "self",
    }
