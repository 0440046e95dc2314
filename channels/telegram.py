"""The project's own Telegram connector: a Rasa input channel behind Telegram's webhook.

Why not Rasa's built-in one: it does not check the webhook secret, sets the webhook at start-up
(and crashes there), gives a group one shared conversation, and re-raises errors (debug mode).

Configured from the environment (never from a file in git):
  TELEGRAM_BOT_TOKEN       the token from BotFather
  TELEGRAM_WEBHOOK_SECRET  the secret Telegram sends in X-Telegram-Bot-Api-Secret-Token
  TELEGRAM_API_BASE_URL    optional, e.g. a self-hosted telegram-bot-api (default api.telegram.org)
Without token or secret Rasa starts as usual and the webhook answers 503 (not configured).
The webhook itself is set with `make telegram-webhook`, not here.
"""

import hashlib
import hmac
import json
import logging
import os
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import yaml
from rasa.core.channels.channel import InputChannel, OutputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from channels import shared_state
from channels.guarded import GuardedHandler
from channels.shared_state import hashed
from channels.telegram_api import DEFAULT_BASE_URL, BotApi
from channels.telegram_messages import (
    CallbackKeys,
    Incoming,
    command_payload,
    inline_keyboard,
    parse_update,
    split_text,
)

logger = logging.getLogger(__name__)

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
TEXTS_FILE = Path(__file__).resolve().parent.parent / "knowledge" / "channels.yml"
TEXT_KEYS = {"private_only", "text_only", "edited", "button_expired", "error"}
REASONS = {400: "not JSON", 403: "wrong secret token", 503: "telegram not configured"}
NOTICES = {"non_text": "text_only", "edited": "edited"}  # update kind → the reply it gets
GROUP_MEMORY = 365 * 86400  # seconds a group chat is remembered as told


def load_texts(path: Path = TEXTS_FILE) -> dict[str, str]:
    """The connector's own replies (knowledge/channels.yml); fails loudly when one is incomplete."""
    entries = yaml.safe_load(path.read_text(encoding="utf-8"))["telegram"]
    missing = TEXT_KEYS - set(entries)
    if missing:
        raise ValueError(f"{path.name}: telegram needs {sorted(missing)}")
    for key, entry in entries.items():
        if not all(entry.get(field) for field in ("text", "source", "checked")):
            raise ValueError(f"{path.name}: telegram.{key} needs text, source and checked")
    return {key: entry["text"].strip() for key, entry in entries.items()}


def sender_id_for(chat_id: int, secret: str) -> str:
    """One conversation per person, under a keyed hash of the chat id: the tracker store and the
    logs never hold the Telegram account id, and nobody can post into this conversation over
    another channel by guessing it."""
    digest = hmac.new(secret.encode(), str(chat_id).encode(), hashlib.sha256).hexdigest()
    return f"telegram-{digest[:32]}"


class TelegramOutput(OutputChannel):
    """Sends the bot's replies to one private chat, as plain text with inline keyboards."""

    @classmethod
    def name(cls) -> str:
        return "telegram"

    def __init__(self, api: BotApi, chat_id: int, keys: CallbackKeys) -> None:
        self.api, self.chat_id, self.keys = api, chat_id, keys

    async def send_text_message(self, recipient_id: str, text: str, **kwargs: Any) -> None:
        await self.send(text)

    async def send_text_with_buttons(
        self, recipient_id: str, text: str, buttons: list[dict[str, Any]], **kwargs: Any
    ) -> None:
        await self.send(text, inline_keyboard(buttons, self.keys))

    async def send_custom_json(
        self, recipient_id: str, json_message: dict[str, Any], **kwargs: Any
    ) -> None:
        logger.info("telegram: custom payload not supported, skipped")

    async def send(self, text: str, keyboard: dict[str, Any] | None = None) -> None:
        chunks = split_text(text or "")
        for number, chunk in enumerate(chunks, start=1):
            params: dict[str, Any] = {"chat_id": self.chat_id, "text": chunk}
            if keyboard and number == len(chunks):  # the buttons belong under the last part
                params["reply_markup"] = keyboard
            await self.api.call("sendMessage", **params)


