"""Questions anywhere: the answer, then one short line back to where the conversation was."""

import pytest

from actions import flow
from actions.contacts import ActionContacts
from actions.topics import ActionAnswerTopic, crime_types
from actions.triage import ActionTriage
from tests.conftest import all_text, back_to_danger, make_tracker, payloads, run_action

OT = "070 - 373 83 14"
WALKING = {
    "incident_type": "online_threat",
    "guided_incident_type": "online_threat",
    "steps_shown": ["safety", "evidence_online", "ondersteuningsteam"],
    "subject": "self",
}


def test_a_question_at_the_danger_question_is_answered_then_recalled_in_other_words():
    tracker = make_tracker(
        "ask_is_crime",
        "Is doxing eigenlijk strafbaar?",
        {"incident_type": "online_threat", "pending_question": "in_danger", "subject": "self"},
    )
    messages, slots = run_action(ActionAnswerTopic(), tracker)
    text = messages[0]["text"]
    assert "285d" in text and text.endswith(back_to_danger())
    assert payloads(messages) == ["/acute_danger", "/not_in_danger"]
    assert slots == {"said": ["topic:ask_is_crime"]}  # the danger question stays open


def test_a_question_at_the_role_question_closes_it_and_offers_the_steps():
    tracker = make_tracker(
        "ask_how_aangifte", "hoe doe ik aangifte?", {**WALKING, "pending_question": "role"}
    )
    messages, slots = run_action(ActionAnswerTopic(), tracker)
    assert messages[0]["text"].endswith("Zullen we verder gaan met de stappen?")
    assert "Wat is je rol" not in all_text(messages)
    assert payloads(messages) == ["/next_step"]
    assert slots == {
        "pending_question": None,
        "steps_shown": WALKING["steps_shown"]
        + ["police_choice", "aangifte_vpt", "aangifte_privacy"],
        "said": ["topic:ask_how_aangifte"],
    }


def test_a_helper_is_reminded_about_the_other_person():
    tracker = make_tracker(
        "ask_who_to_call",
        "wie kunnen we bellen?",
        {
            "incident_type": "online_threat",
            "pending_question": "in_danger",
            "subject": "other",
            "helped_pronoun": "hij",
            "role": "clerk",
        },
    )
    messages, slots = run_action(ActionContacts(), tracker)
    assert OT in all_text(messages) and "112" in all_text(messages)
    assert messages[0]["text"].endswith(back_to_danger("hij"))
    assert slots == {}


def test_i_want_a_human_gets_the_ondersteuningsteam_number_at_once():
    messages, slots = run_action(
        ActionAnswerTopic(), make_tracker("ask_human", "ik wil met een mens praten")
    )
    assert OT in messages[0]["text"] and "112" in messages[0]["text"]
    assert payloads(messages) == [] and slots == {"said": ["topic:ask_human"]}


def test_is_this_a_crime_names_the_article_of_the_type_asked_about():
    assert crime_types("is belaging strafbaar?", None) == ["physical_intimidation"]
    assert crime_types("is doxing strafbaar?", "online_threat") == ["doxxing"]
    assert crime_types("is dit strafbaar?", "online_abuse") == ["online_abuse"]
    assert crime_types("is dit strafbaar?", None) == ["online_threat"]
    assert set(
        crime_types("wat is het verschil tussen een bedreiging en een belediging?", None)
    ) == {"online_threat", "online_abuse"}
    messages, _ = run_action(
        ActionAnswerTopic(), make_tracker("ask_is_crime", "is uitschelden strafbaar?")
    )
    assert "artikel 266" in all_text(messages)


def test_the_address_question_gives_shielding_and_another_address_at_aangifte():
    messages, _ = run_action(
        ActionAnswerTopic(),
        make_tracker("ask_protect_address", "wat moet ik doen met mijn adres?", WALKING),
    )
    text = all_text(messages)
    assert "BRP" in text and "KvK" in text and "ander adres" in text


@pytest.mark.parametrize(
    ("role", "helped_role", "advice"),
    [
        ("group_leader", "candidate", "candidate_supporter"),
        (None, "candidate", "candidate_supporter"),  # a helper without a role of their own
        ("family_member", "candidate", "candidate_family"),
        ("group_leader", "council_member", "group_leader"),
        ("clerk", None, "clerk"),
        ("alderman", None, "supporter"),  # an official helping a colleague
    ],
)
def test_the_advice_for_a_helper_follows_the_role_of_the_person_helped(role, helped_role, advice):
    tracker = make_tracker(
        "next_step", "", {"role": role, "subject": "other", "helped_role": helped_role}
    )
    assert flow.advice_role(tracker) == advice


def test_a_helper_of_a_candidate_hears_no_vpt_code():
    text = (
        "Fractievoorzitter hier. Een van onze kandidaten voor de raad krijgt sinds het debat "
        "bakken haat op TikTok."
    )
    _, slots = run_action(ActionTriage(), make_tracker("report_online_abuse", text))
    assert slots["helped_role"] == "candidate" and slots["role"] == "group_leader"
    state = {**slots, "acute_danger": False}
    messages, _ = run_action(
        ActionAnswerTopic(), make_tracker("ask_how_aangifte", "waar moet ze op letten?", state)
    )
    assert "aangifte" in all_text(messages) and "VPT" not in all_text(messages)
