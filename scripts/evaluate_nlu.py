"""Evaluate the trained model on tests/nlu/heldout.yml, which is never trained on.

Prints intent accuracy and macro-F1, incident-type accuracy per type (read the way the slot is
filled: the report intent, or the safety net's incident_type entity on an acute message), and
acute-danger recall. Fails when the issue's goals are missed: incident-type accuracy >= 0.93
and acute recall 1.0. Writes reports/nlu_heldout.json with every miss.
"""

import asyncio
import json
import logging
import sys
import time
from collections import Counter
from pathlib import Path

import yaml
from rasa.core.agent import Agent
from rasa.utils.log_utils import configure_structlog

from components.safety_net import REPORT_PREFIX, REPORT_TYPES

ROOT = Path(__file__).resolve().parent.parent
HELDOUT = ROOT / "tests" / "nlu" / "heldout.yml"
MODEL = ROOT / "models" / "weerbaar.tar.gz"
INCIDENTS = sorted(name[len(REPORT_PREFIX) :] for name in REPORT_TYPES)
MIN_INCIDENT_ACCURACY = 0.93
MIN_ACUTE_RECALL = 1.0


def load_examples(path: Path):
    """(text, intent) for every example in a Rasa NLU file; synonyms and lookups are skipped."""
    for block in yaml.safe_load(path.read_text(encoding="utf-8"))["nlu"]:
        if "intent" not in block:
            continue
        for line in block["examples"].splitlines():
            if line.strip().startswith("- "):
                yield line.strip()[2:], block["intent"]


def incident_of(parse: dict):
    name = parse["intent"]["name"]
    if name in REPORT_TYPES:
        return name[len(REPORT_PREFIX) :]
    return next(
        (e["value"] for e in parse.get("entities", []) if e["entity"] == "incident_type"), None
    )


def macro_f1(pairs):
    labels = {gold for gold, _ in pairs}
    scores = []
    for label in labels:
        tp = sum(1 for g, p in pairs if g == label and p == label)
        fp = sum(1 for g, p in pairs if g != label and p == label)
        fn = sum(1 for g, p in pairs if g == label and p != label)
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        scores.append(2 * precision * recall / (precision + recall) if precision + recall else 0.0)
    return sum(scores) / len(scores)


async def evaluate():
    start = time.time()
    agent = Agent.load(str(MODEL))
    load_seconds = time.time() - start
    rows = []
    for text, gold in load_examples(HELDOUT):
        parse = await agent.parse_message(text)
        rows.append(
            {
                "text": text,
                "gold": gold,
                "predicted": parse["intent"]["name"],
                "incident": incident_of(parse),
            }
        )
    return rows, load_seconds


def main() -> int:
    # Rasa's structured debug log would print every message text; keep it to warnings.
    logging.basicConfig(level=logging.WARNING)
    configure_structlog(logging.WARNING)
    rows, load_seconds = asyncio.run(evaluate())
    # Intents the user means; the retrieval intent counts as its base name.
    pairs = [(r["gold"].split("/")[0], r["predicted"]) for r in rows]
    accuracy = sum(g == p for g, p in pairs) / len(pairs)
    per_type = {}
    for kind in INCIDENTS:
        subset = [r for r in rows if r["gold"] == f"report_{kind}"]
        per_type[kind] = sum(r["incident"] == kind for r in subset) / len(subset)
    incident_rows = [r for r in rows if r["gold"] in REPORT_TYPES]
    incident_accuracy = sum(
        REPORT_PREFIX + (r["incident"] or "") == r["gold"] for r in incident_rows
    ) / len(incident_rows)
    acute_rows = [r for r in rows if r["gold"] == "acute_danger"]
    acute_recall = sum(r["predicted"] == "acute_danger" for r in acute_rows) / len(acute_rows)
    false_alarms = sum(
        r["predicted"] == "acute_danger" for r in rows if r["gold"] != "acute_danger"
    )

    print(
        f"Held-out set: {len(rows)} messages, {len({g for g, _ in pairs})} intents "
        f"(model loaded in {load_seconds:.1f} s)"
    )
    print(f"  intent accuracy          {accuracy:.3f}")
    print(f"  intent macro-F1          {macro_f1(pairs):.3f}")
    print(f"  incident-type accuracy   {incident_accuracy:.3f}  (goal >= {MIN_INCIDENT_ACCURACY})")
    for kind, value in per_type.items():
        print(f"    {kind:<24}{value:.3f}")
    print(
        f"  acute-danger recall      {acute_recall:.3f}  (goal {MIN_ACUTE_RECALL}; "
        f"{sum(r['predicted'] == 'acute_danger' for r in acute_rows)}/{len(acute_rows)})"
    )
    print(
        f"  acute false alarms       {false_alarms} of {len(rows) - len(acute_rows)} other messages"
    )
    misses = [r for r in rows if r["gold"].split("/")[0] != r["predicted"]]
    confusions = Counter((r["gold"], r["predicted"]) for r in misses)
    for (gold, predicted), count in confusions.most_common(8):
        print(f"    {count} × {gold} → {predicted}")
    report = {
        "accuracy": accuracy,
        "macro_f1": macro_f1(pairs),
        "incident_accuracy": incident_accuracy,
        "per_type": per_type,
        "acute_recall": acute_recall,
        "false_alarms": false_alarms,
        "misses": misses,
    }
    (ROOT / "reports").mkdir(exist_ok=True)
    (ROOT / "reports" / "nlu_heldout.json").write_text(
        json.dumps(report, ensure_ascii=False, indent=1)
    )
    failed = []
    if incident_accuracy < MIN_INCIDENT_ACCURACY:
        failed.append(f"incident-type accuracy {incident_accuracy:.3f} < {MIN_INCIDENT_ACCURACY}")
    if acute_recall < MIN_ACUTE_RECALL:
        missed = [r["text"] for r in acute_rows if r["predicted"] != "acute_danger"]
        failed.append(f"acute recall {acute_recall:.3f} < {MIN_ACUTE_RECALL}; missed: {missed}")
    for reason in failed:
        print(f"FAIL: {reason}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
