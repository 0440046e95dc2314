"""Het verslag in the website chat, in Debian's chromium: the card and its three buttons."""

import io

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from actions import report
from tests.e2e.web.test_accessibility import serious_axe_violations
from tests.e2e.web.test_chat_page import log, open_chat, type_message

expect.set_options(timeout=45_000)
WORDS = "Hij riep <b>verraders</b> & **wegwezen** bij de raadszaal"


@pytest.fixture
def card_page(browser, site):
    """A page allowed to use the clipboard, with downloads on; errors and CSP violations fail."""
    context = browser.new_context(
        viewport={"width": 1280, "height": 1000},
        locale="nl-NL",
        permissions=["clipboard-read", "clipboard-write"],
        accept_downloads=True,
    )
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on(
        "console",
        lambda m: errors.append(m.text) if "Content Security Policy" in m.text else None,
    )
    open_chat(page, site)
    type_message(page, "maak een verslag")
    expect(log(page)).to_contain_text("Wanneer gebeurde het?")
    type_message(page, "gisteravond rond negen uur")
    expect(log(page)).to_contain_text("op welk platform")
    type_message(page, WORDS)
    expect(log(page)).to_contain_text("Wat is er gebeurd?")
    page.get_by_role("button", name="Stop met het verslag").click()
    page.get_by_role("button", name="Maak het verslag met wat ik gaf").click()
    expect(page.locator(".wb-report")).to_have_count(1)
    yield page
    context.close()
    assert not errors, f"JavaScript errors or CSP violations on the page: {errors}"


def test_the_card_shows_the_report_as_text_and_the_words_as_typed(card_page, screenshots):
    card = card_page.locator(".wb-report")
    expect(card.get_by_role("heading")).to_contain_text("Verslag: ")
    text = card.get_by_role("region", name="Tekst van het verslag")
    expect(text).to_contain_text(f"“{WORDS}”".replace("<b>", "").replace("</b>", ""))
    assert card_page.locator(".wb-log b").count() == 0  # markup stays text
    card.screenshot(path=str(screenshots / "report_card.png"))
    assert serious_axe_violations(card_page, "report_card") == []


def test_copy_puts_the_report_text_on_the_clipboard(card_page):
    card_page.get_by_role("button", name="Kopieer").click()
    expect(card_page.locator(".wb-report-status")).to_have_text("Het verslag is gekopieerd.")
    copied = card_page.evaluate("navigator.clipboard.readText()")
    shown = card_page.locator(".wb-report-text").text_content()
    assert copied == shown and copied.startswith("Verslag: ") and "**wegwezen**" in copied


def test_download_gives_a_pdf_with_the_persons_words(card_page, tmp_path):
    with card_page.expect_download() as info:
        card_page.get_by_role("button", name="Download als PDF").click()
    download = info.value
    assert download.suggested_filename.startswith("verslag-")
    path = tmp_path / download.suggested_filename
    download.save_as(path)
    data = path.read_bytes()
    assert data.startswith(b"%PDF-")
    pdf = PdfReader(io.BytesIO(data))
    words = " ".join(" ".join(page.extract_text().split()) for page in pdf.pages)
    assert "verraders & **wegwezen** bij de raadszaal" in words
    assert not pdf.metadata
    expect(card_page.locator(".wb-report-status")).to_contain_text("De PDF is gedownload")


def test_print_shows_only_the_report_and_works_from_the_keyboard(card_page):
    card_page.evaluate(
        """() => { window.__printed = null; window.print = () => {
             window.__printed = getComputedStyle(document.querySelector('.wb-head')).visibility
               + '/' + document.querySelectorAll('.wb-report-print').length; }; }"""
    )
    card_page.emulate_media(media="print")
    button = card_page.get_by_role("button", name="Afdrukken")
    button.focus()
    card_page.keyboard.press("Enter")
    assert card_page.evaluate("window.__printed") == "hidden/1"  # the chat hidden, the card shown
    card_page.emulate_media(media="screen")
    assert card_page.locator(".wb-report-print").count() == 0  # back to normal afterwards


def test_the_card_survives_a_reload(card_page):
    before = card_page.locator(".wb-report-text").text_content()
    card_page.reload()
    expect(card_page.locator(".wb-report-text")).to_have_text(before)
    expect(card_page.get_by_role("button", name="Download als PDF")).to_be_visible()
    assert report.say("ready") in log(card_page).text_content()
