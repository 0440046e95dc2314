"""Forget on request, for real in the SQL store; nothing personal in the logs."""

import json

from tests.e2e.reliability.helpers import ADDRESS, rows, texts


def test_forget_deletes_the_stored_conversation_and_nothing_comes_back(bot):
    sender = "rel-forget"
    bot.say(sender, f"Ze hebben mijn adres {ADDRESS} online gezet")
    bot.say(sender, "/not_in_danger")
    assert any(ADDRESS in data for _, data in rows(bot.db_url, sender))

    replies = bot.say(sender, "vergeet dit gesprek")
    assert "Ik heb dit gesprek gewist" in texts(replies)
    assert rows(bot.db_url, sender) == []

    replies = bot.say(sender, "hallo")
    assert "chatbot, niet de politie" in texts(replies)
    tracker = bot.tracker(sender)
    assert ADDRESS not in json.dumps(tracker)
    assert tracker["slots"]["incident_type"] is None
    assert not any(ADDRESS in data for _, data in rows(bot.db_url, sender))


def test_forget_by_payload_as_telegram_stop_and_the_web_button_send_it(bot):
    sender = "rel-forget-payload"
    bot.say(sender, "ik word bedreigd op facebook")
    replies = bot.say(sender, "/forget_conversation")
    assert "Ik heb dit gesprek gewist" in texts(replies)
    assert rows(bot.db_url, sender) == []


def test_new_code_paths_log_no_message_text(bot):
    sender = "rel-logs"
    bot.say(sender, f"Hij stond bij mijn huis aan de {ADDRESS} " + "en schreeuwde " * 400)  # cut
    bot.say(sender, f"<script>{ADDRESS}</script>")
    bot.say(sender, f"They posted my address {ADDRESS} online, what should I do?")
    bot.say(sender, "wis mijn gegevens")
    logs = bot.log_text()
    assert "message not passed on" in logs and "conversation forgotten" in logs  # the paths ran
    assert ADDRESS not in logs and "schreeuwde" not in logs
