"""The website chat in Debian's chromium: a real conversation with the real Rasa and action server."""

import re

from playwright.sync_api import Page, expect

from tests.e2e.conftest import RASA, ROOT, TOKEN, post_json

expect.set_options(timeout=45_000)  # Rasa on a busy 2-core machine can take a while per message
CONTACTS = (ROOT / "knowledge" / "contacts.yml").read_text()
OT_PHONE = re.search(r"ondersteuningsteam:.*?phone: ([^\n]+)", CONTACTS, re.S).group(1).strip()


def open_chat(page: Page, url: str) -> str:
    """Opens the page and waits until Rasa confirmed a session; returns its id."""
    page.goto(url)
    page.wait_for_function("() => sessionStorage.getItem('wb-chat-session')")
    return session_id(page)


def session_id(page: Page) -> str:
    return page.evaluate("sessionStorage.getItem('wb-chat-session')")


def type_message(page: Page, text: str) -> None:
    page.get_by_label("Je bericht").fill(text)
    page.get_by_label("Je bericht").press("Enter")


def log(page: Page):
    return page.get_by_role("log")


def test_incident_flow_with_typed_text_and_buttons_then_reload_keeps_history(page, site, bot):
    sender = open_chat(page, site)
    type_message(page, "Ik word online bedreigd op Instagram")
    expect(log(page)).to_contain_text("Ben je nu in gevaar?")
    expect(page.locator(".wb-user")).to_have_text(["Jij: Ik word online bedreigd op Instagram"])

    page.get_by_role("button", name="Nee, ik ben nu veilig").click()
    expect(log(page)).to_contain_text("Wat is je rol?")
    # The button's title is shown as the user's message; its payload went to Rasa.
    expect(page.locator(".wb-user").last).to_have_text("Jij: Nee, ik ben nu veilig")
    expect(page.get_by_role("button", name="Nee, ik ben nu veilig")).to_have_count(0)

    page.get_by_role("button", name="Raadslid").click()
    expect(log(page)).to_contain_text("Dank je. Dan pas ik de volgende stappen daarop aan.")
    expect(page.get_by_role("button", name="Volgende stap")).to_be_visible()
    slots = bot.tracker(sender)["slots"]
    assert slots["incident_type"] == "online_threat" and slots["role"] == "council_member"

    before = log(page).text_content()
    page.reload()
    expect(log(page)).to_have_text(before)
    assert session_id(page) == sender
    page.wait_for_function("() => document.querySelector('.wb-offline').hidden")  # connected again
    type_message(page, "wie kan ik bellen?")
    expect(log(page)).to_contain_text(OT_PHONE)
    assert bot.tracker(sender)["slots"]["role"] == "council_member"  # the same conversation


def test_markup_typed_by_the_user_stays_text_and_never_runs(page, site):
    open_chat(page, site)
    attack = '<img src=x onerror="window.__xss=1"><b>vet</b>'
    type_message(page, attack)
    expect(page.locator(".wb-user")).to_have_text([f"Jij: {attack}"])
    expect(page.locator(".wb-bot").first).to_be_visible()
    assert page.locator(".wb-log img, .wb-log b").count() == 0
    assert page.evaluate("window.__xss") is None
    page.reload()  # restored from sessionStorage: still text
    expect(page.locator(".wb-user")).to_have_text([f"Jij: {attack}"])
    assert page.locator(".wb-log img").count() == 0 and page.evaluate("window.__xss") is None


def test_bot_text_gets_links_and_line_breaks_but_markup_stays_text(page, site):
    """A bot message pushed through Rasa's own socket.io output (HTTP API, side effects on)."""
    sender = open_chat(page, site)
    link = "https://rijksoverheid.nl/actueel/nieuws/2019/04/03/ondersteuningsteam-weerbaar-bestuur-van-start"
    text = (
        f'Lees meer: {link}.\nTweede regel <img src=x onerror="window.__xss=1">'
        " en javascript:alert(1)"
    )
    post_json(
        f"{RASA}/conversations/{sender}/tracker/events?token={TOKEN}"
        "&execute_side_effects=true&output_channel=socketio",
        [{"event": "bot", "text": text}],
    )
    message = page.locator(".wb-bot").last
    expect(message).to_contain_text("Tweede regel <img src=x")
    anchors = message.locator("a")
    expect(anchors).to_have_count(1)
    assert anchors.first.get_attribute("href") == link  # the full stop after it is not part of it
    assert anchors.first.get_attribute("rel") == "noopener noreferrer"
    assert message.locator("br").count() == 1 and message.locator("img").count() == 0
    assert page.evaluate("window.__xss") is None


