"""Oefenmodus engine and the scenario library: schema, reachability, facts, matching, debrief."""

import random
import re

import pytest
import yaml

from actions import knowledge as kb
from actions import rehearsal as engine
from tests.conftest import ot_phone
from tests.unit.test_knowledge import FACTS, PHONE, digits

SCENARIO_FILES = sorted(engine.SCENARIO_DIR.glob("*.yml"))
URL = re.compile(r"\b[a-z0-9.-]+\.(?:nl|com|org)\b(?:/\S*)?", re.I)
NUMBER = re.compile(r"\d+[a-z]?%?")


@pytest.fixture(scope="module")
def library():
    return engine.load()


def user_texts(scenario):
    """Everything a user can see of a scenario, with contacts filled in."""
    yield scenario["title"]
    yield engine.fill(scenario["intro"], scenario["role"])
    for moment in scenario["moments"]:
        yield engine.fill(moment["situation"], scenario["role"])
        for option in moment["options"]:
            yield option["label"]
            yield engine.fill(option["feedback"], scenario["role"])


def test_at_least_eight_scenarios_cover_every_type_and_several_roles(library):
    scenarios = list(library.scenarios.values())
    assert len(scenarios) >= 8
    assert {s["incident_type"] for s in scenarios} == set(engine.REPORT_TYPES)
    assert len({s["role"] for s in scenarios}) >= 4
    assert {s["helper_role"] for s in scenarios} == {"clerk", "municipal_secretary", "group_leader"}


@pytest.mark.parametrize("path", SCENARIO_FILES, ids=lambda p: p.stem)
def test_scenario_file_is_valid_and_every_moment_is_reachable(path, knowledge, library):
    scenario = yaml.safe_load(path.read_text(encoding="utf-8"))
    engine.validate_scenario(scenario, library.texts, knowledge)
    assert scenario["id"] == path.stem
    assert engine.reachable(scenario) == engine.moment_ids(scenario)
    for moment in scenario["moments"]:
        assert len(moment["options"]) >= 2
        for option in moment["options"]:
            assert option["feedback"].strip() and option["label"].strip()
            assert len(option["label"]) <= 64, "too long for a Telegram button"


@pytest.mark.skipif(not FACTS.exists(), reason="shared/domain/FACTS.md not next to the repo")
@pytest.mark.parametrize("path", SCENARIO_FILES, ids=lambda p: p.stem)
def test_every_number_and_address_in_a_scenario_is_on_the_facts_page(path, library):
    facts = FACTS.read_text(encoding="utf-8")
    allowed_phones = {digits(n) for n in PHONE.findall(facts)}
    scenario = library.scenarios[path.stem]
    for text in user_texts(scenario):
        for number in PHONE.findall(text):
            assert digits(number) in allowed_phones, f"{number} in {path.name}"
        without_phones = PHONE.sub(" ", text)
        for figure in NUMBER.findall(without_phones):
            assert figure in facts, f"figure {figure} in {path.name} is not in FACTS.md"
        for url in URL.findall(text):
            assert url in facts, f"address {url} in {path.name} is not in FACTS.md"


def test_the_fact_check_catches_a_made_up_number(library):
    scenario = library.scenarios["death_threat_instagram"]
    texts = list(user_texts(scenario)) + [
        "Bel de crisislijn op 06 12345678, of zie hulp.example.com"
    ]
    facts = FACTS.read_text(encoding="utf-8") if FACTS.exists() else ""
    allowed = {digits(n) for n in PHONE.findall(facts)}
    assert any(digits(n) not in allowed for t in texts for n in PHONE.findall(t))
    assert any(u not in facts for t in texts for u in URL.findall(t))


def test_numbers_come_from_the_contacts_file_not_typed_in(library):
    """Apart from 112, a phone number in a scenario is a {phone:KEY} placeholder."""
    for scenario in library.scenarios.values():
        raw = [scenario["intro"]] + [m["situation"] for m in scenario["moments"]]
        raw += [o["feedback"] for m in scenario["moments"] for o in m["options"]]
        typed = [n for text in raw for n in PHONE.findall(text) if n != "112"]
        assert not typed, f"{scenario['id']}: type {{phone:KEY}} instead of {typed}"
    assert engine.fill("Bel {phone:ondersteuningsteam}.", "council_member") == f"Bel {ot_phone()}."


