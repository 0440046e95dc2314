"""The acute-danger safety net: the last NLU step, after the classifier and its fallback.

When the classifier is unsure but its best guess is a report, that report is kept.
When the words say the user is in danger now, or the classifier's best guess is acute_danger
and the words do not say it is over or for later, the message becomes intent `acute_danger` (so
the rule "112 first" fires) whatever the classifier thought. Its incident type (entity
`incident_type`) is the classifier's report when it gave one, otherwise what the words name:
something physical (a door, a knife, being followed) or a message (a DM, a post). A past event
becomes entity `acute_danger` = false, so the bot does not ask "Ben je nu in gevaar?" about
something that happened last week; harm announced for later ("hij komt morgen") is reported
as a threat, and the triage still asks.
"""

import re
from typing import Any

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.constants import ENTITIES, INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from actions.knowledge import (
    cued_question,
    incident_types_in,
    load,
    report_intents,
    roles_in,
    threat_denied,
)
from actions.rehearsal import wish_pattern
from components.danger_patterns import (
    ACUTE,
    LATER,
    MESSAGE,
    PAST,
    assess_danger,
    names_a_message,
    normalise,
)
from components.message_step import MessageStep

ACUTE_INTENT = "acute_danger"
REPORT_PREFIX = "report_"
FALLBACK_INTENT = "nlu_fallback"
ROLE_INTENT = "inform_role"
OTHER_INTENT = "about_someone_else"
PRACTICE_INTENT = "start_rehearsal"
OUT_OF_SCOPE = "out_of_scope"
# The report intents named in knowledge/incidents.yml (each is report_<type>).
REPORT_TYPES = set(report_intents())
THREAT_REPORT = REPORT_PREFIX + "online_threat"
PHYSICAL_REPORT = REPORT_PREFIX + "physical_intimidation"
# Below this the classifier's report type gives way to the words (in_the_physical_world).
UNSURE_TYPE_BELOW = 0.6
# What the words name when the classifier gave no report: the physical world or a message.
PHYSICAL_WORDS = re.compile(
    r"\b(?:deur\w*|voordeur|achterdeur|huis|thuis|tuin|raam|ramen|ruit\w*|buiten|binnen|straat|stoep|"
    r"auto|hek|achter (?:me|mij|ons) aan|volg\w*|gevolgd|achtervolg\w*|mes|wapen|pistool|knuppel|"
    r"brand\w*|vuur\w*|rook|gooi\w*|inbr\w*|ingebroken|staat|staan|op (?:me|mij) af|man|mannen|groep|"
    r"glas|beneden|boven|keuken|kamer|gang|zaal|raadszaal|markt|sla\w*|duw\w*|omsingel\w*|"
    r"door|house|home|outside|window\w*|knife|gun|following|banging|garden|yard|shed|street|car|hiding)\b"
)
WEAK_PHYSICAL_WORDS = {"staat", "staan", "man", "mannen", "groep", "door"}
THREAT_WORDS = re.compile(r"\b(?:be)?dreig\w*")
# Intents whose mistake costs more than a "say it again": a false 112 alarm, a deleted
# conversation. The classifier must be surer of them than of others (config.yml's fallback
# threshold); below this they become nlu_fallback. Danger the words show is not affected.
CAREFUL_INTENTS = {ACUTE_INTENT: 0.5, "forget_conversation": 0.5}


def _places(plain: str) -> set[str]:
    """The physical-world words in a normalised text; "staat" or "man" also stand in "er staat
    een post", "een man schreef": too weak to count here."""
    return set(PHYSICAL_WORDS.findall(plain)) - WEAK_PHYSICAL_WORDS


def in_the_physical_world(text: str) -> bool:
    """The words name a place or a thing in the physical world, and nothing written or sent."""
    plain = normalise(text)
    return bool(_places(plain)) and not names_a_message(plain)


