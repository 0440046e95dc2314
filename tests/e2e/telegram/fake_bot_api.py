"""A fake Telegram Bot API (aiohttp): records every call and checks what Telegram would check.

It runs in a thread with its own event loop, so the synchronous tests can post updates to the
real Rasa server and then read what the connector sent back to "Telegram".
"""

import asyncio
import threading
from typing import Any
from urllib.parse import urlparse

from aiohttp import web

Call = tuple[str, dict[str, Any]]


def utf16_length(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


class FakeBotApi:
    def __init__(self, base_url: str, token: str) -> None:
        address = urlparse(base_url)
        self.host, self.port, self.token = address.hostname, address.port, token
        self.calls: list[Call] = []
        self._lock = threading.Lock()
        self._loop = asyncio.new_event_loop()
        self._runner = None
        self._message_id = 0
        self._webhook: dict[str, Any] = {}

    def take(self) -> list[Call]:
        """The calls since the last take(), in the order they arrived."""
        with self._lock:
            calls, self.calls = self.calls, []
        return calls

    async def _handle(self, request: web.Request) -> web.Response:
        if request.content_type == "multipart/form-data":
            params = await self._form(request)
        else:
            params = await request.json() if request.can_read_body else {}
        method = request.match_info["method"]
        if request.match_info["token"] != self.token:
            return web.json_response(
                {"ok": False, "error_code": 401, "description": "Unauthorized"}, status=401
            )
        with self._lock:
            self.calls.append((method, params))
        problem = self._problem(method, params)
        if problem:
            return web.json_response(
                {"ok": False, "error_code": 400, "description": f"Bad Request: {problem}"},
                status=400,
            )
        return web.json_response({"ok": True, "result": self._result(method, params)})

    @staticmethod
    async def _form(request: web.Request) -> dict[str, Any]:
        """A file upload (sendDocument): fields as Telegram reads them, files as their bytes."""
        params: dict[str, Any] = {}
        for name, value in (await request.post()).items():
            if isinstance(value, web.FileField):
                params[name] = {
                    "filename": value.filename,
                    "content_type": value.content_type,
                    "data": value.file.read(),
                }
            else:
                params[name] = (
                    int(value) if name == "chat_id" and value.lstrip("-").isdigit() else value
                )
        return params

    @staticmethod
    def _problem(method: str, params: dict[str, Any]) -> str:
        """What the real Bot API would refuse (the limits the connector must respect)."""
        if method == "sendDocument":
            if not isinstance(params.get("chat_id"), int):
                return "chat not found"
            document = params.get("document")
            if not isinstance(document, dict) or not document["data"]:
                return "there is no document in the request"
            if utf16_length(params.get("caption", "")) > 1024:
                return "message caption is too long"
        if method == "sendMessage":
            if not isinstance(params.get("chat_id"), int):
                return "chat not found"
            if not params.get("text") or utf16_length(params["text"]) > 4096:
                return "message text is empty or too long"
            rows = (params.get("reply_markup") or {}).get("inline_keyboard", [])
            for button in (b for row in rows for b in row):
                if len(button.get("callback_data", "").encode()) > 64:
                    return "BUTTON_DATA_INVALID"
        if method == "answerCallbackQuery" and not params.get("callback_query_id"):
            return "query is too old or query ID is invalid"
        return ""

    def _result(self, method: str, params: dict[str, Any]) -> Any:
        if method == "sendMessage":
            self._message_id += 1
            return {
                "message_id": self._message_id,
                "date": 0,
                "text": params["text"],
                "chat": {"id": params["chat_id"], "type": "private"},
            }
        if method in ("setWebhook", "deleteWebhook"):
            self._webhook = dict(params) if method == "setWebhook" else {}
        if method == "getWebhookInfo":
            return {
                "url": self._webhook.get("url", ""),
                "pending_update_count": 0,
                "allowed_updates": self._webhook.get("allowed_updates"),
            }
        return True

    def start(self) -> "FakeBotApi":
        app = web.Application()
        app.router.add_post("/bot{token}/{method}", self._handle)
        self._runner = web.AppRunner(app)
        self._loop.run_until_complete(self._runner.setup())
        self._loop.run_until_complete(web.TCPSite(self._runner, self.host, self.port).start())
        threading.Thread(target=self._loop.run_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        asyncio.run_coroutine_threadsafe(self._runner.cleanup(), self._loop).result(timeout=10)
        self._loop.call_soon_threadsafe(self._loop.stop)
