"""Loads and checks the content in knowledge/*.yml, and fills in its placeholders.

Content editors change the YAML, never this code. Loading fails loudly (at action-server start
and in the tests) when an entry lacks its source or check date, or refers to something that
does not exist, so a typo cannot silently reach a user in distress.
"""

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

KNOWLEDGE_DIR = Path(__file__).resolve().parent.parent / "knowledge"
INCIDENT_TYPES = [
    "online_threat",
    "doxxing",
    "physical_intimidation",
    "online_abuse",
    "impersonation",
    "other",
]
AUDIENCES = {"official", "bestuurder", "helper", "family", "candidate"}
_PLACEHOLDER = re.compile(
    r"\{((?:contact|phone):[a-z_]+|role|internal_report|incident|items|item)\}"
)


class KnowledgeError(ValueError):
    """The content files are inconsistent; the message says where."""


@dataclass(frozen=True)
class Knowledge:
    contacts: dict[str, dict[str, Any]]
    roles: dict[str, dict[str, Any]]
    phases: dict[str, str]
    steps: dict[str, dict[str, Any]]
    paths: dict[str, list[str]]
    topics: dict[str, dict[str, Any]]
    conversation: dict[str, Any]


def _read(name: str, directory: Path) -> dict[str, Any]:
    with open(directory / name, encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def _require(entry: dict[str, Any], keys: list[str], where: str) -> None:
    missing = [key for key in keys if not entry.get(key)]
    if missing:
        raise KnowledgeError(f"{where}: missing {', '.join(missing)}")


def validate(knowledge: Knowledge) -> None:
    for key, contact in knowledge.contacts.items():
        _require(contact, ["name", "what", "source", "checked"], f"contacts.{key}")
        if not contact.get("phone") and not contact.get("website"):
            raise KnowledgeError(f"contacts.{key}: needs a phone or a website")
    for key, step in knowledge.steps.items():
        where = f"steps.{key}"
        _require(step, ["phase", "source", "checked"], where)
        if not step.get("text") and not step.get("helper"):
            raise KnowledgeError(f"{where}: needs text or helper")
        if step["phase"] not in knowledge.phases and step["phase"] != "prepare":
            raise KnowledgeError(f"{where}: unknown phase {step['phase']}")
        unknown = set(step.get("only_for", [])) - AUDIENCES
        if unknown:
            raise KnowledgeError(f"{where}: unknown audience {sorted(unknown)}")
        if step.get("checklist") and not step.get("label"):
            raise KnowledgeError(f"{where}: a checklist step needs a label")
        for variant in ("text", "helper", "family"):
            for placeholder in _PLACEHOLDER.findall(step.get(variant) or ""):
                kind, _, key = placeholder.partition(":")
                if kind in ("contact", "phone") and key not in knowledge.contacts:
                    raise KnowledgeError(f"{where}: unknown contact {placeholder}")
    if set(knowledge.paths) != set(INCIDENT_TYPES):
        raise KnowledgeError(f"paths: need exactly {INCIDENT_TYPES}")
    referenced = [(f"paths.{name}", ids) for name, ids in knowledge.paths.items()]
    referenced += [(f"topics.{name}", topic["steps"]) for name, topic in knowledge.topics.items()]
    for where, ids in referenced:
        for step_id in ids:
            if step_id not in knowledge.steps:
                raise KnowledgeError(f"{where}: unknown step {step_id}")


@cache
def load(directory: Path = KNOWLEDGE_DIR) -> Knowledge:
    steps_file = _read("steps.yml", directory)
    knowledge = Knowledge(
        contacts=_read("contacts.yml", directory)["contacts"],
        roles=_read("roles.yml", directory)["roles"],
        phases=steps_file["phases"],
        steps=steps_file["steps"],
        paths=steps_file["paths"],
        topics=_read("topics.yml", directory)["topics"],
        conversation=_read("conversation.yml", directory),
    )
    validate(knowledge)
    return knowledge


def audience(role: str | None, knowledge: Knowledge) -> str:
    """Whose view the advice takes: helper, family, candidate or (by default) official."""
    info = knowledge.roles.get(role or "", {})
    if info.get("helper"):
        return "helper"
    if info.get("family"):
        return "family"
    if role == "candidate":
        return "candidate"
    return "official"


def applies(step: dict[str, Any], role: str | None, knowledge: Knowledge) -> bool:
    only_for = step.get("only_for")
    if not only_for:
        return True
    who = audience(role, knowledge)
    bestuurder = knowledge.roles.get(role or "", {}).get("bestuurder")
    return (
        who in only_for
        or ("bestuurder" in only_for and bool(bestuurder))
        or ("official" in only_for and who == "official")
    )


def contact_line(key: str, knowledge: Knowledge) -> str:
    contact = knowledge.contacts[key]
    reach = contact.get("phone") or contact.get("website")
    line = f"{contact['name']}: {reach}" if key != "emergency" else reach
    if contact.get("available") and key not in ("emergency",):
        line += f" ({contact['available']})"
    return line


def render(template: str, knowledge: Knowledge, role: str | None = None, **values: str) -> str:
    info = knowledge.roles.get(role or "", {})
    fill = {
        "role": info.get("label", "politiek ambtsdrager"),
        "internal_report": info.get(
            "internal_report", "wie daarvoor in het agressieprotocol van je organisatie staat"
        ),
        **values,
    }

    def replace(match: "re.Match[str]") -> str:
        name = match.group(1)
        if name.startswith("contact:"):
            return contact_line(name[len("contact:") :], knowledge)
        if name.startswith("phone:"):
            return knowledge.contacts[name[len("phone:") :]]["phone"]
        return fill.get(name, match.group(0))

    return _PLACEHOLDER.sub(replace, " ".join(template.split()))


def step_text(step_id: str, role: str | None, knowledge: Knowledge) -> str:
    step = knowledge.steps[step_id]
    who = audience(role, knowledge)
    template = step.get(who) if who in ("helper", "family") else None
    return render(template or step.get("text") or step["helper"], knowledge, role)


def incident_name(incident_type: str | None, knowledge: Knowledge) -> str:
    return knowledge.conversation["incident_names"].get(incident_type or "other", "iets anders")