def words_incident_type(text: str, now: bool = False) -> str | None:
    """Danger is physical when the words name only the physical world, a threat when they
    only name a message or a threat. Danger now in the physical world is physical whatever was
    posted before ("mijn adres is online gezet en er staat nu een auto voor de deur")."""
    plain = normalise(text)
    physical, written = PHYSICAL_WORDS.search(plain), names_a_message(plain)
    if physical and not written or now and _places(plain):
        return "physical_intimidation"
    if written and not physical or not physical and THREAT_WORDS.search(plain):
        return "online_threat"
    # Both (a post, and someone at the door) or neither: the words do not tell.
    return None


def best_incident_type(ranking: list[dict[str, Any]]) -> str | None:
    return next(
        (e["name"][len(REPORT_PREFIX) :] for e in ranking if e.get("name") in REPORT_TYPES), None
    )


def _confidence(ranking: list[dict[str, Any]], name: str) -> float:
    return next((e.get("confidence", 0.0) for e in ranking if e.get("name") == name), 0.0)


def top_real_intent(intent: dict[str, Any], ranking: list[dict[str, Any]]) -> str | None:
    """The classifier's own best guess, looking through the fallback."""
    if intent.get("name") != FALLBACK_INTENT:
        return intent.get("name")
    for entry in ranking:
        if entry.get("name") != FALLBACK_INTENT:
            return entry.get("name")
    return None


# Short answers ("ja", "volgende", "dank je"): a long message heard as one of them is a story
# the classifier missed (a long upset message came out as `affirm` at 0.99).
SHORT_ANSWERS = {
    "affirm",
    "deny",
    "skip",
    "greet",
    "goodbye",
    "chitchat_thanks",
    "next_step",
    "already_done",
    "choose_option",
}
LONG_STORY_WORDS = 12
# "Wat is doxing?", "wat is het verschil tussen bedreiging en belediging?": a question about a
# word, not a report (no "ik", "mijn", "we" in it); the is-this-a-crime answer explains the type.
DEFINITION_QUESTION = re.compile(
    r"^\W*(?:wat|what)\s+(?:is|zijn|betekent|betekenen|houdt|bedoel\w*|means?)\b[^?]*\?\W*$"
)
FIRST_PERSON = re.compile(r"\b(?:ik|mij|me|mijn|m'n|mn|we|wij|ons|onze)\b")
CRIME_INTENT = "ask_is_crime"
# "Wat moet ik doen als ik ooit bedreigd word?": a question about what might happen, no report.
HYPOTHETICAL = re.compile(r"\b(?:als|wanneer|stel dat|mocht|ooit|if)\b")
# "Done" heard without conviction in a question ("en de politie als het geen spoed is?" as
# inform_done at 0.36): a question whose cue words fit one question is that question.
DONE_INTENTS = ("inform_done", "already_done")
UNSURE_BELOW = 0.5
# A message that starts as a question: "Hoe vraag ik een parkeervergunning aan", "What can this
# bot do?". Heard as a report without conviction, and naming no incident, it is no report: the
# triage would ask about an incident nobody mentioned. (A story that ends in "wat kunnen we
# doen?" is still a report.)
QUESTION_START = re.compile(
    r"^\W*(?:wat|welke?|hoe|wie|waar\w*|wanneer|waarom|kan|kun|mag|moet|what|how|who|where|"
    r"when|why|can|could|is|are|do|does)\b"
)


def asks(plain: str) -> bool:
    return "?" in plain or bool(QUESTION_START.search(plain))


def unheard_story(intent: dict[str, Any], text: str) -> bool:
    """Not understood, or taken for something the bot does not do, and not a question; or a
    long message taken for a short answer: a story the classifier missed, when its words name
    an incident."""
    name = intent.get("name")
    if name in SHORT_ANSWERS:
        return len(text.split()) >= LONG_STORY_WORDS
    return name in (FALLBACK_INTENT, OUT_OF_SCOPE) and "?" not in text


def _entity(name: str, value: Any) -> dict[str, Any]:
    return {
        "entity": name,
        "value": value,
        "start": 0,
        "end": 0,
        "confidence_entity": 1.0,
        "extractor": "AcuteDangerDetector",
    }


