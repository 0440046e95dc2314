"""The website chat's aiohttp app (security headers, the demo page) and the widget's fallback number."""

import asyncio
import json
import re
from pathlib import Path

import pytest
from aiohttp.test_utils import TestClient, TestServer

from actions import knowledge as kb
from tests.conftest import free_port
from web.app import chat_server_url, create_app

ROOT = Path(__file__).resolve().parents[2]
WIDGET = (ROOT / "web" / "static" / "widget.js").read_text()


def fetch(path: str, server_url: str = "http://127.0.0.1:5005"):
    """(status, headers, body) of one GET against the real app on a local test server."""

    async def run():
        async with TestClient(TestServer(create_app(server_url))) as client:
            response = await client.get(path)
            return response.status, response.headers, await response.text()

    return asyncio.run(run())


@pytest.mark.parametrize("path", ["/", "/widget.js", "/widget.css", "/neutraal.html", "/nope"])
def test_every_response_has_the_security_headers(path):
    status, headers, _ = fetch(path)
    assert status == (404 if path == "/nope" else 200)
    csp = headers["Content-Security-Policy"]
    assert "default-src 'none'" in csp and "script-src 'self'" in csp and "style-src 'self'" in csp
    assert "'unsafe-inline'" not in csp and "'unsafe-eval'" not in csp
    assert "frame-ancestors 'none'" in csp
    assert "connect-src 'self' http://127.0.0.1:5005 ws://127.0.0.1:5005" in csp
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "no-referrer"
    assert headers["X-Frame-Options"] == "DENY"
    assert "aiohttp" not in headers.get("Server", "")


def test_https_rasa_gets_wss_in_the_policy_and_the_page_names_it():
    _, headers, body = fetch("/", "https://chat.example.org")
    assert (
        "connect-src 'self' https://chat.example.org wss://chat.example.org;"
        in headers["Content-Security-Policy"]
    )
    assert 'data-server="https://chat.example.org"' in body
    assert "{{" not in body and "<script>" not in body and "style=" not in body


def test_files_outside_static_are_not_served():
    assert fetch("/../app.py")[0] == 404
    assert fetch("/%2e%2e/app.py")[0] in (403, 404)


@pytest.mark.parametrize(
    "bad", ["javascript:alert(1)", 'http://x/"><script>', "ftp://host", "http://"]
)
def test_chat_server_url_must_be_a_plain_http_origin(monkeypatch, bad):
    monkeypatch.setenv("CHAT_SERVER_URL", bad)
    with pytest.raises(ValueError):
        chat_server_url()


def test_chat_server_url_follows_rasa_port(monkeypatch):
    monkeypatch.delenv("CHAT_SERVER_URL", raising=False)
    monkeypatch.setenv("RASA_PORT", "5999")
    assert chat_server_url() == "http://127.0.0.1:5999"


def test_widget_fallback_number_is_the_one_in_contacts_yml():
    team = kb.load().contacts["ondersteuningsteam"]
    assert re.search(r'var OT_PHONE = "([^"]+)"', WIDGET).group(1) == team["phone"]
    assert re.search(r'var OT_TEL = "([^"]+)"', WIDGET).group(1) == team["tel"]
    assert "tel:112" in WIDGET


def test_demo_page_gives_the_number_in_contacts_yml():
    team = kb.load().contacts["ondersteuningsteam"]
    _, _, body = fetch("/")
    assert f'<a href="tel:{team["tel"]}">{team["phone"]}</a>' in body


def test_widget_never_writes_html():
    assert not re.search(r"innerHTML|outerHTML|insertAdjacentHTML|document\.write|eval\(", WIDGET)


def test_health_names_the_parts_that_do_not_answer(monkeypatch):
    monkeypatch.setenv("RASA_PORT", str(free_port()))  # nothing listens there
    monkeypatch.setenv("ACTION_SERVER_PORT", str(free_port()))
    status, _, body = fetch("/health")
    assert status == 503
    assert json.loads(body) == {"web": "up", "rasa": "down", "actions": "down"}
