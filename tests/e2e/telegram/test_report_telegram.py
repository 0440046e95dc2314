"""Het verslag on Telegram, against the fake Bot API: a real PDF, a caption, the text; /stop forgets."""

import io
import json

from pypdf import PdfReader

from actions import report
from tests.e2e.reliability.helpers import rows


def test_the_report_arrives_as_a_pdf_document_with_its_text(bot, telegram):
    chat = 714014
    for text in (
        "maak een verslag",
        "gisteren",
        "Op de markt in Zandhoven, bij de kraam van de partij",
    ):
        assert telegram.send(chat, text) == 200
    assert telegram.send(chat, "/finish_report") == 200
    calls = telegram.api.take()
    documents = [params for method, params in calls if method == "sendDocument"]
    assert len(documents) == 1
    document = documents[0]
    assert document["chat_id"] == chat and document["caption"] == report.say("telegram_caption")
    assert document["document"]["content_type"] == "application/pdf"
    assert document["document"]["filename"].startswith("verslag-")
    pdf = PdfReader(io.BytesIO(document["document"]["data"]))
    pdf_text = " ".join(" ".join(page.extract_text().split()) for page in pdf.pages)
    assert "Op de markt in Zandhoven, bij de kraam van de partij" in pdf_text
    assert not pdf.metadata
    after = [
        p["text"] for m, p in calls[calls.index(("sendDocument", document)) :] if m == "sendMessage"
    ]
    assert after and after[0].startswith(
        "Verslag: "
    )  # the same report as text, for those without a PDF viewer
    assert "Zandhoven" not in bot.log_text()

    sender = telegram.sender(chat)
    assert telegram.send(chat, "/stop") == 200
    assert rows(bot.db_url, sender) == []
    assert "Zandhoven" not in json.dumps(bot.tracker(sender))