def _set_intent(message: Message, name: str, confidence: float) -> None:
    """Set the final intent and put it first in the ranking, which actions also read."""
    ranking = [e for e in message.get(INTENT_RANKING_KEY) or [] if e.get("name") != name]
    message.set(INTENT, {"name": name, "confidence": confidence}, add_to_output=True)
    message.set(
        INTENT_RANKING_KEY, [{"name": name, "confidence": confidence}] + ranking, add_to_output=True
    )


def retyped_report(
    final: str, text: str, guesses: list[str], ranking: list[dict[str, Any]]
) -> str | None:
    """The report the words correct the classifier's type to, if they do."""
    report = None
    if final == THREAT_REPORT and threat_denied(text):
        # "ik word uitgescholden, dreigen doet hij niet": what the words name besides, else
        # the classifier's next report, else abuse
        named = incident_types_in(text)
        other = [g for g in guesses if g in REPORT_TYPES and g != THREAT_REPORT]
        report = final = (
            REPORT_PREFIX + named[0] if named else (other or [REPORT_PREFIX + "online_abuse"])[0]
        )
    if (
        final in REPORT_TYPES - {PHYSICAL_REPORT}
        and _confidence(ranking, final) < UNSURE_TYPE_BELOW
        and in_the_physical_world(text)
    ):
        # An unsure report whose words only name the physical world ("er zit lijm in ons slot en
        # er zijn krassen op de auto", heard as a threat at 0.19)
        report = PHYSICAL_REPORT
    return report