class TelegramInput(InputChannel):
    @classmethod
    def name(cls) -> str:
        return "telegram"

    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> InputChannel:
        return cls(
            os.environ.get("TELEGRAM_BOT_TOKEN", "").strip(),
            os.environ.get("TELEGRAM_WEBHOOK_SECRET", "").strip(),
            os.environ.get("TELEGRAM_API_BASE_URL", "").strip() or DEFAULT_BASE_URL,
        )

    def __init__(self, token: str, secret: str, base_url: str = DEFAULT_BASE_URL) -> None:
        self.secret = secret
        self.api = BotApi(token, base_url) if token and secret else None
        self.state = shared_state.from_environment()
        self.keys = CallbackKeys(self.state)
        self.texts = load_texts()
        if self.api is None:
            logger.info(
                "telegram: not configured (TELEGRAM_BOT_TOKEN/TELEGRAM_WEBHOOK_SECRET unset)"
            )

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        webhook = Blueprint("weerbaar_telegram", __name__)
        guarded = GuardedHandler(on_new_message)  # the same input guard as every channel
        guarded.attach(webhook)

        @webhook.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok", "configured": self.api is not None})

        @webhook.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            status = await self.handle(request.headers.get(SECRET_HEADER), request.body, guarded)
            return response.json({"ok": status == 200, "error": REASONS.get(status)}, status=status)

        @webhook.listener("after_server_stop")
        async def close(*_: Any) -> None:
            if self.api is not None:
                await self.api.close()

        return webhook

    async def handle(
        self,
        secret: str | None,
        body: bytes,
        on_new_message: Callable[[UserMessage], Awaitable[Any]],
    ) -> int:
        """Checks and answers one update; returns the HTTP status for Telegram."""
        if self.api is None:
            return 503
        if not hmac.compare_digest((secret or "").encode(), self.secret.encode()):
            logger.warning("telegram: update rejected: wrong or missing secret token")
            return 403
        try:
            update = json.loads(body or b"")
        except ValueError:
            logger.warning("telegram: update rejected: not JSON")
            return 400
        await self.answer(parse_update(update), on_new_message)
        return 200  # also after our own failure: Telegram would only resend the same update

    async def answer(
        self, incoming: Incoming, on_new_message: Callable[[UserMessage], Awaitable[Any]]
    ) -> None:
        text = incoming.text
        if incoming.kind == "button":  # a long payload came as a short key
            text = self.keys.payload_for(text or "")
        if incoming.callback_id:  # stops the button's spinner, before the (slower) reply
            expired = incoming.kind == "button" and text is None
            notice = {"text": self.texts["button_expired"]} if expired else {}
            await self.api.call(
                "answerCallbackQuery", callback_query_id=incoming.callback_id, **notice
            )
        if incoming.kind == "group":
            # each group is told once (per instance without Redis: a repeat would do no harm)
            if self.state.first_time(
                f"telegram-group:{hashed(str(incoming.chat_id))}", GROUP_MEMORY
            ):
                await self.reply(incoming.chat_id, "private_only")
        elif incoming.kind in NOTICES:
            await self.reply(incoming.chat_id, NOTICES[incoming.kind])
        elif incoming.kind in ("text", "button") and text is not None:
            await self.converse(incoming.chat_id, command_payload(text), on_new_message)

    async def converse(
        self, chat_id: int, text: str, on_new_message: Callable[[UserMessage], Awaitable[Any]]
    ) -> None:
        output = TelegramOutput(self.api, chat_id, self.keys)
        message = UserMessage(
            text, output, sender_id_for(chat_id, self.secret), input_channel=self.name()
        )
        try:
            await on_new_message(message)
        except Exception as error:  # noqa: BLE001 — no debug mode: log the kind, tell the user
            logger.error("telegram: handling an update failed: %s", type(error).__name__)
            await self.reply(chat_id, "error")

    async def reply(self, chat_id: int, key: str) -> None:
        await TelegramOutput(self.api, chat_id, self.keys).send(self.texts[key])
