"""Triage: acknowledge, safety check, role, then steps; several types at once."""

from actions.triage import ActionTriage, needs_safety_check, rank_incidents
from tests.conftest import all_text, content, make_tracker, ot_phone, payloads, run_action, step

REPORT = "Ik krijg al dagen doodsbedreigingen via Instagram"


def test_threat_without_time_asks_if_in_danger_first():
    tracker = make_tracker("report_online_threat", REPORT, {"incident_type": "online_threat"})
    messages, slots = run_action(ActionTriage(), tracker)
    text = all_text(messages)
    assert text.startswith(content("acknowledge.self"))
    assert "chatbot, niet de politie" in text and "112" in text
    assert text.rstrip().endswith("Ben je nu in gevaar?")
    assert payloads(messages) == ["/acute_danger", "/not_in_danger"]
    assert slots["pending_question"] == "in_danger"


def test_past_event_skips_the_danger_question_and_asks_the_role():
    tracker = make_tracker(
        "report_physical_intimidation",
        "Gisteren stond er iemand voor mijn deur",
        {"incident_type": "physical_intimidation", "acute_danger": False},
    )
    messages, slots = run_action(ActionTriage(), tracker)
    assert "Ben je nu in gevaar?" not in all_text(messages)
    assert slots["pending_question"] == "role"
    assert '/inform_role{"role": "council_member"}' in payloads(messages)


def test_yes_to_the_danger_question_records_acute_danger():
    tracker = make_tracker(
        "affirm", "ja", {"incident_type": "online_threat", "pending_question": "in_danger"}
    )
    messages, slots = run_action(ActionTriage(), tracker)
    assert slots["acute_danger"] is True and slots["pending_question"] is None
    assert payloads(messages) == ["/not_in_danger"]


def test_no_to_the_danger_question_continues_with_the_role():
    tracker = make_tracker(
        "deny", "nee", {"incident_type": "online_threat", "pending_question": "in_danger"}
    )
    messages, slots = run_action(ActionTriage(), tracker)
    assert slots["acute_danger"] is False and slots["pending_question"] == "role"


def test_known_role_and_safe_goes_straight_to_the_first_steps():
    tracker = make_tracker(
        "report_online_abuse",
        "ze schelden me uit op X",
        {"incident_type": "online_abuse", "role": "council_member"},
    )
    messages, slots = run_action(ActionTriage(), tracker)
    text = all_text(messages)
    # the first steps: safety (112) and the Ondersteuningsteam, the human line
    assert "Als het gebeurt:" in text and "112" in text and ot_phone() in text
    assert "/next_step" in payloads(messages)
    assert slots["steps_shown"] and slots["guided_incident_type"] == "online_abuse"


def test_unclear_report_asks_the_type_with_buttons():
    messages, slots = run_action(
        ActionTriage(), make_tracker("report_incident", "er is iets gebeurd")
    )
    assert slots["pending_question"] == "incident_type"
    assert "/report_doxxing" in payloads(messages)
    assert content("ask_incident_type.text") in all_text(messages)  # "iets anders" is typed


def test_threat_and_published_address_handles_the_threat_first_and_offers_doxxing():
    text = "Ze hebben mijn adres op Facebook gezet en iemand schreef dat ze me komen vermoorden"
    assert rank_incidents("doxxing", text) == ["online_threat", "doxxing"]
    tracker = make_tracker(
        "report_doxxing",
        text,
        {"incident_type": "doxxing", "role": "alderman", "acute_danger": False},
    )
    _, slots = run_action(ActionTriage(), tracker)
    assert slots["incident_type"] == "online_threat"
    assert slots["other_incident_types"] == ["doxxing"]


def test_change_of_mind_restarts_the_steps_for_the_new_type(knowledge):
    tracker = make_tracker(
        "report_impersonation",
        "nee eigenlijk is het een nepaccount",
        {
            "incident_type": "impersonation",
            "guided_incident_type": "online_abuse",
            "steps_shown": ["take_seriously", "evidence_online"],
            "role": "council_member",
        },
    )
    messages, slots = run_action(ActionTriage(), tracker)
    name = knowledge.incidents["impersonation"]["name"]
    assert content("type_changed", incident=name) in all_text(messages)
    assert slots["guided_incident_type"] == "impersonation"
    assert slots["steps_shown"][0] == "safety"  # the new type starts from the beginning
    assert "take_seriously" not in slots["steps_shown"]  # for helpers only


def test_safety_check_only_for_types_that_can_mean_physical_danger():
    assert needs_safety_check("doxxing", None, "mijn adres staat online")
    assert not needs_safety_check("impersonation", None, "nepaccount")
    assert not needs_safety_check("online_threat", False, "bedreigd")
    assert not needs_safety_check("online_threat", None, "vorige week kreeg ik een dreigmail")


def test_helper_naming_the_person_they_help_keeps_the_helper_role():
    tracker = make_tracker(
        "inform_role",
        "ik ben griffier, het gaat om een raadslid",
        {"incident_type": "physical_intimidation", "acute_danger": False, "role": "council_member"},
        [{"entity": "role", "value": "clerk"}, {"entity": "role", "value": "council_member"}],
    )
    messages, slots = run_action(ActionTriage(), tracker)
    assert slots["role"] == "clerk"
    assert step("safety", "clerk") in all_text(messages)


def test_safe_answer_is_not_acknowledged_twice():
    tracker = make_tracker(
        "not_in_danger",
        "nee ik ben veilig",
        {"incident_type": "online_threat", "pending_question": "in_danger"},
    )
    messages, _ = run_action(ActionTriage(), tracker)
    assert content("acknowledge.self") not in all_text(messages)
    back_from_112 = make_tracker(
        "not_in_danger", "ik ben veilig", {"incident_type": "physical_intimidation"}
    )
    assert content("acknowledge.self") in all_text(run_action(ActionTriage(), back_from_112)[0])
