"""The socket.io channel joins the browser to its session's room (RasaHQ/rasa#13027 fixed)."""

import asyncio

import pytest

from channels.web_socketio import WebSocketIOInput


async def no_reply(_message) -> None:
    return None


def session_request(channel: WebSocketIOInput, data):
    """Connects one client to the channel's real socket.io manager and sends session_request."""
    channel.blueprint(no_reply)
    handler = channel.sio.handlers["/"]["session_request"]
    sent = []

    async def emit(event, payload, room=None, **_):
        sent.append((event, payload, room))

    async def run():
        sid = await channel.sio.manager.connect("engine-io-client", "/")
        await handler(sid, data)
        return sid

    channel.sio.emit = emit
    return asyncio.run(run()), sent


def test_session_request_joins_the_room_of_the_stored_session():
    channel = WebSocketIOInput(session_persistence=True)
    sid, sent = session_request(channel, {"session_id": "stored-session"})
    assert sent == [("session_confirm", "stored-session", sid)]
    assert sid in channel.sio.manager.rooms["/"]["stored-session"]


def test_a_new_visitor_gets_a_fresh_random_session():
    channel = WebSocketIOInput(session_persistence=True)
    sid, sent = session_request(channel, {"session_id": None})
    ((event, session, room),) = sent
    assert event == "session_confirm" and room == sid and len(session) == 32
    assert sid in channel.sio.manager.rooms["/"][session]


@pytest.mark.parametrize(
    "origin, accepted",
    [("http://127.0.0.1:8080", True), (None, True), ("https://evil.example", False)],
)
def test_browsers_connect_only_from_the_site_origin(monkeypatch, origin, accepted):
    monkeypatch.setenv("SITE_ORIGIN", "http://127.0.0.1:8080")
    channel = WebSocketIOInput(session_persistence=True)
    channel.blueprint(no_reply)
    connect = channel.sio.handlers["/"]["connect"]
    environ = {"HTTP_ORIGIN": origin} if origin else {}
    assert asyncio.run(connect("socket-3", environ, None)) is accepted
