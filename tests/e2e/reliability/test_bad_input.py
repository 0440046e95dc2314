"""Bad input over the REST webhook: a kind Dutch reply, never a crash or silence."""

import json
from concurrent.futures import ThreadPoolExecutor

import pytest

from tests.conftest import ot_phone
from tests.e2e.reliability.helpers import is_reply_list, post_raw, texts, user_texts


def say_raw(sender: str, message: object):
    status, replies = post_raw(json.dumps({"sender": sender, "message": message}).encode())
    assert status == 200 and is_reply_list(replies) and replies, (status, replies)
    return texts(replies)


@pytest.mark.parametrize(
    "message, expected",
    [
        ("", "leeg bericht"),
        ("   \n\t ", "leeg bericht"),
        (None, "leeg bericht"),
        (["geen", "tekst"], "kon ik niet lezen"),
        ("\x00\x01\x02\x03\x04\x05\x1b\x7f", "kon ik niet lezen"),
        ("😡😡😡😡", "geen woorden"),
        ("<script>alert('x')</script>", "geen woorden"),
        ("Someone is threatening me online, what should I do?", "alleen Nederlands"),
    ],
)
def test_kind_reply(bot, message, expected):
    reply = say_raw("rel-bad", message)
    assert expected in reply
    assert "<script>" not in reply


def test_invalid_utf8_and_raw_binary(bot):
    status, replies = post_raw(
        b'{"sender": "rel-binary", "message": "\xff\xfe\xfa\xfb\xfc\xc3\x28\x80\x81"}'
    )
    assert status == 200 and "kon ik niet lezen" in texts(replies)
    status, replies = post_raw(bytes(range(256)))
    assert status == 400 and "error" in replies


def test_no_sender_is_refused_not_shared(bot):
    assert post_raw(b'{"message": "hallo"}')[0] == 400
    assert post_raw(b'["sender", "message"]')[0] == 400


def test_huge_message_is_cut_with_a_note_and_still_answered(bot):
    sender = "rel-huge"
    message = "Ik krijg doodsbedreigingen via Instagram. " * 2500  # ~105 KB
    reply = say_raw(sender, message)
    assert "Je bericht was erg lang" in reply
    assert "Ben je nu in gevaar?" in reply  # the cut message was understood
    stored = user_texts(bot.tracker(sender))[-1]
    assert stored.startswith("Ik krijg doodsbedreigingen") and len(stored) <= 2000


def test_html_is_stripped_before_understanding(bot):
    reply = say_raw("rel-html", "<p>wie kan ik <b>bellen</b>?</p>")
    assert ot_phone() in reply


def test_sql_looking_text_is_just_text(bot):
    sender = "rel-sql"
    reply = say_raw(sender, "'; DROP TABLE events; -- SELECT * FROM users WHERE 1=1")
    assert "DROP" not in reply and "error" not in reply.lower()  # an ordinary answer
    assert "chatbot, niet de politie" in say_raw(sender, "hallo")  # the store still works
    assert user_texts(bot.tracker(sender))[0].startswith("'; DROP TABLE events")


def test_a_flood_gets_a_kind_reply_and_every_message_is_stored(bot):
    sender = "rel-flood"
    messages = ["hallo"] * 30  # a flood repeats itself; the count shows every one was stored
    with ThreadPoolExecutor(max_workers=10) as pool:
        replies = list(pool.map(lambda m: say_raw(sender, m), messages))
    assert any("veel berichten vlak na elkaar" in r for r in replies)
    assert any("chatbot, niet de politie" in r for r in replies)  # the first ones are answered
    assert sorted(user_texts(bot.tracker(sender))) == sorted(messages)
