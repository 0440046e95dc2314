"""The report's PDF (actions/report_pdf.py): the words are in it, and nothing hidden is."""

import io
from datetime import datetime

from pypdf import PdfReader

from actions import report
from actions.report_pdf import render_pdf, safe_filename


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def test_the_pdf_holds_the_report_text_with_markup_as_text():
    answers, _ = report.record(
        {},
        "what",
        "Hij schreef <b>ik weet waar je woont</b> & **meer**",
        datetime(2026, 12, 1, 21, 5),
    )
    made = report.build_report(
        answers, "online_threat", "council_member", [], datetime(2026, 12, 1, 21, 5)
    )
    data = render_pdf(made.text)
    assert data.startswith(b"%PDF-") and data.rstrip().endswith(b"%%EOF")
    text = pdf_text(data)
    assert "Verslag: bedreiging online" in text
    assert "<b>ik weet waar je woont</b> & **meer**" in text
    assert "Opgesteld op 1 december 2026 om 21:05" in text


def test_no_hidden_metadata():
    data = render_pdf("Verslag: test\n\nWanneer\n“gisteren”")
    reader = PdfReader(io.BytesIO(data))
    assert not reader.metadata  # an empty Info dictionary
    assert reader.xmp_metadata is None
    for key in (
        b"/Producer",
        b"/Creator",
        b"/Author",
        b"/CreationDate",
        b"/ModDate",
        b"/Title",
        b"/ID",
        b"/Metadata",
    ):
        assert key not in data, key


def test_characters_the_font_lacks_do_not_break_it_and_long_text_gets_pages():
    data = render_pdf("Verslag: 漢 test\n" + "héél lang woordzonderspaties" * 400 + "\n\x00")
    reader = PdfReader(io.BytesIO(data))
    assert len(reader.pages) >= 2
    assert "Verslag: ? test" in pdf_text(data)


def test_safe_filenames():
    assert safe_filename("verslag-2026-12-01-2105.pdf") == "verslag-2026-12-01-2105.pdf"
    assert safe_filename('../../etc/passwd"\r\nX: y') == "etc-passwd-x-y.pdf"
    assert safe_filename(None) == safe_filename("") == "verslag.pdf"
