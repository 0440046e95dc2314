"""Het verslag: dates, the form logic and the report builder (actions/report.py)."""

import re
import shutil
from datetime import datetime

import pytest
import yaml

from actions import knowledge as kb
from actions import report

NOW = datetime(2026, 12, 1, 21, 5)  # a Tuesday evening
REPORT_YML = kb.KNOWLEDGE_DIR / "report.yml"
FACTS_ARTICLES = {"285", "285d", "285b", "266", "261", "262", "131"}  # FACTS.md §4


@pytest.fixture(scope="module")
def knowledge():
    return kb.load()


@pytest.fixture(scope="module")
def texts():
    return report.load_texts()


# ---------------------------------------------------------------- dates


@pytest.mark.parametrize(
    "words, shown",
    [
        ("gisteravond rond negen uur", "30 november 2026, rond 21:00"),
        ("vorige week dinsdag", "24 november 2026"),
        ("15 november om 20:00", "15 november 2026, rond 20:00"),
        ("dinsdag vorige week rond half negen 's avonds", "24 november 2026, rond 20:30"),
        ("vanochtend om kwart over acht", "1 december 2026, rond 08:15"),
        ("eergisteren", "29 november 2026"),
        ("zaterdagavond", "28 november 2026, 's avonds"),
        ("drie dagen geleden", "28 november 2026"),
        ("het was gisteren rond 9 uur op het plein", "30 november 2026, rond 09:00"),
        ("oktober", "oktober 2026"),
        ("12-11-2026", "12 november 2026"),
    ],
)
def test_dutch_dates_become_a_moment_and_keep_the_words(words, shown):
    when = report.parse_when(words, NOW)
    assert when.problem is None
    assert report.format_moment(when) == shown
    assert when.words == words


@pytest.mark.parametrize(
    "words, problem",
    [
        ("morgen om 10 uur", "future"),
        ("1 januari 2027", "future"),
        ("weet ik veel, toen het donker was", "unparsed"),
        ("yesterday at 9pm", "unparsed"),
        ("<b>blabla</b>", "unparsed"),
        ("9", "unparsed"),
    ],
)
def test_future_or_unreadable_dates_keep_only_the_words(words, problem):
    when = report.parse_when(words, NOW)
    assert (when.moment, when.problem) == (None, problem)
    answers, note = report.record({}, "when", words, NOW)
    assert note == {"future": "date_future", "unparsed": "date_unknown"}[problem]
    assert answers["when"]["text"] == words


def test_when_survives_the_slot_round_trip():
    when = report.parse_when("gisteravond rond negen uur", NOW)
    assert report.When.from_dict(when.as_dict()) == when


# ---------------------------------------------------------------- form logic


@pytest.mark.parametrize(
    "text, intent, kind",
    [
        ("stop", "goodbye", "stop"),
        ("Stop met het verslag", "stop_report", "stop"),
        ("laat maar", "out_of_scope", "stop"),
        ("sla over", "skip", "skip"),
        ("weet ik niet", "nlu_fallback", "skip"),
        ("/skip", "skip", "skip"),
        ("wie kan ik bellen?", "ask_who_to_call", "question"),
        ("hoe doe ik aangifte?", "ask_how_aangifte", "question"),
        ("ik heb aangifte gedaan", "ask_how_aangifte", "answer"),  # no question mark: an answer
        ("/next_step", "next_step", "payload"),
        ("/finish_report", "finish_report", "finish"),
        ("Op Instagram, in een DM", "report_online_threat", "answer"),
        ("stop de bedreigingen", "report_online_threat", "answer"),
    ],
)
def test_each_message_in_the_form_is_read_as_what_it_is(text, intent, kind):
    assert report.classify(text, intent, {"ask_who_to_call", "ask_how_aangifte"}) == kind


