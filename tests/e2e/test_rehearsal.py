"""Oefenmodus over the REST webhook with the real Rasa and action servers.

One scenario is played from start to debrief (buttons and free text); the transcript is written
to reports/rehearsal_transcript.txt so a person can read what a helper sees.
"""

from pathlib import Path

from actions import rehearsal as engine
from tests.conftest import ot_phone

REHEARSAL = engine.load().texts

ROOT = Path(__file__).resolve().parents[2]
THREAT = '/start_rehearsal{"rehearsal_type": "physical_intimidation"}'


def texts(replies):
    return "\n".join(r.get("text", "") for r in replies)


def buttons(replies):
    return [b["payload"] for r in replies for b in r.get("buttons", [])]


class Transcript:
    def __init__(self, bot, sender):
        self.bot, self.sender, self.lines = bot, sender, []

    def say(self, message):
        replies = self.bot.say(self.sender, message)
        self.lines.append(f"JIJ: {message}")
        for reply in replies:
            self.lines.append("BOT: " + reply.get("text", "").replace("\n", "\n     "))
            titles = [b["title"] for b in reply.get("buttons", [])]
            if titles:
                self.lines.append("     [" + "] [".join(titles) + "]")
        return replies


def test_a_whole_scenario_by_button_and_free_text_to_the_debrief(bot):
    chat = Transcript(bot, "rehearsal-full")
    replies = chat.say("hallo")
    assert "/start_rehearsal" in buttons(replies)
    replies = chat.say("ik wil oefenen")
    assert "Dit is een oefening, geen echte melding." in texts(replies)
    assert THREAT in buttons(replies)

    # There are two physical-intimidation scenarios; play whichever the bot picks.
    replies = chat.say(THREAT)
    scenario = bot.tracker(chat.sender)["slots"]["rehearsal_scenario"]
    assert scenario in ("turns_acute", "crowd_provinciehuis")
    assert "Oefening:" in texts(replies) and texts(replies).count("Wat doe je?") == 1
    assert bot.tracker(chat.sender)["active_loop"]["name"] == "rehearsal_form"

    # moment 1 by button (the right one), moment 2 by button (a wrong one)
    first_payload = buttons(replies)[0]
    replies = chat.say(first_payload)
    assert texts(replies).startswith("✅")
    replies = chat.say(buttons(replies)[1])
    openings = (REHEARSAL["wrong"], REHEARSAL["dangerous"])  # a risky choice says so first
    assert texts(replies).startswith(openings) and "Beter is:" in texts(replies)

    # moment 3 in free text, first unclear, then clear
    replies = chat.say("tja, lastig hoor")
    assert "Ik weet niet zeker welke keuze je bedoelt." in texts(replies)
    assert len(buttons(replies)) == 3
    replies = chat.say("ik regel vandaag nog nazorg en geef het nummer van het ondersteuningsteam")
    assert texts(replies).startswith("✅") and ot_phone() in texts(replies)

    # moment 4 by letter
    replies = chat.say("a")
    assert texts(replies).startswith("✅")
    assert "Bij 3 van de 4 keuzes koos je de beste stap." in texts(replies)
    assert "Checklist om te bewaren" in texts(replies) and "VPT-code" in texts(replies)

    tracker = bot.tracker(chat.sender)
    slots = tracker["slots"]
    assert tracker["active_loop"].get("name") is None
    assert slots["rehearsals_done"] == [scenario]
    # practice never becomes a real report
    assert slots["incident_type"] is None and slots["steps_done"] is None
    assert slots["acute_danger"] is None and slots["role"] is None

    replies = chat.say("ik wil oefenen")
    assert "Al geoefend:" in texts(replies)
    replies = chat.say("stop oefenen")
    assert "gestopt met oefenen" in texts(replies)
    (ROOT / "reports").mkdir(exist_ok=True)
    (ROOT / "reports" / "rehearsal_transcript.txt").write_text(
        "\n".join(chat.lines) + "\n", encoding="utf-8"
    )


def test_a_real_emergency_during_practice_gets_112_first_then_go_on_or_stop(bot):
    sender = "rehearsal-acute"
    bot.say(sender, "ik wil oefenen")
    bot.say(sender, '/start_rehearsal{"rehearsal_type": "doxxing"}')
    replies = bot.say(sender, "er staat nu iemand voor mijn deur met een mes")
    assert replies[0]["text"].startswith("Bel nu 112.")
    assert "Ik zet de oefening even stil." in texts(replies)
    assert {"/start_rehearsal", "/stop_rehearsal"} <= set(buttons(replies))
    assert bot.tracker(sender)["active_loop"].get("name") is None

    replies = bot.say(sender, "/start_rehearsal")
    assert "We gaan verder met de oefening" in texts(replies)
    assert "Gegevens online kunnen leiden tot gevaar" not in texts(replies)
    assert "Wat doe je?" in texts(replies)
    replies = bot.say(sender, "stop oefenen")
    assert "gestopt met oefenen" in texts(replies)
    assert bot.tracker(sender)["active_loop"].get("name") is None
    # and the normal bot answers again
    replies = bot.say(sender, "wie kan ik bellen?")
    assert ot_phone() in texts(replies)
