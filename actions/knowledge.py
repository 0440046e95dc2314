"""Loads and checks the content in knowledge/*.yml, and fills in its placeholders.

Content editors change the YAML, never this code. Loading fails loudly (at action-server start
and in the tests) when an entry lacks its source or check date, or refers to something that
does not exist, so a typo cannot silently reach a user in distress. `check_content` is the one
validator for every knowledge file (`make check-content`); `load` runs the same checks on the
files the actions read.
"""

import re
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from actions import people
from runtime.retention import retention_days

KNOWLEDGE_DIR = Path(__file__).resolve().parent.parent / "knowledge"
# Who a step is for (`only_for:` in steps.yml); a role has one or more of these tags.
AUDIENCES = {
    "official",
    "bestuurder",
    "bestuurder_maybe",
    "candidate",
    "helper",
    "family",
    "helps_candidate",
}
# Steps for officeholders (VPT code, internal route, security scheme): not for a candidate.
OFFICE_TAGS = frozenset({"official", "bestuurder", "bestuurder_maybe"})
# Step texts for one audience (`helper:`, ...) or for "maybe a bestuurder" (`maybe:`).
VARIANTS = ("helper", "family", "candidate")
# Used for a user whose role is not known yet: the general texts, the scheme as a condition.
UNKNOWN_ROLE_TAGS = frozenset({"official", "bestuurder_maybe"})
_PLACEHOLDER = re.compile(
    r"\{((?:contact|phone|site):[a-z_]+|role|internal_report|office|days|incident|items|item|zij|haar)\}"
)
META = ("source", "checked")


class KnowledgeError(ValueError):
    """The content files are inconsistent; the message says where."""


@dataclass(frozen=True)
class Knowledge:
    contacts: dict[str, dict[str, Any]]
    roles: dict[str, dict[str, Any]]
    phases: dict[str, str]
    steps: dict[str, dict[str, Any]]
    incidents: dict[str, dict[str, Any]]
    topics: dict[str, dict[str, Any]]
    conversation: dict[str, Any]
    paths: dict[str, list[str]] = field(default_factory=dict)
    # intent → cue words that decide for it when the classifier is unsure (topics.yml)
    question_cues: dict[str, list[str]] = field(default_factory=dict)
    # "ook als het maar een boze mail was?": a follow-up to the answer just given (topics.yml)
    follow_up_words: list[str] = field(default_factory=list)