def test_quick_exit_replaces_the_page_and_clears_the_chat(page, site):
    page.goto(f"{site}/neutraal.html")  # somewhere the visitor came from
    open_chat(page, site)
    type_message(page, "hallo")
    expect(page.locator(".wb-bot").first).to_be_visible()
    page.get_by_role("button", name=re.compile("Snel weg")).click()
    page.wait_for_url(f"{site}/neutraal.html")
    assert page.evaluate("sessionStorage.length") == 0
    page.go_back()  # location.replace: the chat page is not in the history any more
    assert page.url == f"{site}/neutraal.html" and page.locator(".wb-chat").count() == 0


def test_clear_conversation_forgets_the_old_session_and_starts_a_new_one(page, site, bot):
    old = open_chat(page, site)
    type_message(page, "Ik word online bedreigd op Instagram")
    expect(log(page)).to_contain_text("Ben je nu in gevaar?")
    page.get_by_role("button", name="Gesprek wissen").click()
    page.wait_for_function(
        f"() => (sessionStorage.getItem('wb-chat-session') || '{old}') !== '{old}'"
    )
    assert session_id(page) != old
    expect(page.get_by_role("status")).to_have_text("Het gesprek is gewist.")

    def forgotten() -> bool:
        texts = [e.get("text") for e in bot.tracker(old)["events"] if e["event"] == "user"]
        # Before the merge: the payload reached the old session. After it: the session is gone.
        return (
            "/forget_conversation" in texts or "Ik word online bedreigd op Instagram" not in texts
        )

    for _ in range(60):
        if forgotten():
            break
        page.wait_for_timeout(500)
    assert forgotten()
    assert log(page).inner_text() == ""  # the reply to the forget request is not shown
    assert page.evaluate("sessionStorage.getItem('wb-chat-transcript')") in (None, "[]")


def test_when_rasa_is_down_the_fallback_text_gives_the_numbers(page, site_without_bot):
    page.goto(site_without_bot)
    offline = page.get_by_role("alert")
    expect(offline).to_be_visible()
    expect(offline).to_contain_text(OT_PHONE)
    expect(offline).to_contain_text("112")
    type_message(page, "hallo")
    assert page.locator(".wb-user").count() == 0  # not pretending it was sent
    expect(page.get_by_label("Je bericht")).to_have_value("hallo")
    expect(page.locator(".wb-danger")).to_have_text("Direct gevaar? Bel 112")


WEBSOCKET_ONLY = """server => new Promise(resolve => {
  const probe = io(server, {transports: ["websocket"], reconnection: false});
  probe.on("connect", () => { probe.close(); resolve("connected"); });
  probe.on("connect_error", () => resolve("refused"));
})"""


def test_rasa_refuses_a_page_from_another_origin(page, site, other_site):
    """Rasa accepts browsers from SITE_ORIGIN only: polling (CORS) and WebSocket alike."""
    page.goto(other_site)
    expect(page.get_by_role("alert")).to_be_visible()  # the widget's polling start is refused
    assert page.evaluate("sessionStorage.getItem('wb-chat-session')") is None
    rasa = page.get_by_role("log").evaluate(
        "() => document.querySelector('script[data-server]').dataset.server"
    )
    assert page.evaluate(WEBSOCKET_ONLY, rasa) == "refused"
    page.goto(site)  # the same probe from the site's own origin connects
    page.wait_for_function("() => window.io")
    assert page.evaluate(WEBSOCKET_ONLY, rasa) == "connected"
