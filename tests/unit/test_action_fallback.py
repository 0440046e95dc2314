"""A failing or slow action server gets the safety reply instead of silence (real HTTP)."""

import asyncio
from pathlib import Path

import pytest
import rasa.core.actions.action as rasa_action
from aiohttp import web
from rasa.core.channels.channel import CollectingOutputChannel
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import BotUttered, SlotSet
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.utils.endpoints import EndpointConfig

from runtime import action_fallback, system_messages
from tests.conftest import free_port, ot_phone

DOMAIN = Domain.load(str(Path(__file__).resolve().parents[2] / "domain.yml"))


async def run_against(handler, name="action_triage"):
    app = web.Application()
    app.router.add_post("/webhook", handler)
    runner = web.AppRunner(app)
    await runner.setup()
    port = free_port()
    await web.TCPSite(runner, "127.0.0.1", port).start()
    try:
        return await run_action(port, name)
    finally:
        await runner.cleanup()


async def run_action(port, name="action_triage"):
    action = action_fallback.FallbackRemoteAction(
        name, EndpointConfig(f"http://127.0.0.1:{port}/webhook")
    )
    tracker = DialogueStateTracker("t", DOMAIN.slots)
    return await action.run(CollectingOutputChannel(), None, tracker, DOMAIN)


def assert_safety_reply(events):
    assert len(events) == 1 and isinstance(events[0], BotUttered)
    assert "112" in events[0].text and ot_phone() in events[0].text
    assert "ging bij mij iets mis" in events[0].text


def test_action_server_down(monkeypatch):
    assert_safety_reply(asyncio.run(run_action(free_port())))


def test_action_server_error_500():
    async def broken(_):
        return web.Response(status=500)

    assert_safety_reply(asyncio.run(run_against(broken)))


def test_action_server_too_slow(monkeypatch):
    monkeypatch.setenv("ACTION_TIMEOUT_SECONDS", "0.5")

    async def slow(_):
        await asyncio.sleep(3)
        return web.json_response({"events": [], "responses": []})

    assert_safety_reply(asyncio.run(run_against(slow)))


def test_working_action_server_is_untouched():
    async def fine(_):
        return web.json_response(
            {"events": [{"event": "slot", "name": "role", "value": "mayor"}], "responses": []}
        )

    events = asyncio.run(run_against(fine))
    assert events == [SlotSet("role", "mayor")]


def test_rejection_still_reaches_rasa():
    async def reject(_):
        return web.json_response({"action_name": "action_triage", "error": "no"}, status=400)

    with pytest.raises(rasa_action.ActionExecutionRejection):
        asyncio.run(run_against(reject))


def test_install_makes_rasa_build_the_fallback_action():
    action_fallback.install()
    built = rasa_action.action_for_name_or_text("action_triage", DOMAIN, EndpointConfig("x"))
    assert isinstance(built, action_fallback.FallbackRemoteAction)


def test_install_reads_the_fallback_texts_at_start(monkeypatch):
    """Read when the server starts, so a broken content file cannot break the fallback later."""
    system_messages.messages.cache_clear()
    action_fallback.install()
    monkeypatch.setattr(system_messages, "FILE", system_messages.FILE.with_name("missing.yml"))
    assert "112" in action_fallback.failure_events()[0].text


def test_the_slot_validation_fails_silently_and_fast_so_112_comes_first(monkeypatch):
    # Rasa runs it before every prediction: a reply from it would come before the 112 reply,
    # and a long wait would hold that reply up.
    assert asyncio.run(run_action(free_port(), action_fallback.SLOT_VALIDATION)) == []

    async def slow(_):
        await asyncio.sleep(5)
        return web.json_response({"events": [], "responses": []})

    async def timed():
        start = asyncio.get_running_loop().time()
        events = await run_against(slow, action_fallback.SLOT_VALIDATION)
        return events, asyncio.get_running_loop().time() - start

    events, seconds = asyncio.run(timed())
    assert events == [] and seconds < action_fallback.SLOT_VALIDATION_TIMEOUT_SECONDS + 1