def test_broken_scenarios_are_refused(tmp_path, knowledge, library):
    source = (engine.SCENARIO_DIR / "deepfake_mayor.yml").read_text(encoding="utf-8")
    cases = {
        "unknown next moment": source.replace(
            "        correct: false\n", "        correct: false\n        next: nowhere\n", 1
        ),
        "unknown contact": source.replace("{phone:helpwanted}", "{phone:helpwant}", 1),
        "exactly one correct": source.replace("correct: false", "correct: true", 1),
        "missing source": re.sub(r"(?m)^    source: .*\n", "", source, count=1),
        "unknown skill": source.replace("skill: removal", "skill: juggling", 1),
    }
    for message, text in cases.items():
        with pytest.raises(kb.KnowledgeError, match=message):
            engine.validate_scenario(yaml.safe_load(text), library.texts, knowledge)


def test_a_moment_nobody_reaches_is_refused(knowledge, library):
    scenario = yaml.safe_load((engine.SCENARIO_DIR / "turns_acute.yml").read_text(encoding="utf-8"))
    for option in scenario["moments"][1]["options"]:
        option["next"] = "day_after"  # skips police_came
    with pytest.raises(kb.KnowledgeError, match="nobody reaches: \\['police_came'\\]"):
        engine.validate_scenario(scenario, library.texts, knowledge)


def test_pick_prefers_scenarios_not_done_and_says_when_it_repeats(library):
    rng = random.Random(1)
    threats = sorted(
        s for s, sc in library.scenarios.items() if sc["incident_type"] == "online_threat"
    )
    first, repeated = engine.pick(library, "online_threat", [], rng)
    assert first in threats and not repeated
    second, repeated = engine.pick(library, "online_threat", [first], rng)
    assert second in threats and second != first and not repeated
    _, repeated = engine.pick(library, "online_threat", threats, rng)
    assert repeated
    any_id, _ = engine.pick(library, "random", list(library.scenarios)[:-1], rng)
    assert any_id == list(library.scenarios)[-1]


@pytest.mark.parametrize(
    "text, intent, expected",
    [
        ("", None, None),
        ("b", "choose_option", "delete"),
        ("optie 3", "choose_option", "reply"),
        ("de eerste", "choose_option", "keep_evidence"),
        ("ik zeg dat ze eerst screenshots maakt en niets wissen", "ask_evidence", "keep_evidence"),
        ("gewoon wissen maar, dan is ze ervan af", "out_of_scope", "delete"),
        ("laat haar de afzender terugschrijven", "nlu_fallback", "reply"),
        ("hoe bewaar je zoiets", "ask_evidence", "keep_evidence"),
        ("Het bericht wisen, dan is ze ervan af", "out_of_scope", "delete"),  # typo: fuzzy label
        ("wat is het weer morgen", "out_of_scope", None),
        # "niet reageren" does not choose "reageren"; the screenshots do choose the best step
        ("ik zeg dat ze screenshots maakt en niet moet reageren", "nlu_fallback", "keep_evidence"),
        ("zeker niet reageren", "out_of_scope", None),
    ],
)
def test_free_text_is_matched_to_an_option_or_not_at_all(library, text, intent, expected):
    moment = engine.find_moment(library.scenarios["death_threat_instagram"], "delete_or_keep")
    chosen = engine.match_option(moment, text, intent)
    assert (chosen or {}).get("id") == expected


def test_the_nlu_intent_decides_when_no_keyword_does(library):
    moment = engine.find_moment(library.scenarios["death_threat_instagram"], "closing")
    assert (
        engine.match_option(moment, "wie kan ze bellen", "ask_who_to_call")["id"] == "aftercare_ot"
    )
    assert engine.match_option(moment, "tja", "ask_who_to_call", "go_sleep")["id"] == "go_sleep"


def test_feedback_right_and_wrong_and_the_next_moment(library):
    scenario = library.scenarios["death_threat_instagram"]
    moment = engine.find_moment(scenario, "first_call")
    right = engine.evaluate(library, scenario["id"], "first_call", moment["options"][0])
    assert right.feedback.startswith("✅ ") and right.next_moment == "delete_or_keep"
    wrong = engine.evaluate(library, scenario["id"], "first_call", moment["options"][1])
    assert wrong.feedback.startswith(library.texts["wrong"])
    assert "Beter is: Vragen of ze nu veilig is." in wrong.feedback
    # An answer that puts someone at risk says so first (S5).
    risky = engine.evaluate(library, scenario["id"], "first_call", moment["options"][2])
    assert moment["options"][2].get("dangerous")
    assert risky.feedback.startswith(library.texts["dangerous"])
    last = engine.find_moment(scenario, "closing")
    end = engine.evaluate(library, scenario["id"], "closing", last["options"][0])
    assert end.next_moment is None and ot_phone() in end.feedback


