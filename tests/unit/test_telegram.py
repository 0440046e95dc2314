"""The Telegram connector without network or Rasa: splitting, plain text, keyboards, commands,
reading updates, and the webhook's decisions (secret, groups, non-text, errors)."""

import asyncio
import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from channels import telegram
from channels.shared_state import MemoryState
from channels.telegram import TelegramInput, TelegramOutput, load_texts, sender_id_for
from channels.telegram_messages import (
    COMMANDS,
    CallbackKeys,
    Incoming,
    command_payload,
    inline_keyboard,
    parse_update,
    split_text,
    utf16_length,
)
from tests.conftest import FakeTelegramApi

SECRET = "unit-secret"


# --- splitting -------------------------------------------------------------------------------


def test_short_text_is_one_message_unchanged():
    assert split_text("Hoi.\n\nWat is er gebeurd?") == ["Hoi.\n\nWat is er gebeurd?"]
    assert split_text("   ") == []


def test_long_text_splits_at_paragraphs_and_packs_them():
    paragraphs = [f"Alinea {n}. " + "x" * 30 for n in range(6)]
    chunks = split_text("\n\n".join(paragraphs), limit=100)
    assert chunks == ["\n\n".join(paragraphs[i : i + 2]) for i in range(0, 6, 2)]


def test_a_paragraph_over_the_limit_is_cut_at_lines_then_spaces_then_anywhere():
    assert split_text("een\ntwee\ndrie", limit=9) == ["een\ntwee", "drie"]
    assert split_text("een twee drie vier", limit=9) == ["een twee", "drie vier"]
    assert split_text("a" * 25, limit=10) == ["a" * 10, "a" * 10, "a" * 5]


def test_limit_counts_utf16_like_telegram():
    assert utf16_length("👍") == 2
    chunks = split_text("👍" * 5, limit=4)
    assert chunks == ["👍👍", "👍👍", "👍"]


def test_default_limit_is_telegrams():
    chunks = split_text(("woord " * 700 + "\n\n") * 3)
    assert len(chunks) > 1 and all(utf16_length(c) <= 4096 for c in chunks)


@given(
    st.text(alphabet=st.sampled_from(list("ab é👍\n")), max_size=400),
    st.integers(min_value=2, max_value=60),
)
def test_split_keeps_every_word_in_order_and_within_the_limit(text, limit):
    chunks = split_text(text, limit=limit)
    assert all(0 < utf16_length(c) <= limit for c in chunks)
    assert "".join("".join(chunks).split()) == "".join(text.split())


# --- plain text: nothing to escape -----------------------------------------------------------


def test_replies_go_as_plain_text_verbatim_without_parse_mode():
    api = FakeTelegramApi()
    text = "Gebruik <b>geen</b> *opmaak* & _niets_ [link](x)"
    asyncio.run(TelegramOutput(api, 42, CallbackKeys()).send_text_message("r", text))
    assert api.sent() == [{"chat_id": 42, "text": text}]


def test_buttons_ride_on_the_last_part_of_a_split_message(monkeypatch):
    api = FakeTelegramApi()
    monkeypatch.setattr(telegram, "split_text", lambda text: ["deel 1", "deel 2"])
    buttons = [{"title": "Ja", "payload": "/affirm"}]
    asyncio.run(TelegramOutput(api, 7, CallbackKeys()).send_text_with_buttons("r", "x", buttons))
    first, last = api.sent()
    assert "reply_markup" not in first
    assert last["reply_markup"] == {
        "inline_keyboard": [[{"text": "Ja", "callback_data": "/affirm"}]]
    }


# --- keyboards -------------------------------------------------------------------------------


def test_keyboard_one_button_per_row_urls_kept_untitled_skipped():
    keys = CallbackKeys()
    keyboard = inline_keyboard(
        [
            {"title": "Wie kan ik bellen?", "payload": "/ask_who_to_call"},
            {"title": "Site", "url": "https://helpwanted.nl"},
            {"title": "", "payload": "/deny"},
        ],
        keys,
    )
    assert keyboard == {
        "inline_keyboard": [
            [{"text": "Wie kan ik bellen?", "callback_data": "/ask_who_to_call"}],
            [{"text": "Site", "url": "https://helpwanted.nl"}],
        ]
    }
    assert inline_keyboard([], keys) is None


def test_long_payload_travels_as_a_short_key_and_comes_back():
    keys = CallbackKeys()
    payload = '/inform_role{"role": "provincial_council_member", "note": "ëëëëëëëëëëëëëë"}'
    assert len(payload.encode()) > 64
    data = keys.data_for(payload)
    assert len(data.encode()) <= 64 and data.startswith("k:")
    assert keys.payload_for(data) == payload
    assert keys.data_for("/affirm") == "/affirm" and keys.payload_for("/affirm") == "/affirm"
    assert keys.payload_for("k:unknown") is None
    assert keys.payload_for(keys.data_for("k:short")) == "k:short"  # no clash with the prefix


