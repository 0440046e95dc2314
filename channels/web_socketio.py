"""Rasa's socket.io channel, fixed for python-socketio 5.10+ and limited to the site's origin.

1. Rasa 3.6.21 calls `sio.enter_room(...)` without `await` in its `session_request` handler
   (RasaHQ/rasa#13027). Since python-socketio 5.10 that method is a coroutine, so the browser
   never joins the room of its session id and never receives a reply. We register the same
   handler again, with the `await`.
2. Rasa's `send_custom_json` passes a payload's keys as keyword arguments to `sio.emit`, so a
   custom payload such as {"report": ...} raises a TypeError. WebSocketIOOutput sends it like any
   other bot message, as {"custom": payload} (the widget shows the report card from it).
3. Rasa's `--cors` covers HTTP polling only; a browser's WebSocket is not bound by CORS, and Rasa
   turns off the socket.io origin check. When SITE_ORIGIN is set, a browser connection from any
   other origin is refused. (Clients that send no Origin, which are not browsers, still connect.)
"""

import logging
import os
import uuid
from collections.abc import Awaitable, Callable
from typing import Any

from rasa.core.channels.channel import UserMessage
from rasa.core.channels.socketio import SocketIOInput, SocketIOOutput
from sanic import Blueprint

from channels.guarded import GuardedHandler

logger = logging.getLogger(__name__)


class WebSocketIOOutput(SocketIOOutput):
    async def send_custom_json(
        self, recipient_id: str, json_message: dict[str, Any], **kwargs: Any
    ) -> None:
        await self._send_message(recipient_id, {"custom": json_message})


class WebSocketIOInput(SocketIOInput):
    """credentials.yml: `channels.web_socketio.WebSocketIOInput:` with the socketio settings."""

    def get_output_channel(self) -> WebSocketIOOutput | None:
        rasa_output = super().get_output_channel()
        return rasa_output and WebSocketIOOutput(self.sio, self.bot_message_evt)

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        guarded = GuardedHandler(on_new_message)  # the same input guard as every channel

        async def with_our_output(message: UserMessage) -> None:
            message.output_channel = WebSocketIOOutput(self.sio, self.bot_message_evt)
            await guarded(message)

        blueprint = super().blueprint(with_our_output)
        guarded.attach(blueprint)
        sio = self.sio

        async def session_request(sid: str, data: dict | None) -> None:
            data = data if isinstance(data, dict) else {}
            if not data.get("session_id"):
                data["session_id"] = uuid.uuid4().hex
            if self.session_persistence:
                await sio.enter_room(sid, data["session_id"])
            await sio.emit("session_confirm", data["session_id"], room=sid)
            logger.debug("socket.io client joined its session")

        namespace = self.namespace or "/"
        rasa_connect = sio.handlers[namespace]["connect"]
        allowed = set(os.environ.get("SITE_ORIGIN", "").split())

        async def connect(sid: str, environ: dict, auth: dict | None) -> bool:
            origin = environ.get("HTTP_ORIGIN")
            if allowed and origin and origin not in allowed:
                logger.info("socket.io connection from another site refused")
                return False
            return await rasa_connect(sid, environ, auth)

        # Registering an event again replaces Rasa's handler.
        sio.on("session_request", handler=session_request, namespace=self.namespace)
        sio.on("connect", handler=connect, namespace=self.namespace)
        return blueprint
