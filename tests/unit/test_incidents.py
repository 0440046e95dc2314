"""knowledge/incidents.yml is the one list of incident types: the domain, the rules, the safety
net, the triage, the buttons and the practice menu all follow it."""

from pathlib import Path

import pytest
import yaml

from actions import knowledge as kb
from actions import rehearsal as engine
from actions import triage
from actions.contacts import contacts_for
from components import safety_net
from tests.conftest import knowledge_with

ROOT = Path(__file__).resolve().parents[2]
DOMAIN = yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))


def _rules() -> list[dict]:
    rules = []
    for path in sorted((ROOT / "data" / "rules").glob("*.yml")):
        rules += yaml.safe_load(path.read_text(encoding="utf-8")).get("rules") or []
    return rules


def _intents_in(steps: list[dict]) -> set[str]:
    found = set()
    for step in steps:
        if "intent" in step:
            found.add(step["intent"])
        for branch in step.get("or") or []:
            found |= _intents_in([branch])
    return found


def test_every_type_is_a_slot_value_with_its_intent_in_the_domain(knowledge):
    slot = DOMAIN["slots"]["incident_type"]
    assert slot["values"] == kb.incident_types(knowledge)
    from_intent = {
        m["intent"]: m["value"] for m in slot["mappings"] if m.get("type") == "from_intent"
    }
    for kind, incident in knowledge.incidents.items():
        if incident.get("intent"):
            assert incident["intent"] in DOMAIN["intents"], kind
            assert from_intent.get(incident["intent"]) == kind, kind
    assert set(from_intent) == set(kb.report_intents(knowledge))


def test_every_report_intent_starts_the_triage():
    starts_triage = [
        rule
        for rule in _rules()
        if rule["steps"][-1] == {"action": "action_triage"} and len(rule["steps"]) == 2
    ]
    intents = set().union(*(_intents_in(rule["steps"]) for rule in starts_triage))
    assert set(kb.report_intents()) <= intents


def test_the_code_lists_come_from_the_content(knowledge):
    assert set(kb.report_intents(knowledge)) == safety_net.REPORT_TYPES
    assert kb.by_urgency(knowledge) == triage.URGENCY
    assert triage.URGENCY[0] == "physical_intimidation"
    assert {
        k for k, v in knowledge.incidents.items() if v["safety_check"]
    } == triage.SAFETY_CHECK_TYPES
    assert set(kb.type_cues()) == {k for k, v in knowledge.incidents.items() if v["cues"]}
    assert kb.incident_types_in("ze hebben mijn adres gedeeld") == ["doxxing"]
    for kind, incident in knowledge.incidents.items():
        assert ("helpwanted" in contacts_for(None, kind, knowledge)) == incident["removal_help"]


def test_buttons_and_practice_menu_follow_the_content(knowledge):
    asked = knowledge.conversation["ask_incident_type"]["buttons"]
    titles = [i["button"] for i in knowledge.incidents.values() if i.get("button")]
    assert [b["title"] for b in asked] == titles
    menu = engine.load().texts["menu_buttons"]
    labels = [i["menu_label"] for i in knowledge.incidents.values() if i.get("menu_label")]
    assert [b["title"] for b in menu][: len(labels)] == labels
    assert set(engine.REPORT_TYPES) == set(kb.by_urgency(knowledge))
    assert {s["incident_type"] for s in engine.load().scenarios.values()} == set(
        engine.REPORT_TYPES
    )


def test_greeting_report_buttons_match_the_content(knowledge):
    """The greeting lives in domain.yml (it works without the action server); any report button
    there must use the type's own button text and intent."""
    with_button = [k for k, v in knowledge.incidents.items() if v.get("button")]
    by_payload = {kb.incident_button(k, knowledge)["payload"]: k for k in with_button}
    for response in ("utter_greet", "utter_capabilities"):
        for button in DOMAIN["responses"][response][0].get("buttons") or []:
            kind = by_payload.get(button["payload"])
            if kind:
                assert button == kb.incident_button(kind, knowledge), button


def test_an_unknown_step_in_a_type_is_refused(tmp_path):
    try:
        kb.load(knowledge_with(tmp_path, "incidents.yml", "law_doxxing", "law_doxing"))
    except kb.KnowledgeError as error:
        assert "incidents.doxxing: onbekende stap law_doxing" in str(error)
    else:
        raise AssertionError("an unknown step was accepted")


@pytest.mark.parametrize(
    ("text", "types"),
    [
        (
            "vanochtend lag er een brief in de bus dat ze ons huis in de fik steken",
            ["physical_intimidation"],
        ),
        (
            "iemand heeft 'we weten waar je woont' op onze gevel gespoten",
            ["physical_intimidation"],
        ),
        ("ik kreeg een mail dat ze mijn huis in de fik steken", ["online_threat"]),
        ("er kwam een brief en daarna een DM met een bedreiging", ["online_threat"]),
    ],
)
def test_a_threat_on_paper_or_a_wall_is_intimidation_in_the_real_world(text, types):
    assert kb.incident_types_in(text) == types


@pytest.mark.parametrize(
    ("text", "types"),
    [
        # a threat denied names no threat: the bot must not lead with the threat steps
        ("honderden haatreacties, geen bedreiging, gewoon haat", ["online_abuse"]),
        ("ze schelden me uit, maar dreigen doen ze niet", ["online_abuse"]),
        ("mijn adres staat online, er staat niks dreigends bij", ["doxxing"]),
        ("just insults, no threats", ["online_abuse"]),
        # doubt, or a denial next to a real threat, still names it
        ("ik weet niet of het een bedreiging is", ["online_threat"]),
        (
            "geen bedreiging dacht ik, maar nu schrijft hij dat hij me komt vermoorden",
            ["online_threat"],
        ),
    ],
)
def test_a_threat_denied_is_not_a_threat(text, types):
    assert kb.incident_types_in(text) == types
