"""Het verslag end to end over REST: the real Rasa server, action server and model."""

import json
import time
from datetime import datetime, timedelta

from actions import report
from tests.e2e.conftest import RASA, TOKEN, post_json
from tests.e2e.reliability.helpers import post_raw, rows

WHO = "@boze_burger_73"  # made up; must never show up in the logs


def texts(replies) -> str:
    return "\n".join(r.get("text") or "" for r in replies)


def reports(replies) -> list[dict]:
    return [r["custom"]["report"] for r in replies if "report" in (r.get("custom") or {})]


def ask(question: str) -> str:
    """The first words of a question, as the bot asks it (enough to recognise it)."""
    return report.load_texts()["questions"][question]["ask"].split("?")[0]


class Paced:
    """A person answering: at most one message per 1.3 s, under the flood limit (12 per 15 s)."""

    def __init__(self, bot):
        self.bot, self.last = bot, 0.0

    def say(self, sender, message):
        time.sleep(max(0.0, self.last + 1.3 - time.monotonic()))
        self.last = time.monotonic()
        return self.bot.say(sender, message)

    def __getattr__(self, name):
        return getattr(self.bot, name)


def say_all(bot, sender, *messages):
    replies = []
    for message in messages:
        replies = bot.say(sender, message)
    return replies


def test_a_whole_report_as_a_new_user_makes_it(bot):
    bot = Paced(bot)
    sender = "report-whole"
    first = "Ik word online bedreigd op Instagram, ze schrijven dat ze weten waar ik woon"
    replies = say_all(bot, sender, first, "nee, ik ben nu veilig")
    # the first steps come at once after the danger question, the role after them (issue 11)
    assert "Dit doe je nu meteen" in texts(replies)
    bot.say(sender, "ik ben raadslid")

    replies = bot.say(sender, "ik wil iets op papier voor de politie")
    assert report.say("intro") in texts(replies) and ask("when") in texts(replies)
    replies = bot.say(sender, "gisteravond rond negen uur")
    assert ask("where") in texts(replies)
    replies = bot.say(sender, "Instagram, in mijn DM's")
    assert f"“{first}”" in texts(replies)  # told before: offered, not asked again
    replies = bot.say(sender, "Niets aanvullen")
    assert ask("who") in texts(replies)
    replies = bot.say(sender, "wie kan ik bellen?")  # a question in between: answered, then on
    assert "070 - 373 83 14" in texts(replies) and ask("who") in texts(replies)
    replies = bot.say(sender, f"{WHO} *vet* <i>schuin</i>")
    assert ask("evidence") in texts(replies)
    replies = say_all(
        bot, sender, "sla over", "nee, niemand", "Ik slaap slecht & mijn kinderen zijn bang"
    )
    assert "Wat heb je al gedaan" in texts(replies)
    replies = bot.say(sender, "de griffier gebeld")

    [made] = reports(replies)
    assert report.say("ready") in texts(replies)
    yesterday = datetime.now(report.TIMEZONE).date() - timedelta(days=1)
    lines = made["text"].splitlines()
    assert lines[0] == made["title"] == "Verslag: bedreiging online"
    assert "Opgesteld door: raadslid (de persoon zelf)" in lines
    assert f"{yesterday.day} " in lines[lines.index("Wanneer") + 1] and "21:00" in made["text"]
    assert "In eigen woorden: “gisteravond rond negen uur”" in lines
    assert "“Instagram, in mijn DM's”" in lines
    assert f"Eerder in het gesprek: “{first}”" in lines
    # The input guard takes HTML tags out of every message; Markdown and '&' stay as typed.
    assert f"“{WHO} *vet* schuin”" in lines
    assert lines[lines.index("Bewijs en waar het bewaard is") + 1] == "(niet ingevuld)"
    assert "“Ik slaap slecht & mijn kinderen zijn bang”" in lines
    assert "Bedreiging (artikel 285 Wetboek van Strafrecht)" in made["text"]
    assert made["filename"].startswith("verslag-") and made["filename"].endswith(".pdf")
    print("\n--- report made over REST ---\n" + made["text"])  # shown with pytest -s

    slots = bot.tracker(sender)["slots"]
    assert slots["report_answers"] is None and slots["reporting"] is False  # only in the message
    assert WHO not in bot.log_text() and "slaap slecht" not in bot.log_text()

    replies = bot.say(sender, "vergeet dit gesprek")
    assert "Ik heb dit gesprek gewist" in texts(replies)
    assert rows(bot.db_url, sender) == []
    assert WHO not in json.dumps(bot.tracker(sender))