def test_callback_keys_forget_the_oldest_beyond_capacity():
    keys = CallbackKeys(MemoryState(capacity=2))
    datas = [keys.data_for("/x" + "y" * 70 + str(n)) for n in range(3)]
    assert keys.payload_for(datas[0]) is None and keys.payload_for(datas[2]) is not None


# --- commands --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, payload",
    [
        ("/start", "/greet"),
        ("/help", "/what_can_you_do"),
        ("/stop", "/forget_conversation"),
        ("/oefenen", "/start_rehearsal"),
        ("/start@WeerbaarBot", "/greet"),
        ("/START", "/greet"),
        ("/start deeplink-param", "/greet"),
        (" /help@weerbaar_bot ", "/what_can_you_do"),
        ("/next_step", "/next_step"),
        ("hallo", "hallo"),
        ("/", "/"),
        ("stop", "stop"),
    ],
)
def test_commands_map_to_the_agreed_payloads(text, payload):
    assert command_payload(text) == payload


def test_the_command_contract_between_branches():
    assert COMMANDS == {
        "start": "/greet",
        "help": "/what_can_you_do",
        "stop": "/forget_conversation",
        "oefenen": "/start_rehearsal",
    }


# --- reading updates -------------------------------------------------------------------------


def message(chat_type="private", chat_id=1001, **fields):
    return {"message_id": 5, "date": 0, "chat": {"id": chat_id, "type": chat_type}, **fields}


@pytest.mark.parametrize(
    "update, expected",
    [
        ({"update_id": 1, "message": message(text="hallo")}, Incoming("text", 1001, "hallo")),
        (
            {"update_id": 1, "message": message("group", -5, text="/start@bot")},
            Incoming("group", -5),
        ),
        (
            {"update_id": 1, "message": message("supergroup", -100, text="hoi")},
            Incoming("group", -100),
        ),
        (
            {"update_id": 1, "channel_post": message("channel", -7, text="hoi")},
            Incoming("group", -7),
        ),
        (
            {"update_id": 1, "message": message(photo=[{"file_id": "f"}], caption="kijk")},
            Incoming("non_text", 1001),
        ),
        (
            {"update_id": 1, "message": message(sticker={"file_id": "s"})},
            Incoming("non_text", 1001),
        ),
        (
            {"update_id": 1, "message": message(location={"latitude": 1, "longitude": 2})},
            Incoming("non_text", 1001),
        ),
        ({"update_id": 1, "edited_message": message(text="anders")}, Incoming("edited", 1001)),
        (
            {
                "update_id": 1,
                "callback_query": {"id": "cb1", "data": "/affirm", "message": message()},
            },
            Incoming("button", 1001, "/affirm", "cb1"),
        ),
        (
            {
                "update_id": 1,
                "callback_query": {"id": "cb2", "data": "/affirm", "message": message("group", -5)},
            },
            Incoming("group", -5, callback_id="cb2"),
        ),
        (
            {"update_id": 1, "callback_query": {"id": "cb3", "data": "x"}},
            Incoming("ignore", callback_id="cb3"),
        ),
        (
            {"update_id": 1, "message": {"chat": {"id": "1", "type": "private"}, "text": "x"}},
            Incoming("ignore"),
        ),
        ({"update_id": 1, "message": {"text": "no chat"}}, Incoming("ignore")),
        ({"update_id": 1, "my_chat_member": {}}, Incoming("ignore")),
        (["not", "an", "object"], Incoming("ignore")),
    ],
)
def test_updates_are_read_as_what_they_ask(update, expected):
    assert parse_update(update) == expected


# --- the webhook's decisions -----------------------------------------------------------------


class Recorder:
    def __init__(self, fail=False):
        self.messages, self.fail = [], fail

    async def __call__(self, message):
        self.messages.append(message)
        if self.fail:
            raise RuntimeError("model broke on: secret text")
        await message.output_channel.send_response(message.sender_id, {"text": "antwoord"})


def channel():
    bot = TelegramInput("token", SECRET)
    bot.api = FakeTelegramApi()
    return bot


def post(bot, update, secret=SECRET, recorder=None):
    recorder = recorder or Recorder()
    status = asyncio.run(bot.handle(secret, json.dumps(update).encode(), recorder))
    return status, recorder


