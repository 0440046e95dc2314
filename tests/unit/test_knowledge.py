"""The content files: complete, consistent, and every number in them is on the facts page."""

import re
from pathlib import Path

import pytest
import yaml

from actions import knowledge as kb
from tests.conftest import knowledge_with

ROOT = Path(__file__).resolve().parents[2]
FACTS = ROOT.parent / "shared" / "domain" / "FACTS.md"
PHONE = re.compile(r"(?<![\d+])0\d(?:[ -]{0,3}\d){6,8}|\b112\b")


def digits(number: str) -> str:
    return re.sub(r"\D", "", number)


def bot_texts() -> str:
    files = list((ROOT / "knowledge").glob("**/*.yml")) + [ROOT / "domain.yml"]  # incl. scenarios/
    return "\n".join(f.read_text(encoding="utf-8") for f in files)


def test_knowledge_loads_and_validates(knowledge):
    assert set(knowledge.paths) == set(kb.incident_types(knowledge))
    assert "ondersteuningsteam" in knowledge.contacts


@pytest.mark.skipif(not FACTS.exists(), reason="shared/domain/FACTS.md not next to the repo")
def test_every_phone_number_is_on_the_facts_page():
    allowed = {digits(n) for n in PHONE.findall(FACTS.read_text(encoding="utf-8"))}
    used = {digits(n) for n in PHONE.findall(bot_texts())}
    assert used, "no phone numbers found at all: the pattern is broken"
    assert used <= allowed, f"numbers not in FACTS.md: {sorted(used - allowed)}"


def test_domain_safety_numbers_match_contacts(knowledge):
    """The domain repeats 112 and the OT number for when the action server is down."""
    domain = yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))
    for response in ("utter_acute_danger", "utter_goodbye", "utter_chitchat_thanks"):
        text = " ".join(domain["responses"][response][0]["text"].split())
        assert "112" in text
        assert knowledge.contacts["ondersteuningsteam"]["phone"] in text


def test_every_step_is_used(knowledge):
    used = {s for ids in knowledge.paths.values() for s in ids}
    used |= {s for topic in knowledge.topics.values() for s in kb.named_steps(topic)}
    assert set(knowledge.steps) == used


def test_broken_reference_is_refused(tmp_path, knowledge):
    copy = knowledge_with(tmp_path, "steps.yml", "{phone:police}", "{phone:polite}")
    with pytest.raises(kb.KnowledgeError, match="onbekend contact phone:polite"):
        kb.load(copy)


def test_entry_without_source_is_refused(tmp_path):
    copy = knowledge_with(tmp_path, "contacts.yml", "    source: helpwanted.nl\n", "")
    with pytest.raises(kb.KnowledgeError, match="helpwanted: mist source"):
        kb.load(copy)


def test_render_fills_role_and_contacts(knowledge):
    text = kb.render(
        "Als {role}: {internal_report}. Bel {contact:ondersteuningsteam}. Of {phone:police}.",
        knowledge,
        "alderman",
    )
    team = knowledge.contacts["ondersteuningsteam"]
    assert text == (
        f"Als wethouder: {knowledge.roles['alderman']['internal_report']}. "
        f"Bel {team['name']}: {team['phone']} ({team['available']}). "
        f"Of {knowledge.contacts['police']['phone']}."
    )


def test_an_unknown_role_gets_the_general_wording(knowledge):
    text = kb.render("Als {role} meld je het bij {internal_report}.", knowledge, "lid")
    unknown = knowledge.conversation["unknown_role"]
    assert text == f"Als {unknown['label']} meld je het bij {unknown['internal_report']}."


def test_helper_gets_the_helper_view(knowledge):
    safety = knowledge.steps["safety"]
    assert kb.step_text("safety", "clerk", knowledge) == kb.render(safety["helper"], knowledge)
    assert kb.step_text("safety", "council_member", knowledge) == kb.render(
        safety["text"], knowledge
    )


def test_security_scheme_is_for_bestuurders_only(knowledge):
    """FACTS §6: CdK, gedeputeerden, burgemeesters, wethouders, DB-leden waterschap; not
    raadsleden, Statenleden or the algemeen bestuur (E1: no longer a non-empty string)."""
    step = knowledge.steps["security_scheme"]
    for role in ("alderman", "mayor", "provincial_executive", "water_board_executive"):
        assert kb.applies(step, role, knowledge), role
        assert kb.step_template("security_scheme", role, knowledge) == step["text"]
    for role in ("council_member", "provincial_council_member", "water_board_general", "candidate"):
        assert not kb.applies(step, role, knowledge), role
    for role in ("water_board_member", None):
        assert kb.step_template("security_scheme", role, knowledge) == step["maybe"]


def test_every_system_notice_names_112():
    """A panicking person who sends a voice note, edits a message or writes too much still
    hears 112 (S1): every channel notice and every system message."""
    from channels.telegram import load_texts
    from runtime import system_messages

    notices = dict(load_texts())
    notices |= {k: m["text"] for k, m in system_messages.messages().items()}
    missing = [name for name, text in notices.items() if "112" not in text]
    assert not missing, f"notices without 112: {missing}"
    assert {"text_only", "edited", "cut"} <= set(notices)


def test_are_you_human_gives_the_number_at_once(knowledge):
    domain = yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))
    text = " ".join(domain["responses"]["utter_chitchat_are_you_human"][0]["text"].split())
    assert knowledge.contacts["ondersteuningsteam"]["phone"] in text and "112" in text
