"""Contacts, topic answers and the checklist, from the knowledge files."""

from pathlib import Path

import pytest
import yaml

from actions import knowledge as kb
from actions.checklist import (
    ActionChecklist,
    ActionChecklistText,
    ActionRecordProgress,
    checklist_chat,
)
from actions.contacts import ActionContacts
from actions.topics import ActionAnswerTopic, ActionNotUnderstood
from actions.triage import ActionTriage
from tests.conftest import (
    all_text,
    content,
    make_tracker,
    ot_phone,
    payloads,
    phone,
    run_action,
    step,
)


def test_contacts_start_with_112_and_give_the_ondersteuningsteam(knowledge):
    messages, _ = run_action(
        ActionContacts(),
        make_tracker("ask_who_to_call", "wie kan ik bellen", {"role": "council_member"}),
    )
    text = all_text(messages)
    assert text.index("112") < text.index(ot_phone())
    assert "dag en nacht" in text and "Voor wie:" in text


def test_candidates_hear_of_no_exclusion_but_read_whom_the_team_is_for(knowledge):
    """FACTS §2 lists whom the Ondersteuningsteam is for and excludes no one (U1)."""
    messages, _ = run_action(
        ActionContacts(), make_tracker("ask_who_to_call", "", {"role": "candidate"})
    )
    text = all_text(messages)
    assert "Voor wie:" in text and "niet voor" not in text
    assert "kandidaat" not in text.lower()


def test_contacts_offer_the_way_back_into_the_steps():
    tracker = make_tracker(
        "ask_who_to_call",
        "",
        {
            "incident_type": "online_threat",
            "role": "alderman",
            "steps_shown": ["safety"],
            "guided_incident_type": "online_threat",
        },
    )
    messages, _ = run_action(ActionContacts(), tracker)
    assert payloads(messages) == ["/next_step"]


def test_aangifte_answer_mentions_role_and_vpt_code():
    messages, _ = run_action(
        ActionAnswerTopic(),
        make_tracker("ask_how_aangifte", "hoe doe ik aangifte", {"role": "alderman"}),
    )
    text = all_text(messages)
    assert "melding" in text and "aangifte" in text
    assert "dat je wethouder bent" in text and "VPT-code" in text and phone("police") in text


def test_preparation_answer_names_the_zelfscan():
    messages, _ = run_action(
        ActionAnswerTopic(), make_tracker("ask_preparation", "hoe bereid ik me voor")
    )
    assert "18 vragen over 4 onderwerpen" in all_text(messages)


def test_checklist_ticks_done_items_and_names_the_next(knowledge):
    text = checklist_chat("online_threat", "council_member", ["evidence"], knowledge)
    assert "✅ Bewijs bewaard" in text and "⬜ Gemeld bij het platform" in text
    # the next open item, as a to-do: the Ondersteuningsteam comes first on every path
    todo = knowledge.steps["ondersteuningsteam"]["todo"]
    assert text.endswith(content("checklist.next", item=todo))


def test_checklist_as_copyable_text():
    tracker = make_tracker(
        "request_checklist_text",
        "",
        {
            "incident_type": "doxxing",
            "role": "council_member",
            "steps_done": ["evidence", "internal_report"],
        },
    )
    messages, _ = run_action(ActionChecklistText(), tracker)
    text = messages[-1]["text"]
    assert text.startswith("Checklist melding: gedeelde persoonsgegevens (doxing)\nRol: raadslid")
    assert "[x] Intern gemeld" in text and "[ ] Gemeld bij het platform" in text


def test_reported_progress_is_ticked_off():
    tracker = make_tracker(
        "inform_done",
        "ik heb al aangifte gedaan",
        {"incident_type": "online_threat"},
        [{"entity": "done_step", "value": "police_report"}],
    )
    messages, slots = run_action(ActionRecordProgress(), tracker)
    assert slots["steps_done"] == ["police_report"]
    assert "✅ Melding of aangifte bij de politie" in all_text(messages)


def test_progress_told_before_any_report_is_the_report():
    text = "er staat een nepaccount van mij op facebook, ik heb het al gemeld maar het staat er nog"
    tracker = make_tracker(
        "inform_done", text, {}, [{"entity": "done_step", "value": "platform_report"}]
    )
    messages, slots = run_action(ActionRecordProgress(), tracker)
    assert slots["incident_type"] == "impersonation" and slots["steps_done"] == ["platform_report"]
    assert "Goed dat je hulp zoekt" in all_text(messages) and "checklist" not in all_text(messages)


