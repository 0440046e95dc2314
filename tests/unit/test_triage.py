"""Triage: who it is about, the danger question, the first steps at once, the role in passing;
anything said instead of an answer is understood; nothing is said twice."""

from pathlib import Path

import pytest
import yaml

from actions import flow
from actions.topics import ActionAnswerTopic
from actions.triage import TRIAGE_QUESTIONS, ActionTriage, needs_safety_check, rank_incidents
from tests.conftest import (
    all_text,
    back_to_danger,
    content,
    make_tracker,
    ot_phone,
    payloads,
    run_action,
)

ROOT = Path(__file__).resolve().parents[2]

REPORT = "Ik krijg al dagen doodsbedreigingen via Instagram"
FIRST_STEPS = ["safety", "evidence_online", "ondersteuningsteam"]


def test_threat_about_oneself_asks_if_in_danger_first():
    tracker = make_tracker("report_online_threat", REPORT, {"incident_type": "online_threat"})
    messages, slots = run_action(ActionTriage(), tracker)
    text = all_text(messages)
    assert text.startswith(content("acknowledge.self"))
    assert "chatbot, niet de politie" in text and "112" in text
    assert text.rstrip().endswith("Ben je nu in gevaar?")
    assert payloads(messages) == ["/acute_danger", "/not_in_danger"]
    assert slots == {
        "pending_question": "in_danger",
        "other_incident_types": [],
        "subject": "self",
        "said": ["ack", "in_danger"],
    }


def test_no_to_the_danger_question_gives_the_first_steps_at_once_and_the_role_in_passing():
    tracker = make_tracker(
        "deny",
        "nee",
        {
            "incident_type": "online_threat",
            "pending_question": "in_danger",
            "subject": "self",
            "said": ["ack", "in_danger"],
        },
    )
    messages, slots = run_action(ActionTriage(), tracker)
    assert messages[0]["text"] == "Fijn dat je nu veilig bent."
    steps = messages[1]["text"]
    assert (
        steps.startswith("Dit doe je nu meteen bij een bedreiging online:")
        and "112" in steps
        and ot_phone() in steps
    )
    assert "screenshots" in steps and messages[1]["buttons"] == []
    assert messages[2]["text"].startswith("Wat is je rol?") and "overslaan" in messages[2]["text"]
    assert payloads(messages)[-1] == "/skip" and len(messages[2]["buttons"]) == 5
    assert slots == {
        "acute_danger": False,
        "pending_question": "role",
        "guided_incident_type": "online_threat",
        "steps_shown": FIRST_STEPS,
        "last_batch": FIRST_STEPS,
        "said": ["ack", "in_danger", "safe_answer", "safe", "role"],
    }


def test_a_question_of_the_user_at_the_role_question_goes_on_with_the_steps():
    after_first_steps = {
        "incident_type": "online_threat",
        "acute_danger": False,
        "pending_question": "role",
        "subject": "self",
        "guided_incident_type": "online_threat",
        "steps_shown": FIRST_STEPS,
        "said": ["ack", "in_danger", "safe", "role"],
    }
    for intent, text in (("skip", "weet ik niet, maakt dat uit?"), ("nlu_fallback", "hmm")):
        messages, slots = run_action(ActionTriage(), make_tracker(intent, text, after_first_steps))
        assert "•" in all_text(messages) and "Wat is je rol" not in all_text(messages)
        assert slots["pending_question"] is None and "role" not in slots
        assert slots["last_batch"] == ["evidence_tips", "platform_report"]


def test_a_past_event_gets_the_first_steps_without_the_danger_question():
    tracker = make_tracker(
        "report_physical_intimidation",
        "Gisteren stond er iemand voor mijn deur",
        {"incident_type": "physical_intimidation", "acute_danger": False},
    )
    messages, slots = run_action(ActionTriage(), tracker)
    text = all_text(messages)
    assert "Ben je nu in gevaar?" not in text and ot_phone() in text and "Schrijf" in text
    assert slots["steps_shown"] == ["safety", "evidence_physical", "ondersteuningsteam"]
    assert slots["pending_question"] == "role"


