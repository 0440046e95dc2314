"""Helpers for the reliability tests: raw HTTP posts and direct looks into the SQLite store."""

import json
import sqlite3
import urllib.error
import urllib.request

from tests.e2e.conftest import RASA

WEBHOOK = f"{RASA}/webhooks/rest/webhook"
ADDRESS = "Vogelzangweg 17 in Zandhoven"  # made up; must never show up in the logs


def post_raw(body: bytes, timeout: float = 60) -> tuple[int, object]:
    request = urllib.request.Request(
        WEBHOOK, data=body, method="POST", headers={"Content-Type": "application/json"}
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read() or b"null")


def texts(replies) -> str:
    return "\n".join(r.get("text") or "" for r in replies)


def rows(db_url: str, sender: str) -> list[tuple[str, str]]:
    """The stored events of one conversation, read straight from the SQLite file."""
    path = db_url.split("sqlite:///", 1)[1]
    with sqlite3.connect(path) as connection:
        return connection.execute(
            "SELECT type_name, data FROM events WHERE sender_id = ?", (sender,)
        ).fetchall()


def user_texts(tracker: dict) -> list[str]:
    return [e.get("text") for e in tracker["events"] if e["event"] == "user"]


def is_reply_list(replies: object) -> bool:
    return isinstance(replies, list) and all(
        isinstance(r, dict)
        and isinstance(r.get("recipient_id"), str)
        and (isinstance(r.get("text"), str) or "buttons" in r or "custom" in r or "image" in r)
        for r in replies
    )
