"""The conversation corpus: load tests/conversations/*.yml, play each conversation against the
running bot over REST, and score it.

A conversation passes when every turn's reply (all message texts and button titles of that turn,
joined by newlines) matches each `must` regex, matches no `must_not` regex, and the tracker's
slots after the turn equal `slots`. Regexes are searched case-insensitively, `.` also matches a
newline. Two rules hold for every turn of every conversation: no message has more than five
buttons, and no acknowledgement or triage question (texts from knowledge/) is said twice in one
conversation (Rasa's REST channel sends each paragraph as its own message). A turn
is "stuck" when the bot answered with a please-rephrase or fallback reply; those texts are read
from the bot's own content (domain.yml, knowledge/) at run time, never copied.
"""

import json
import re
import urllib.request
import uuid
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[2]
CORPUS_DIR = Path(__file__).resolve().parent
FLAGS = re.IGNORECASE | re.DOTALL
MAX_BUTTONS = 5  # issue 11: at most five buttons in one message
TURN_KEYS = {"user", "must", "must_not", "slots"}
CONVERSATION_KEYS = {"id", "description", "turns"}


class CorpusError(ValueError):
    """A corpus file does not follow the schema; the message names the file and conversation."""


@dataclass(frozen=True)
class Turn:
    user: str
    must: tuple[str, ...] = ()
    must_not: tuple[str, ...] = ()
    slots: dict[str, Any] | None = None


@dataclass(frozen=True)
class Conversation:
    id: str
    description: str
    turns: tuple[Turn, ...]
    source: str  # file name, for the report


@dataclass
class TurnResult:
    user: str
    reply: str
    stuck: bool
    problems: list[str] = field(default_factory=list)


@dataclass
class Result:
    conversation: Conversation
    turns: list[TurnResult]
    error: str | None = None  # the bot did not answer at all (HTTP error, timeout)

    @property
    def passed(self) -> bool:
        return self.error is None and not any(t.problems for t in self.turns)

    def transcript(self) -> str:
        lines = [f"[{self.conversation.source}] {self.conversation.id}"]
        for turn in self.turns:
            lines.append(f"  JIJ: {turn.user}")
            lines += ["  BOT: " + line for line in turn.reply.splitlines() or [""]]
            lines += ["  !!   " + problem for problem in turn.problems]
        if self.error:
            lines.append(f"  !!   {self.error}")
        return "\n".join(lines)


def _strings(value: Any, where: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise CorpusError(f"{where}: expected a list of regexes")
    for pattern in value:
        try:
            re.compile(pattern, FLAGS)
        except re.error as error:
            raise CorpusError(f"{where}: bad regex {pattern!r}: {error}") from error
    return tuple(value)


def parse(content: Any, source: str) -> list[Conversation]:
    if not isinstance(content, dict) or not isinstance(content.get("conversations"), list):
        raise CorpusError(f"{source}: needs a top-level list `conversations`")
    conversations = []
    for number, entry in enumerate(content["conversations"], start=1):
        where = f"{source} #{number}"
        if not isinstance(entry, dict) or not entry.get("id") or not entry.get("turns"):
            raise CorpusError(f"{where}: needs `id` and `turns`")
        where = f"{source} {entry['id']}"
        unknown = set(entry) - CONVERSATION_KEYS
        if unknown:
            raise CorpusError(f"{where}: unknown keys {sorted(unknown)}")
        turns = []
        for index, turn in enumerate(entry["turns"], start=1):
            at = f"{where} turn {index}"
            if not isinstance(turn, dict) or not isinstance(turn.get("user"), str):
                raise CorpusError(f"{at}: needs `user` text")
            unknown = set(turn) - TURN_KEYS
            if unknown:
                raise CorpusError(f"{at}: unknown keys {sorted(unknown)}")
            slots = turn.get("slots")
            if slots is not None and not isinstance(slots, dict):
                raise CorpusError(f"{at}: `slots` must be a mapping")
            turns.append(
                Turn(
                    turn["user"],
                    _strings(turn.get("must"), f"{at} must"),
                    _strings(turn.get("must_not"), f"{at} must_not"),
                    slots,
                )
            )
        conversations.append(
            Conversation(str(entry["id"]), entry.get("description") or "", tuple(turns), source)
        )
    return conversations


def load(directory: Path = CORPUS_DIR) -> list[Conversation]:
    conversations: list[Conversation] = []
    for path in sorted(directory.glob("*.yml")):
        conversations += parse(yaml.safe_load(path.read_text(encoding="utf-8")), path.name)
    ids = [c.id for c in conversations]
    doubled = sorted({i for i in ids if ids.count(i) > 1})
    if doubled:
        raise CorpusError(f"conversation ids used twice: {doubled}")
    return conversations


def _plain(text: str) -> str:
    return " ".join(text.split())


def stuck_texts() -> list[str]:
    """The bot's own please-rephrase, "I do not know" and fallback replies, from its content
    files."""
    domain = yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))
    texts = [v["text"] for v in domain["responses"]["utter_please_rephrase"]]
    rehearsal = yaml.safe_load((ROOT / "knowledge" / "rehearsal.yml").read_text(encoding="utf-8"))
    texts.append(rehearsal["ask_again"])
    conversation = yaml.safe_load(
        (ROOT / "knowledge" / "conversation.yml").read_text(encoding="utf-8")
    )
    # a question the bot cannot place: an honest "I do not know" with the human line, but stuck
    texts.append(conversation["unknown_question"]["text"].split("{")[0])
    system = yaml.safe_load(
        (ROOT / "knowledge" / "system_messages.yml").read_text(encoding="utf-8")
    )
    # the reply when an action failed; its placeholders are filled in, so compare its start
    texts.append(system["messages"]["action_failed"]["text"].split("{")[0])
    return [_plain(t) for t in texts]


