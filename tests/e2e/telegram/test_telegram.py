"""Telegram end to end: real-shaped updates into the real Rasa server's webhook, and what the
connector then sent to the (fake) Telegram Bot API."""

import json
import os
import subprocess
import sys
import urllib.request

from channels.telegram import load_texts
from tests.conftest import content
from tests.e2e.conftest import RASA, ROOT
from tests.e2e.telegram.conftest import WEBHOOK, message

TEXTS = load_texts()


def sent(calls, chat_id=None):
    return [p for m, p in calls if m == "sendMessage" and chat_id in (None, p["chat_id"])]


def callback_data(params):
    return [
        b.get("callback_data")
        for row in params.get("reply_markup", {}).get("inline_keyboard", [])
        for b in row
    ]


def rest_texts(bot, sender, *messages):
    """What the REST channel answers to the same messages: the Telegram replies must match."""
    replies = []
    for text in messages:
        replies = bot.say(sender, text)
    return [r["text"] for r in replies if r.get("text")]


def test_webhook_is_configured_and_other_channels_do_not_need_it(bot):
    with urllib.request.urlopen(f"{RASA}/webhooks/telegram/", timeout=10) as response:
        assert json.loads(response.read()) == {"status": "ok", "configured": True}
    assert bot.say("tg-rest-still-works", "hallo")


def test_start_greets_in_plain_text_with_an_inline_keyboard(bot, telegram):
    assert telegram.send(710001, "/start") == 200
    messages = sent(telegram.api.take())
    assert [m["text"] for m in messages] == rest_texts(bot, "tg-compare-start", "/greet")
    assert all(m["chat_id"] == 710001 and "parse_mode" not in m for m in messages)
    assert "/report_incident" in callback_data(messages[-1])
    assert "chatbot, niet de politie" in messages[0]["text"]


def test_button_press_is_answered_then_continues_as_the_typed_payload(bot, telegram):
    chat = 710002
    telegram.send(chat, "/start")
    telegram.api.take()
    assert telegram.press(chat, "/report_online_threat", "cbq-1") == 200
    calls = telegram.api.take()
    assert calls[0] == ("answerCallbackQuery", {"callback_query_id": "cbq-1"})
    replies = [m["text"] for m in sent(calls, chat)]
    expected = rest_texts(bot, "tg-compare-press", "/greet", "/report_online_threat")
    assert len(replies) >= 2 and replies == expected  # several messages, in the bot's order
    assert bot.tracker(telegram.sender(chat))["slots"]["incident_type"] == "online_threat"


def test_typed_report_is_understood_and_nothing_personal_reaches_the_logs(bot, telegram):
    chat = 719283746
    text = "Ik krijg doodsbedreigingen via Instagram van een onbekende met de naam Pietje Puk"
    assert telegram.send(chat, text) == 200
    replies = "\n".join(m["text"] for m in sent(telegram.api.take(), chat))
    assert content("acknowledge.self") in replies and "Ben je nu in gevaar?" in replies
    logs = bot.log_text()
    assert "Pietje Puk" not in logs and str(chat) not in logs


def test_help_stop_and_oefenen_commands_do_what_they_say(bot, telegram):
    chat = 710003
    telegram.send(chat, "/help@WeerbaarBestuurBot")
    help_texts = [m["text"] for m in sent(telegram.api.take(), chat)]
    assert help_texts == rest_texts(bot, "tg-compare-help", "/what_can_you_do")
    assert telegram.send(chat, "/oefenen") == 200
    assert any("oefening, geen echte melding" in m["text"] for m in sent(telegram.api.take(), chat))
    assert telegram.send(chat, "/stop") == 200
    assert any("Ik heb dit gesprek gewist" in m["text"] for m in sent(telegram.api.take(), chat))
    events = bot.tracker(telegram.sender(chat))["events"] or []
    assert not any(e["event"] == "user" for e in events)  # the practice turn is gone too


