"""The content files: complete, consistent, and every number in them is on the facts page."""

import re
from pathlib import Path

import pytest
import yaml

from actions import knowledge as kb

ROOT = Path(__file__).resolve().parents[2]
FACTS = ROOT.parent / "shared" / "domain" / "FACTS.md"
PHONE = re.compile(r"(?<![\d+])0\d(?:[ -]{0,3}\d){6,8}|\b112\b")


def digits(number: str) -> str:
    return re.sub(r"\D", "", number)


def bot_texts() -> str:
    files = list((ROOT / "knowledge").glob("**/*.yml")) + [ROOT / "domain.yml"]  # incl. scenarios/
    return "\n".join(f.read_text(encoding="utf-8") for f in files)


def test_knowledge_loads_and_validates(knowledge):
    assert set(knowledge.paths) == set(kb.INCIDENT_TYPES)
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
    for response in ("utter_acute_danger", "utter_goodbye"):
        text = " ".join(domain["responses"][response][0]["text"].split())
        assert "112" in text
        assert knowledge.contacts["ondersteuningsteam"]["phone"] in text


def test_every_step_is_used(knowledge):
    used = {s for ids in knowledge.paths.values() for s in ids}
    used |= {s for topic in knowledge.topics.values() for s in topic["steps"]}
    assert set(knowledge.steps) == used


def test_broken_reference_is_refused(tmp_path, knowledge):
    for name in ("contacts.yml", "roles.yml", "topics.yml", "conversation.yml", "steps.yml"):
        (tmp_path / name).write_text(
            (kb.KNOWLEDGE_DIR / name).read_text(encoding="utf-8"), encoding="utf-8"
        )
    steps = tmp_path / "steps.yml"
    steps.write_text(
        steps.read_text(encoding="utf-8").replace("{phone:police}", "{phone:polite}", 1),
        encoding="utf-8",
    )
    with pytest.raises(kb.KnowledgeError, match="unknown contact"):
        kb.load(tmp_path)


def test_entry_without_source_is_refused(tmp_path):
    for name in ("contacts.yml", "roles.yml", "topics.yml", "conversation.yml", "steps.yml"):
        (tmp_path / name).write_text(
            (kb.KNOWLEDGE_DIR / name).read_text(encoding="utf-8"), encoding="utf-8"
        )
    contacts = tmp_path / "contacts.yml"
    text = contacts.read_text(encoding="utf-8")
    contacts.write_text(text.replace("    source: helpwanted.nl\n", "", 1), encoding="utf-8")
    with pytest.raises(kb.KnowledgeError, match="helpwanted: missing source"):
        kb.load(tmp_path)


def test_render_fills_role_and_contacts(knowledge):
    text = kb.render(
        "Als {role}: {internal_report}. Bel {contact:ondersteuningsteam}. Of {phone:police}.",
        knowledge,
        "alderman",
    )
    assert text == (
        "Als wethouder: de gemeentesecretaris of de burgemeester, volgens het agressieprotocol "
        "van je gemeente. Bel Ondersteuningsteam Weerbaar Bestuur: 070 - 373 83 14 "
        "(dag en nacht, 24 uur per dag). Of 0900-8844."
    )


def test_helper_gets_the_helper_view(knowledge):
    assert kb.step_text("safety", "clerk", knowledge).startswith(
        "Vraag eerst: is de persoon nu veilig?"
    )
    assert kb.step_text("safety", "council_member", knowledge).startswith("Veiligheid eerst.")


def test_security_scheme_is_for_bestuurders_only(knowledge):
    step = knowledge.steps["security_scheme"]
    assert kb.applies(step, "alderman", knowledge)
    assert kb.applies(step, "mayor", knowledge)
    assert not kb.applies(step, "council_member", knowledge)
    assert not kb.applies(step, "provincial_council_member", knowledge)
    assert not kb.applies(step, None, knowledge)