def reply_text(replies: list[dict[str, Any]]) -> str:
    lines = []
    for reply in replies:
        if reply.get("text"):
            lines.append(reply["text"])
        lines += [b.get("title", "") for b in reply.get("buttons") or []]
    return "\n".join(lines)


def is_stuck(replies: list[dict[str, Any]], stuck: list[str]) -> bool:
    return any(
        _plain(reply.get("text") or "").startswith(text) for reply in replies for text in stuck
    )


def check_turn(turn: Turn, reply: str, slots: dict[str, Any] | None) -> list[str]:
    problems = [f"must /{p}/ not found" for p in turn.must if not re.search(p, reply, FLAGS)]
    problems += [f"must_not /{p}/ found" for p in turn.must_not if re.search(p, reply, FLAGS)]
    for name, expected in (turn.slots or {}).items():
        actual = (slots or {}).get(name, "<no such slot>")
        if actual != expected:
            problems.append(f"slot {name} = {actual!r}, expected {expected!r}")
    return problems


Say = Callable[[str, str], list[dict[str, Any]]]
Slots = Callable[[str], dict[str, Any]]


def _texts(entry: Any) -> list[str]:
    if isinstance(entry, str):
        return [entry]
    if isinstance(entry, dict):
        return [t for key, value in entry.items() if key != "buttons" for t in _texts(value)]
    return []


def once_patterns() -> list[re.Pattern[str]]:
    """The bot's acknowledgements and triage questions (from knowledge/), each of which may be
    said once per conversation; placeholders such as {zij} match any words."""
    knowledge = ROOT / "knowledge"
    conversation = yaml.safe_load((knowledge / "conversation.yml").read_text(encoding="utf-8"))
    texts = _texts(conversation.get("acknowledge"))
    for key in ("ask_in_danger", "ask_incident_type", "not_in_danger_ack", "ask_role"):
        texts += _texts(conversation.get(key))
    flow_file = knowledge / "flow.yml"
    if flow_file.exists():
        flow = yaml.safe_load(flow_file.read_text(encoding="utf-8"))
        for key in ("ask_who", "ask_in_danger_other", "what_happened_other", "ask_role"):
            texts += _texts(flow.get(key))
        texts += _texts(flow.get("role_noted")) + _texts(flow.get("not_in_danger_other"))
    patterns = []
    for text in texts:
        pieces = re.split(r"\\\{[^}]*\\\}", re.escape(_plain(text)))
        patterns.append(re.compile(".+?".join(pieces)))
    return patterns


