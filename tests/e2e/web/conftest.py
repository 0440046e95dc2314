"""The real web app (web/app.py) and Debian's chromium driven by Playwright, for the website chat.

Rasa and the action server come from the shared session fixture `bot` (tests/e2e/conftest.py).
"""

import shutil
import socket
import subprocess
from collections.abc import Iterator

import pytest
from playwright.sync_api import sync_playwright

from tests.conftest import free_port
from tests.e2e.conftest import ROOT, servers

# Without the background-networking flags chromium keeps calling home on a closed network.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SCREENSHOTS = ROOT / "reports" / "screenshots"


def serve(port: int, chat_server_url: str, log_dir) -> Iterator[str]:
    """Run the real web app on `port`, pointed at `chat_server_url`; yields the page's URL."""
    env = servers.environment()
    env.update(WEB_PORT=str(port), CHAT_SERVER_URL=chat_server_url, BIND_HOST="127.0.0.1")
    process = subprocess.Popen(
        servers.web_command(),
        cwd=ROOT,
        env=env,
        stdout=open(log_dir / "web_server.log", "w"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        servers.wait_for(f"http://127.0.0.1:{port}/", 30, process)
        yield f"http://127.0.0.1:{port}"
    finally:
        servers.stop(process)


@pytest.fixture(scope="session")
def site(bot, tmp_path_factory):
    """URL of the demo page, served on WEB_PORT and talking to the test Rasa server."""
    with socket.socket() as probe:  # else the tests would quietly talk to whatever holds the port
        assert probe.connect_ex(("127.0.0.1", servers.WEB_PORT)) != 0, (
            f"WEB_PORT {servers.WEB_PORT} is in use"
        )
    yield from serve(
        servers.WEB_PORT, f"http://127.0.0.1:{servers.RASA_PORT}", tmp_path_factory.mktemp("web")
    )


@pytest.fixture(scope="session")
def site_without_bot(tmp_path_factory):
    """The same page, configured for a Rasa server that is not there (a port nobody listens on)."""
    yield from serve(
        free_port(), f"http://127.0.0.1:{free_port()}", tmp_path_factory.mktemp("web_dead")
    )


@pytest.fixture(scope="session")
def browser():
    executable = shutil.which("chromium")
    assert executable, "chromium ontbreekt; scripts/setup.sh installeert het"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    """A fresh browser context (own sessionStorage) per test; page errors fail the test."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="nl-NL")
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on(
        "console",
        lambda message: (
            errors.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    yield page
    context.close()
    assert not errors, f"JavaScript errors or CSP violations on the page: {errors}"


@pytest.fixture(scope="session")
def screenshots():
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS


@pytest.fixture(scope="session")
def other_site(bot, tmp_path_factory):
    """The page served from another origin (another port) that points at the real Rasa server."""
    yield from serve(
        free_port(), f"http://127.0.0.1:{servers.RASA_PORT}", tmp_path_factory.mktemp("web_other")
    )