def test_debrief_has_score_what_went_well_what_was_missed_and_the_checklist(library):
    scenario = library.scenarios["turns_acute"]
    results = []
    for index, moment in enumerate(scenario["moments"]):
        results = engine.record(results, moment["id"], moment["options"][0 if index != 1 else 1])
    text = engine.debrief(library, "turns_acute", results)
    assert "Bij 3 van de 4 keuzes koos je de beste stap." in text
    well, missed = text.split("Let hier de volgende keer op:")
    assert "Dit ging goed:" in well and "Regel nazorg" in well
    assert "meteen 112" not in well  # one of the two safety moments was missed
    assert "direct gevaar belt iemand meteen 112" in missed.split("Checklist")[0]
    checklist = text.split("Checklist om te bewaren als iemand je belt:")[1]
    assert checklist.count("⬜") == len(library.texts["skills"])
    assert ot_phone() in checklist and "VPT-code" in checklist


def test_practice_texts_say_it_is_practice_not_a_report(library):
    intro = engine.intro(library, "doxxing_alderman")
    assert intro.startswith("Oefening: Adres en foto")
    assert "Dit is een oefening, geen echte melding." in intro and "112" in intro


def test_buttons_carry_the_option_id(library):
    moment = library.scenarios["deepfake_mayor"]["moments"][0]
    buttons = engine.option_buttons(moment)
    assert buttons[0] == {
        "title": "Eerst bewijs bewaren, met screenshots en links",
        "payload": '/choose_option{"rehearsal_option": "evidence_first"}',
    }


@pytest.mark.parametrize(
    "text, tips",
    [
        ("ik zou zeggen: reageer maar fel terug en verwijder daarna alles", 2),
        ("ik wis gewoon alle berichten", 1),
        ("niets verwijderen en niet reageren", 0),  # the wise answer names the unwise things
        ("ik vraag of ze veilig is", 0),
    ],
)
def test_an_unwise_free_answer_gets_a_tip(library, text, tips):
    found = engine.unwise_tips(library, text)
    assert len(found) == tips
    assert all(tip in [e["tip"] for e in library.texts["unwise_answers"]] for tip in found)


@pytest.mark.parametrize(
    "moment, text, intent, kind",
    [
        ("first_call", "klaar, bedankt", "chitchat_thanks", "end"),
        ("first_call", "genoeg geoefend", "nlu_fallback", "end"),
        ("first_call", "volgende", "next_step", "skip"),
        ("first_call", "nog eentje", "nlu_fallback", "skip"),
        ("first_call", "volgende vraag", "skip", "skip"),
        # the best step of a later moment (keep evidence), said at the safety moment
        ("first_call", "ik zou haar screenshots laten maken", "nlu_fallback", "later"),
        ("first_call", "geen idee eigenlijk", "skip", "hint"),  # the NLU hears it as skip
        # the best step of a moment already past
        ("delete_or_keep", "ik vraag of ze veilig is", "nlu_fallback", "earlier"),
        ("first_call", "oh oke, wat is dan wel goed?", "affirm", "hint"),
        ("first_call", "wie kan ik bellen?", "ask_who_to_call", "hint"),
        ("first_call", "reageer maar fel terug", "nlu_fallback", "again"),  # the tip comes first
        ("first_call", "wat een mooi weer", "out_of_scope", "again"),
        # a long answer with "klaar" in it is an answer, not the end
        (
            "first_call",
            "ik zou zeggen dat ze klaar moet staan om te bellen",
            "nlu_fallback",
            "again",
        ),
    ],
)
def test_an_answer_that_fits_no_option_ends_skips_hints_or_asks_again(
    library, moment, text, intent, kind
):
    reply = engine.unmatched(library, "death_threat_instagram", moment, text, intent)
    assert reply.kind == kind
    scenario = library.scenarios["death_threat_instagram"]
    best = next(o for o in engine.find_moment(scenario, moment)["options"] if o.get("correct"))
    if kind in ("skip", "later"):
        assert best["label"] in reply.text
        assert reply.next_moment == engine.next_of(scenario, moment, best)
    if kind == "hint":
        skill = engine.find_moment(scenario, moment)["skill"]
        assert engine.fill(library.texts["skills"][skill]["label"], scenario["role"]) in reply.text
    if kind == "again":
        assert reply.text.endswith(library.texts["ask_again"].strip())