def repeatable_texts() -> list[str]:
    """The 112 reply, which may rightly come again (from domain.yml)."""
    domain = yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))
    return [_plain(v["text"]) for v in domain["responses"]["utter_acute_danger"]]


def general_problems(
    replies: list[dict[str, Any]],
    said: set[str],
    repeatable: Iterable[str] = (),
    once: Iterable[re.Pattern[str]] | None = None,
) -> list[str]:
    """The rules for every turn: at most five buttons a message, and no acknowledgement or
    question said twice (`once`; None: no text at all twice)."""
    problems = []
    for reply in replies:
        buttons = len(reply.get("buttons") or [])
        if buttons > MAX_BUTTONS:
            problems.append(f"{buttons} buttons in one message")
        text = _plain(reply.get("text") or "")
        counted = once is None or any(p.match(text) for p in once)
        if text in said and text not in repeatable and counted:
            problems.append(f"said twice: {text[:80]}")
        if text:
            said.add(text)
    return problems


def play(
    conversation: Conversation,
    say: Say,
    slots: Slots,
    stuck: list[str],
    repeatable: Iterable[str] = (),
    once: Iterable[re.Pattern[str]] | None = None,
) -> Result:
    said: set[str] = set()
    slug = re.sub(r"[^A-Za-z0-9_-]+", "-", conversation.id)[:40]
    sender = f"corpus-{slug}-{uuid.uuid4().hex[:8]}"
    results: list[TurnResult] = []
    for turn in conversation.turns:
        try:
            replies = say(sender, turn.user)
            now = slots(sender) if turn.slots else None
        except Exception as error:  # a dead or hanging server fails the conversation, not the run
            results.append(TurnResult(turn.user, "", False))
            return Result(conversation, results, f"{type(error).__name__}: {error}")
        reply = reply_text(replies)
        problems = check_turn(turn, reply, now) + general_problems(replies, said, repeatable, once)
        results.append(TurnResult(turn.user, reply, is_stuck(replies, stuck), problems))
    return Result(conversation, results)


def play_all(
    conversations: Iterable[Conversation], say: Say, slots: Slots, jobs: int = 3
) -> list[Result]:
    """Several conversations at once (each has its own sender), results in corpus order."""
    stuck, repeatable, once = stuck_texts(), repeatable_texts(), once_patterns()
    with ThreadPoolExecutor(max_workers=jobs) as pool:
        return list(pool.map(lambda c: play(c, say, slots, stuck, repeatable, once), conversations))


@dataclass(frozen=True)
class Summary:
    passed: int
    total: int
    stuck_turns: int
    turns: int

    @property
    def stuck_rate(self) -> float:
        return self.stuck_turns / self.turns if self.turns else 0.0

    def __str__(self) -> str:
        return (
            f"conversations passed: {self.passed} / {self.total}"
            f" ({100 * self.passed / max(self.total, 1):.1f} %)\n"
            f"stuck rate: {self.stuck_turns} / {self.turns} user turns"
            f" ({100 * self.stuck_rate:.1f} %)"
        )


def summarise(results: list[Result]) -> Summary:
    return Summary(
        passed=sum(r.passed for r in results),
        total=len(results),
        stuck_turns=sum(t.stuck for r in results for t in r.turns),
        turns=sum(len(r.turns) for r in results),
    )


class RestClient:
    """The bot's REST webhook and its token-protected tracker API."""

    def __init__(self, rasa_url: str, token: str, timeout: float = 60) -> None:
        self.url, self.token, self.timeout = rasa_url.rstrip("/"), token, timeout

    def _open(self, request: Any) -> Any:
        with urllib.request.urlopen(request, timeout=self.timeout) as response:
            return json.loads(response.read())

    def say(self, sender: str, message: str) -> list[dict[str, Any]]:
        body = json.dumps({"sender": sender, "message": message}).encode()
        request = urllib.request.Request(
            f"{self.url}/webhooks/rest/webhook",
            data=body,
            method="POST",
            headers={"Content-Type": "application/json"},
        )
        return self._open(request)

    def slots(self, sender: str) -> dict[str, Any]:
        tracker = self._open(f"{self.url}/conversations/{sender}/tracker?token={self.token}")
        return tracker["slots"]