def test_nee_ze_zijn_weg_at_the_role_question_neither_acknowledges_nor_asks_again():
    tracker = make_tracker(
        "not_in_danger",
        "nee, ze zijn weg",
        {
            "incident_type": "physical_intimidation",
            "acute_danger": False,
            "pending_question": "role",
            "subject": "self",
            "guided_incident_type": "physical_intimidation",
            "steps_shown": ["safety", "evidence_physical", "ondersteuningsteam"],
            "said": ["ack", "role"],
        },
        [{"entity": "acute_danger", "value": False}],
    )
    messages, slots = run_action(ActionTriage(), tracker)
    text = all_text(messages)
    assert content("acknowledge.self") not in text and "Fijn dat" not in text and "rol" not in text
    assert "•" in text and slots["pending_question"] is None


def test_yes_to_the_danger_question_is_recorded_silently_after_the_112_reply():
    tracker = make_tracker(
        "affirm", "ja", {"incident_type": "online_threat", "pending_question": "in_danger"}
    )
    messages, slots = run_action(ActionTriage(), tracker)
    assert messages == []
    assert slots == {
        "acute_danger": True,
        "pending_question": "in_danger",
        "subject": "self",
        "said": ["in_danger"],
    }


def test_the_questions_the_triage_takes_back_are_those_of_the_rules():
    rules = yaml.safe_load((ROOT / "data" / "rules" / "triage.yml").read_text(encoding="utf-8"))
    conditioned = {
        step["pending_question"]
        for rule in rules["rules"]
        if rule["rule"].startswith("not understood at the")
        for condition in rule["condition"]
        for step in condition["slot_was_set"]
    }
    assert conditioned == set(TRIAGE_QUESTIONS)


def test_a_griffier_is_asked_about_the_raadslid_not_about_herself():
    text = "Ik ben griffier. Een raadslid belde me net, ze wordt bedreigd via facebook."
    tracker = make_tracker(
        "report_online_threat",
        text,
        {"incident_type": "online_threat"},
        [{"entity": "role", "value": "clerk"}, {"entity": "role", "value": "council_member"}],
    )
    messages, slots = run_action(ActionTriage(), tracker)
    assert messages[-1]["text"] == "Is zij nu in gevaar?"
    assert "Goed dat je iemand helpt" in messages[0]["text"]
    assert slots == {
        "role": "clerk",
        "pending_question": "in_danger",
        "other_incident_types": [],
        "subject": "other",
        "helped_pronoun": "zij",
        "helped_name": "het raadslid",
        "helped_role": "council_member",
        "said": ["ack", "in_danger"],
    }
    safe = make_tracker(
        "deny", "nee ze is thuis", {"incident_type": "online_threat", "role": "clerk", **slots}
    )
    messages, _ = run_action(ActionTriage(), safe)
    assert messages[0]["text"] == "Goed dat zij nu veilig is."
    text = all_text(messages)
    # the safety step does not ask again what was just answered
    assert "let op of zij veilig is" in text and "is zij nu veilig?" not in text
    assert ot_phone() in text


def test_an_unclear_subject_is_asked_once():
    tracker = make_tracker(
        "report_online_threat", "Bedreiging online", {"incident_type": "online_threat"}
    )
    messages, slots = run_action(ActionTriage(), tracker)
    assert messages[-1]["text"].startswith("Gaat het om jou, of help je iemand?")
    assert payloads(messages) == ["/about_me", "/about_someone_else"]
    assert slots["pending_question"] == "who" and slots["said"] == ["ack", "who"]
    helper = make_tracker(
        "about_someone_else", "ik help iemand", {"incident_type": "online_threat", **slots}
    )
    messages, slots = run_action(ActionTriage(), helper)
    assert messages[-1]["text"] == "Is die persoon nu in gevaar?"
    assert slots["subject"] == "other" and slots["pending_question"] == "in_danger"


def test_words_that_say_it_is_about_the_user_overrule_the_classifier():
    # the classifier heard "about someone else" in "Ik ben wethouder en ik word bedreigd"
    tracker = make_tracker("about_someone_else", "Ik ben wethouder en ik word bedreigd")
    messages, slots = run_action(ActionTriage(), tracker)
    assert slots["subject"] == "self"
    assert "iemand helpt" not in all_text(messages)


def test_not_now_but_later_answers_the_danger_question_with_the_steps():
    state = {
        "incident_type": "online_threat",
        "pending_question": "in_danger",
        "subject": "self",
        "said": ["ack", "in_danger"],
    }
    tracker = make_tracker("nlu_fallback", "op dit moment niet, maar vanavond misschien wel", state)
    messages, slots = run_action(ActionTriage(), tracker)
    assert ot_phone() in all_text(messages) and slots["pending_question"] != "in_danger"


