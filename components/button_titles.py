"""A button's label typed as text means what pressing the button means.

People type "Bel iemand", "raadslid" or "nee, ik ben nu veilig" instead of pressing; the classifier
may be unsure of two words it was not trained on. Every button the bot shows has its title and
payload in knowledge/ or domain.yml (and the incident types' buttons in incidents.yml); a message
that is exactly one of those titles (case, spaces and end punctuation aside) gets that payload's
intent and entities, as a press would. A title that two buttons use with different payloads is
left to the classifier. Runs before the safety net, so danger words still win.
"""

import json
import re
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.constants import ENTITIES, INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from components.message_step import MessageStep

ROOT = Path(__file__).resolve().parent.parent
PAYLOAD = re.compile(r"^/(\w+)(\{.*\})?$", re.S)


# "oefenen alsjeblieft", "graag Bel iemand": a label said politely is still the label.
POLITE = re.compile(
    r"^(?:graag|alsjeblieft|aub|a\.u\.b\.|pls|please)[\s,]+|[\s,]+(?:graag|alsjeblieft|aub|a\.u\.b\.|pls|please)$"
)


def normalise(title: str) -> str:
    plain = re.sub(r"\s+", " ", title.strip().lower()).rstrip(" .!?")
    return POLITE.sub("", plain).rstrip(" .!?")


def _buttons(node: Any):
    """Every {title, payload} inside a YAML tree."""
    if isinstance(node, dict):
        if isinstance(node.get("title"), str) and isinstance(node.get("payload"), str):
            yield node["title"], node["payload"]
        for value in node.values():
            yield from _buttons(value)
    elif isinstance(node, list):
        for value in node:
            yield from _buttons(value)


def _all_buttons():
    yield from _buttons(yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8")))
    for path in sorted((ROOT / "knowledge").rglob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        yield from _buttons(data)
        if path.name == "incidents.yml":
            for info in (data.get("incidents") or {}).values():
                if info.get("button") and info.get("intent"):
                    yield info["button"], "/" + info["intent"]


@cache
def button_payloads() -> dict[str, tuple[str, dict[str, Any]]]:
    return meanings(_all_buttons())


def meanings(buttons) -> dict[str, tuple[str, dict[str, Any]]]:
    """Typed title → (intent, entities), for titles with one meaning only."""
    seen: dict[str, set[str]] = {}
    for title, payload in buttons:
        if "{" not in title and PAYLOAD.match(payload.strip()):
            seen.setdefault(normalise(title), set()).add(payload.strip())
    meanings = {}
    for title, payloads in seen.items():
        if len(payloads) == 1:
            intent, entities = PAYLOAD.match(payloads.pop()).groups()
            meanings[title] = (intent, json.loads(entities) if entities else {})
    return meanings


def apply_button_title(message: Message) -> None:
    meaning = button_payloads().get(normalise(message.get(TEXT) or ""))
    if not meaning:
        return
    intent, values = meaning
    ranking = [e for e in message.get(INTENT_RANKING_KEY) or [] if e.get("name") != intent]
    message.set(INTENT, {"name": intent, "confidence": 1.0}, add_to_output=True)
    message.set(
        INTENT_RANKING_KEY, [{"name": intent, "confidence": 1.0}] + ranking, add_to_output=True
    )
    entities = [e for e in message.get(ENTITIES) or [] if e.get("entity") not in values]
    for name, value in values.items():
        entities.append(
            {"entity": name, "value": value, "start": 0, "end": 0, "extractor": "ButtonTitles"}
        )
    message.set(ENTITIES, entities, add_to_output=True)


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False)
class ButtonTitles(MessageStep):
    apply = staticmethod(apply_button_title)
