"""Oefenmodus engine: practice scenarios for helpers, as plain functions (no Rasa here).

Scenarios live in knowledge/scenarios/*.yml (schema in its README), the texts around them in
knowledge/rehearsal.yml. A scenario is a few moments; at each moment the helper picks an option
(button or free text) and gets feedback; at the end a debrief with score and checklist.
Loading fails loudly on a broken scenario, like the rest of the knowledge.
"""

import difflib
import random
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from actions import knowledge as kb
from components.danger_patterns import normalise

SCENARIO_DIR = kb.KNOWLEDGE_DIR / "scenarios"
TEXTS_FILE = kb.KNOWLEDGE_DIR / "rehearsal.yml"
# Scenarios can be about every incident type with its own intent (knowledge/incidents.yml);
# those with a `menu_label` get a button in the menu.
REPORT_TYPES = kb.by_urgency()
END = "end"
OPTION_PAYLOAD = '/choose_option{{"rehearsal_option": "{option}"}}'
# "a", "optie b", "2", "de derde": a reference to the n-th button.
_ORDINALS = {"eerste": 0, "tweede": 1, "derde": 2, "vierde": 3, "laatste": -1}
_LETTER = re.compile(
    r"^(?:optie |keuze |antwoord |nummer |ik kies |ik neem )?(?:de )?([a-d]|[1-4]|eerste|tweede|derde|vierde|laatste)\b"
)
_FUZZY_CUTOFF = 0.75


@dataclass(frozen=True)
class Library:
    scenarios: dict[str, dict[str, Any]]
    texts: dict[str, Any]


@dataclass(frozen=True)
class Outcome:
    option: dict[str, Any]
    feedback: str
    next_moment: str | None  # None when the scenario is over


def _require(entry: dict[str, Any], keys: Sequence[str], where: str) -> None:
    missing = [key for key in keys if entry.get(key) in (None, "", [])]
    if missing:
        raise kb.KnowledgeError(f"{where}: missing {', '.join(missing)}")


def _check_placeholders(text: str, where: str, knowledge: kb.Knowledge) -> None:
    for name in re.findall(r"\{(contact|phone):([a-z_]+)\}", text):
        if name[1] not in knowledge.contacts:
            raise kb.KnowledgeError(f"{where}: unknown contact {name[0]}:{name[1]}")


def moment_ids(scenario: dict[str, Any]) -> list[str]:
    return [moment["id"] for moment in scenario["moments"]]


def next_of(scenario: dict[str, Any], moment_id: str, option: dict[str, Any]) -> str | None:
    """Where an option leads: its own `next`, else the following moment; None at the end."""
    target = option.get("next")
    if target == END:
        return None
    if target:
        return target
    ids = moment_ids(scenario)
    index = ids.index(moment_id)
    return ids[index + 1] if index + 1 < len(ids) else None


def reachable(scenario: dict[str, Any]) -> list[str]:
    """Moments reachable from the first one by any choice (a moment nobody reaches is a bug)."""
    seen: list[str] = []
    todo = [scenario["moments"][0]["id"]]
    while todo:
        current = todo.pop()
        if current in seen:
            continue
        seen.append(current)
        for option in find_moment(scenario, current)["options"]:
            target = next_of(scenario, current, option)
            if target:
                todo.append(target)
    return seen


def validate_scenario(
    scenario: dict[str, Any], texts: dict[str, Any], knowledge: kb.Knowledge
) -> None:
    where = f"scenarios.{scenario.get('id', '?')}"
    _require(
        scenario,
        [
            "id",
            "title",
            "incident_type",
            "role",
            "helper_role",
            "intro",
            "moments",
            "source",
            "checked",
        ],
        where,
    )
    if scenario["incident_type"] not in REPORT_TYPES:
        raise kb.KnowledgeError(f"{where}: unknown incident_type {scenario['incident_type']}")
    for key in ("role", "helper_role"):
        if scenario[key] not in knowledge.roles:
            raise kb.KnowledgeError(f"{where}: unknown {key} {scenario[key]}")
    ids = moment_ids(scenario)
    if len(set(ids)) != len(ids):
        raise kb.KnowledgeError(f"{where}: moment ids are not unique")
    for moment in scenario["moments"]:
        at = f"{where}.{moment.get('id')}"
        _require(moment, ["id", "skill", "situation", "options", "source", "checked"], at)
        if moment["skill"] not in texts["skills"]:
            raise kb.KnowledgeError(f"{at}: unknown skill {moment['skill']}")
        if sum(bool(o.get("correct")) for o in moment["options"]) != 1:
            raise kb.KnowledgeError(f"{at}: needs exactly one correct option")
        _check_placeholders(moment["situation"], at, knowledge)
        for option in moment["options"]:
            here = f"{at}.{option.get('id')}"
            _require(option, ["id", "label", "keywords", "feedback"], here)
            if option.get("next") not in (None, END) and option["next"] not in ids:
                raise kb.KnowledgeError(f"{here}: unknown next moment {option['next']}")
            unknown = set(option.get("facts") or []) - set(knowledge.steps)
            if unknown:
                raise kb.KnowledgeError(f"{here}: unknown facts {sorted(unknown)}")
            _check_placeholders(option["feedback"], here, knowledge)
    missing = set(ids) - set(reachable(scenario))
    if missing:
        raise kb.KnowledgeError(f"{where}: moments nobody reaches: {sorted(missing)}")