def test_helpers_get_the_about_question_first_others_start_with_when(knowledge, texts):
    assert report.questions_for("council_member", knowledge, texts)[0] == "when"
    assert report.questions_for(None, knowledge, texts)[0] == "when"
    for helper in ("clerk", "municipal_secretary", "family_member"):
        assert report.questions_for(helper, knowledge, texts)[0] == "about"
    order = report.questions_for("council_member", knowledge, texts)
    assert order == [q for q in report.QUESTIONS if q != "about"]
    walked, question = [], None
    while (
        question := report.next_question(question, "council_member", knowledge, texts)
    ) is not None:
        walked.append(question)
    assert walked == order


def test_questions_speak_to_the_person_or_about_them(knowledge, texts):
    own = report.question_text("impact", "council_member", None, knowledge, texts)
    helper = report.question_text("impact", "clerk", None, knowledge, texts)
    assert "jou" in own and "de persoon" in helper


def test_what_was_told_before_is_offered_not_asked_again(knowledge, texts):
    events = [
        user_event("hallo", "greet"),
        user_event("/report_online_threat", "report_online_threat"),
        user_event("Ik krijg dreigmails van <b>Piet</b>", "report_online_threat"),
        user_event("wie kan ik bellen?", "ask_who_to_call"),
        {"event": "active_loop", "name": "report_form"},
        user_event("Op Instagram", "report_online_threat"),  # an answer, not told before
        {"event": "active_loop", "name": None},
    ]
    assert report.told_before(events) == ["Ik krijg dreigmails van <b>Piet</b>"]
    known = report.known_answer("what", events, [], knowledge)
    asked = report.question_text("what", None, known, knowledge, texts)
    assert "“Ik krijg dreigmails van <b>Piet</b>”" in asked and "aanvullen" in asked
    done = report.known_answer("done", [], ["police_report"], knowledge)
    assert done == "Melding of aangifte bij de politie"
    assert report.known_answer("who", events, ["police_report"], knowledge) is None


def test_nothing_to_add_words():
    assert report.nothing_to_add("Nee, dank je.") and report.nothing_to_add("klopt")
    assert not report.nothing_to_add("nee, het was ook op Facebook")


def user_event(text, intent):
    return {"event": "user", "text": text, "parse_data": {"intent": {"name": intent}}}


# ---------------------------------------------------------------- the report

SECTION_HEADINGS = [
    "Wanneer",
    "Waar of op welk platform",
    "Wat er gebeurde",
    "Wie het deed",
    "Bewijs en waar het bewaard is",
    "Getuigen",
    "Wat het doet met de persoon en het gezin",
    "Wat al gedaan is",
    "Wat nog te doen is",
    "Wat mogelijk strafbaar is (ter oriëntatie, geen oordeel)",
    "Contacten",
    "Waar breng je dit verslag?",
    "Bewaren",
]


def full_answers():
    answers = {}
    for key, text in [
        ("when", "gisteravond rond negen uur"),
        ("where", "Instagram"),
        ("what", 'Hij schreef <script>alert("x")</script> en **ik weet waar je woont**'),
        ("who", "@boze_burger_73"),
        ("evidence", "screenshots op mijn laptop"),
        ("witnesses", "nee"),
        ("impact", "Ik slaap slecht, mijn kinderen zijn bang"),
        ("done", "de griffier gebeld"),
    ]:
        answers, _ = report.record(answers, key, text, NOW)
    return answers