def test_danger_now_gets_112_first_also_inside_the_form(bot):
    sender = "report-danger"
    replies = say_all(bot, sender, "maak een verslag", "gisteren")
    assert ask("where") in texts(replies)
    replies = bot.say(sender, "er staat nu iemand voor mijn deur met een mes")
    assert replies[0]["text"].startswith("Bel nu 112")
    assert report.say("paused") in texts(replies) and ask("where") not in texts(replies)
    tracker = bot.tracker(sender)
    assert not (tracker.get("active_loop") or {}).get("name")
    assert "voor mijn deur" not in json.dumps(tracker["slots"]["report_answers"])

    replies = bot.say(sender, "/ask_report")  # still in danger: no questions, 112 again
    assert replies[0]["text"].startswith("Bel nu 112") and ask("where") not in texts(replies)
    replies = say_all(bot, sender, "/not_in_danger", "/ask_report")
    assert report.say("resume") in texts(replies) and ask("where") in texts(replies)
    assert bot.tracker(sender)["slots"]["report_answers"]["when"]["text"] == "gisteren"


def test_asking_for_a_report_in_danger_now_gives_112(bot):
    sender = "report-danger-first"
    bot.say(sender, "iemand staat nu voor mijn deur en bedreigt me")
    replies = bot.say(sender, "maak een verslag")
    assert replies[0]["text"].startswith("Bel nu 112") and ask("when") not in texts(replies)


def test_stop_ends_the_questions_and_what_was_given_can_still_become_a_report(bot):
    sender = "report-stop"
    replies = say_all(bot, sender, "maak een verslag", "15 november om 20:00", "stop")
    assert report.say("stopped") in texts(replies) and not reports(replies)
    assert replies[-1]["buttons"] == [report.button("finish")]
    [made] = reports(bot.say(sender, "/finish_report"))
    assert "15 november" in made["text"] and "20:00" in made["text"]
    assert "(niet ingevuld)" in made["text"]


def test_bad_input_gets_a_kind_reply_and_the_form_goes_on(bot):
    bot = Paced(bot)
    sender = "report-bad-input"
    bot.say(sender, "maak een verslag")
    replies = bot.say(sender, "morgen om 10 uur")
    assert report.say("date_future") in texts(replies) and ask("where") in texts(replies)
    answers = bot.tracker(sender)["slots"]["report_answers"]
    assert (
        answers["when"]["text"] == "morgen om 10 uur" and answers["when"]["when"]["moment"] is None
    )

    for body in [
        {"sender": sender, "message": ""},
        {"sender": sender, "message": "<b></b>"},
        {"sender": sender, "message": "\x00\x01\x02\x03\x04\x05"},
        {"sender": sender, "message": "I was threatened online by someone, what should I do?"},
    ]:
        status, replies = post_raw(json.dumps(body).encode())
        assert status == 200 and texts(replies), body  # a kind Dutch reply
    assert bot.tracker(sender)["slots"]["report_question"] == "where"  # nothing lost, same question
    status, replies = post_raw(b'{"sender": "' + sender.encode() + b'", "message": "\xff\xfe\xfa"}')
    assert status == 200 and texts(replies)

    huge = "Op het plein bij het gemeentehuis " + "en toen schreeuwde hij weer " * 150
    replies = bot.say(sender, huge)
    assert "erg lang" in texts(replies) and ask("what") in texts(replies)
    where = bot.tracker(sender)["slots"]["report_answers"]["where"]["text"]
    assert where.startswith("Op het plein bij het gemeentehuis") and len(where) <= 2000
    replies = bot.say(sender, "/next_step")  # an old button in the middle of the form
    assert report.say("button_in_form") in texts(replies) and ask("what") in texts(replies)


def test_danger_the_classifier_alone_gave_keeps_the_answer_and_the_questions_go_on(bot):
    # The classifier's guess is made certain with Rasa's trigger_intent: acute_danger without
    # any words of danger now, through the real rule, action server and form.
    sender = "report-danger-guess"
    say_all(bot, sender, "maak een verslag", "gisteren", "op de markt")
    url = f"{RASA}/conversations/{sender}/trigger_intent?token={TOKEN}"
    messages = post_json(url, {"name": "acute_danger", "entities": {}})["messages"]
    said = "\n".join(m.get("text", "") for m in messages)
    assert said.startswith("Is er nu direct gevaar? Bel dan meteen 112.")
    assert ask("who") in said  # the next question: the form goes on
    tracker = bot.tracker(sender)
    assert tracker["active_loop"]["name"] == "report_form"
    assert tracker["slots"]["report_answers"]["what"]["text"]  # the "answer" was kept
    assert tracker["slots"]["acute_danger"] is not True