@cache
def load(directory: Path = SCENARIO_DIR, texts_file: Path = TEXTS_FILE) -> Library:
    knowledge = kb.load()
    texts = yaml.safe_load(texts_file.read_text(encoding="utf-8"))
    # The menu: one button per incident type (incidents.yml), then the extra ones ("Verras me").
    texts["menu_buttons"] = [
        {
            "title": knowledge.incidents[kind]["menu_label"],
            "payload": '/start_rehearsal{"rehearsal_type": "' + kind + '"}',
        }
        for kind in knowledge.incidents
        if knowledge.incidents[kind].get("menu_label")
    ] + texts["menu_extra_buttons"]
    texts["menu_words"] = {
        kind: incident["menu_words"]
        for kind, incident in knowledge.incidents.items()
        if incident.get("menu_words")
    } | {"random": texts["menu_random_words"]}
    for key, skill in texts["skills"].items():
        _require(skill, ["label", "source", "checked"], f"rehearsal.skills.{key}")
    scenarios: dict[str, dict[str, Any]] = {}
    for path in sorted(directory.glob("*.yml")):
        scenario = yaml.safe_load(path.read_text(encoding="utf-8"))
        validate_scenario(scenario, texts, knowledge)
        if scenario["id"] in scenarios or scenario["id"] != path.stem:
            raise kb.KnowledgeError(f"{path.name}: id must be unique and match the file name")
        scenarios[scenario["id"]] = scenario
    if not scenarios:
        raise kb.KnowledgeError(f"no scenarios in {directory}")
    return Library(scenarios, texts)


@cache
def wish_pattern() -> re.Pattern:
    """The words that show a wish to practise (rehearsal.yml `wish_words`), for the NLU."""
    texts = yaml.safe_load(TEXTS_FILE.read_text(encoding="utf-8"))
    return kb.cue_pattern(texts["wish_words"])


def find_moment(scenario: dict[str, Any], moment_id: str) -> dict[str, Any]:
    return next(m for m in scenario["moments"] if m["id"] == moment_id)


def best_option(moment: dict[str, Any]) -> dict[str, Any]:
    return next(o for o in moment["options"] if o.get("correct"))


def pick(
    library: Library, incident_type: str | None, done: Iterable[str], rng: random.Random = random
) -> tuple[str | None, bool]:
    """A scenario of this type (any type for None/"random"), preferring ones not done yet.
    Returns (scenario id, repeated) — repeated is True when all of that type were done."""
    wanted = None if incident_type in (None, "random") else incident_type
    pool = sorted(s for s, sc in library.scenarios.items() if wanted in (None, sc["incident_type"]))
    fresh = [s for s in pool if s not in set(done)]
    if fresh:
        return rng.choice(fresh), False
    return (rng.choice(pool), True) if pool else (None, False)


def fill(template: str, role: str | None = None, **values: Any) -> str:
    """Contacts and role from the knowledge; {title}, {score}, ... from the values."""
    text = kb.render(template, kb.load(), role)
    for key, value in values.items():
        text = text.replace("{" + key + "}", str(value))
    return text


def option_buttons(moment: dict[str, Any]) -> list[dict[str, str]]:
    return [
        {"title": option["label"], "payload": OPTION_PAYLOAD.format(option=option["id"])}
        for option in moment["options"]
    ]


def _by_reference(options: list[dict[str, Any]], plain: str) -> dict[str, Any] | None:
    match = _LETTER.match(plain)
    if not match or len(plain) > 20:
        return None
    ref = match.group(1)
    if ref in _ORDINALS:
        index = _ORDINALS[ref]
    else:
        index = int(ref) - 1 if ref.isdigit() else ord(ref) - ord("a")
    return options[index] if index < len(options) else None