def test_every_section_with_the_words_quoted_as_typed(knowledge):
    made = report.build_report(
        full_answers(),
        "online_threat",
        "council_member",
        ["evidence"],
        NOW,
        30,
        ["Ik word bedreigd"],
    )
    lines = made.text.splitlines()
    assert lines[0] == "Verslag: bedreiging online"
    assert lines[1].startswith("Opgesteld op 1 december 2026 om 21:05")
    assert lines[2] == "Opgesteld door: raadslid (de persoon zelf)"
    positions = [lines.index(heading) for heading in SECTION_HEADINGS]
    assert positions == sorted(positions), "sections in the wrong order"
    assert "30 november 2026, rond 21:00" in lines
    assert (
        'Aanvulling: “Hij schreef <script>alert("x")</script> en **ik weet waar je woont**”'
        in lines
    )
    assert "Eerder in het gesprek: “Ik word bedreigd”" in lines
    assert "“@boze_burger_73”" in lines
    assert (
        "Afgevinkt in de checklist: Bewijs bewaard (screenshots met wat, wanneer en van wie)"
        in lines
    )
    assert "- Melding of aangifte bij de politie" in lines  # still to do
    assert "Bewijs bewaard" not in "\n".join(lines[lines.index("Wat nog te doen is") :])
    assert "(niet ingevuld)" not in made.text
    assert "hooguit 30 dagen" in made.text
    assert made.filename == "verslag-2026-12-01-2105.pdf"
    assert made.payload() == {
        "report": {"title": made.title, "text": made.text, "filename": made.filename}
    }


def test_skipped_answers_say_so_and_the_report_is_still_whole():
    made = report.build_report({"who": {"text": None}}, None, None, [], NOW)
    lines = made.text.splitlines()
    assert lines[0] == "Verslag: agressie of intimidatie"
    assert not lines[2].startswith("Opgesteld door")  # role unknown: not guessed
    for heading in SECTION_HEADINGS[:7]:
        assert lines[lines.index(heading) + 1] == "(niet ingevuld)"
    assert "Dit is geen juridisch oordeel" not in made.text  # no offence named for "other"


@pytest.mark.parametrize("incident", kb.incident_types())
def test_a_report_for_each_incident_type(incident, knowledge, texts):
    made = report.build_report(full_answers(), incident, "alderman", [], NOW)
    assert made.title == f"Verslag: {texts['titles'][incident]}"
    offences = made.text.split(SECTION_HEADINGS[9])[1].split("\n\n")[0]
    articles = set(re.findall(r"artikel (\d+\w?)(?: en (\d+))?", offences))
    named = {a for pair in articles for a in pair if a}
    assert named <= FACTS_ARTICLES
    assert bool(named) == (incident != "other")
    for phone in ("112", "070 - 373 83 14", "0900-8844"):
        assert phone in made.text
    assert "gemeentesecretaris of de burgemeester" in made.text  # the alderman's internal report


def test_a_report_by_a_helper_is_about_the_person_and_names_the_helper(knowledge):
    answers, _ = report.record({}, "about", "Wethouder J. de Vries", NOW)
    made = report.build_report(answers, "doxxing", "clerk", [], NOW)
    lines = made.text.splitlines()
    assert lines[2] == "Opgesteld door: griffier"
    assert lines[lines.index("Over wie het gaat") + 1] == "“Wethouder J. de Vries”"
    assert "Gemeentelijk Incidenten Registratiesysteem" in made.text
    assert "artikel 285d" in made.text


def test_a_candidate_gets_no_ondersteuningsteam():
    made = report.build_report({}, "online_abuse", "candidate", [], NOW)
    assert "Ondersteuningsteam" not in made.text and "0900-8844" in made.text


# ---------------------------------------------------------------- content rules


def test_texts_need_a_source_and_known_contacts(tmp_path, knowledge):
    for path in kb.KNOWLEDGE_DIR.glob("*.yml"):
        shutil.copy(path, tmp_path / path.name)
    data = yaml.safe_load(REPORT_YML.read_text())
    del data["questions"]["who"]["source"]
    (tmp_path / "report.yml").write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False))
    with pytest.raises(report.ReportTextsError, match="questions.who: missing source"):
        report.load_texts(tmp_path)
    data = yaml.safe_load(REPORT_YML.read_text())
    data["report"]["keep"] += " Bel {phone:nobody}."
    with pytest.raises(report.ReportTextsError, match="unknown contact nobody"):
        report.validate_texts(data, knowledge)


def test_numbers_come_only_from_contacts_yml():
    raw = REPORT_YML.read_text()
    assert not re.search(r"\b(112|0900|070)\b|\d{3} \d{2} \d{2}", raw)