def test_a_past_threat_on_paper_still_gets_the_danger_question():
    text = "vanochtend lag er een brief in de bus dat ze ons huis in de fik steken"
    tracker = make_tracker(
        "report_physical_intimidation",
        text,
        {"incident_type": "physical_intimidation", "acute_danger": False, "subject": "self"},
    )
    messages, slots = run_action(ActionTriage(), tracker)
    assert slots["pending_question"] == "in_danger"
    gone = make_tracker(
        "report_physical_intimidation",
        "gisteren stond er iemand te schreeuwen voor mijn huis, hij is weg",
        {"incident_type": "physical_intimidation", "acute_danger": False, "subject": "self"},
    )
    _, slots = run_action(ActionTriage(), gone)
    assert slots.get("pending_question") != "in_danger"
    # threatening in person, over: no danger question
    assert not needs_safety_check(
        "physical_intimidation", False, "zaterdag kwam een man dreigend op me af bij de kraam"
    )


def test_why_at_the_danger_question_is_explained_once_then_asked_again():
    state = {
        "incident_type": "doxxing",
        "pending_question": "in_danger",
        "subject": "self",
        "said": ["ack", "in_danger"],
    }
    messages, slots = run_action(
        ActionTriage(), make_tracker("skip", "hoezo maakt dat uit?", state)
    )
    assert messages[0]["text"].startswith("Ik vraag het omdat bij direct gevaar eerst 112 komt.")
    assert messages[1]["text"] == back_to_danger()
    assert slots["pending_question"] == "in_danger" and "why" in slots["said"]


@pytest.mark.parametrize(("asked", "offered"), [(False, True), (True, False)])
def test_the_second_type_offers_its_question_unless_it_was_answered(asked, offered):
    said = ["ack", "in_danger"] + (["topic:ask_protect_address"] if asked else [])
    state = {
        "incident_type": "online_threat",
        "other_incident_types": ["doxxing"],
        "pending_question": "in_danger",
        "subject": "self",
        "said": said,
    }
    messages, _ = run_action(ActionTriage(), make_tracker("not_in_danger", "nee", state))
    text = all_text(messages)
    assert ("wat moet ik met mijn adres?" in text) == offered
    assert "Je noemde ook" in text


def test_weet_ik_niet_at_the_danger_question_gets_112_and_one_more_try():
    state = {
        "incident_type": "online_threat",
        "pending_question": "in_danger",
        "subject": "self",
        "said": ["ack", "in_danger"],
    }
    messages, slots = run_action(ActionTriage(), make_tracker("skip", "weet ik niet", state))
    assert "Bel dan 112" in messages[0]["text"]
    assert messages[1]["text"] == back_to_danger()
    assert slots == {
        "pending_question": "in_danger",
        "said": ["ack", "in_danger", "unsure", "recalled"],
    }
    again = make_tracker("skip", "geen idee", {**state, **slots})
    messages, slots = run_action(ActionTriage(), again)
    assert ot_phone() in all_text(messages) and slots["steps_shown"] == FIRST_STEPS


def test_unclear_report_asks_the_type_with_at_most_five_buttons():
    messages, slots = run_action(
        ActionTriage(), make_tracker("report_incident", "er is iets gebeurd")
    )
    assert slots["pending_question"] == "incident_type"
    assert "/report_doxxing" in payloads(messages) and len(payloads(messages)) == 5
    assert content("ask_incident_type.text") in all_text(messages)  # "iets anders" is typed
    again = make_tracker("report_incident", "iets anders", {"pending_question": "incident_type"})
    _, slots = run_action(ActionTriage(), again)
    assert slots["incident_type"] == "other"


def test_threat_and_published_address_handles_the_threat_first_and_notes_the_address():
    text = "Ze hebben mijn adres op Facebook gezet en iemand schreef dat ze me komen vermoorden"
    assert rank_incidents("doxxing", text) == ["online_threat", "doxxing"]
    tracker = make_tracker(
        "report_doxxing",
        text,
        {
            "incident_type": "doxxing",
            "role": "alderman",
            "acute_danger": False,
            "said": ["safe_answer"],
        },
    )
    messages, slots = run_action(ActionTriage(), tracker)
    assert slots["incident_type"] == "online_threat"
    assert slots["other_incident_types"] == ["doxxing"]
    assert "wat moet ik met mijn adres?" in all_text(messages)


