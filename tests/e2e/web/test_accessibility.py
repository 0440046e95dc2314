"""WCAG 2.1 AA checks of the website chat: axe-core, keyboard use, reflow at 360px and 200% zoom."""

import json

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from tests.e2e.conftest import ROOT
from tests.e2e.web.test_chat_page import log, open_chat, type_message

expect.set_options(timeout=45_000)


def start_conversation(page: Page, site: str) -> None:
    open_chat(page, site)
    type_message(page, "Ik word online bedreigd op Instagram")
    expect(log(page)).to_contain_text("Ben je nu in gevaar?")


def serious_axe_violations(page: Page, name: str) -> list:
    """Runs axe-core on the page; saves every violation to reports/axe_web_<name>.json."""
    results = Axe().run(page)
    assert results.response["passes"], "axe ran no checks"
    violations = results.response["violations"]
    (ROOT / "reports").mkdir(exist_ok=True)
    (ROOT / "reports" / f"axe_web_{name}.json").write_text(
        json.dumps(
            [{"id": v["id"], "impact": v["impact"], "nodes": len(v["nodes"])} for v in violations],
            indent=1,
        )
    )
    return [
        (v["id"], v["impact"], v["help"])
        for v in violations
        if v["impact"] in ("serious", "critical")
    ]


def test_axe_finds_no_serious_or_critical_violations(page, site):
    start_conversation(page, site)
    assert serious_axe_violations(page, "desktop") == []


def test_keyboard_only_chat_with_visible_focus(page, site):
    open_chat(page, site)
    for _ in range(30):  # Tab through the page until the message field has focus
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "wb-input":
            break
    assert page.evaluate("document.activeElement.id") == "wb-input"
    page.keyboard.type("Ik word online bedreigd op Instagram")
    page.keyboard.press("Enter")
    expect(log(page)).to_contain_text("Ben je nu in gevaar?")
    choice = page.get_by_role("button", name="Nee, ik ben nu veilig")
    choice.focus()
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline not in ("", "none"), "focused button shows no outline"
    page.keyboard.press("Enter")
    expect(log(page)).to_contain_text("Wat is je rol?")
    assert page.evaluate("document.activeElement.id") == "wb-input"  # focus goes back to typing


def test_log_region_and_labels(page, site):
    open_chat(page, site)
    region = page.get_by_role("log")
    assert region.get_attribute("aria-live") == "polite"
    expect(page.get_by_label("Je bericht")).to_be_visible()
    expect(page.locator(".wb-danger")).to_have_text("Direct gevaar? Bel 112")


def no_horizontal_scroll(page: Page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_screenshots_and_reflow_at_360px_and_200_percent_zoom(browser, site, screenshots):
    for name, width, height, scale in [
        ("desktop", 1280, 900, 1),
        ("360px", 360, 740, 2),
        ("zoom200", 640, 450, 2),
    ]:  # 1280x900 at 200% zoom
        context = browser.new_context(
            viewport={"width": width, "height": height}, device_scale_factor=scale, locale="nl-NL"
        )
        page = context.new_page()
        start_conversation(page, site)
        assert no_horizontal_scroll(page), f"horizontal scrolling at {name}"
        for control in ("Snel weg", "Verstuur", "Gesprek wissen", "Nee, ik ben nu veilig"):
            box = page.get_by_role("button", name=control).first.bounding_box()
            assert box and box["x"] >= 0 and box["x"] + box["width"] <= width, (
                f"{control} cut off at {name}"
            )
        assert serious_axe_violations(page, name) == []
        if name != "zoom200":
            page.screenshot(path=str(screenshots / f"web_{name}.png"), full_page=True)
        context.close()
