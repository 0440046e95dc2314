"""The acute-danger safety net: patterns alone, and as the last NLU step."""

import pytest
from rasa.shared.nlu.constants import ENTITIES, INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from components.danger_patterns import ACUTE, PAST, assess_danger
from components.safety_net import apply_safety_net


@pytest.mark.parametrize(
    "text",
    [
        "Er staat nu iemand voor mijn deur die schreeuwt dat hij me pakt",
        "hij bonkt op de deur en roept mijn naam",
        "Ik word gevolgd door een auto sinds ik het gemeentehuis uit ben",
        "ze proberen binnen te komen!!",
        "Er staat een man met een mes in mijn tuin",
        "HELP",
        "help hij staat hier",
        "mijn huis staat in brand",
        "er ligt iets brandends in mijn brievenbus",
        "iemand draait nu aan mijn deurklink",
        "ze zingen buiten dat ik dood moet",
        "er komt nu een groep mannen op me af",
        "die auto staat al een half uur voor mijn huis en nu volgt hij me",
        "ze gooien stenen door de ruit",
        "gisteren stond hij er ook en nu staat hij weer voor de deur",
        "Er zijn mannen buiten",
        "ik zit verstopt in de badkamer",
        "een groep staat nu voor het gemeentehuis en blokkeert de uitgang",
        "mijn man belt dat er iemand bij ons inbreekt",
        "de buurvrouw belt dat er iemand bij mij inbreekt",
        "ze zijn aan het inbreken in het gemeentehuis",
    ],
)
def test_danger_now_is_acute(text):
    assert assess_danger(text) == ACUTE


@pytest.mark.parametrize(
    "text",
    [
        "Gisteren stond er een man voor mijn deur te schreeuwen",
        "vorige week werd ik na de raadsvergadering gevolgd",
        "hij had een mes bij zich, maar dat was afgelopen zaterdag",
        "Vannacht is er een steen door mijn raam gegooid",
    ],
)
def test_past_events_are_not_acute(text):
    assert assess_danger(text) == PAST


@pytest.mark.parametrize(
    "text",
    [
        "Ik krijg doodsbedreigingen op Instagram",
        "Mijn adres staat in een Telegramgroep",
        "Er staat een foto van mijn huis online",
        "Iemand heeft een nepaccount op mijn naam gemaakt",
        "hoe doe ik aangifte",
        "kun je me helpen met de checklist",
    ],
)
def test_other_messages_are_neither(text):
    assert assess_danger(text) is None


def parsed(text, intent, ranking):
    message = Message(data={TEXT: text})
    message.set(INTENT, {"name": intent, "confidence": ranking[0][1]})
    message.set(INTENT_RANKING_KEY, [{"name": n, "confidence": c} for n, c in ranking])
    message.set(ENTITIES, [])
    return message


def test_acute_words_overrule_the_classifier_and_keep_its_report_type():
    message = parsed(
        "er staat iemand voor mijn deur die dreigt",
        "report_online_threat",
        [("report_online_threat", 0.6), ("report_physical_intimidation", 0.3)],
    )
    apply_safety_net(message)
    assert message.get(INTENT)["name"] == "acute_danger"
    assert message.get(INTENT_RANKING_KEY)[0]["name"] == "acute_danger"
    assert {e["entity"]: e["value"] for e in message.get(ENTITIES)} == {
        "incident_type": "online_threat"
    }


def test_danger_the_model_saw_itself_is_physical():
    message = parsed(
        "ze zijn er en ik ben doodsbang",
        "acute_danger",
        [("acute_danger", 0.7), ("report_online_threat", 0.2)],
    )
    apply_safety_net(message)
    assert {e["entity"]: e["value"] for e in message.get(ENTITIES)} == {
        "incident_type": "physical_intimidation"
    }


def test_unsure_classifier_still_gets_the_safety_net():
    message = parsed("hij staat hier", "nlu_fallback", [("nlu_fallback", 0.45), ("greet", 0.3)])
    apply_safety_net(message)
    assert message.get(INTENT)["name"] == "acute_danger"
    assert message.get(ENTITIES)[0]["value"] == "physical_intimidation"


def test_classifier_acute_guess_is_kept_without_danger_words():
    message = parsed(
        "ze zijn er en ik ben doodsbang",
        "acute_danger",
        [("acute_danger", 0.7), ("report_physical_intimidation", 0.2)],
    )
    apply_safety_net(message)
    assert message.get(INTENT)["name"] == "acute_danger"


def test_past_event_is_demoted_and_marked_not_acute():
    message = parsed(
        "gisteren stond hij met een mes voor de deur",
        "acute_danger",
        [("acute_danger", 0.8), ("report_physical_intimidation", 0.15)],
    )
    apply_safety_net(message)
    assert message.get(INTENT)["name"] == "report_physical_intimidation"
    assert {e["entity"]: e["value"] for e in message.get(ENTITIES)} == {"acute_danger": False}


def test_ordinary_report_is_untouched():
    message = parsed(
        "ik word uitgescholden op X", "report_online_abuse", [("report_online_abuse", 0.9)]
    )
    apply_safety_net(message)
    assert message.get(INTENT) == {"name": "report_online_abuse", "confidence": 0.9}
    assert message.get(ENTITIES) == []


def test_unsure_report_keeps_the_report_instead_of_asking_to_rephrase():
    message = parsed(
        "ze hebben het erover om mij op te hangen",
        "nlu_fallback",
        [("nlu_fallback", 0.45), ("report_online_threat", 0.4), ("greet", 0.1)],
    )
    apply_safety_net(message)
    assert message.get(INTENT) == {"name": "report_online_threat", "confidence": 0.4}


def test_unsure_other_message_stays_a_fallback():
    message = parsed(
        "mijn laptop doet het niet", "nlu_fallback", [("nlu_fallback", 0.45), ("deny", 0.3)]
    )
    apply_safety_net(message)
    assert message.get(INTENT)["name"] == "nlu_fallback"