def test_topic_answer_inside_the_walk_through_is_not_repeated_by_next_step():
    tracker = make_tracker(
        "ask_how_aangifte",
        "hoe doe ik aangifte",
        {
            "incident_type": "online_threat",
            "role": "council_member",
            "guided_incident_type": "online_threat",
            "steps_shown": ["safety", "evidence_online"],
        },
    )
    _, slots = run_action(ActionAnswerTopic(), tracker)
    assert slots["steps_shown"] == [
        "safety",
        "evidence_online",
        "police_choice",
        "aangifte_vpt",
        "aangifte_privacy",
    ]


def test_screenshots_tick_the_online_evidence_item():
    tracker = make_tracker(
        "inform_done",
        "ik heb al screenshots gemaakt",
        {"incident_type": "online_abuse"},
        [{"entity": "done_step", "value": "evidence"}],
    )
    messages, _ = run_action(ActionRecordProgress(), tracker)
    assert "afgevinkt: Bewijs bewaard (screenshots" in all_text(messages)


def test_the_privacy_answer_names_the_retention_and_how_to_wipe(monkeypatch):
    monkeypatch.setenv("RETENTION_DAYS", "14")
    tracker = make_tracker("ask_privacy", "Slaan jullie dit gesprek op?", {})
    messages, _ = run_action(ActionAnswerTopic(), tracker)
    text = all_text(messages)
    assert "14 dagen" in text and "vergeet dit gesprek" in text


def test_every_topic_has_its_intent_and_rule_and_nothing_else_is_in_the_rule(knowledge):
    root = Path(__file__).resolve().parents[2]
    domain = yaml.safe_load((root / "domain.yml").read_text(encoding="utf-8"))
    rules = yaml.safe_load((root / "data" / "rules" / "questions.yml").read_text(encoding="utf-8"))
    rule = next(r for r in rules["rules"] if r["rule"] == "topic questions")
    in_rule = {step["intent"] for step in rule["steps"][0]["or"]}
    assert set(knowledge.topics) == in_rule
    assert set(knowledge.topics) <= set(domain["intents"])


@pytest.mark.parametrize(
    "role, wording", [("council_member", "intro"), ("clerk", "helper"), ("family_member", "family")]
)
def test_a_topic_speaks_to_the_official_the_helper_and_the_family(knowledge, role, wording):
    tracker = make_tracker("ask_family", "kan mijn dochter ook hulp krijgen?", {"role": role})
    messages, _ = run_action(ActionAnswerTopic(), tracker)
    first = kb.render(knowledge.topics["ask_family"][wording], knowledge, role)
    assert messages[0]["text"].startswith(first)
    assert ot_phone() in first and "112" in first


def test_a_helper_asking_who_makes_the_aangifte_hears_about_a_mandate(knowledge):
    tracker = make_tracker("ask_how_aangifte", "kan ik dat voor haar doen?", {"role": "clerk"})
    messages, _ = run_action(ActionAnswerTopic(), tracker)
    assert step("aangifte_for_other", "clerk") in all_text(messages)
    tracker = make_tracker("ask_how_aangifte", "hoe doe ik aangifte?", {"role": "council_member"})
    messages, _ = run_action(ActionAnswerTopic(), tracker)
    assert "machtiging" not in all_text(messages)  # only for helpers


def test_a_helper_asking_about_the_address_is_told_how_to_help_not_to_shield_their_own(knowledge):
    tracker = make_tracker(
        "ask_protect_address",
        "wat moet ze met haar adres?",
        {"role": "clerk", "helped_pronoun": "zij"},
    )
    messages, _ = run_action(ActionAnswerTopic(), tracker)
    text = all_text(messages)
    assert "Zo beschermt zij het adres" in text and "Help haar de gegevens af te schermen" in text
    assert "je huisadres" not in text and "Scherm je gegevens af" not in text
    tracker = make_tracker(
        "ask_protect_address", "wat doen we met ons adres?", {"role": "family_member"}
    )
    text = all_text(run_action(ActionAnswerTopic(), tracker)[0])
    assert text.startswith("Zo beschermen jullie") and "je partner ook" in text


def test_a_helper_asking_for_their_own_aftercare_is_not_told_about_the_other(knowledge):
    slots = {"role": "clerk", "helped_pronoun": "zij"}
    tracker = make_tracker("ask_aftercare", "kan ik zelf ook met iemand praten?", slots)
    text = all_text(run_action(ActionAnswerTopic(), tracker)[0])
    assert text.startswith("Ook als je iemand helpt, kan dit je raken.")
    assert step("aftercare_helper_self", "clerk") in text and "0900-0101" in text
    assert "Bel haar" not in text
    tracker = make_tracker("ask_aftercare", "wie kan haar opvangen?", slots)
    text = all_text(run_action(ActionAnswerTopic(), tracker)[0])
    assert text.startswith("Zoiets raakt iemand diep") and "Bel haar de dagen erna" in text


