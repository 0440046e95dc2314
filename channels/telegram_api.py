"""A small Telegram Bot API client over aiohttp (used by the channel and the webhook script).

Errors are logged with the method name, HTTP status and Telegram's description only: never the
URL (it holds the bot token) and never the message text.
"""

import asyncio
import logging
from typing import Any

import aiohttp

logger = logging.getLogger(__name__)

DEFAULT_BASE_URL = "https://api.telegram.org"


class BotApi:
    def __init__(self, token: str, base_url: str = DEFAULT_BASE_URL, timeout: float = 15) -> None:
        self._token = token
        self.base_url = base_url.rstrip("/")
        self._timeout = aiohttp.ClientTimeout(total=timeout)
        self._session: aiohttp.ClientSession | None = None

    async def call(self, method: str, **params: Any) -> Any | None:
        """The `result` of a Bot API method, or None when it failed (already logged)."""
        return await self._post(method, {"json": params})

    async def send_file(
        self, method: str, field: str, filename: str, content: bytes, mime: str, **params: Any
    ) -> Any | None:
        """A Bot API method with a file upload (multipart), e.g. sendDocument."""
        form = aiohttp.FormData()
        for name, value in params.items():
            form.add_field(name, str(value))
        form.add_field(field, content, filename=filename, content_type=mime)
        return await self._post(method, {"data": form})

    async def _post(self, method: str, body: dict[str, Any]) -> Any | None:
        if self._session is None or self._session.closed:
            # Made here, inside the running loop (Sanic's or the script's), not at import.
            self._session = aiohttp.ClientSession(timeout=self._timeout)
        url = f"{self.base_url}/bot{self._token}/{method}"
        try:
            async with self._session.post(url, **body) as response:
                status = response.status
                body = await response.json(content_type=None)
        except (aiohttp.ClientError, asyncio.TimeoutError, ValueError) as error:
            logger.warning("telegram: %s failed: %s", method, type(error).__name__)
            return None
        if not isinstance(body, dict) or not body.get("ok"):
            description = body.get("description") if isinstance(body, dict) else None
            logger.warning("telegram: %s refused (HTTP %s): %s", method, status, description)
            return None
        return body.get("result")

    async def close(self) -> None:
        if self._session is not None and not self._session.closed:
            await self._session.close()
