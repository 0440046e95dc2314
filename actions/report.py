"""Het verslag, the plain parts (no Rasa): the questions, reading an answer, Dutch dates, and the
report text. actions/report_actions.py runs them as a form; actions/report_pdf.py prints the text.

The person's words go into the report exactly as they reached the bot (the input guard has
already removed control characters and HTML tags); nothing here turns them into markup.
"""

import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cache
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import yaml
from dateparser.date import DateDataParser
from dateparser.search import search_dates

from actions import knowledge as kb
from actions.checklist import checklist_items, checklist_labels
from runtime.retention import DEFAULT_RETENTION_DAYS

TIMEZONE = ZoneInfo("Europe/Amsterdam")
QUESTIONS = ["about", "when", "where", "what", "who", "evidence", "witnesses", "impact", "done"]
# Questions the bot may already have an answer to from the conversation.
KNOWN = {"what", "done"}
FUTURE_MARGIN = timedelta(minutes=10)  # clocks differ a little; "nu net" is not the future

_SKIP = re.compile(
    r"^(sla (dit |deze( vraag)? |die( vraag)? |maar |het )?over|overslaan|skip|weet ik (het )?niet"
    r"|weet niet|geen idee|onbekend|niet bekend|volgende( vraag)?|-+)[\s.!]*$",
    re.IGNORECASE,
)
_STOP = re.compile(
    r"^(stop|stoppen|ik wil stoppen|hou (maar )?op|houd (maar )?op|laat maar|kappen|ophouden"
    r"|stop (maar|ermee|met (het verslag|de vragen)))[\s.!]*$",
    re.IGNORECASE,
)
_NOTHING_TO_ADD = re.compile(
    r"^(nee|nee hoor|nee,? dank je( wel)?|niets|niks|niets aanvullen|klopt|dat klopt|ja|prima|goed)"
    r"[\s.!]*$",
    re.IGNORECASE,
)
_PAYLOAD = re.compile(r"^/[A-Za-z_]+(\{.*\})?$", re.DOTALL)
_PLACEHOLDER = re.compile(r"\{(?:contact|phone):([a-z_]+)\}")


class ReportTextsError(ValueError):
    """knowledge/report.yml is incomplete; the message says where."""


# ---------------------------------------------------------------- texts


def _check_entry(entry: Any, where: str, keys: tuple[str, ...]) -> None:
    if not isinstance(entry, dict):
        raise ReportTextsError(f"{where}: expected a mapping")
    missing = [key for key in keys + ("source", "checked") if not entry.get(key)]
    if missing:
        raise ReportTextsError(f"{where}: missing {', '.join(missing)}")


def validate_texts(texts: dict[str, Any], knowledge: kb.Knowledge) -> None:
    if list(texts["questions"]) != QUESTIONS:
        raise ReportTextsError(f"questions: need exactly {QUESTIONS}, in this order")
    for key, entry in texts["questions"].items():
        _check_entry(entry, f"questions.{key}", ("ask", "heading"))
        if key in KNOWN and "{known}" not in entry.get("known", ""):
            raise ReportTextsError(f"questions.{key}: needs a `known` text with {{known}}")
    conversation = texts["conversation"]
    for key, entry in conversation.items():
        if key not in ("buttons", "source", "checked"):
            _check_entry(entry, f"conversation.{key}", ("text",))
    _check_entry(conversation, "conversation", ("buttons",))
    _check_entry(texts["report"], "report", ("title", "where", "keep"))
    kinds = kb.incident_types(knowledge)
    _check_entry(texts["titles"], "titles", tuple(kinds))
    for key, entry in texts["offences"].items():
        _check_entry(entry, f"offences.{key}", ("text",))
    if set(texts["by_type"]) != set(kinds):
        raise ReportTextsError(f"by_type: need exactly {kinds}")
    for kind, keys in texts["by_type"].items():
        for key in keys:
            if key not in texts["offences"]:
                raise ReportTextsError(f"by_type.{kind}: unknown offence {key}")
    for contact in _PLACEHOLDER.findall(yaml.safe_dump(texts, allow_unicode=True)):
        if contact not in knowledge.contacts:
            raise ReportTextsError(f"unknown contact {contact}")