def read(name: str, directory: Path = KNOWLEDGE_DIR) -> Any:
    with open(directory / name, encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def _require(entry: dict[str, Any], keys: list[str], where: str) -> None:
    missing = [key for key in keys if entry.get(key) in (None, "", [])]
    if missing:
        raise KnowledgeError(f"{where}: mist {', '.join(missing)}")


def _unwrap(entry: Any) -> Any:
    """A conversation entry without its source and check date: a lone text or button list
    becomes the value itself, so the code reads conversation["path_done"] as a string."""
    if not isinstance(entry, dict):
        return entry
    rest = {k: v for k, v in entry.items() if k not in META}
    if set(rest) == {"text"}:
        return rest["text"]
    if set(rest) == {"buttons"}:
        return rest["buttons"]
    return rest


def _conversation(raw: dict[str, Any]) -> dict[str, Any]:
    """Button lists may name buttons from `buttons:` instead of repeating them."""
    named = _unwrap(raw["buttons"])

    def resolve(value: Any) -> Any:
        if isinstance(value, list):
            return [named[item] if isinstance(item, str) else resolve(item) for item in value]
        if isinstance(value, dict):
            return {k: resolve(v) for k, v in value.items()}
        return value

    return {"buttons": named} | {
        key: resolve(_unwrap(entry)) for key, entry in raw.items() if key != "buttons"
    }


def validate(knowledge: Knowledge, raw_conversation: dict[str, Any]) -> None:
    for key, entry in raw_conversation.items():
        _require(entry if isinstance(entry, dict) else {}, list(META), f"conversation.{key}")
    for key, contact in knowledge.contacts.items():
        _require(contact, ["name", "what", *META], f"contacts.{key}")
        if not contact.get("phone") and not contact.get("website"):
            raise KnowledgeError(f"contacts.{key}: heeft een telefoonnummer of website nodig")
    for key, role in knowledge.roles.items():
        where = f"roles.{key}"
        _require(role, ["label", "audience", "office", *META], where)
        tags = set(role_tags(key, knowledge))
        if tags - AUDIENCES:
            raise KnowledgeError(f"{where}: onbekende doelgroep {sorted(tags - AUDIENCES)}")
        if "official" in tags:
            _require(role, ["internal_report"], where)
        if role.get("refines") and role["refines"] not in knowledge.roles:
            raise KnowledgeError(f"{where}: refines onbekende rol {role['refines']}")
    for key, step in knowledge.steps.items():
        where = f"steps.{key}"
        _require(step, ["phase", *META], where)
        if not step.get("text") and not step.get("helper"):
            raise KnowledgeError(f"{where}: heeft text of helper nodig")
        if step["phase"] not in knowledge.phases:
            raise KnowledgeError(f"{where}: onbekende fase {step['phase']}")
        unknown = set(step.get("only_for", [])) - AUDIENCES
        if unknown:
            raise KnowledgeError(f"{where}: onbekende doelgroep {sorted(unknown)}")
        if step.get("checklist"):
            _require(step, ["label", "todo"], where)
        for variant in ("text", "maybe", *VARIANTS):
            check_placeholders(step.get(variant) or "", where, knowledge)
    urgencies = []
    for key, incident in knowledge.incidents.items():
        where = f"incidents.{key}"
        _require(incident, ["name", "steps", *META], where)
        if incident.get("intent") not in (None, f"report_{key}"):
            raise KnowledgeError(f"{where}: intent moet report_{key} zijn")
        if incident.get("intent") and not isinstance(incident.get("urgency"), int):
            raise KnowledgeError(f"{where}: een type met een intent heeft een urgency nodig")
        urgencies += [incident["urgency"]] if incident.get("urgency") else []
        for cue in incident.get("cues") or []:
            try:
                re.compile(cue)
            except re.error as error:
                raise KnowledgeError(f"{where}: cue {cue!r} klopt niet: {error}") from error
    if len(set(urgencies)) != len(urgencies):
        raise KnowledgeError("incidents: twee types hebben dezelfde urgency")
    referenced = [(f"incidents.{name}", ids) for name, ids in knowledge.paths.items()]
    referenced += [(f"topics.{name}", named_steps(t)) for name, t in knowledge.topics.items()]
    for where, ids in referenced:
        for step_id in ids:
            if step_id not in knowledge.steps:
                raise KnowledgeError(f"{where}: onbekende stap {step_id}")


def named_steps(topic: dict[str, Any]) -> list[str]:
    """The steps a topic can answer with: its own, and those for a helper asking for themselves."""
    return list(topic["steps"]) + list((topic.get("for_helper_self") or {}).get("steps", []))


def check_placeholders(text: str, where: str, knowledge: Knowledge) -> None:
    for placeholder in _PLACEHOLDER.findall(text):
        kind, _, key = placeholder.partition(":")
        if kind in ("contact", "phone", "site") and key not in knowledge.contacts:
            raise KnowledgeError(f"{where}: onbekend contact {placeholder}")


@cache
def load(directory: Path = KNOWLEDGE_DIR) -> Knowledge:
    steps_file = read("steps.yml", directory)
    incidents = read("incidents.yml", directory)["incidents"]
    raw_conversation = read("conversation.yml", directory)
    conversation = _conversation(raw_conversation)
    conversation["ask_incident_type"] = {
        "text": conversation["ask_incident_type"],
        "buttons": [
            incident_button(k, None, incidents) for k, v in incidents.items() if v.get("button")
        ],
    }
    topics_file = read("topics.yml", directory)
    knowledge = Knowledge(
        contacts=read("contacts.yml", directory)["contacts"],
        roles=read("roles.yml", directory)["roles"],
        phases=steps_file["phases"],
        steps=steps_file["steps"],
        incidents=incidents,
        topics=topics_file["topics"],
        conversation=conversation,
        paths={key: incident["steps"] for key, incident in incidents.items()},
        question_cues={
            **topics_file.get("question_cues", {}),
            **{k: v["cues"] for k, v in topics_file["topics"].items() if v.get("cues")},
        },
        follow_up_words=topics_file.get("follow_up_words", []),
    )
    validate(knowledge, raw_conversation)
    return knowledge


# Incident types (knowledge/incidents.yml)


def incident_types(knowledge: Knowledge | None = None) -> list[str]:
    return list((knowledge or load()).incidents)


def report_intents(knowledge: Knowledge | None = None) -> list[str]:
    """The NLU intents that name an incident type, most urgent first."""
    return [(knowledge or load()).incidents[kind]["intent"] for kind in by_urgency(knowledge)]


# "een dreigbrief gekregen op mijn huisadres": the address is where it arrived, not shared.
DELIVERED = re.compile(
    r"\b(?:gekregen|ontvangen|bezorgd|gestuurd|kreeg)\s+(?:op|naar|aan)\s+(?:mijn|m'n|ons|het)\s+\w*adres\b"
)


# A threat denied: "geen bedreiging", "niks dreigends", "niemand bedreigt me echt", "dreigen
# doen ze niet", "no threats" (not "ik weet niet of het een bedreiging is").
NO_THREAT = re.compile(
    r"\b(?:geen|niet|niks|niets|nooit|niemand|zonder|no|not|nobody|never)\s+(?:(?!of\b)\w+\s+){0,2}?"
    r"(?:\w*dreig\w*|threat\w*)|\b\w*dreig\w*\s+(?:\w+\s+){0,2}?(?:niet|nooit)\b(?!\s+(?:alleen|enkel))"
)
# "een brief in de bus dat ze ons huis in de fik steken": a threat on paper or on a wall is
# intimidation in the real world (incidents.yml), unless the words also name something online.
ON_PAPER = re.compile(
    r"\b(?:brief|briefje|dreigbrief|kaart|kaartje|papier|in de (?:brieven)?bus|graffiti|gespoten"
    r"|gekalkt|gekrast|op (?:de|onze|ons|mijn|m'n) (?:muur|gevel|deur|voordeur|auto|raam))\b"
)
ONLINE = re.compile(
    r"\b(?:online|internet|e-?mail\w*|mail\w*|dm|app\w*|whatsapp|facebook|instagram|insta|twitter"
    r"|tiktok|telegram|youtube|linkedin|sociale media|social media|bericht\w*|reactie\w*|comment\w*"
    r"|post\w*|tweet\w*|sms\w*|filmpje|video)\b"
)


@cache
def type_cues() -> dict[str, re.Pattern]:
    """Per type, its cue words (incidents.yml `cues`): the words that show the type in a message."""
    return {
        kind: cue_pattern(info["cues"])
        for kind, info in load().incidents.items()
        if info.get("cues")
    }


def cue_pattern(words: list[str]) -> re.Pattern:
    """Cue words (regular expressions) as one pattern; the start of a word is enough."""
    return re.compile(r"\b(?:" + "|".join(words) + ")")


@cache
def question_cues() -> dict[str, re.Pattern]:
    """Per question (intent), its cue words: topics.yml `question_cues` and each topic's `cues`."""
    return {intent: cue_pattern(words) for intent, words in load().question_cues.items()}


@cache
def follow_up_pattern() -> re.Pattern:
    return re.compile("|".join(f"(?:{w})" for w in load().follow_up_words) or r"(?!)")


def is_follow_up(text: str) -> bool:
    """ "ook als het maar een boze mail was?": a question that builds on the answer before."""
    return "?" in text and bool(follow_up_pattern().search(text.lower()))


def cued_question(text: str, guesses: list[str], anywhere: bool = True) -> str | None:
    """Of the classifier's guesses (best first), the first question whose cue words the text
    has ("welk wetsartikel geldt voor bedreiging?" → ask_is_crime); else, for a question
    ("?"), the one question whose cue words it has, guessed or not ("kan ik zelf ook met
    iemand praten? ik ben er kapot van" → ask_aftercare); or None."""
    plain = text.lower()
    cues = question_cues()
    guessed = next((g for g in guesses if g in cues and cues[g].search(plain)), None)
    if guessed or "?" not in plain or not anywhere:
        return guessed
    cued = [question for question, cue in cues.items() if cue.search(plain)]
    return cued[0] if len(cued) == 1 else None


def threat_denied(text: str) -> bool:
    """The words deny a threat and name none otherwise ("geen bedreiging, gewoon haat")."""
    plain = text.lower()
    threat = type_cues()["online_threat"]
    return bool(NO_THREAT.search(plain)) and not threat.search(NO_THREAT.sub(" ", plain))


def incident_types_in(text: str) -> list[str]:
    """The types whose cue words the text has, in the order of incidents.yml."""
    plain = text.lower()
    found = [kind for kind, cue in type_cues().items() if cue.search(plain)]
    if "doxxing" in found and DELIVERED.search(plain):
        found.remove("doxxing")
    if "online_threat" in found and threat_denied(plain):
        found.remove("online_threat")
    if "online_threat" in found and ON_PAPER.search(plain) and not ONLINE.search(plain):
        found.remove("online_threat")
        found.append("physical_intimidation")
    return [kind for kind in type_cues() if kind in found]  # the order of incidents.yml


def by_urgency(knowledge: Knowledge | None = None) -> list[str]:
    """The types with their own intent, most urgent first ("other" has none)."""
    incidents = (knowledge or load()).incidents
    ranked = [k for k, v in incidents.items() if v.get("urgency")]
    return sorted(ranked, key=lambda kind: incidents[kind]["urgency"])


def incident_button(
    kind: str, knowledge: Knowledge | None = None, incidents: dict[str, Any] | None = None
) -> dict[str, str]:
    incident = (incidents or (knowledge or load()).incidents)[kind]
    payload = (
        f"/{incident['intent']}"
        if incident.get("intent")
        else '/report_incident{"incident_type": "' + kind + '"}'
    )
    return {"title": incident["button"], "payload": payload}


def incident_name(incident_type: str | None, knowledge: Knowledge) -> str:
    incidents = knowledge.incidents
    return incidents.get(incident_type or "other", incidents["other"])["name"]


# Roles (knowledge/roles.yml)


def role_tags(role: str | None, knowledge: Knowledge) -> frozenset[str]:
    """Who this user is for the advice: official, bestuurder, candidate, helper, family, ...
    `security_scheme:` in roles.yml adds bestuurder (yes) or bestuurder_maybe (ask)."""
    info = knowledge.roles.get(role or "")
    if not info:
        return UNKNOWN_ROLE_TAGS
    tags = {info["audience"]}
    if info.get("helps") == "candidate":
        tags.add("helps_candidate")
    scheme = info.get("security_scheme")
    if scheme is True:
        tags.add("bestuurder")
    elif scheme == "ask":
        tags.add("bestuurder_maybe")
    return frozenset(tags)


def audience(role: str | None, knowledge: Knowledge) -> str:
    """Whose view the advice takes: helper, family, candidate or (by default) official."""
    info = knowledge.roles.get(role or "")
    return info["audience"] if info else "official"


def applies(step: dict[str, Any], role: str | None, knowledge: Knowledge) -> bool:
    only_for = set(step.get("only_for") or [])
    if not only_for:
        return True
    tags = role_tags(role, knowledge)
    if "helps_candidate" in tags and only_for & OFFICE_TAGS and "candidate" not in only_for:
        return False  # a step for officeholders and their helpers; a candidate holds no office
    return bool(only_for & tags)


def role_helping(audience: str, helped: str | None, knowledge: Knowledge) -> str | None:
    """The role for a helper or family member (audience) of someone with the role `helped`,
    when roles.yml has one (`helps: candidate`)."""
    helped_audience = knowledge.roles.get(helped or "", {}).get("audience")
    if not helped_audience:
        return None
    return next(
        (
            key
            for key, info in knowledge.roles.items()
            if info["audience"] == audience and info.get("helps") == helped_audience
        ),
        None,
    )


def _role_words(knowledge: Knowledge) -> list[tuple[re.Pattern[str], str]]:
    return [
        (re.compile(r"\b(?:" + "|".join(info.get("words") or []) + r")\b", re.IGNORECASE), key)
        for key, info in knowledge.roles.items()
        if info.get("words")
    ]


def roles_in(text: str, knowledge: Knowledge) -> list[tuple[int, str]]:
    """(position, role) for every role the words name; at one place the longest wording wins,
    so "lid van het algemeen bestuur van het waterschap" is not also "waterschap"."""
    spans = []
    for pattern, key in _role_words(knowledge):
        spans += [(m.start(), m.end(), key) for m in pattern.finditer(text)]
    spans.sort(key=lambda span: (span[0], -(span[1] - span[0])))
    found: list[tuple[int, str]] = []
    covered_to = -1
    for start, end, key in spans:
        if start >= covered_to:
            found.append((start, key))
            covered_to = end
    return found


def known_role(value: Any, text: str, knowledge: Knowledge) -> str | None:
    """A role value from the NLU, made one of the known roles: its own key, else what the
    words around it say (an extractor may give "lid" for "lid van het algemeen bestuur")."""
    if isinstance(value, str) and value in knowledge.roles:
        return value
    named = roles_in(str(value or ""), knowledge) or roles_in(text, knowledge)
    return named[0][1] if named else None


def mentioned_roles(
    entities: list[dict[str, Any]], text: str, knowledge: Knowledge, words_alone: bool = True
) -> list[str]:
    """The known roles a message names, in order: the NLU's role entities made known roles,
    a more precise role the words name ("lid van het algemeen bestuur van het waterschap")
    instead of the general one it refines, with words_alone (no role known yet) the words alone
    when the NLU found no role, and first of all words that overrule the role they name ("mijn
    man is ...", "nog geen raadslid")."""
    in_text = [role for _, role in roles_in(text, knowledge)]
    roles = [
        known_role(e.get("value"), text, knowledge) for e in entities if e.get("entity") == "role"
    ]
    roles = [r for r in roles if r] or (in_text if words_alone else [])
    # "mijn man is wethouder", "ik ben nog geen raadslid": family, a candidate, whatever role
    # the words name; "always": even when a role was known ("nog geen raadslid" corrects it).
    overrule = ("always", True) if words_alone else ("always",)
    roles = [r for r in in_text if knowledge.roles[r].get("overrules") in overrule] + roles
    precise = {
        knowledge.roles[r].get("refines"): r for r in in_text if knowledge.roles[r].get("refines")
    }
    return list(dict.fromkeys(precise.get(r, r) for r in roles))


def helped_role(text: str, own: str | None, knowledge: Knowledge) -> str | None:
    """The role the words give the person a helper helps ("een van onze kandidaten"): the first
    official's or candidate's role named that is not the user's own."""
    return next(
        (
            role
            for role in mentioned_roles([], text, knowledge)
            if role != own and audience(role, knowledge) in ("official", "candidate")
        ),
        None,
    )


# Texts


def contact_line(key: str, knowledge: Knowledge) -> str:
    contact = knowledge.contacts[key]
    formats = knowledge.conversation["contact_formats"]
    reach = contact.get("phone") or contact.get("website")
    if key == "emergency":
        return reach
    line = formats["line"].format(name=contact["name"], reach=reach)
    if contact.get("available"):
        line = formats["with_hours"].format(line=line, available=contact["available"])
    return line


def render(template: str, knowledge: Knowledge, role: str | None = None, **values: str) -> str:
    info = knowledge.roles.get(role or "") or knowledge.conversation["unknown_role"]
    fill = {
        "role": info["label"],
        "internal_report": info.get("internal_report", ""),
        "office": info["office"],
        "days": f"{retention_days():g}",
        # the person a helper helps, in helper texts; the actions fill in hij / zij / a name
        "zij": people.NEUTRAL,
        "haar": people.NEUTRAL,
        **values,
    }

    def replace(match: "re.Match[str]") -> str:
        name = match.group(1)
        if name.startswith("contact:"):
            return contact_line(name[len("contact:") :], knowledge)
        if name.startswith("phone:"):
            return knowledge.contacts[name[len("phone:") :]]["phone"]
        if name.startswith("site:"):
            return knowledge.contacts[name[len("site:") :]]["website"]
        return fill.get(name, match.group(0))

    return _PLACEHOLDER.sub(replace, " ".join(template.split()))


def wording(entry: dict[str, Any], role: str | None, knowledge: Knowledge) -> str:
    """The wording of a step or topic for this role: its audience's own text (`helper:`,
    `family:`, `candidate:`), the conditional `maybe:` text when the role may or may not be a
    bestuurder, else the general `text:`."""
    who = audience(role, knowledge)
    if who in VARIANTS and entry.get(who):
        return entry[who]
    if "bestuurder_maybe" in role_tags(role, knowledge) and entry.get("maybe"):
        return entry["maybe"]
    return entry.get("text") or entry["helper"]


def step_template(step_id: str, role: str | None, knowledge: Knowledge) -> str:
    return wording(knowledge.steps[step_id], role, knowledge)


def step_text(step_id: str, role: str | None, knowledge: Knowledge, **person: str) -> str:
    """A step's text for this role; `person` (zij, haar) names the person a helper helps."""
    return render(step_template(step_id, role, knowledge), knowledge, role, **person)


def text(key: str, knowledge: Knowledge | None = None, **values: str) -> str:
    """One conversation text by key, placeholders filled ("checklist.title" for nested ones)."""
    knowledge = knowledge or load()
    entry: Any = knowledge.conversation
    for part in key.split("."):
        entry = entry[part]
    return render(entry, knowledge, values.pop("role", None), **values)


# The one validator for every knowledge file (make check-content)

PHONE = re.compile(r"(?<![\d+])0\d(?:[ -]{0,3}\d){6,8}|\b112\b")
URL = re.compile(
    r"\b(?:https?://)?(?:www\.)?((?:[a-z0-9-]+\.)+(?:nl|com|org|net|eu|info|be|law)\b(?:/[^\s)\"'<>,;]*)?)",
    re.IGNORECASE,
)
STALE_MONTHS = 12
# Keys whose values a user never reads (the rest of every entry is checked for numbers and URLs).
NOT_SHOWN = {"source", "checked", "payload", "keywords", "intents", "cues", "words", "id"}


@dataclass
class ContentReport:
    errors: list[str] = field(default_factory=list)
    stale: list[str] = field(default_factory=list)
    unsourced: list[str] = field(default_factory=list)  # source names no public web address
    entries: int = 0


def _entries(name: str, content: Any) -> list[tuple[str, dict[str, Any]]]:
    """The entries a user can read in one file, each of which needs a source and check date."""
    if name.startswith("scenarios/"):
        where = name.removesuffix(".yml")
        return [(where, content)] + [
            (f"{where}.{m.get('id')}", m) for m in content.get("moments") or []
        ]
    if name == "rehearsal.yml":
        return [("rehearsal.yml", content)] + [
            (f"rehearsal.skills.{k}", v) for k, v in content["skills"].items()
        ]
    if name == "system_messages.yml":
        return [("system_messages.yml", content)]
    if name == "channels.yml":
        return [(f"channels.telegram.{k}", v) for k, v in content["telegram"].items()]
    if name == "conversation.yml":
        return [(f"conversation.{k}", v) for k, v in content.items()]
    if name == "steps.yml":
        return [(f"steps.{k}", v) for k, v in content["steps"].items()]
    if name == "topics.yml":
        return [(f"topics.{k}", v) for k, v in content["topics"].items()]
    if name == "report.yml":  # het verslag (actions/report.py): blocks of texts and single texts
        blocks = [(f"report.{k}", content[k]) for k in ("conversation", "report", "titles")]
        return blocks + [
            (f"report.{part}.{k}", v)
            for part in ("questions", "conversation", "offences")
            for k, v in content[part].items()
            if k not in ("buttons", *META)
        ]
    section = name.removesuffix(".yml")
    if isinstance(content.get(section), dict):  # contacts, roles, incidents: one entry per key
        return [(f"{section}.{k}", v) for k, v in content[section].items()]
    if content.get("source"):  # a file of short texts sourced once, at the top
        return [(name, content)]
    return [(f"{section}.{k}", v) for k, v in content.items()]


def _shown_strings(value: Any, key: str = "") -> list[str]:
    if key in NOT_SHOWN:
        return []
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for k, v in value.items() for s in _shown_strings(v, k)]
    if isinstance(value, list):
        return [s for item in value for s in _shown_strings(item, key)]
    return []