def test_a_helper_hears_about_the_other_persons_address_not_their_own():
    text = "een raadslid wordt bedreigd op instagram en nu staat zijn adres er ook bij"
    tracker = make_tracker(
        "report_online_threat",
        text,
        {
            "incident_type": "online_threat",
            "role": "clerk",
            "subject": "other",
            "helped_pronoun": "hij",
            "acute_danger": False,
            "said": ["safe_answer"],
        },
    )
    messages, slots = run_action(ActionTriage(), tracker)
    assert slots["other_incident_types"] == ["doxxing"]
    assert "het adres of andere gegevens van hem" in all_text(messages)
    assert "je adres" not in all_text(messages) and "mijn adres" not in all_text(messages)


def test_a_new_type_during_the_walk_through_is_added_a_correction_restarts():
    state = {
        "guided_incident_type": "online_threat",
        "steps_shown": ["safety", "evidence_online", "ondersteuningsteam"],
        "role": "council_member",
        "subject": "self",
        "said": ["ack", "in_danger", "safe_answer"],
    }
    added = make_tracker(
        "report_online_abuse",
        "ze schelden me ook uit",
        {**state, "incident_type": "online_abuse"},
    )
    messages, slots = run_action(ActionTriage(), added)
    assert slots["incident_type"] == "online_threat"
    assert slots["other_incident_types"] == ["online_abuse"]
    assert "Je noemde ook beledigingen of haat online" in all_text(messages)
    corrected = make_tracker(
        "report_impersonation",
        "nee eigenlijk is het een nepaccount",
        {**state, "incident_type": "impersonation"},
    )
    messages, slots = run_action(ActionTriage(), corrected)
    assert "Oké, dan gaat het om een nepaccount" in all_text(messages)
    assert slots["guided_incident_type"] == "impersonation"
    assert "Dit doe je nu meteen bij een nepaccount" in all_text(messages)


def test_intimidation_by_a_colleague_adds_the_internal_route():
    tracker = make_tracker(
        "report_physical_intimidation",
        "Een collega-raadslid intimideert mij steeds",
        {"incident_type": "physical_intimidation", "acute_danger": False},
    )
    messages, slots = run_action(ActionTriage(), tracker)
    assert "voorzitter van de raad" in all_text(messages)
    assert slots["inside_council"] is True and "inside" in slots["said"]


def test_the_danger_question_unless_the_danger_is_known_or_over():
    assert needs_safety_check("doxxing", None, "mijn adres staat online")
    assert needs_safety_check("impersonation", None, "er is een nepaccount")
    assert not needs_safety_check("online_threat", True, "bedreigd")
    assert not needs_safety_check("physical_intimidation", False, "gisteren stond hij er")
    # a threat on paper is intimidation in the real world, and still points to harm to come
    assert needs_safety_check(
        "physical_intimidation",
        None,
        "vanochtend lag er een brief dat ze ons huis in de fik steken",
    )
    assert not needs_safety_check("online_abuse", None, "vorige week werd ik uitgescholden")
    # a threat that came yesterday may still come true: the question is asked
    assert needs_safety_check("online_threat", False, "gisteren kreeg ik een dreigmail")


def test_the_acknowledgement_is_said_once():
    tracker = make_tracker(
        "not_in_danger",
        "nee ik ben veilig",
        {
            "incident_type": "online_threat",
            "pending_question": "in_danger",
            "subject": "self",
            "said": ["ack", "in_danger"],
        },
    )
    messages, _ = run_action(ActionTriage(), tracker)
    assert content("acknowledge.self") not in all_text(messages)
    back_from_112 = make_tracker(
        "not_in_danger",
        "ik ben veilig",
        {"incident_type": "physical_intimidation", "acute_danger": True, "subject": "self"},
    )
    assert content("acknowledge.self") in all_text(run_action(ActionTriage(), back_from_112)[0])


