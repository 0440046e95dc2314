"""Het verslag on the website: the PDF route of web/app.py and the socket.io custom payload."""

import asyncio
import io
import json

from aiohttp.test_utils import TestClient, TestServer
from pypdf import PdfReader

from channels.web_socketio import WebSocketIOOutput
from web.app import create_app

REPORT = {"text": "Verslag: test\n\nWat er gebeurde\n“<b>dood</b>”\n", "filename": "verslag-x.pdf"}


def post(body, headers=None):
    async def run():
        async with TestClient(TestServer(create_app("http://127.0.0.1:5005"))) as client:
            response = await client.post("/verslag.pdf", data=body, headers=headers or {})
            return response.status, response.headers, await response.read()

    return asyncio.run(run())


JSON = {"Content-Type": "application/json"}


def test_the_route_returns_the_pdf_as_a_download_and_keeps_the_headers():
    status, headers, body = post(json.dumps(REPORT), JSON)
    assert status == 200 and headers["Content-Type"] == "application/pdf"
    assert headers["Content-Disposition"] == 'attachment; filename="verslag-x.pdf"'
    assert (
        headers["Cache-Control"] == "no-store"
        and "default-src 'none'" in headers["Content-Security-Policy"]
    )
    assert "<b>dood</b>" in PdfReader(io.BytesIO(body)).pages[0].extract_text()


def test_the_route_refuses_other_sites_forms_and_bad_bodies():
    assert post(json.dumps(REPORT), {**JSON, "Origin": "https://evil.example"})[0] == 403
    assert post("text=x", {"Content-Type": "application/x-www-form-urlencoded"})[0] == 415
    assert post("{not json", JSON)[0] == 400
    assert post(json.dumps({"text": "   "}), JSON)[0] == 400
    assert post(json.dumps({"text": ["x"]}), JSON)[0] == 400
    assert post(json.dumps({"text": "x" * 300_000}), JSON)[0] == 413


class FakeSio:
    def __init__(self):
        self.emitted = []

    async def emit(self, event, data=None, room=None):
        self.emitted.append((event, data, room))


def test_socketio_sends_a_custom_payload_as_a_bot_message():
    """Rasa's own output passes {"report": ...} as keyword arguments to emit (a TypeError)."""
    sio = FakeSio()
    payload = {"report": REPORT}
    asyncio.run(WebSocketIOOutput(sio, "bot_uttered").send_custom_json("room-1", payload))
    assert sio.emitted == [("bot_uttered", {"custom": payload}, "room-1")]