@cache
def load_texts(directory: Path = kb.KNOWLEDGE_DIR) -> dict[str, Any]:
    with open(directory / "report.yml", encoding="utf-8") as handle:
        texts = yaml.safe_load(handle)
    validate_texts(texts, kb.load(directory))
    return texts


def say(key: str, texts: dict[str, Any] | None = None) -> str:
    """A conversation text of the report, as one line."""
    texts = texts or load_texts()
    return " ".join(texts["conversation"][key]["text"].split())


def button(key: str, texts: dict[str, Any] | None = None) -> dict[str, str]:
    return dict((texts or load_texts())["conversation"]["buttons"][key])


def report_offer() -> dict[str, Any]:
    """The offer after the last step: "Zal ik een verslag maken ...?" with its button."""
    return {"text": say("offer"), "buttons": [button("start")]}


# ---------------------------------------------------------------- the form


def is_helper(role: str | None, knowledge: kb.Knowledge) -> bool:
    """Helpers and family make the report about someone else."""
    return kb.audience(role, knowledge) in ("helper", "family")


def questions_for(role: str | None, knowledge: kb.Knowledge, texts: dict[str, Any]) -> list[str]:
    helper = is_helper(role, knowledge)
    return [
        key for key in QUESTIONS if helper or not texts["questions"][key].get("only_for_helpers")
    ]


def next_question(
    current: str | None, role: str | None, knowledge: kb.Knowledge, texts: dict[str, Any]
) -> str | None:
    """The question after `current` (the first one when `current` is None); None at the end."""
    order = questions_for(role, knowledge, texts)
    if current is None:
        return order[0]
    later = order[order.index(current) + 1 :] if current in order else []
    return later[0] if later else None


def question_text(
    key: str,
    role: str | None,
    known: str | None,
    knowledge: kb.Knowledge,
    texts: dict[str, Any],
) -> str:
    entry = texts["questions"][key]
    if known and entry.get("known"):
        template = entry["known"]
    elif is_helper(role, knowledge) and entry.get("helper"):
        template = entry["helper"]
    else:
        template = entry["ask"]
    return kb.render(template, knowledge, role).replace("{known}", known or "")


def quote(words: str) -> str:
    return f"“{words}”"


def told_before(events: list[dict[str, Any]]) -> list[str]:
    """What the person typed about the incident earlier: messages read as a report_* intent,
    outside any form (answers to the report's questions, or practice answers, do not count)."""
    said: list[str] = []
    in_form = False
    for event in events:
        if event.get("event") == "active_loop":
            in_form = bool(event.get("name"))
        if event.get("event") != "user" or in_form:
            continue
        intent = ((event.get("parse_data") or {}).get("intent") or {}).get("name") or ""
        text = (event.get("text") or "").strip()
        if intent.startswith("report_") and text and not _PAYLOAD.match(text) and text not in said:
            said.append(text)
    return said


def known_answer(
    key: str,
    events: list[dict[str, Any]],
    steps_done: list[str],
    knowledge: kb.Knowledge,
) -> str | None:
    """What the conversation already says for this question, to offer instead of asking."""
    if key == "what":
        said = told_before(events)
        return " ".join(quote(s) for s in said) if said else None
    if key == "done":
        labels = checklist_labels(knowledge.steps, knowledge)
        done = [labels[k] for k in steps_done if k in labels]
        return "; ".join(done) if done else None
    return None


def classify(text: str, intent: str | None, question_intents: set[str]) -> str:
    """What a message inside the form is: stop, skip, finish, question, payload or answer."""
    words = " ".join(text.split())
    if intent == "stop_report" or _STOP.match(words):
        return "stop"
    if intent == "skip" or _SKIP.match(words):
        return "skip"
    if intent == "finish_report":
        return "finish"
    if intent in question_intents and (_PAYLOAD.match(words) or "?" in words):
        return "question"
    if _PAYLOAD.match(words):
        return "payload"
    return "answer"


def nothing_to_add(text: str) -> bool:
    return bool(_NOTHING_TO_ADD.match(" ".join(text.split())))


# ---------------------------------------------------------------- dates

