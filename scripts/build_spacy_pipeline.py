"""Put the Dutch spaCy pipeline that config.yml loads at build/spacy_nl.

SPACY_PIPELINE chooses:
  auto     (default) the official nl_core_news_sm when it is installed or can be installed
           from the package index, otherwise the project pipeline;
  official only nl_core_news_sm; fails with an explanation when it cannot be had;
  project  the project pipeline "nl_weerbaar_lookup": spaCy's Dutch language data (tokenizer,
           stop words, lexical attributes) plus a lookup lemmatizer built from the Dutch tables
           of spacy-lookups-data, with the irregular forms of the exception tables folded in.

nl_core_news_sm is published on GitHub, not on PyPI, so `spacy download` fails where only the
package registries are reachable. We never fake it: the project pipeline has its own name.
"""

import gzip
import importlib.util
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import spacy
from spacy.lookups import Lookups

ROOT = Path(__file__).resolve().parent.parent
TARGET = ROOT / "build" / "spacy_nl"
OFFICIAL = "nl_core_news_sm"
PROJECT = "weerbaar_lookup"  # spaCy shows lang + name: nl_weerbaar_lookup
OFFICIAL_META_NAME = "core_news_sm"  # meta.json of nl_core_news_sm says lang nl, name core_news_sm
PROJECT_VERSION = "1.0.0"
# When a word is missing from the lookup table and sits in several exception tables, the
# first part of speech here wins ("was" → zijn rather than the noun).
EXCEPTION_PRIORITY = ["verb", "noun", "adj", "pron", "det", "adp", "adv"]


def dutch_lemma_table() -> dict:
    import spacy_lookups_data

    data = Path(spacy_lookups_data.__file__).parent / "data"

    def load(name: str) -> dict:
        with gzip.open(data / f"nl_{name}.json.gz", "rt", encoding="utf-8") as handle:
            return json.load(handle)

    table = load("lemma_lookup")
    exceptions = load("lemma_exc")
    added = {}
    for pos in EXCEPTION_PRIORITY:
        for form, lemmas in exceptions.get(pos, {}).items():
            if lemmas and form not in table and form not in added:
                added[form] = lemmas[0]
    table.update(added)
    return table


def build_project_pipeline():
    nlp = spacy.blank("nl")
    lookups = Lookups()
    lookups.add_table("lemma_lookup", dutch_lemma_table())
    lemmatizer = nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    lemmatizer.initialize(lookups=lookups)
    nlp.meta.update(
        name=PROJECT,
        version=PROJECT_VERSION,
        description="Weerbaar Bestuur chatbot: Dutch tokenizer and lookup lemmatizer "
        "(spaCy language data + spacy-lookups-data nl tables incl. exceptions). "
        "Not spaCy's nl_core_news_sm.",
    )
    return nlp


def official_pipeline():
    """nl_core_news_sm when installed, or installable from the package index; else None."""
    try:
        return spacy.load(OFFICIAL)
    except OSError:
        pass
    result = subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", OFFICIAL],
        capture_output=True,
        text=True,
        timeout=120,
    )
    return spacy.load(OFFICIAL) if result.returncode == 0 else None


def current_name() -> str:
    try:
        return json.loads((TARGET / "meta.json").read_text())["name"]
    except (OSError, ValueError, KeyError):
        return ""


def main() -> int:
    choice = os.environ.get("SPACY_PIPELINE", "auto")
    if choice not in ("auto", "official", "project"):
        print(f"FOUT: SPACY_PIPELINE={choice!r}; kies auto, official of project.", file=sys.stderr)
        return 2
    have = current_name()
    official_installed = importlib.util.find_spec(OFFICIAL) is not None
    up_to_date = (
        (have == OFFICIAL_META_NAME and choice != "project")
        or (have == PROJECT and choice == "project")
        # auto already tried to install the official one; redo only if it appeared since.
        or (have == PROJECT and choice == "auto" and not official_installed)
    )
    if up_to_date:
        print(f"==> spaCy-pijplijn: {describe()}")
        return 0

    nlp = official_pipeline() if choice != "project" else None
    if nlp is None and choice == "official":
        print(
            f"FOUT: {OFFICIAL} is niet geïnstalleerd en niet te installeren: het staat niet op PyPI "
            "en `spacy download` haalt het van GitHub, dat hier niet bereikbaar is. Installeer het "
            "wheel zelf (pip install /pad/naar/nl_core_news_sm-3.4.0-py3-none-any.whl) of gebruik "
            "SPACY_PIPELINE=auto of project.",
            file=sys.stderr,
        )
        return 1
    if nlp is None:
        if choice == "auto":
            print(
                f"    {OFFICIAL} is niet beschikbaar (niet op PyPI); de projectpijplijn wordt gebouwd."
            )
        nlp = build_project_pipeline()
    if TARGET.exists():
        shutil.rmtree(TARGET)
    TARGET.parent.mkdir(parents=True, exist_ok=True)
    nlp.to_disk(TARGET)
    # Rasa caches tokenizer output by component config, which does not change with the pipeline.
    shutil.rmtree(ROOT / ".rasa" / "cache", ignore_errors=True)
    print(f"==> spaCy-pijplijn gebouwd: {describe()}")
    return 0


def describe() -> str:
    meta = json.loads((TARGET / "meta.json").read_text())
    components = ", ".join(meta.get("pipeline", [])) or "tokenizer"
    return f"{meta['lang']}_{meta['name']} {meta['version']} ({components}) in {TARGET.relative_to(ROOT)}"


if __name__ == "__main__":
    sys.exit(main())
