"""Het verslag on Telegram: a real PDF through sendDocument, a one-line caption, then the text."""

import asyncio
import io

from pypdf import PdfReader

from actions import report
from channels.telegram import TelegramOutput
from channels.telegram_messages import CallbackKeys
from tests.conftest import FakeTelegramApi


def test_report_payload_becomes_a_pdf_document_and_a_text():
    api = FakeTelegramApi()
    text = "Verslag: bedreiging online\n\nWat er gebeurde\n“Hij schreef <b>dood</b>”\n"
    payload = {"report": {"title": "Verslag", "text": text, "filename": "../x.pdf"}}
    asyncio.run(TelegramOutput(api, 42, CallbackKeys()).send_custom_json("r", payload))
    (method, document), (next_method, message) = api.calls
    assert method == "sendDocument" and next_method == "sendMessage"
    filename, content, mime = document["document"]
    assert (filename, mime, document["chat_id"]) == ("x.pdf", "application/pdf", 42)
    assert "Hij schreef <b>dood</b>" in PdfReader(io.BytesIO(content)).pages[0].extract_text()
    assert document["caption"] == report.say("telegram_caption") and "\n" not in document["caption"]
    assert message == {"chat_id": 42, "text": text.strip()}


def test_other_custom_payloads_are_still_skipped():
    api = FakeTelegramApi()
    asyncio.run(TelegramOutput(api, 42, CallbackKeys()).send_custom_json("r", {"x": 1}))
    assert api.calls == []
