"""make check-content: one validator for every knowledge file, with Dutch messages that name the
file and the entry."""

import shutil
from datetime import date
from pathlib import Path

import pytest

from actions import knowledge as kb

ROOT = Path(__file__).resolve().parents[2]
FACTS = ROOT.parent / "shared" / "domain" / "FACTS.md"
pytestmark = pytest.mark.skipif(not FACTS.exists(), reason="shared/domain/FACTS.md ontbreekt")


@pytest.fixture
def copy(tmp_path) -> Path:
    target = tmp_path / "knowledge"
    shutil.copytree(kb.KNOWLEDGE_DIR, target)
    return target


def check(directory: Path, today: date | None = None) -> kb.ContentReport:
    return kb.check_content(FACTS.read_text(encoding="utf-8"), directory, today)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path.name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_the_content_passes():
    report = check(kb.KNOWLEDGE_DIR)
    assert report.errors == []
    assert report.entries > 100  # every step, role, contact, conversation text, scenario moment


def test_a_phone_number_not_on_the_facts_page_fails(copy):
    edit(copy / "steps.yml", "{phone:police}.", "0900-1234.")
    errors = check(copy).errors
    assert any(
        "steps.yml, steps.police_choice: telefoonnummer 0900-1234 staat niet in FACTS.md" in e
        for e in errors
    ), errors


def test_a_web_address_not_on_the_facts_page_fails(copy):
    edit(copy / "scenarios" / "deepfake_mayor.yml", "Daarna kun je melden.", "Zie nepnieuws.nl.")
    errors = check(copy).errors
    assert any("deepfake_mayor.first_anger: webadres nepnieuws.nl" in e for e in errors), errors


def test_an_entry_a_user_reads_needs_source_and_checked(copy):
    edit(copy / "conversation.yml", "  source: project (eigen tekst, geen feiten)\n", "")
    text = (copy / "roles.yml").read_text(encoding="utf-8")
    (copy / "roles.yml").write_text(
        text.replace('    checked: "2026-12"\n', "", 1), encoding="utf-8"
    )
    errors = check(copy).errors
    assert "conversation.yml, conversation.acknowledge: 'source' ontbreekt" in errors
    assert "roles.yml, roles.council_member: 'checked' ontbreekt" in errors


def test_old_checks_are_listed_not_failed(copy):
    report = check(copy, today=date(2028, 1, 15))
    assert report.errors == []
    assert any(
        line.startswith("steps.yml, steps.safety: gecontroleerd in 2026-12")
        for line in report.stale
    )
    assert check(copy, today=date(2027, 6, 1)).stale == []


def test_a_file_that_does_not_load_fails_with_its_name(copy):
    (copy / "topics.yml").write_text("topics: [\n", encoding="utf-8")
    errors = check(copy).errors
    assert any(e.startswith("topics.yml: kan het bestand niet lezen") for e in errors), errors