def apply_safety_net(message: Message) -> None:
    intent = message.get(INTENT) or {}
    if intent.get("confidence", 0.0) < CAREFUL_INTENTS.get(intent.get("name"), 0.0):
        _set_intent(message, FALLBACK_INTENT, intent["confidence"])
        intent = message.get(INTENT)
    ranking = message.get(INTENT_RANKING_KEY) or []
    text = message.get(TEXT) or ""
    verdict = assess_danger(text)
    top = top_real_intent(intent, ranking) or ""
    entities = [
        e
        for e in message.get(ENTITIES) or []
        if e.get("entity") not in ("incident_type", "acute_danger")
    ]

    # The classifier's acute guess counts only when it is sure enough (CAREFUL_INTENTS): below
    # that the guess is noise (a nickname typed as an answer, "kan mijn dochter ook hulp
    # krijgen?"), and the words themselves are judged by the patterns anyway.
    classifier_acute = intent.get("name") == ACUTE_INTENT
    if verdict == ACUTE or (classifier_acute and verdict not in (PAST, LATER, MESSAGE)):
        # The words tell the type (danger at the door is physical, whatever was posted before);
        # else the classifier's report.
        incident = words_incident_type(text, now=verdict == ACUTE) or (
            top[len(REPORT_PREFIX) :] if top in REPORT_TYPES else best_incident_type(ranking)
        )
        _set_intent(message, ACUTE_INTENT, 1.0)
        if incident:
            entities.append(_entity("incident_type", incident))
    else:
        report = None
        # the classifier's three best guesses, its "not sure" left out
        guesses = [e["name"] for e in ranking if e.get("name") != FALLBACK_INTENT][:3]
        if verdict == PAST:
            entities.append(_entity("acute_danger", False))
        if classifier_acute:
            # Over, announced for later (a threat; online when a message carried it), or
            # danger words inside a message: a report, typed by the classifier otherwise.
            written = verdict == LATER and names_a_message(text)
            kind = "online_threat" if written else best_incident_type(ranking)
            kind = kind or words_incident_type(text)
            # no type in the ranking or the words: something happened, the triage asks what
            report = REPORT_PREFIX + (kind or "incident")
        if intent.get("name") == FALLBACK_INTENT and top == ACUTE_INTENT and not report:
            # Unsure, best guess danger, the words no danger now ("iemand heeft een steen door
            # mijn raam gegooid"): something happened; the words tell the type and the triage
            # asks "Ben je nu in gevaar?".
            kind = words_incident_type(text)
            report = REPORT_PREFIX + kind if kind else None
        plain = normalise(text)
        unsure_report = top in REPORT_TYPES and intent.get("confidence", 0.0) < UNSURE_BELOW
        if unsure_report and QUESTION_START.search(plain) and not incident_types_in(text):
            # A question naming no incident, heard as a report without conviction: the
            # question whose words are there, else not understood.
            report = cued_question(text, guesses) or FALLBACK_INTENT
        elif intent.get("name") == FALLBACK_INTENT and top.startswith(REPORT_PREFIX):
            # Someone telling what happened gets the triage (which asks when the type is
            # unclear), never "please rephrase"; but a question with the words of one of the
            # best guesses is that question ("wat moet ik met mijn adres?").
            report = (asks(plain) and cued_question(text, guesses)) or top
        elif not report and (top == ROLE_INTENT or unheard_story(intent, text)):
            # "ik word bedreigd op linkedin, ik ben raadslid" heard as a role (sure or not), or
            # "Ik ben wethouder en ik word bedreigd" not understood at all: the words name an
            # incident (incidents.yml cues), so it is a report; the role still comes from its
            # entity.
            named = [k for k in incident_types_in(text) if REPORT_PREFIX + k in REPORT_TYPES]
            best = best_incident_type(ranking)
            report = REPORT_PREFIX + (best if best in named else named[0]) if named else None
            if not report and len(text.split()) >= LONG_STORY_WORDS and "?" not in text:
                # a long story whose words name no type: the classifier's own report guess,
                # when it is among its three best ("Ik ben waterschapsbestuurder. Op LinkedIn
                # staat een tweede profiel met mijn naam en foto ...")
                report = next((g for g in guesses if g in REPORT_TYPES), None)
        final = report or intent.get("name") or ""
        if (
            final in REPORT_TYPES
            and DEFINITION_QUESTION.search(plain)
            and not FIRST_PERSON.search(plain)
        ):
            report = final = CRIME_INTENT  # "wat is doxing?"
        if (final.startswith(REPORT_PREFIX) or final in (ROLE_INTENT, OTHER_INTENT)) and (
            wish_pattern().search(plain)
        ):
            # "als gemeentesecretaris wil ik oefenen hoe ik reageer als een wethouder wordt
            # bedreigd": a wish to practise, not a report
            report = PRACTICE_INTENT
        if not report and intent.get("name") == FALLBACK_INTENT and top == ROLE_INTENT:
            # unsure, best guess a role, and the words name one ("ik ben zijn secretaresse")
            report = ROLE_INTENT if roles_in(text, load()) else None
        unsure_done = intent.get("name") in DONE_INTENTS and "?" in text
        unsure_done = unsure_done and intent.get("confidence", 0.0) < UNSURE_BELOW
        if not report and (intent.get("name") == FALLBACK_INTENT or unsure_done):
            # Unsure, but one of its three best guesses is a question whose words are there
            # ("welk wetsartikel geldt voor bedreiging?"): that question, not "say it again";
            # else a report among them whose words are there ("Someone threatened me on
            # Facebook, ik ben raadslid, wat nu?"); else the one question whose words are there.
            named = [] if HYPOTHETICAL.search(plain) else incident_types_in(text)
            named = [REPORT_PREFIX + k for k in named]
            report = (
                cued_question(text, guesses, anywhere=False)
                or next((g for g in guesses if g in named), None)
                or cued_question(text, guesses)
            )
        final = report or intent.get("name") or ""
        report = retyped_report(final, text, guesses, ranking) or report
        if report == FALLBACK_INTENT:
            _set_intent(message, report, intent.get("confidence", 0.0))
        elif report:
            _set_intent(message, report, _confidence(ranking, report))
    message.set(ENTITIES, entities, add_to_output=True)


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False)
class AcuteDangerDetector(MessageStep):
    apply = staticmethod(apply_safety_net)
