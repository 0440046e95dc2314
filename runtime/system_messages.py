"""The texts in knowledge/system_messages.yml, ready to send (placeholders filled in).

Read by the Rasa server itself (input channels, action fallback), so they work while the action
server is down. Phone numbers come from knowledge/contacts.yml through actions.knowledge.
"""

from functools import cache
from typing import Any

import yaml

from actions import knowledge as kb

FILE = kb.KNOWLEDGE_DIR / "system_messages.yml"


@cache
def messages() -> dict[str, dict[str, Any]]:
    content = yaml.safe_load(FILE.read_text(encoding="utf-8"))
    if not content.get("source") or not content.get("checked"):
        raise kb.KnowledgeError("system_messages.yml: missing source or checked")
    knowledge = kb.load()
    ready = {}
    for name, entry in content["messages"].items():
        message: dict[str, Any] = {"text": kb.render(entry["text"], knowledge)}
        if entry.get("buttons"):
            message["buttons"] = content["button_sets"][entry["buttons"]]
        ready[name] = message
    return ready


def message(name: str) -> dict[str, Any]:
    """A copy of one message: {"text": ..., optional "buttons": [...]}."""
    found = messages()[name]
    return {**found, "buttons": list(found["buttons"])} if "buttons" in found else dict(found)
