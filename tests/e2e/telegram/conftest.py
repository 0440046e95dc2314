"""The fake Bot API the real Rasa server's Telegram channel talks to, and a Telegram client."""

import itertools
import json
import os
import urllib.error
import urllib.request

import pytest

from channels.telegram import sender_id_for
from tests.e2e.conftest import RASA, TELEGRAM_FAKE_API
from tests.e2e.telegram.fake_bot_api import FakeBotApi

WEBHOOK = f"{RASA}/webhooks/telegram/webhook"
SECRET = os.environ["TELEGRAM_WEBHOOK_SECRET"]  # set by tests/e2e/conftest.py
_update_ids = itertools.count(1000)


class Telegram:
    """Posts real-shaped updates to the webhook, as Telegram does."""

    def __init__(self, api: FakeBotApi) -> None:
        self.api = api

    def post(self, update: dict, secret: str | None = SECRET) -> int:
        headers = {"Content-Type": "application/json"}
        if secret is not None:
            headers["X-Telegram-Bot-Api-Secret-Token"] = secret
        body = json.dumps({"update_id": next(_update_ids), **update}).encode()
        request = urllib.request.Request(WEBHOOK, data=body, headers=headers, method="POST")
        try:
            with urllib.request.urlopen(request, timeout=60) as response:
                return response.status
        except urllib.error.HTTPError as error:
            return error.code

    def send(self, chat_id: int, text: str, chat_type: str = "private", **extra) -> int:
        return self.post({"message": message(chat_id, chat_type, text=text, **extra)})

    def press(self, chat_id: int, data: str, query_id: str) -> int:
        return self.post(
            {
                "callback_query": {
                    "id": query_id,
                    "chat_instance": "ci",
                    "data": data,
                    "from": {"id": chat_id, "is_bot": False, "first_name": "Test"},
                    "message": message(chat_id, "private", text="(bot message)"),
                }
            }
        )

    @staticmethod
    def sender(chat_id: int) -> str:
        return sender_id_for(chat_id, SECRET)


def message(chat_id: int, chat_type: str = "private", **fields) -> dict:
    chat = {"id": chat_id, "type": chat_type}
    chat.update({"first_name": "Test"} if chat_type == "private" else {"title": "Fractie"})
    return {
        "message_id": 1,
        "date": 1767225600,
        "chat": chat,
        "from": {"id": abs(chat_id), "is_bot": False, "first_name": "Test"},
        **fields,
    }


@pytest.fixture(scope="session")
def fake_api():
    api = FakeBotApi(TELEGRAM_FAKE_API, os.environ["TELEGRAM_BOT_TOKEN"]).start()
    yield api
    api.stop()


@pytest.fixture
def telegram(bot, fake_api):
    fake_api.take()  # each test reads only its own calls
    return Telegram(fake_api)
