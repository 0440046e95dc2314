"""The website chat's web server: the demo page and the widget files, with strict security headers.

It serves files only and never imports the bot's code; the browser talks to Rasa's socket.io
channel directly. Settings (environment):
  WEB_PORT         port (default 8080)
  BIND_HOST        address to bind (default 127.0.0.1)
  CHAT_SERVER_URL  the Rasa server the browser connects to (default http://127.0.0.1:$RASA_PORT)
GET /health asks the Rasa server and the action server of this machine (RASA_PORT,
ACTION_SERVER_PORT) whether they answer: 200 when all parts are up, 503 and which is not.
"""

import asyncio
import html
import logging
import os
from pathlib import Path
from urllib.parse import urlsplit

import yaml
from aiohttp import ClientError, ClientSession, ClientTimeout, web

STATIC = Path(__file__).resolve().parent / "static"
CONTACTS = Path(__file__).resolve().parent.parent / "knowledge" / "contacts.yml"
DEMO_PAGE = "index.html"
SERVER_PLACEHOLDER = "{{CHAT_SERVER_URL}}"
logger = logging.getLogger("web")


def chat_server_url() -> str:
    default = f"http://127.0.0.1:{os.environ.get('RASA_PORT', '5005')}"
    url = os.environ.get("CHAT_SERVER_URL", default).rstrip("/")
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc or parts.path or parts.query:
        raise ValueError(f"CHAT_SERVER_URL must be http(s)://host[:port], got {url!r}")
    return url


def ot_contact() -> dict[str, str]:
    """The Ondersteuningsteam's number for the demo page, read from the content file itself
    (this server never imports the bot's code)."""
    contacts = yaml.safe_load(CONTACTS.read_text(encoding="utf-8"))["contacts"]
    team = contacts["ondersteuningsteam"]
    return {"{{OT_PHONE}}": team["phone"], "{{OT_TEL}}": team["tel"]}


def security_headers(server_url: str) -> dict:
    """The headers every response gets. connect-src allows the Rasa server over http(s) and ws(s)."""
    parts = urlsplit(server_url)
    socket_url = f"{'wss' if parts.scheme == 'https' else 'ws'}://{parts.netloc}"
    csp = "; ".join(
        [
            "default-src 'none'",
            "script-src 'self'",
            "style-src 'self'",
            "img-src 'self'",
            f"connect-src 'self' {server_url} {socket_url}",
            "base-uri 'none'",
            "form-action 'self'",
            "frame-ancestors 'none'",
            "object-src 'none'",
        ]
    )
    return {
        "Content-Security-Policy": csp,
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "no-referrer",
        "X-Frame-Options": "DENY",
        "Permissions-Policy": "camera=(), microphone=(), geolocation=(), interest-cohort=()",
        "Cross-Origin-Opener-Policy": "same-origin",
        # The chat is personal: no copy in shared caches, always fresh after a deploy.
        "Cache-Control": "no-store",
        "Server": "weerbaar-web",  # no version to fingerprint
    }


def local_urls() -> dict[str, str]:
    """What /health asks: the servers `make run` starts next to this one."""
    host = os.environ.get("BIND_HOST", "127.0.0.1")
    host = "127.0.0.1" if host in ("", "0.0.0.0") else host
    return {
        "rasa": f"http://{host}:{os.environ.get('RASA_PORT', '5005')}/",
        "actions": f"http://127.0.0.1:{os.environ.get('ACTION_SERVER_PORT', '5055')}/health",
    }


async def probe(session: ClientSession, url: str) -> str:
    try:
        async with session.get(url) as response:
            return "up" if response.status == 200 else "down"
    except (ClientError, asyncio.TimeoutError):
        return "down"


async def health(_request: web.Request) -> web.Response:
    urls = local_urls()
    async with ClientSession(timeout=ClientTimeout(total=2)) as session:
        states = await asyncio.gather(*(probe(session, url) for url in urls.values()))
    parts = {"web": "up", **dict(zip(urls, states, strict=True))}
    up = all(state == "up" for state in parts.values())
    return web.json_response(parts, status=200 if up else 503)


def create_app(server_url: str = "") -> web.Application:
    server_url = server_url or chat_server_url()
    headers = security_headers(server_url)
    # The demo page names the Rasa server in its embed tag and the Ondersteuningsteam's number
    # from the content (knowledge/contacts.yml); fill them in once, escaped.
    demo_page = (STATIC / DEMO_PAGE).read_text(encoding="utf-8")
    for placeholder, value in {SERVER_PLACEHOLDER: server_url, **ot_contact()}.items():
        demo_page = demo_page.replace(placeholder, html.escape(value, quote=True))

    async def add_headers(_request: web.Request, response: web.StreamResponse) -> None:
        response.headers.update(headers)

    async def index(_request: web.Request) -> web.Response:
        return web.Response(text=demo_page, content_type="text/html", charset="utf-8")

    app = web.Application()
    app.on_response_prepare.append(add_headers)
    app.router.add_get("/", index)
    app.router.add_get("/health", health)
    app.router.add_get(f"/{DEMO_PAGE}", index)
    app.router.add_static("/", STATIC, follow_symlinks=False, show_index=False)
    return app


def main() -> None:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s %(message)s")
    host = os.environ.get("BIND_HOST", "127.0.0.1")
    port = int(os.environ.get("WEB_PORT", "8080"))
    # No access log: request lines are not needed and would show who used the chat when.
    web.run_app(create_app(), host=host, port=port, access_log=None, print=None)


if __name__ == "__main__":
    main()