def _digits(number: str) -> str:
    return re.sub(r"\D", "", number)


def _plain_url(url: str) -> str:
    return url.lower().rstrip("/.")


def _months_old(checked: str, today: date) -> int | None:
    match = re.fullmatch(r"(\d{4})-(\d{2})(?:-\d{2})?", str(checked))
    if not match:
        return None
    return (today.year - int(match[1])) * 12 + today.month - int(match[2])


def check_content(
    facts: str, directory: Path = KNOWLEDGE_DIR, today: date | None = None
) -> ContentReport:
    """Every knowledge file: it loads, every entry a user reads has a source and a check date
    (listed when older than 12 months), and every phone number and web address in it is in
    FACTS.md (`facts` is that page's text). Messages are in Dutch and name file and entry."""
    today = today or date.today()
    report = ContentReport()
    allowed_phones = {_digits(n) for n in PHONE.findall(facts)}
    allowed_urls = {_plain_url(u) for u in URL.findall(facts)}
    allowed_hosts = {u.split("/")[0] for u in allowed_urls}
    try:
        knowledge = load.__wrapped__(directory)
    except (KnowledgeError, KeyError, TypeError, yaml.YAMLError) as error:
        report.errors.append(f"De kennisbestanden laden niet: {error}")
        knowledge = None
    files = sorted(directory.glob("*.yml")) + sorted((directory / "scenarios").glob("*.yml"))
    for path in files:
        name = str(path.relative_to(directory))
        try:
            content = yaml.safe_load(path.read_text(encoding="utf-8"))
            entries = _entries(name, content)
        except (yaml.YAMLError, KeyError, TypeError, AttributeError) as error:
            report.errors.append(f"{name}: kan het bestand niet lezen ({error})")
            continue
        for where, entry in entries:
            report.entries += 1
            if not isinstance(entry, dict):
                report.errors.append(f"{name}, {where}: geen source en checked (geen blok)")
                continue
            for key in META:
                if not entry.get(key):
                    report.errors.append(f"{name}, {where}: '{key}' ontbreekt")
            source = str(entry.get("source") or "")
            # a public address, own wording ("project"), or another entry's sources ("steps.yml")
            if source and not URL.search(source) and not re.match(r"project|[a-z_]+\.yml", source):
                report.unsourced.append(f"{name}, {where}: {source}")
            if entry.get("checked"):
                age = _months_old(entry["checked"], today)
                if age is None:
                    report.errors.append(
                        f"{name}, {where}: checked '{entry['checked']}' is geen datum "
                        "(schrijf JJJJ-MM)"
                    )
                elif age > STALE_MONTHS:
                    report.stale.append(
                        f"{name}, {where}: gecontroleerd in {entry['checked']}, "
                        f"{age} maanden geleden"
                    )
            shown = "\n".join(
                _shown_strings({k: v for k, v in entry.items() if k not in ("moments", "skills")})
            )
            for number in PHONE.findall(shown):
                if _digits(number) not in allowed_phones:
                    report.errors.append(
                        f"{name}, {where}: telefoonnummer {number} staat niet in FACTS.md"
                    )
            for url in URL.findall(shown):
                plain = _plain_url(url)
                if plain not in allowed_urls and not ("/" not in plain and plain in allowed_hosts):
                    report.errors.append(f"{name}, {where}: webadres {url} staat niet in FACTS.md")
            if knowledge is not None:
                try:
                    check_placeholders(shown, f"{name}, {where}", knowledge)
                except KnowledgeError as error:
                    report.errors.append(str(error))
    return report