def test_unconfigured_channel_starts_and_answers_503(monkeypatch):
    for name in ("TELEGRAM_BOT_TOKEN", "TELEGRAM_WEBHOOK_SECRET", "TELEGRAM_API_BASE_URL"):
        monkeypatch.delenv(name, raising=False)
    bot = TelegramInput.from_credentials(None)
    assert bot.api is None and bot.blueprint(Recorder()) is not None
    status, recorder = post(bot, {"update_id": 1, "message": message(text="hallo")})
    assert status == 503 and recorder.messages == []


@pytest.mark.parametrize("secret", [None, "", "wrong", SECRET + "x", SECRET.upper()])
def test_wrong_or_missing_secret_is_403_and_nothing_happens(secret, caplog):
    bot = channel()
    status, recorder = post(bot, {"update_id": 1, "message": message(text="geheim adres")}, secret)
    assert status == 403 and recorder.messages == [] and bot.api.calls == []
    assert "geheim adres" not in caplog.text


def test_text_goes_to_rasa_under_a_keyed_conversation_id_with_commands_mapped():
    bot = channel()
    status, recorder = post(
        bot, {"update_id": 1, "message": message(chat_id=555123, text="/help@bot")}
    )
    (sent,) = recorder.messages
    assert status == 200 and sent.text == "/what_can_you_do" and sent.input_channel == "telegram"
    assert sent.sender_id == sender_id_for(555123, SECRET) and "555123" not in sent.sender_id
    assert bot.api.sent() == [{"chat_id": 555123, "text": "antwoord"}]


def test_sender_ids_are_stable_per_person_and_differ_between_people():
    assert sender_id_for(1, SECRET) == sender_id_for(1, SECRET) != sender_id_for(2, SECRET)
    assert sender_id_for(1, SECRET) != sender_id_for(1, "other-secret")


def test_button_press_is_answered_and_handled_as_its_payload():
    bot = channel()
    update = {
        "update_id": 2,
        "callback_query": {"id": "cb9", "data": "/affirm", "message": message()},
    }
    status, recorder = post(bot, update)
    assert bot.api.calls[0] == ("answerCallbackQuery", {"callback_query_id": "cb9"})
    assert [m.text for m in recorder.messages] == ["/affirm"]


def test_expired_long_button_is_answered_with_a_notice_and_not_handled():
    bot = channel()
    update = {
        "update_id": 2,
        "callback_query": {"id": "cb9", "data": "k:gone", "message": message()},
    }
    status, recorder = post(bot, update)
    assert status == 200 and recorder.messages == []
    assert bot.api.calls == [
        (
            "answerCallbackQuery",
            {"callback_query_id": "cb9", "text": load_texts()["button_expired"]},
        )
    ]


def test_group_gets_one_refusal_per_chat_and_nothing_is_handled():
    bot = channel()
    for chat_id in (-5, -5, -6):
        status, recorder = post(
            bot, {"update_id": 3, "message": message("group", chat_id, text="hoi")}
        )
        assert status == 200 and recorder.messages == []
    texts = load_texts()
    assert bot.api.sent() == [
        {"chat_id": -5, "text": texts["private_only"]},
        {"chat_id": -6, "text": texts["private_only"]},
    ]


@pytest.mark.parametrize(
    "update, key",
    [
        ({"update_id": 4, "message": message(voice={"file_id": "v"})}, "text_only"),
        ({"update_id": 4, "edited_message": message(text="toch anders")}, "edited"),
    ],
)
def test_non_text_and_edits_get_a_kind_notice(update, key):
    bot = channel()
    status, recorder = post(bot, update)
    assert recorder.messages == [] and bot.api.sent() == [
        {"chat_id": 1001, "text": load_texts()[key]}
    ]


def test_a_failure_is_logged_without_content_and_the_user_is_told(caplog):
    bot = channel()
    status, _ = post(
        bot, {"update_id": 5, "message": message(text="hallo")}, recorder=Recorder(fail=True)
    )
    assert status == 200 and bot.api.sent() == [{"chat_id": 1001, "text": load_texts()["error"]}]
    assert "RuntimeError" in caplog.text and "secret text" not in caplog.text


def test_body_that_is_not_json_is_400():
    bot = channel()
    assert asyncio.run(bot.handle(SECRET, b"{not json", Recorder())) == 400


def test_channel_texts_need_source_and_checked(tmp_path):
    texts = load_texts()
    assert set(texts) >= telegram.TEXT_KEYS and all(texts.values())
    broken = tmp_path / "channels.yml"
    broken.write_text(
        "telegram:\n"
        + "".join(
            f"  {k}: {{text: x, source: y, checked: z}}\n" for k in telegram.TEXT_KEYS - {"error"}
        )
        + "  error: {text: x}\n"
    )
    with pytest.raises(ValueError, match="telegram.error"):
        load_texts(broken)
