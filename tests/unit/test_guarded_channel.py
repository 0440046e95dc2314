"""The guard around a channel's on_new_message, and the REST body parsing (no server)."""

import asyncio

from rasa.core.channels.channel import CollectingOutputChannel, UserMessage

from channels import input_guard
from channels.guarded import GuardedHandler
from channels.rest import parse_body
from tests.conftest import ot_phone


def handle(text, on_new_message, limiter=None):
    collector = CollectingOutputChannel()
    message = UserMessage(None, collector, "s")
    message.text = text
    asyncio.run(GuardedHandler(on_new_message, limiter)(message))
    return collector.messages


def test_problems_are_answered_without_rasa():
    seen = []

    async def rasa(message):
        seen.append(message.text)

    replies = handle("   ", rasa)
    assert seen == [] and "leeg bericht" in replies[0]["text"] and replies[0]["buttons"]


def test_cut_message_gets_a_note_and_goes_on():
    seen = []

    async def rasa(message):
        seen.append(message.text)

    replies = handle("ik word bedreigd " * 1000, rasa)
    assert "erg lang" in replies[0]["text"] and len(seen[0]) <= input_guard.MAX_CHARS


def test_an_error_gets_the_safety_reply_not_silence():
    async def broken(message):
        raise RuntimeError("tracker store down")

    replies = handle("hallo", broken)
    assert "112" in replies[0]["text"] and ot_phone() in replies[0]["text"]


def test_parse_body():
    assert parse_body(b'{"sender": "a", "message": "hoi"}') == {"sender": "a", "message": "hoi"}
    assert parse_body(b'{"sender": "a", "message": "\x01\xff"}')["message"] == "\x01\ufffd"
    for bad in (
        b"",
        b"[]",
        b"null",
        b'{"message": "x"}',
        b'{"sender": ""}',
        b'{"sender": 5}',
        ('{"sender": "%s"}' % ("x" * 500)).encode(),
        bytes(range(256)),
    ):
        assert parse_body(bad) is None, bad
