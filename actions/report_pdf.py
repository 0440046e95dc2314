"""The report as a PDF: plain text in, PDF bytes out, in memory only (no file on the server).

fpdf2 (pure Python, no network). The PDF carries no hidden metadata: no author, title,
producer, creator or creation date (an empty Info dictionary), no XMP and no file id. The font
is DejaVu Sans from matplotlib's package data (already pinned as a Rasa dependency), so Dutch
letters, quotes and dashes print on any machine; a character the font lacks prints as "?".
Used by the Telegram channel (sendDocument) and by the website's download route (web/app.py);
it imports nothing of Rasa.
"""

import re
from functools import cache
from importlib.util import find_spec
from pathlib import Path

from fontTools.ttLib import TTFont
from fpdf import FPDF
from fpdf.output import OutputProducer, PDFInfo

FONT_DIR = (
    Path(find_spec("matplotlib").submodule_search_locations[0]) / "mpl-data" / "fonts" / "ttf"
)
REGULAR = FONT_DIR / "DejaVuSans.ttf"
BOLD = FONT_DIR / "DejaVuSans-Bold.ttf"
MAX_TEXT = 50_000  # a report is a few thousand characters; more is not a report
_SAFE_NAME = re.compile(r"[^a-z0-9-]+")


class _WithoutMetadata(OutputProducer):
    """fpdf2 always writes Producer and CreationDate; this writes an empty Info dictionary."""

    def _add_info(self) -> PDFInfo:
        info = PDFInfo(
            title=None,
            subject=None,
            author=None,
            keywords=None,
            creator=None,
            producer=None,
            creation_date=None,
        )
        self._add_pdf_obj(info)
        return info


class _Document(FPDF):
    def file_id(self) -> None:  # no /ID: it would be a hash that ties copies of a file together
        return None


@cache
def _glyphs() -> frozenset[int]:
    return frozenset(TTFont(REGULAR).getBestCmap())


def printable(text: str) -> str:
    glyphs = _glyphs()
    return "".join(c if c == "\n" or ord(c) in glyphs else "?" for c in text)


def safe_filename(name: object) -> str:
    """'verslag-2026-12-01-2105.pdf' stays; anything else becomes a harmless name."""
    stem = _SAFE_NAME.sub("-", str(name or "").lower().removesuffix(".pdf")).strip("-")[:60]
    return f"{stem or 'verslag'}.pdf"


def _is_heading(lines: list[str], index: int) -> bool:
    """A short line between a blank line and text: the builder's section headings."""
    line = lines[index]
    return (
        0 < index < len(lines) - 1
        and not lines[index - 1]
        and bool(lines[index + 1])
        and len(line) < 70
        and not line.startswith(("-", "“"))
    )


def render_pdf(text: str) -> bytes:
    """One A4 document: the first line as its title, headings in bold, the rest as typed."""
    lines = printable(text[:MAX_TEXT]).rstrip("\n").split("\n")
    pdf = _Document(format="A4")
    pdf.set_margins(20, 20, 20)
    pdf.set_auto_page_break(True, margin=20)
    pdf.add_font("DejaVu", "", str(REGULAR))
    pdf.add_font("DejaVu", "B", str(BOLD))
    pdf.add_page()
    for index, line in enumerate(lines):
        if index == 0:
            pdf.set_font("DejaVu", "B", 15)
            height = 8
        elif _is_heading(lines, index):
            pdf.set_font("DejaVu", "B", 11.5)
            height = 7
        else:
            pdf.set_font("DejaVu", "", 10.5)
            height = 5.5
        pdf.multi_cell(0, height, line or " ", align="L", new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output(output_producer_class=_WithoutMetadata))