def _by_keywords(options: list[dict[str, Any]], plain: str) -> list[dict[str, Any]]:
    """The options whose keywords cover most of the text (longest matches win, so
    "niet wissen" beats "wis"). "Niet reageren" does not pick the unwise option "reageren";
    the best option's words count even so ("vragen of ze niet in gevaar is")."""
    scores = []
    for option in options:
        hits = [
            kw
            for kw in option["keywords"]
            if re.search(r"\b" + re.escape(normalise(str(kw))), plain)
            and (option.get("correct") or _says(plain, normalise(str(kw))))
        ]
        scores.append(sum(len(kw) for kw in hits))
    best = max(scores)
    return [o for o, score in zip(options, scores, strict=True) if score == best and score > 0]


def match_option(
    moment: dict[str, Any], text: str, intent: str | None = None, option_id: str | None = None
) -> dict[str, Any] | None:
    """Which option the helper chose: the button, a letter or number, keywords, the NLU
    intent, or a label that is nearly the same. None when it is not clear."""
    options = moment["options"]
    by_id = {option["id"]: option for option in options}
    if option_id in by_id:
        return by_id[option_id]
    plain = normalise(text)
    if not plain or plain.startswith("/"):
        return None
    chosen = _by_reference(options, plain)
    if chosen:
        return chosen
    candidates = _by_keywords(options, plain)
    if len(candidates) == 1:
        return candidates[0]
    pool = candidates or options
    by_intent = [o for o in pool if intent and intent in (o.get("intents") or [])]
    if len(by_intent) == 1:
        return by_intent[0]
    labels = {normalise(o["label"]): o for o in options}
    close = difflib.get_close_matches(plain, list(labels), n=1, cutoff=_FUZZY_CUTOFF)
    return labels[close[0]] if close else None


def unwise_tips(library: Library, text: str) -> list[str]:
    """The tips for an unwise free answer ("reageer fel terug en verwijder alles"); not for
    the wise one that names it ("niets verwijderen")."""
    plain = normalise(text)
    return [
        entry["tip"]
        for entry in library.texts["unwise_answers"]
        if any(_says(plain, word) for word in entry["words"])
    ]


@dataclass(frozen=True)
class Unmatched:
    """What a free answer that fits no option of the moment means."""

    kind: str  # "end" | "skip" | "later" | "earlier" | "hint" | "again"
    text: str  # what the bot says ("" for "end": the debrief follows)
    next_moment: str | None = None  # for "skip" and "later": where the scenario goes on


def unmatched(
    library: Library, scenario_id: str, moment_id: str, text: str, intent: str | None = None
) -> Unmatched:
    """A free answer that picks no option: done practising ("klaar"), on to the next moment
    ("volgende": the best step is shown), a good step that belongs to a later moment, a wish
    for a hint ("geen idee", a question), or else: which option do you mean?"""
    scenario = library.scenarios[scenario_id]
    moment = find_moment(scenario, moment_id)
    texts = library.texts
    plain = normalise(text).strip(" .,!?")
    best = best_option(moment)
    short = len(plain.split()) <= 4

    def said(key: str) -> bool:
        return any(_says(plain, normalise(word)) for word in texts[key])

    if short and said("end_words"):
        return Unmatched("end", "")
    hint = fill(
        fill(texts["hint"], skill=texts["skills"][moment["skill"]]["label"]), scenario["role"]
    )
    if said("hint_words"):  # before "skip": the NLU hears "geen idee" as skip
        return Unmatched("hint", hint)
    if short and (said("skip_words") or intent in ("skip", "next_step")):
        skipped = fill(texts["skipped"], label=best["label"])
        return Unmatched("skip", skipped, next_of(scenario, moment_id, best))
    tips = unwise_tips(library, text)
    if tips:
        return Unmatched("again", " ".join([*tips, texts["ask_again"]]))
    ids = moment_ids(scenario)
    here = ids.index(moment_id)
    if _fits_best_step(scenario, ids[here + 1 :], plain):
        later = fill(texts["later_step"], label=best["label"])
        return Unmatched("later", fill(later, scenario["role"]), next_of(scenario, moment_id, best))
    if _fits_best_step(scenario, ids[:here], plain):
        return Unmatched("earlier", fill(texts["earlier_step"], scenario["role"]))
    if "?" in text or (intent or "").startswith("ask_"):
        return Unmatched("hint", hint)
    return Unmatched("again", texts["ask_again"])


def _fits_best_step(scenario: dict[str, Any], moment_ids: list[str], plain: str) -> bool:
    """The answer names the best step of one of these moments ("aangifte doen" while the first
    question is whether the family is safe; "vragen of ze veilig is" when that was done)."""
    moments = [find_moment(scenario, m) for m in moment_ids]
    return any(_by_keywords([o], plain) for m in moments for o in m["options"] if o.get("correct"))


_NEGATED = re.compile(r"\b(?:niet|niets|niks|geen|nooit)\s+(?:\w+\s+)?$")


