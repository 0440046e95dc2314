"""Rasa's REST channel (same path, /webhooks/rest/webhook) behind the input guard.

Differences from rasa.core.channels.rest.RestInput, and why: the body is read as UTF-8 with
replacement, so binary or invalid UTF-8 gets a kind reply instead of an error; a body that is not
a JSON object, or has no usable sender, is a 400 instead of a 500 or the shared "default"
conversation; errors are logged without the message text (Rasa's own channel logs it).
"""

import json
from collections.abc import Awaitable, Callable
from typing import Any

from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
from rasa.core.channels.rest import RestInput
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from channels import input_guard
from channels.guarded import GuardedHandler

MAX_SENDER_CHARS = 128


def parse_body(body: bytes) -> dict[str, Any] | None:
    """The request as a dict, or None when it is not a JSON object with a usable sender."""
    try:
        data = json.loads(input_guard.decode(body), strict=False)  # raw control characters too
    except ValueError:
        return None
    if not isinstance(data, dict):
        return None
    sender = data.get("sender")
    if not isinstance(sender, str) or not sender.strip() or len(sender) > MAX_SENDER_CHARS:
        return None
    return data


class GuardedRestInput(RestInput):
    @classmethod
    def name(cls) -> str:
        return "rest"  # keeps the path /webhooks/rest/webhook

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        handler = GuardedHandler(on_new_message)
        webhook = Blueprint("guarded_rest_webhook", __name__)
        handler.attach(webhook)

        @webhook.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @webhook.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            data = parse_body(request.body)
            if data is None:
                return response.json({"error": "expected a JSON object with a sender"}, status=400)
            metadata = data.get("metadata")
            collector = CollectingOutputChannel()
            message = UserMessage(
                None,
                collector,
                data["sender"],
                input_channel=self.name(),
                metadata=metadata if isinstance(metadata, dict) else None,
            )
            message.text = data.get(
                "message"
            )  # set afterwards: UserMessage strips, the guard checks
            await handler(message)
            return response.json(collector.messages)

        return webhook
