"""A typed button label gets the button's intent and entities (components/button_titles.py)."""

import pytest
from rasa.shared.nlu.constants import ENTITIES, INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from actions import knowledge as kb
from components.button_titles import apply_button_title, button_payloads, meanings


def parsed(text, intent="nlu_fallback", confidence=0.35):
    message = Message(data={TEXT: text})
    message.set(INTENT, {"name": intent, "confidence": confidence})
    message.set(INTENT_RANKING_KEY, [{"name": intent, "confidence": confidence}])
    message.set(ENTITIES, [])
    return message


@pytest.mark.parametrize(
    "typed, intent, entities",
    [
        ("Bel iemand", "ask_who_to_call", {}),
        ("  raadslid ", "inform_role", {"role": "council_member"}),
        ("Nee, ik ben nu veilig.", "not_in_danger", {}),
        ("wie kan ik bellen", "ask_who_to_call", {}),
        ("VERRAS ME", "start_rehearsal", {"rehearsal_type": "random"}),
        ("oefenen alsjeblieft", "start_rehearsal", {}),  # a label said politely
        ("graag, Bel iemand!", "ask_who_to_call", {}),
    ],
)
def test_a_typed_label_means_the_press(typed, intent, entities):
    message = parsed(typed)
    apply_button_title(message)
    assert message.get(INTENT) == {"name": intent, "confidence": 1.0}
    assert message.get(INTENT_RANKING_KEY)[0]["name"] == intent
    assert {e["entity"]: e["value"] for e in message.get(ENTITIES)} == entities


def test_other_text_is_left_to_the_classifier():
    message = parsed("bel iemand voor me", "ask_who_to_call", 0.6)
    apply_button_title(message)
    assert message.get(INTENT) == {"name": "ask_who_to_call", "confidence": 0.6}


def test_a_label_with_two_meanings_is_not_guessed():
    found = meanings([("Ja", "/affirm"), ("ja", "/start_rehearsal"), ("Nee", "/deny")])
    assert found == {"nee": ("deny", {})}


def test_every_incident_button_is_known():
    for kind in kb.by_urgency():
        info = kb.load().incidents[kind]
        assert button_payloads()[info["button"].lower()] == (info["intent"], {})