_MONTHS = (
    "januari februari maart april mei juni juli augustus september oktober november december"
).split()
_WEEKDAYS = "maandag dinsdag woensdag donderdag vrijdag zaterdag zondag".split()
_NUMBERS = {
    word: number
    for number, words in enumerate(
        [
            [],
            ["een", "één", "eén"],
            ["twee"],
            ["drie"],
            ["vier"],
            ["vijf"],
            ["zes"],
            ["zeven"],
            ["acht"],
            ["negen"],
            ["tien"],
            ["elf"],
            ["twaalf"],
        ]
    )
    for word in words
}
_NUMBER_WORD = "|".join(sorted(_NUMBERS, key=len, reverse=True))
_PARTS = {"ochtend": "ochtend", "morgen": "ochtend", "middag": "middag", "avond": "avond"}
_PARTS["nacht"] = "nacht"
_DAY_WORDS = {"gister": "gisteren", "eergister": "eergisteren", "van": "vandaag"}
_DAY_WORDS.update({day: day for day in _WEEKDAYS})
_COMPOUND = re.compile(
    rf"\b({'|'.join(_DAY_WORDS)})(ochtend|morgen|middag|avond|nacht)\b", re.IGNORECASE
)
_PART_PHRASE = re.compile(r"(?:'s |in de )(ochtends?|morgens?|middags?|avonds?|nachts?)\b")
_LAST_WEEK_DAY = re.compile(
    rf"\b(?:vorige week ({'|'.join(_WEEKDAYS)})|({'|'.join(_WEEKDAYS)}) vorige week)\b"
)
_TIME_PATTERNS = [
    (re.compile(r"\bhalf (\d{1,2})\b(?: uur)?"), lambda h, m: ((h - 1) % 24, 30)),
    (re.compile(r"\bkwart over (\d{1,2})\b(?: uur)?"), lambda h, m: (h % 24, 15)),
    (re.compile(r"\bkwart voor (\d{1,2})\b(?: uur)?"), lambda h, m: ((h - 1) % 24, 45)),
    (re.compile(r"\b(\d{1,2})[:.](\d{2})\b(?: uur)?"), lambda h, m: (h, m)),
    (re.compile(r"\b(\d{1,2}) uur\b(?! geleden)"), lambda h, m: (h, 0)),
]
_FILLER = re.compile(
    r"\b(?:het was|was het|het gebeurde|gebeurde het|ik denk|denk ik|ongeveer|omstreeks|rond de"
    r"|rond|om|tegen|ergens|in|op|afgelopen|jongstleden|j\.l\.|vorige(?= (?:"
    + "|".join(_WEEKDAYS)
    + r")\b))\b"
)
# What a date must contain (not just any number: "9" or "9pm" is no date).
_DATE_WORD = re.compile(
    r"\d{1,2}[-/.]\d{1,2}|\d{1,2}:\d{2}|\b(?:19|20)\d\d\b|gisteren|vandaag|morgen|geleden|vorige|"
    + "|".join(_WEEKDAYS + _MONTHS)
)