def test_a_second_report_before_the_steps_keeps_both_types_and_no_second_acknowledgement():
    tracker = make_tracker(
        "report_doxxing",
        "en ze hebben ook mijn adres gedeeld",
        {
            "incident_type": "doxxing",
            "pending_question": "in_danger",
            "subject": "self",
            "said": ["ack", "in_danger"],
        },
    )
    tracker.events.extend(
        [
            {"event": "slot", "name": "incident_type", "value": "online_threat"},
            {"event": "user", "text": "en ze hebben ook mijn adres gedeeld"},
            {"event": "slot", "name": "incident_type", "value": "doxxing"},
        ]
    )
    messages, slots = run_action(ActionTriage(), tracker)
    assert slots["incident_type"] == "online_threat"
    assert slots["other_incident_types"] == ["doxxing"]
    assert content("acknowledge.self") not in all_text(messages)
    assert messages[-1]["text"] == back_to_danger()
    assert slots["pending_question"] == "in_danger"


def test_evidence_is_a_first_step_for_every_incident_type(knowledge):
    for incident in knowledge.incidents:
        tracker = make_tracker(
            "not_in_danger",
            "ik ben veilig",
            {
                "incident_type": incident,
                "pending_question": "in_danger",
                "subject": "self",
                "role": "council_member",
                "said": ["ack", "in_danger"],
            },
        )
        _, slots = run_action(ActionTriage(), tracker)
        shown = slots["steps_shown"]
        assert shown[0] == "safety" and shown[-1] == "ondersteuningsteam", incident
        assert {"evidence_online", "evidence_physical"} & set(shown), incident


def test_a_named_type_after_something_else_replaces_it():
    tracker = make_tracker(
        "report_online_threat",
        "hij bedreigt me nu ook op facebook",
        {
            "incident_type": "online_threat",
            "guided_incident_type": "other",
            "steps_shown": ["safety", "evidence_physical", "ondersteuningsteam"],
            "subject": "self",
            "said": ["ack", "in_danger", "safe_answer"],
        },
    )
    messages, slots = run_action(ActionTriage(), tracker)
    assert slots["guided_incident_type"] == "online_threat"
    assert "Oké, dan gaat het om een bedreiging online" in all_text(messages)


@pytest.mark.parametrize(
    "text, asked",
    [
        # safe now, said in the story itself: no danger question, the steps at once
        ("ik word bedreigd op instagram, maar ik ben nu thuis en veilig", False),
        ("iemand schreef dat hij me opwacht. ik zit inmiddels veilig binnen", False),
        ("mijn adres staat online, er is nu geen direct gevaar", False),
        # not a statement that the person is safe now
        ("ik word bedreigd en voel me nergens veilig", True),
        ("ik word bedreigd, hoe blijf ik veilig?", True),
        ("ik word bedreigd op instagram", True),
    ],
)
def test_safe_now_said_in_the_story_skips_the_danger_question(text, asked):
    kind = "doxxing" if "adres" in text else "online_threat"
    tracker = make_tracker(f"report_{kind}", text, {"incident_type": kind, "subject": "self"})
    messages, slots = run_action(ActionTriage(), tracker)
    assert ("Ben je nu in gevaar?" in all_text(messages)) == asked
    assert (ot_phone() in all_text(messages)) == (not asked)


WALKING = {
    "incident_type": "online_threat",
    "guided_incident_type": "online_threat",
    "subject": "other",
    "steps_shown": ["safety", "evidence_online", "ondersteuningsteam"],
    "said": ["ack", "in_danger", "safe_answer", "safe"],
}


def typed_as(kind, text, confidence):
    """A message the classifier typed as `kind` during the walk-through of an online threat."""
    tracker = make_tracker(f"report_{kind}", text, {**WALKING, "incident_type": kind})
    tracker.latest_message["intent"]["confidence"] = confidence
    tracker.events = [
        {"event": "slot", "name": "incident_type", "value": "online_threat"},
        {"event": "user", "text": text},
        {"event": "slot", "name": "incident_type", "value": kind},
    ]
    return tracker


def test_an_unsure_guess_at_a_second_type_is_not_one():
    tracker = typed_as("doxxing", "ze is thuis, het is allemaal online", 0.38)
    messages, slots = run_action(ActionTriage(), tracker)
    assert slots.get("incident_type", "online_threat") == "online_threat"
    assert not slots.get("other_incident_types")
    assert "adres" not in all_text(messages)


def test_a_second_type_the_words_name_still_counts():
    tracker = typed_as("doxxing", "en nu staat haar adres ook nog online", 0.38)
    _, slots = run_action(ActionTriage(), tracker)
    assert slots["other_incident_types"] == ["doxxing"]