def _says(plain: str, word: str) -> bool:
    """The (normalised) text uses the word, or a word starting with it, not negated:
    "niet moet reageren" does not say "reageren"."""
    return any(
        not _NEGATED.search(plain[: m.start()]) for m in re.finditer(r"\b" + re.escape(word), plain)
    )


def menu_choice(library: Library, text: str, intent: str | None = None) -> str | None:
    """Which practice type a helper typed in the menu: a button's label or number, an ordinary
    word for it ("doxing", "verras me"), or a report of that type. None when it is not clear."""
    plain = normalise(text)
    if not plain or plain.startswith("/"):
        return None
    kinds = [_kind_of(b["payload"]) for b in library.texts["menu_buttons"]]
    labels = {
        normalise(b["title"]): kind
        for b, kind in zip(library.texts["menu_buttons"], kinds, strict=True)
    }
    close = difflib.get_close_matches(plain, list(labels), n=1, cutoff=_FUZZY_CUTOFF)
    if close:
        return labels[close[0]]
    by_number = _by_reference([{"kind": kind} for kind in kinds], plain)
    if by_number:
        return by_number["kind"]
    for kind, words in library.texts["menu_words"].items():
        if any(re.search(r"\b" + re.escape(normalise(word)), plain) for word in words):
            return kind
    if intent and intent.startswith("report_") and intent[len("report_") :] in REPORT_TYPES:
        return intent[len("report_") :]
    return None


def _kind_of(payload: str) -> str:
    return re.search(r'"rehearsal_type": "(\w+)"', payload).group(1)


def evaluate(library: Library, scenario_id: str, moment_id: str, option: dict[str, Any]) -> Outcome:
    scenario = library.scenarios[scenario_id]
    moment = find_moment(scenario, moment_id)
    texts = library.texts
    role = scenario["role"]
    if option.get("correct"):
        parts = [texts["correct"], option["feedback"]]
    else:
        best = best_option(moment)
        opening = texts["dangerous"] if option.get("dangerous") else texts["wrong"]
        parts = [opening, option["feedback"], fill(texts["better"], label=best["label"])]
    return Outcome(option, fill(" ".join(parts), role), next_of(scenario, moment_id, option))


def moment_prompt(library: Library, scenario_id: str, moment_id: str, short: bool = False) -> str:
    scenario = library.scenarios[scenario_id]
    question = library.texts["question"]
    if short:
        return question
    return fill(find_moment(scenario, moment_id)["situation"], scenario["role"]) + "\n\n" + question


def intro(library: Library, scenario_id: str) -> str:
    scenario = library.scenarios[scenario_id]
    texts = library.texts
    return "\n\n".join(
        [
            fill(texts["start"], title=scenario["title"]),
            texts["notice"],
            fill(scenario["intro"], scenario["role"]),
        ]
    )


def record(
    results: list[dict[str, Any]],
    moment_id: str,
    option: dict[str, Any],
    correct: bool | None = None,
) -> list[dict[str, Any]]:
    """The answer at a moment; `correct` overrides the option's (a skipped moment is missed
    even though the scenario goes on along the best option)."""
    correct = bool(option.get("correct")) if correct is None else correct
    return results + [{"moment": moment_id, "option": option["id"], "correct": correct}]


def debrief(library: Library, scenario_id: str, results: list[dict[str, Any]]) -> str:
    """Score, what went well, what was missed, and the checklist to keep."""
    scenario = library.scenarios[scenario_id]
    texts = library.texts
    skills = texts["skills"]
    role = scenario["role"]

    skill_of = {r["moment"]: find_moment(scenario, r["moment"])["skill"] for r in results}
    missed = {skill_of[r["moment"]] for r in results if not r["correct"]}

    def skill_lines(correct: bool) -> list[str]:
        # a skill missed at one moment is not "went well", even if another moment got it right
        keys = [
            skill_of[r["moment"]]
            for r in results
            if (skill_of[r["moment"]] not in missed) == correct
        ]
        return [f"• {fill(skills[key]['label'], role)}" for key in dict.fromkeys(keys)]

    score = sum(r["correct"] for r in results)
    lines = [fill(texts["debrief_title"], title=scenario["title"])]
    if results:  # "klaar" before the first answer: only the checklist
        lines.append(fill(texts["debrief_score"], score=score, total=len(results)))
    for key, correct in (("debrief_well", True), ("debrief_missed", False)):
        found = skill_lines(correct)
        if found:
            lines += ["", texts[key]] + found
    lines += ["", texts["debrief_checklist"]]
    lines += [f"⬜ {fill(skill['label'], role)}" for skill in skills.values()]
    return "\n".join(lines)


def titles(library: Library, scenario_ids: Iterable[str]) -> str:
    return "; ".join(library.scenarios[s]["title"] for s in scenario_ids if s in library.scenarios)