@dataclass(frozen=True)
class When:
    words: str  # as the person typed them
    moment: datetime | None  # local time, no tzinfo; None when unparsed or in the future
    precision: str | None  # time, day, week, month or year
    part_of_day: str | None  # ochtend, middag, avond, nacht (when said without a time)
    problem: str | None  # None, "future" or "unparsed"

    def as_dict(self) -> dict[str, Any]:
        return {
            "words": self.words,
            "moment": self.moment.isoformat(timespec="minutes") if self.moment else None,
            "precision": self.precision,
            "part_of_day": self.part_of_day,
            "problem": self.problem,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "When":
        moment = data.get("moment")
        return cls(
            data.get("words") or "",
            datetime.fromisoformat(moment) if moment else None,
            data.get("precision"),
            data.get("part_of_day"),
            data.get("problem"),
        )


def normalise(text: str, now: datetime) -> tuple[str, str | None, bool]:
    """Dutch time words dateparser misses, rewritten into forms it reads.

    Returns the rewritten text, the part of the day ("avond" for "gisteravond") and whether a
    clock time was given. "gisteravond rond negen uur" → ("gisteren 21:00", "avond", True).
    """
    value = text.lower().replace("’", "'").strip(" .,!?")
    part: str | None = None

    def compound(match: re.Match[str]) -> str:
        nonlocal part
        part = _PARTS[match.group(2)]
        return _DAY_WORDS[match.group(1)]

    value = _COMPOUND.sub(compound, value)
    phrase = _PART_PHRASE.search(value)
    if phrase:
        part = _PARTS[phrase.group(1).rstrip("s")]
        value = _PART_PHRASE.sub(" ", value)
    value = re.sub(
        rf"\b({_NUMBER_WORD})\b(?= (?:uur|dagen|dag|weken|week|maanden|maand|jaar)\b)",
        lambda m: str(_NUMBERS[m.group(1)]),
        value,
    )
    value = re.sub(
        rf"\b(half|kwart over|kwart voor) ({_NUMBER_WORD})\b",
        lambda m: f"{m.group(1)} {_NUMBERS[m.group(2)]}",
        value,
    )
    weekday = _LAST_WEEK_DAY.search(value)
    if weekday:
        index = _WEEKDAYS.index(weekday.group(1) or weekday.group(2))
        day = now.date() - timedelta(days=now.weekday() + 7 - index)
        value = _LAST_WEEK_DAY.sub(day.strftime("%d-%m-%Y"), value)
    has_time = False
    for pattern, convert in _TIME_PATTERNS:
        match = pattern.search(value)
        if match:
            groups = [int(g) for g in match.groups()] + [0]
            hour, minute = convert(groups[0], groups[1])
            if hour < 12 and (part in ("middag", "avond") or (part == "nacht" and hour >= 6)):
                hour += 12
            if hour < 24 and minute < 60:
                value = value[: match.start()] + f"{hour}:{minute:02d}" + value[match.end() :]
                has_time = True
            break
    value = " ".join(_FILLER.sub(" ", value).split())
    return value, part, has_time


def parse_when(text: str, now: datetime) -> When:
    """The moment in the person's words, with how precise it is; never raises."""
    base = now.replace(tzinfo=None, second=0, microsecond=0)
    words = " ".join(text.split())
    value, part, has_time = normalise(words, base)
    settings = {"PREFER_DATES_FROM": "past", "RELATIVE_BASE": base, "RETURN_TIME_AS_PERIOD": True}
    moment, period = None, None
    if _DATE_WORD.search(value):
        data = DateDataParser(languages=["nl"], settings=settings).get_date_data(value)
        moment, period = data.date_obj, data.period
        if moment is None:  # a date inside a sentence: "het was gisteren op het plein"
            found = search_dates(value, languages=["nl"], settings=settings) or []
            found = [(s, d) for s, d in found if _DATE_WORD.search(s)]
            if found:
                moment = found[0][1]
                period = "time" if re.search(r"\d:\d\d", found[0][0]) else "day"
    if moment is None:
        return When(words, None, None, part, "unparsed")
    if re.search(r"\b(uur|minuten|minuut) geleden\b", value):
        period = "time"
    elif period == "time" and not has_time:
        period = "day"
    moment = moment.replace(second=0, microsecond=0)
    if period != "time":
        moment = moment.replace(hour=0, minute=0)
    if moment > base + FUTURE_MARGIN:
        return When(words, None, None, part, "future")
    return When(words, moment, period, None if period == "time" else part, None)


def format_moment(when: When) -> str | None:
    """'30 november 2026, rond 21:00' / '30 november 2026, 's avonds' / 'november 2026'."""
    moment = when.moment
    if moment is None:
        return None
    day = f"{moment.day} {_MONTHS[moment.month - 1]} {moment.year}"
    if when.precision == "time":
        return f"{day}, rond {moment:%H:%M}"
    if when.precision == "day":
        return f"{day}, 's {when.part_of_day}s" if when.part_of_day else day
    if when.precision == "week":
        return f"rond {day}"
    if when.precision == "month":
        return f"{_MONTHS[moment.month - 1]} {moment.year}"
    return str(moment.year)


def format_now(now: datetime) -> str:
    return f"{now.day} {_MONTHS[now.month - 1]} {now.year} om {now:%H:%M}"


def local_now() -> datetime:
    return datetime.now(TIMEZONE).replace(tzinfo=None)


# ---------------------------------------------------------------- answers


def record(
    answers: dict[str, Any], key: str, text: str | None, now: datetime
) -> tuple[dict[str, Any], str | None]:
    """The answers with this question's answer added (None: skipped, or nothing to add to what
    the bot already knew); plus the key of a note for the person, if any."""
    answer: dict[str, Any] = {"text": text}
    note = None
    if key == "when" and text:
        when = parse_when(text, now)
        answer["when"] = when.as_dict()
        note = {"future": "date_future", "unparsed": "date_unknown"}.get(when.problem or "")
    return {**answers, key: answer}, note


# ---------------------------------------------------------------- the report


@dataclass(frozen=True)
class Report:
    title: str
    text: str
    filename: str

    def payload(self) -> dict[str, Any]:
        """The bot message's `custom` payload that every channel reads."""
        return {"report": {"title": self.title, "text": self.text, "filename": self.filename}}


def _answer_lines(
    key: str, answer: dict[str, Any] | None, known: str | None, texts: dict[str, Any]
) -> list[str]:
    labels = texts["report"]
    typed = (answer or {}).get("text")
    if key == "when" and typed:
        when = When.from_dict((answer or {}).get("when") or {"words": typed})
        shown = format_moment(when)
        return ([shown] if shown else []) + [f"{labels['own_words']} {quote(typed)}"]
    lines = []
    if known:
        lines.append(f"{labels['told_earlier' if key == 'what' else 'from_checklist']} {known}")
    if typed:
        lines.append(f"{labels['added']} {quote(typed)}" if known else quote(typed))
    return lines or [labels["skipped"]]


def build_report(
    answers: dict[str, Any],
    incident_type: str | None,
    role: str | None,
    steps_done: list[str],
    now: datetime,
    retention_days: float = DEFAULT_RETENTION_DAYS,
    told: list[str] | None = None,
    knowledge: kb.Knowledge | None = None,
    texts: dict[str, Any] | None = None,
) -> Report:
    knowledge = knowledge or kb.load()
    texts = texts or load_texts()
    labels = texts["report"]
    incident = incident_type if incident_type in kb.incident_types(knowledge) else "other"
    title = labels["title"].replace("{incident}", texts["titles"][incident])
    lines = [title, labels["made_on"].replace("{date}", format_now(now))]
    if role in knowledge.roles:
        made_by = labels["made_by"] if is_helper(role, knowledge) else labels["made_by_self"]
        lines.append(made_by.replace("{role}", knowledge.roles[role]["label"]))

    def section(heading: str, body: list[str]) -> None:
        lines.extend(["", heading, *body])

    items = checklist_items(incident, role, steps_done, knowledge)
    known = {
        "what": " ".join(quote(s) for s in told or []) or None,
        "done": "; ".join(label for label, done in items if done) or None,
    }
    for key in questions_for(role, knowledge, texts):
        heading = texts["questions"][key]["heading"]
        section(heading, _answer_lines(key, answers.get(key), known.get(key), texts))

    todo = [f"- {label}" for label, done in items if not done]
    section(labels["todo_heading"], todo or [kb.render(labels["todo_none"], knowledge)])

    offences = [
        f"- {kb.render(texts['offences'][key]['text'], knowledge)}"
        for key in texts["by_type"][incident]
    ]
    offence_note = labels["offences_note"] if offences else labels["offences_none"]
    section(labels["offences_heading"], offences + [kb.render(offence_note, knowledge)])

    contacts = ["emergency", "police"]
    if kb.audience(role, knowledge) != "candidate":
        contacts.insert(1, "ondersteuningsteam")
    contact_lines = []
    for key in contacts:
        contact = knowledge.contacts[key]
        if key == "emergency":
            contact_lines.append(f"- {contact['what']} Bel {contact['phone']}.")
        else:
            first_sentence = " ".join(contact["what"].split()).split(". ")[0].rstrip(".")
            contact_lines.append(f"- {kb.contact_line(key, knowledge)}. {first_sentence}.")
    section(labels["contacts_heading"], contact_lines)

    audience = kb.audience(role, knowledge)
    where = {"helper": "where_helper", "candidate": "where_candidate"}.get(audience, "where")
    section(labels["where_heading"], [kb.render(labels[where], knowledge, role)])
    days = f"{retention_days:g}"
    section(labels["keep_heading"], [kb.render(labels["keep"], knowledge, days=days)])
    return Report(title, "\n".join(lines) + "\n", f"verslag-{now:%Y-%m-%d-%H%M}.pdf")