def test_forged_or_missing_secret_is_403_and_nothing_is_sent(bot, telegram):
    for secret in ("raden-maar", None, ""):
        update = {"message": message(710004, text="hallo")}
        assert telegram.post(update, secret=secret) == 403
    assert telegram.api.take() == []
    events = bot.tracker(telegram.sender(710004))["events"] or []
    assert not any(e["event"] == "user" for e in events)


def test_group_chat_gets_one_polite_refusal_and_no_conversation(bot, telegram):
    for text in ("/start@WeerbaarBestuurBot", "hallo bot"):
        assert telegram.send(-100555, text, chat_type="supergroup") == 200
    assert sent(telegram.api.take()) == [{"chat_id": -100555, "text": TEXTS["private_only"]}]
    events = bot.tracker(telegram.sender(-100555))["events"] or []
    assert not any(e["event"] == "user" for e in events)


def test_photo_sticker_and_edit_get_a_kind_reply(telegram):
    chat = 710005
    telegram.post(
        {
            "message": message(
                chat,
                caption="screenshot van de bedreiging",
                photo=[{"file_id": "p1", "file_unique_id": "u1", "width": 1, "height": 1}],
            )
        }
    )
    telegram.post({"message": message(chat, sticker={"file_id": "s1", "file_unique_id": "u2"})})
    telegram.post({"edited_message": message(chat, text="toch iets anders", edit_date=1767225700)})
    texts = [m["text"] for m in sent(telegram.api.take(), chat)]
    assert texts == [TEXTS["text_only"], TEXTS["text_only"], TEXTS["edited"]]
    assert "screenshots" in texts[0] and "Stuur ze niet" in texts[0]


def test_not_json_is_refused(telegram):
    request = urllib.request.Request(
        WEBHOOK,
        data=b"{kapot",
        method="POST",
        headers={"X-Telegram-Bot-Api-Secret-Token": os.environ["TELEGRAM_WEBHOOK_SECRET"]},
    )
    try:
        urllib.request.urlopen(request, timeout=10)
        raise AssertionError("accepted a body that is not JSON")
    except urllib.error.HTTPError as error:
        assert error.code == 400
    assert telegram.api.take() == []


def run_webhook_script(*args, **env):
    environment = {k: v for k, v in os.environ.items() if not k.startswith("TELEGRAM_WEBHOOK_URL")}
    environment.update(env)
    return subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "telegram_webhook.py"), *args],
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_webhook_script_sets_the_webhook_with_the_secret_and_shows_it(fake_api):
    fake_api.take()
    url = "https://bot.example.org/webhooks/telegram/webhook"
    result = run_webhook_script("set", TELEGRAM_WEBHOOK_URL=url)
    assert result.returncode == 0, result.stderr
    assert fake_api.take() == [
        (
            "setWebhook",
            {
                "url": url,
                "secret_token": os.environ["TELEGRAM_WEBHOOK_SECRET"],
                "allowed_updates": ["message", "callback_query", "edited_message"],
                "drop_pending_updates": True,
            },
        )
    ]
    info = run_webhook_script("info")
    assert info.returncode == 0 and f"url: {url}" in info.stdout
    assert os.environ["TELEGRAM_BOT_TOKEN"] not in info.stdout + result.stdout + result.stderr
    assert run_webhook_script("delete").returncode == 0
    assert [m for m, _ in fake_api.take()] == ["getWebhookInfo", "deleteWebhook"]


def test_webhook_script_refuses_without_settings_or_with_a_bad_secret(fake_api):
    fake_api.take()
    missing = run_webhook_script("set")
    assert missing.returncode != 0 and "TELEGRAM_WEBHOOK_URL" in missing.stderr
    bad = run_webhook_script(
        "set", TELEGRAM_WEBHOOK_URL="https://x.example/w", TELEGRAM_WEBHOOK_SECRET="geen spaties!"
    )
    assert bad.returncode != 0 and fake_api.take() == []
