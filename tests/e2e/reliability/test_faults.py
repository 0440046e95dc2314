"""Faults with the real servers: the action server stops mid-conversation; Rasa restarts."""

from tests.conftest import ot_phone
from tests.e2e.reliability.helpers import texts


def test_action_server_down_gives_the_safety_essentials_and_the_bot_continues_after(bot):
    sender = "rel-actions-down"
    assert "Ben je nu in gevaar?" in texts(bot.say(sender, "ik krijg bedreigingen via facebook"))
    bot.stop_server("actions")
    try:
        reply = texts(bot.say(sender, "/not_in_danger"))  # needs action_triage
        assert "er ging bij mij iets mis" in reply
        assert "112" in reply and ot_phone() in reply
        # the safety rule itself is a domain response: it keeps working
        reply = texts(
            bot.say("rel-actions-down-acute", "er staat nu iemand met een mes voor mijn deur")
        )
        assert reply.startswith("Bel nu 112.")
    finally:
        bot.start_server("actions")
    assert "Wat is je rol?" in texts(bot.say(sender, "/not_in_danger"))
    assert bot.tracker(sender)["slots"]["incident_type"] == "online_threat"


def test_rasa_restart_continues_the_conversation_from_the_store(bot):
    sender = "rel-restart"
    bot.say(sender, "ik krijg doodsbedreigingen op instagram")
    assert "Wat is je rol?" in texts(bot.say(sender, "/not_in_danger"))
    bot.stop_server("rasa")
    bot.start_server("rasa")
    reply = texts(bot.say(sender, "ik ben raadslid"))
    assert "•" in reply and "Wat is je rol" not in reply  # the next steps: it knew where we were
    slots = bot.tracker(sender)["slots"]
    assert slots["incident_type"] == "online_threat" and slots["role"] == "council_member"
