"""The pure parts of the Telegram connector: reading updates, commands, buttons, long texts.

No network and no Rasa here (the button keys' store is passed in), so every rule is unit-tested
on its own (tests/unit/test_telegram.py).
Replies go out as plain text without parse_mode: nothing the bot or a user writes can turn into
markup, so there is nothing to escape and nothing to get wrong.
"""

import re
from dataclasses import dataclass
from typing import Any

from channels.shared_state import MemoryState, RedisState, hashed

MAX_MESSAGE = 4096  # Telegram's limit for one message, in UTF-16 code units
MAX_CALLBACK_DATA = 64  # Telegram's limit for callback_data, in bytes

# Telegram commands → the payloads the conversation understands (the contract between branches).
COMMANDS = {
    "start": "/greet",
    "help": "/what_can_you_do",
    "stop": "/forget_conversation",
    "oefenen": "/start_rehearsal",
}


@dataclass(frozen=True)
class Incoming:
    """What one update asks of the connector.

    kind: "text" (a message to the bot), "button" (a pressed inline button), "group" (anything
    from a chat that is not private), "non_text" (photo, sticker, voice, ...), "edited" (an edited
    message) or "ignore" (nothing to answer).
    """

    kind: str
    chat_id: int | None = None
    text: str | None = None
    callback_id: str | None = None


_MESSAGE_KEYS = {
    "message": None,
    "edited_message": "edited",
    "channel_post": None,
    "edited_channel_post": "edited",
}


def parse_update(update: Any) -> Incoming:
    if not isinstance(update, dict):
        return Incoming("ignore")
    query = update.get("callback_query")
    if isinstance(query, dict):
        message = query.get("message")
        chat = _chat(message.get("chat") if isinstance(message, dict) else None)
        callback_id = query.get("id") if isinstance(query.get("id"), str) else None
        data = query.get("data") if isinstance(query.get("data"), str) else None
        if chat is None:
            return Incoming("ignore", callback_id=callback_id)
        chat_id, private = chat
        if not private:
            return Incoming("group", chat_id, callback_id=callback_id)
        return Incoming("button" if data else "ignore", chat_id, data, callback_id)
    for key, kind in _MESSAGE_KEYS.items():
        message = update.get(key)
        if not isinstance(message, dict):
            continue
        chat = _chat(message.get("chat"))
        if chat is None:
            return Incoming("ignore")
        chat_id, private = chat
        if not private:
            return Incoming("group", chat_id)
        if kind:
            return Incoming(kind, chat_id)
        text = message.get("text")
        return (
            Incoming("text", chat_id, text)
            if isinstance(text, str) and text.strip()
            else Incoming("non_text", chat_id)
        )
    return Incoming("ignore")


def _chat(chat: Any) -> tuple | None:
    """(id, is_private) of a chat object, or None when it is malformed."""
    if (
        not isinstance(chat, dict)
        or not isinstance(chat.get("id"), int)
        or isinstance(chat.get("id"), bool)
    ):
        return None
    return chat["id"], chat.get("type") == "private"


def command_payload(text: str) -> str:
    """`/start`, `/help@WeerbaarBot`, `/start abc` → the mapped payload; other text unchanged."""
    stripped = text.strip()
    if not stripped.startswith("/"):
        return text
    command = stripped[1:].split(maxsplit=1)[0] if len(stripped) > 1 else ""
    return COMMANDS.get(command.split("@", 1)[0].lower(), text)


class CallbackKeys:
    """Button payloads travel as callback_data; those over 64 bytes go as a short key instead.

    The key is a hash of the payload, remembered in `state` for KEEP_SECONDS: this process's
    memory (the newest 10000), or Redis shared by every instance (channels/shared_state.py).
    When a key is no longer known (a restart without Redis), the user is told the button expired.
    """

    PREFIX = "k:"
    KEEP_SECONDS = 30 * 86400  # as long as a conversation is kept (RETENTION_DAYS default)

    def __init__(self, state: MemoryState | RedisState | None = None) -> None:
        self.state = state or MemoryState()

    def data_for(self, payload: str) -> str:
        if len(payload.encode("utf-8")) <= MAX_CALLBACK_DATA and not payload.startswith(
            self.PREFIX
        ):
            return payload
        key = self.PREFIX + hashed(payload)
        self.state.remember("telegram-key:" + key, payload, self.KEEP_SECONDS)
        return key

    def payload_for(self, data: str) -> str | None:
        if not data.startswith(self.PREFIX):
            return data
        return self.state.recall("telegram-key:" + data)


def inline_keyboard(buttons: list[dict[str, Any]], keys: CallbackKeys) -> dict[str, Any] | None:
    """Rasa buttons → an inline keyboard, one button per row (the titles are whole phrases)."""
    rows = []
    for button in buttons:
        title = str(button.get("title") or "").strip()
        if title and button.get("url"):
            rows.append([{"text": title, "url": str(button["url"])}])
        elif title and button.get("payload"):
            rows.append([{"text": title, "callback_data": keys.data_for(str(button["payload"]))}])
    return {"inline_keyboard": rows} if rows else None


def utf16_length(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def split_text(text: str, limit: int = MAX_MESSAGE) -> list[str]:
    """Cut a text into messages of at most `limit`: at paragraphs, else lines, else spaces."""
    return _split(text.strip(), limit, ["\n\n", "\n", " ", ""])


def _split(text: str, limit: int, separators: list[str]) -> list[str]:
    if utf16_length(text) <= limit:
        return [text] if text else []
    separator, finer = separators[0], separators[1:]
    if separator == "\n\n":
        parts = [p.strip() for p in re.split(r"\n[ \t]*\n", text)]
    else:
        parts = text.split(separator) if separator else list(text)
    pieces = [piece for part in parts if part for piece in _split(part, limit, finer)]
    return _pack(pieces, separator, limit)


def _pack(pieces: list[str], separator: str, limit: int) -> list[str]:
    """Join neighbouring pieces as long as the result stays within the limit."""
    chunks: list[str] = []
    for piece in pieces:
        if chunks and utf16_length(chunks[-1] + separator + piece) <= limit:
            chunks[-1] += separator + piece
        else:
            chunks.append(piece)
    return chunks
