"""Shared clean-up of incoming messages, for every channel (pure functions, no Rasa).

check() says what to do with a message: pass it on (cleaned, maybe cut), or answer it with one
of the kind texts in knowledge/system_messages.yml (`problem`). RateLimiter tells a flood of
messages from one sender apart from a person typing.
"""

import html
import re
import unicodedata
from dataclasses import dataclass

from channels.shared_state import MemoryState, RedisState, hashed

MAX_CHARS = 2000  # more than any real report; the classifier gains nothing from more
UNREADABLE_SHARE = 0.3  # this share of control or undecodable characters: not text
PAYLOAD = re.compile(r"^/[A-Za-z_]+(\{.*\})?$", re.DOTALL)  # button payloads, e.g. /greet
_SCRIPT = re.compile(r"<(script|style)\b.*?(</\1\s*>|$)", re.IGNORECASE | re.DOTALL)
_TAG = re.compile(r"</?[A-Za-z!][^<>]{0,500}>")
_WORD = re.compile(r"[^\W_]", re.UNICODE)  # a letter or digit in any script
# Frequent English words that are not (also) Dutch words, and the Dutch counterparts.
_ENGLISH = frozenset(
    """
    the you your you're i i'm am are my and to what how someone please this that with from
    have has been they them there about would should could will don't it it's for on at by
    who why where when threatened threatening threat people online hello
    """.split()
)
_DUTCH = frozenset(
    """
    de het een ik je jij jou niet wat van en dat die mijn met voor op aan er ben heb hoe wie
    kan wil zijn naar ook maar nu om te bij deze dit mij me ze hij zij we wij wordt word
    iemand hallo hoi dank bedreigd bedreiging gebeld
    """.split()
)


@dataclass(frozen=True)
class Checked:
    text: str  # what to pass on to Rasa ("" when there is a problem)
    problem: str | None = None  # empty | unreadable | no_words | english
    cut: bool = False  # the text was longer than MAX_CHARS and was cut


def decode(body: bytes) -> str:
    """Bytes from the wire as text; invalid UTF-8 becomes U+FFFD instead of an error."""
    return body.decode("utf-8", errors="replace")


def _is_noise(char: str) -> bool:
    return char == "\ufffd" or (
        unicodedata.category(char) in ("Cc", "Cs", "Co", "Cn") and char not in "\n\r\t"
    )


def looks_english(text: str) -> bool:
    words = re.findall(r"[a-z']+", text.lower())
    english = sum(w in _ENGLISH for w in words)
    dutch = sum(w in _DUTCH for w in words)
    return english >= 2 and english > 2 * dutch and english >= 0.3 * len(words)


def check(raw: object) -> Checked:
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return Checked("", "empty")
    if not isinstance(raw, str):
        return Checked("", "unreadable")  # a number, list or object instead of text
    sample = raw[: MAX_CHARS * 2]
    if sum(map(_is_noise, sample)) > UNREADABLE_SHARE * len(sample):
        return Checked("", "unreadable")
    text = "".join(" " if _is_noise(c) else c for c in raw)
    text = html.unescape(_TAG.sub(" ", _SCRIPT.sub(" ", text)))
    text = " ".join(text.split())
    cut = len(text) > MAX_CHARS
    if cut:
        text = text[:MAX_CHARS].rsplit(" ", 1)[0] or text[:MAX_CHARS]
    if PAYLOAD.match(text):
        return Checked(text)
    if not _WORD.search(text):
        return Checked("", "no_words")
    if looks_english(text):
        return Checked("", "english")
    return Checked(text, cut=cut)


class RateLimiter:
    """At most `limit` messages per sender in any `seconds` window, counted in `state` (this
    process, or Redis shared by several instances: channels/shared_state.py)."""

    def __init__(
        self, limit: int = 12, seconds: float = 15.0, state: MemoryState | RedisState | None = None
    ) -> None:
        self.limit, self.seconds = limit, seconds
        self.state = state or MemoryState()

    def allow(self, sender: str, now: float | None = None) -> bool:
        return self.state.allow("flood:" + hashed(sender), self.limit, self.seconds, now)
