"""The shared input clean-up: what passes, what is cut, what gets a kind reply instead."""

import sys
from pathlib import Path

import pytest

from channels import input_guard as guard

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))
from evaluate_nlu import load_examples  # noqa: E402


@pytest.mark.parametrize("raw", [None, "", "   ", "\n\t  \n"])
def test_empty_and_whitespace(raw):
    assert guard.check(raw) == guard.Checked("", "empty")


@pytest.mark.parametrize("raw", [12, ["a"], {"text": "hallo"}, True])
def test_not_text_is_unreadable(raw):
    assert guard.check(raw).problem == "unreadable"


def test_binary_and_invalid_utf8_are_unreadable():
    junk = bytes(range(256)) * 4 + b"\xff\xfe\xc3\x28"
    assert guard.check(guard.decode(junk)).problem == "unreadable"
    assert guard.check("\x00\x01\x02\x03\x1b[31m").problem == "unreadable"


def test_a_stray_bad_byte_is_dropped_not_refused():
    checked = guard.check(guard.decode("ik word bedreigd \xff".encode("latin-1")))
    assert checked.problem is None and checked.text == "ik word bedreigd"


def test_huge_message_is_cut_at_a_word():
    raw = "ik word bedreigd " * 6000  # about 100 KB
    checked = guard.check(raw)
    assert checked.cut and checked.problem is None
    assert guard.MAX_CHARS - 10 < len(checked.text) <= guard.MAX_CHARS
    assert raw.startswith(checked.text + " ")  # cut between words


def test_html_and_script_are_removed():
    checked = guard.check('<b>ik word</b> bedreigd<script>alert("x")</script>')
    assert checked.text == "ik word bedreigd"
    assert guard.check("<script>alert(1)</script>").problem == "no_words"
    assert guard.check("<img src=x onerror=alert(1)>").problem == "no_words"


def test_sql_looking_text_passes_unchanged():
    text = "'; DROP TABLE events; --"
    assert guard.check(text) == guard.Checked(text)


@pytest.mark.parametrize("raw", ["😡😡😡", "👍", "?!?!", "... --- ...", "🙏🏽 ❤️"])
def test_emoji_or_signs_only(raw):
    assert guard.check(raw).problem == "no_words"


@pytest.mark.parametrize(
    "raw",
    [
        "Someone is threatening me online, what should I do?",
        "Hello, can you help me please?",
        "They published my home address on Facebook",
        "someone is outside my house right now shouting threats, I'm a mayor",
        "police is on the way",
    ],
)
def test_english_is_recognised(raw):
    assert guard.check(raw).problem == "english"


def test_button_payloads_pass():
    assert guard.check("/greet").text == "/greet"
    payload = '/inform_role{"role": "council_member"}'
    assert guard.check(payload) == guard.Checked(payload)


def test_no_dutch_training_or_heldout_message_is_taken_for_english_or_noise():
    files = list((ROOT / "data" / "nlu").glob("*.yml")) + [ROOT / "tests" / "nlu" / "heldout.yml"]
    messages = [text for f in files for text, _ in load_examples(f)]
    assert len(messages) > 300
    flagged = [m for m in messages if guard.check(m).problem]
    assert flagged == []


def test_dutch_with_an_english_quote_stays_dutch():
    assert guard.check("iemand schreef 'you will die' onder mijn post").problem is None


def test_rate_limiter_allows_a_burst_then_refuses_then_recovers():
    limiter = guard.RateLimiter(limit=3, seconds=10)
    assert [limiter.allow("a", now=t) for t in (0, 1, 2, 3)] == [True, True, True, False]
    assert limiter.allow("b", now=3)  # per sender
    assert limiter.allow("a", now=10.5)  # the first message left the window