def user_event(intent: str, text: str) -> dict:
    return {"event": "user", "text": text, "parse_data": {"intent": {"name": intent}}}


def test_a_follow_up_to_a_topic_answer_is_answered_by_that_topic(knowledge):
    text = "ook als het maar een boze mail was?"
    tracker = make_tracker("nlu_fallback", text, {})
    tracker.events = [
        user_event("ask_internal_report", "moet ik een bedreiging ook bij de griffie melden?"),
        user_event("nlu_fallback", text),
    ]
    messages, _ = run_action(ActionNotUnderstood(), tracker)
    assert messages[0]["text"].startswith("Ja, ook dan.")
    # heard as a report, the same follow-up is no new report
    tracker.latest_message["intent"] = {"name": "report_online_threat", "confidence": 0.9}
    messages, _ = run_action(ActionTriage(), tracker)
    assert messages[0]["text"].startswith("Ja, ook dan.") and len(messages) == 1
    tracker.latest_message["intent"] = {"name": "nlu_fallback", "confidence": 0.3}
    # the same words after a topic without a follow-up answer: the honest "I do not know"
    tracker.events[0] = user_event("ask_vpt", "wat is de VPT-code?")
    messages, _ = run_action(ActionNotUnderstood(), tracker)
    assert messages[0]["text"].startswith("Daar weet ik geen goed antwoord op.")


def test_a_question_the_bot_cannot_place_gets_the_human_line_and_the_way_back(knowledge):
    text = "moet ik er zelf een verklaring over publiceren?"
    messages, _ = run_action(ActionNotUnderstood(), make_tracker("nlu_fallback", text, {}))
    assert messages[0]["text"].startswith("Daar weet ik geen goed antwoord op.")
    assert ot_phone() in messages[0]["text"] and "112" in messages[0]["text"]
    assert payloads(messages) == ["/report_incident", "/ask_who_to_call", "/what_can_you_do"]
    walking = {"incident_type": "online_threat", "steps_shown": ["safety"]}
    messages, _ = run_action(ActionNotUnderstood(), make_tracker("nlu_fallback", text, walking))
    assert payloads(messages) == ["/next_step"]  # back to the steps
    messages, _ = run_action(ActionNotUnderstood(), make_tracker("nlu_fallback", "blabla", {}))
    assert messages == [{**messages[0], "response": "utter_please_rephrase"}]


@pytest.mark.parametrize(
    "text, subject",
    [
        ("mijn zoon is wethouder en wordt bedreigd, wat kan ik doen als moeder", "other"),
        ("ik word bedreigd, kan mijn dochter ook hulp krijgen?", "self"),
        ("kan mijn dochter ook hulp krijgen?", None),  # the words do not say
    ],
)
def test_a_question_that_says_who_it_is_about_sets_it(text, subject):
    messages, slots = run_action(ActionAnswerTopic(), make_tracker("ask_family", text))
    assert messages and slots.get("subject") == subject


def test_a_checklist_question_that_names_the_type_gets_that_type():
    tracker = make_tracker(
        "ask_checklist", "heb je een checklist voor als je online bedreigd wordt?"
    )
    messages, _ = run_action(ActionChecklist(), tracker)
    assert kb.incident_name("online_threat", kb.load()) in all_text(messages)
    assert "bewijs" in all_text(messages).lower()


@pytest.mark.parametrize(
    "text, own",
    [
        # a helper who asks for themselves, heard as who-to-call: the helper's own aftercare
        ("kan ik zelf ook met iemand praten? dit zit me niet lekker", True),
        # about the person helped, or no aftercare words: the contacts
        ("met wie kan zij praten?", False),
        ("wie kan ik zelf bellen?", False),
    ],
)
def test_a_helper_asking_to_talk_for_themselves_gets_their_own_aftercare(text, own):
    slots = {"role": "clerk", "subject": "other", "helped_pronoun": "zij"}
    messages, _ = run_action(ActionContacts(), make_tracker("ask_who_to_call", text, slots))
    intro = kb.load().topics["ask_aftercare"]["for_helper_self"]["intro"]
    assert messages[0]["text"].startswith(intro) is own
    assert ("Slachtofferhulp" in all_text(messages)) and ("112" in all_text(messages)) is not own
