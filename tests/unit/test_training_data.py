"""The test data stays apart from the training data: no held-out message and no corpus turn
of five words or more is also a training example (after lower-casing and dropping
punctuation and entity markup). Short canonical phrases ("hoe doe ik aangifte?") may be in
both; a longer copy would make the tests measure memory instead of understanding."""

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[2]
MIN_WORDS = 5


def normalise(text: str) -> str:
    text = re.sub(r"\[([^\]]*)\](?:\([^)]*\)|\{[^}]*\})", r"\1", text).lower()
    return " ".join(re.sub(r"[^\w' ]+", " ", text).split())


def lines_of(node: Any) -> Iterator[str]:
    """Every line of every string in a YAML document, list markers removed."""
    if isinstance(node, dict):
        for value in node.values():
            yield from lines_of(value)
    elif isinstance(node, list):
        for value in node:
            yield from lines_of(value)
    elif isinstance(node, str):
        for line in node.splitlines():
            yield line.strip().removeprefix("- ")


def measured_files(root: Path) -> list[Path]:
    return sorted((root / "tests" / "nlu").glob("*.yml")) + sorted(
        (root / "tests" / "conversations").glob("*.yml")
    )


def copies_in_training(root: Path = ROOT) -> list[str]:
    tested: dict[str, str] = {}
    for path in measured_files(root):
        for line in lines_of(yaml.safe_load(path.read_text(encoding="utf-8"))):
            text = normalise(line)
            if len(text.split()) >= MIN_WORDS:
                tested.setdefault(text, path.name)
    copies = []
    for path in sorted((root / "data" / "nlu").glob("**/*.yml")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            line = line.strip()
            if line.startswith("- ") and normalise(line[2:]) in tested:
                where = tested[normalise(line[2:])]
                copies.append(f"{path.relative_to(root)}:{number} {line[2:]!r} (in {where})")
    return copies


def test_the_checker_finds_a_copy_and_lets_short_phrases_pass(tmp_path):
    (tmp_path / "data" / "nlu").mkdir(parents=True)
    (tmp_path / "tests" / "nlu").mkdir(parents=True)
    (tmp_path / "tests" / "conversations").mkdir(parents=True)
    (tmp_path / "data" / "nlu" / "x.yml").write_text(
        "nlu:\n- intent: a\n  examples: |\n    - Ik word [bedreigd](role) op X!\n"
        "    - hoe doe ik aangifte?\n",
        encoding="utf-8",
    )
    (tmp_path / "tests" / "conversations" / "c.yml").write_text(
        "conversations:\n- id: c\n  turns:\n  - user: ik word bedreigd op x\n"
        "  - user: hoe doe ik aangifte\n",
        encoding="utf-8",
    )
    assert copies_in_training(tmp_path) == [
        "data/nlu/x.yml:4 'Ik word [bedreigd](role) op X!' (in c.yml)"
    ]
    assert len(measured_files(ROOT)) >= 3


def test_no_test_sentence_is_a_training_example():
    assert copies_in_training() == []