@pytest.mark.parametrize(
    "text", ["ik weet niet of ze veilig is", "geen idee of ze in gevaar is", "weet ik niet"]
)
def test_not_knowing_whether_she_is_safe_is_no_all_clear(text):
    tracker = make_tracker(
        "not_in_danger",  # what the classifier made of it
        text,
        {
            "incident_type": "online_threat",
            "pending_question": "in_danger",
            "subject": "other",
            "helped_pronoun": "zij",
            "said": ["ack", "in_danger"],
        },
    )
    messages, slots = run_action(ActionTriage(), tracker)
    assert "112" in messages[0]["text"] and "veilig is" in messages[0]["text"]
    assert slots.get("acute_danger") is not False


AT_DANGER_QUESTION = {
    "incident_type": "online_threat",
    "subject": "self",
    "pending_question": "in_danger",
    "said": ["ack", "in_danger"],
}


@pytest.mark.parametrize(
    "text, intent, thanks",
    [
        # after the 112 reply: help came, so the steps go on (it is not "I do not know")
        (
            "ze heeft 112 gebeld en rijdt nu naar het politiebureau. wat nu?",
            "nlu_fallback",
            "help_engaged",
        ),
        ("de politie is er nu", "nlu_fallback", "help_engaged"),
        # a plain no, however it goes on
        ("nee de kinderen zijn thuis", "nlu_fallback", "not_in_danger_ack"),
        ("nee hoor, het is allemaal online", "out_of_scope", "not_in_danger_ack"),
    ],
)
def test_help_that_came_or_a_plain_no_answers_the_danger_question(text, intent, thanks):
    tracker = make_tracker(intent, text, AT_DANGER_QUESTION)
    messages, slots = run_action(ActionTriage(), tracker)
    expected = flow.texts()[thanks] if thanks == "help_engaged" else content(thanks)
    assert messages[0]["text"] == expected
    assert slots["acute_danger"] is False
    assert ot_phone() in all_text(messages)  # the first steps came at once


@pytest.mark.parametrize("text", ["nee weet ik niet", "hij zit achter zijn computer toch?"])
def test_no_plain_no_and_no_help_is_still_no_answer(text):
    tracker = make_tracker("out_of_scope", text, AT_DANGER_QUESTION)
    messages, slots = run_action(ActionTriage(), tracker)
    assert "112" in messages[0]["text"] and "Twijfel" in messages[0]["text"]
    assert slots.get("acute_danger") is not False


def test_help_that_came_answers_the_danger_question_even_when_heard_as_a_question():
    text = "ze heeft 112 gebeld en rijdt nu naar het politiebureau. wat nu?"
    slots = {**AT_DANGER_QUESTION, "subject": "other", "helped_pronoun": "zij"}
    messages, events = run_action(
        ActionAnswerTopic(), make_tracker("ask_how_aangifte", text, slots)
    )
    assert messages[0]["text"] == flow.texts()["help_engaged"]
    assert events["acute_danger"] is False and ot_phone() in all_text(messages)
    # not waiting for the danger question: the question is answered as usual
    messages, _ = run_action(
        ActionAnswerTopic(), make_tracker("ask_how_aangifte", "hoe doe ik aangifte?", {})
    )
    assert messages[0]["text"].startswith("Zo werkt melden en aangifte")


@pytest.mark.parametrize(
    "text, intent, thanks",
    [
        ("ze heeft 112 gebeld, de politie komt eraan", "inform_done", "help_engaged"),
        ("Zij is nu veilig", "not_in_danger", "not_in_danger_other"),
    ],
)
def test_safety_after_a_second_alarm_is_acknowledged_again(text, intent, thanks):
    # safe once, then danger mid-flow ("er staat nu iemand voor haar deur"), then the helper says
    # 112 was called or she is safe: a word about it, not the steps without one
    slots = {
        **AT_DANGER_QUESTION,
        "incident_type": "physical_intimidation",
        "subject": "other",
        "helped_pronoun": "zij",
        "acute_danger": True,
        "said": ["ack", "in_danger", "safe_answer", "safe"],
    }
    tracker = make_tracker(intent, text, slots)
    messages, slots = run_action(ActionTriage(), tracker)
    assert messages[0]["text"] == flow.texts()[thanks].replace("{zij}", "zij")
    assert slots["acute_danger"] is False
