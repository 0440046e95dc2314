"""Triage: what happened, who it is about, is that person safe now; then the first steps at once.

The order is the protocol's: first "is the person safe now?" (about the other person when the
user helps someone), then at once the steps that hold for everyone (safety, evidence, the
Ondersteuningsteam), then the role in passing, with a way to skip it; the role sharpens the rest
of the walk-through but never holds it up. Whatever the user says instead of an answer is
understood and the conversation goes on; no acknowledgement or question is said twice (the
`said` slot). When a message names several incident types, the most urgent one comes first and
the others are offered afterwards.
"""

import re
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions import flow, people
from actions import knowledge as kb
from actions.guidance import guide
from actions.tracker_state import CONVERSATION_SLOTS, latest_intent, slots_before_last_message
from components.danger_patterns import PAST, assess_danger

_KNOWLEDGE = kb.load()
# From knowledge/incidents.yml: most urgent first (physical danger, then threats, then exposure
# of where you live); the types that get "Ben je nu in gevaar?" unless the danger is known (abuse
# escalates); those where a past event still gets it because it points to harm to come (a threat,
# a shared address). The words that show a type: kb.incident_types_in.
URGENCY = kb.by_urgency(_KNOWLEDGE)
SAFETY_CHECK_TYPES = {k for k, v in _KNOWLEDGE.incidents.items() if v.get("safety_check")}
FUTURE_HARM_TYPES = {k for k, v in _KNOWLEDGE.incidents.items() if v.get("future_harm")}
# "nee, eigenlijk is het ...": the user corrects the type instead of adding one.
CORRECTION = r"\b(?:eigenlijk|bedoel|toch|nee,? het (?:gaat|is))\b"
# "nu is ze thuis, veilig", "geen gevaar": an answer to the danger question inside a longer message.
SAFE = r"\b(?:veilig|niet in gevaar|geen (?:acuut |direct )?gevaar)\b"
NOT_SAFE = r"\b(?:niet|nooit|nergens|on|geen)\s*veilig\b|\bonveilig|\bof\s+\w+\s+(?:nu\s+)?veilig"
# "hoezo?", "waarom vraag je dat?", "maakt dat uit?" at the danger question
WHY = r"\b(?:hoezo|waarom|maakt (?:dat|het) (?:wat |iets )?uit)\b"
# "ik weet niet of ze veilig is": not an answer either way, whatever the classifier made of it.
UNSURE = r"\bweet\s+(?:ik\s+)?niet\b|\bgeen idee\b|\bof\s+\w+\s+(?:nu\s+)?(?:veilig|in gevaar)\b"
# Not understood, or taken for something the bot does not do: at a triage question that is no
# answer (data/rules/triage.yml hands both to the triage).
NOT_UNDERSTOOD = ("nlu_fallback", "out_of_scope")
# "ze heeft 112 gebeld", "de politie is er": help is there, so the steps can go on.
HELP_ENGAGED = (
    r"\b112\s+(?:is\s+)?gebeld\b|\bgebeld\s+(?:naar\s+)?112\b"
    r"|\bpolitie\s+is\s+(?:er|hier|onderweg|gekomen|geweest|al\s+\w+)\b|\bpolitiebureau\b"
)
# "nee, de kinderen zijn thuis": a plain no to "Is er nu gevaar?", however it goes on.
PLAIN_NO = (
    r"^\s*(?:nee|neen|nope|nee hoor|(?:op dit moment|op het moment|momenteel|nu) (?:nog )?niet)\b"
)
# A second incident type during the walk-through counts when the classifier is this sure of
# it, or the words name it ("ze is thuis, het is allemaal online" is no doxxing).
SURE_SECOND_REPORT = 0.6
# The same inside the story itself, before the question was asked ("nu is ze thuis, veilig"):
# only a statement about now, not any "veilig" ("hoe kom ik veilig thuis").
SAFE_IN_STORY = (
    r"\b(?:nu|inmiddels|intussen|ben|is|zijn|zit|zitten)\s+(?:[\w']+,?\s+){0,3}?veilig\b"
    r"|\b(?:niet|geen) (?:meer |acuut |direct )?(?:in )?gevaar\b"
)


# The triage's questions whose unclear answers go back to the triage (data/rules/triage.yml,
# "not understood at the ... question"; tests/unit/test_triage.py keeps the two the same).
TRIAGE_QUESTIONS = ("who", "role", "in_danger", "incident_type")


def help_engaged(text: str) -> bool:
    return bool(re.search(HELP_ENGAGED, text.lower()))


def answers_danger_question(tracker: Tracker) -> bool:
    """While the danger question waits, "ze heeft 112 gebeld, wat nu?" answers it, whatever
    question the classifier heard in it (read from the slots, before any triage is built)."""
    return tracker.get_slot("pending_question") == "in_danger" and help_engaged(
        tracker.latest_message.get("text") or ""
    )


def rank_incidents(classified: str | None, text: str) -> list[str]:
    """The classified type plus any others the text names, most urgent first."""
    found = {classified} if classified and classified != "other" else set()
    found.update(kb.incident_types_in(text))
    ranked = [kind for kind in URGENCY if kind in found]
    return ranked or ([classified] if classified else [])


def own_role(
    entities: list[dict[str, Any]], text: str, knowledge: kb.Knowledge, known: str | None = None
) -> str | None:
    """The user's own role when a message names several ("ik ben griffier, het gaat om een
    raadslid"): a helper names the person they help, otherwise the first role is the user's.
    Always one of the roles in knowledge/roles.yml, or None. Once the role is known, only the
    NLU's role words change it ("mijn partner weet het niet" does not make a raadslid family)."""
    roles = kb.mentioned_roles(entities, text, knowledge, words_alone=known is None)
    helpers = [r for r in roles if kb.audience(r, knowledge) in ("helper", "family")]
    return (helpers or roles or [None])[0]


def incident_before(tracker: Tracker) -> str | None:
    """The incident type as it was before the latest message set it."""
    value = before = None
    for event in tracker.events:
        if event.get("event") == "user":
            before = value
        elif event.get("event") == "slot" and event.get("name") == "incident_type":
            value = event.get("value")
    return before


def needs_safety_check(incident_type: str | None, acute_danger: bool | None, text: str) -> bool:
    """Ask "Ben je nu in gevaar?" unless the danger is known. A past event still gets the
    question when it points to harm to come (a threat, a shared address)."""
    if incident_type not in SAFETY_CHECK_TYPES or acute_danger is True:
        return False
    past = acute_danger is False or assess_danger(text) == PAST
    if not past or incident_type in FUTURE_HARM_TYPES:
        return True
    # a threat on paper or a wall ("een brief dat ze ons huis in de fik steken") is filed as
    # intimidation in the real world, but points to harm to come like one sent online
    plain = text.lower()
    cues = kb.type_cues()
    return bool(kb.ON_PAPER.search(plain)) and any(
        cues[k].search(plain) for k in FUTURE_HARM_TYPES if k in cues
    )


class Turn:
    """The slots as this turn changes them; looks like a Tracker to the helpers that read
    slots (flow.fill, guide, ...), so they see the changes at once."""

    def __init__(self, tracker: Tracker) -> None:
        self.tracker = tracker
        self.before = {name: tracker.get_slot(name) for name in CONVERSATION_SLOTS}
        self.now = dict(self.before)
        self.latest_message = tracker.latest_message

    def get_slot(self, name: str) -> Any:
        return self.now[name] if name in self.now else self.tracker.get_slot(name)

    def set(self, name: str, value: Any) -> None:
        self.now[name] = value

    def said(self, key: str) -> bool:
        return key in (self.now["said"] or [])

    def mark(self, key: str) -> None:
        self.now["said"] = list(self.now["said"] or []) + [key]

    def events(self) -> list[dict[str, Any]]:
        return [
            SlotSet(name, value)
            for name, value in self.now.items()
            if value != self.before[name] or name == "pending_question"
        ]


class Triage:
    """One run of the triage: reads the message, then says what comes next."""

    def __init__(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, intent: str | None = None
    ) -> None:
        self.dispatcher = dispatcher
        self.turn = Turn(tracker)
        self.knowledge = kb.load()
        self.texts = flow.texts()
        # `intent` when the caller knows better than the classifier (a report told as progress)
        self.intent = intent or latest_intent(tracker)
        self.text = tracker.latest_message.get("text") or ""
        self.entities = tracker.latest_message.get("entities") or []
        self.pending = self.turn.get_slot("pending_question")
        self.turn.set("pending_question", None)

    # --- saying things -------------------------------------------------------------------
    def say(self, text: str, buttons: list[dict[str, Any]] | None = None) -> None:
        self.dispatcher.utter_message(text=text, buttons=buttons or [])

    def fill(self, template: str, **values: str) -> str:
        return flow.fill(template, self.turn, flow.advice_role(self.turn), **values)

    def ask(self, text: str, buttons: list[dict[str, Any]], pending: str) -> None:
        self.say(text, flow.fill_buttons(buttons, self.turn))
        self.turn.set("pending_question", pending)
        self.turn.mark(pending)

    def acknowledge(self) -> None:
        if self.turn.said("ack"):
            return
        self.turn.mark("ack")
        conversation = self.knowledge.conversation
        who = kb.audience(flow.advice_role(self.turn), self.knowledge)
        texts = conversation["acknowledge"]
        lines = [f"{texts.get(who, texts['self'])} {conversation['bot_notice']}"]
        if self.turn.get_slot("inside_council") and not self.turn.said("inside"):
            self.turn.mark("inside")
            lines.append(" ".join(self.texts["inside_council"]["text"].split()))
        self.say("\n\n".join(lines))

    # --- reading the message -------------------------------------------------------------
    def absorb(self) -> None:
        """What this message says about the role, who it is about, and where it comes from."""
        turn = self.turn
        known = slots_before_last_message(turn.tracker).get("role")
        role = own_role(
            self.entities,
            self.text,
            self.knowledge,
            known if known in self.knowledge.roles else None,
        )
        if role:
            turn.set("role", role)
        elif turn.get_slot("role") not in self.knowledge.roles:
            turn.set("role", None)  # the NLU may fill the slot with words that are no role ("lid")
        if not turn.get_slot("role") and people.family_in(self.text):
            turn.set("role", "family_member")
        audience = kb.audience(turn.get_slot("role"), self.knowledge)
        if self.intent in ("about_me", "about_someone_else"):
            # the classifier heard "it is about me / someone else"; plain words win over it
            said = people.said_subject(self.text)
            turn.set(
                "subject", said or (people.SELF if self.intent == "about_me" else people.OTHER)
            )
        elif turn.get_slot("subject") is None or (self.is_report() and not self.started()):
            found = people.subject_in(
                self.text,
                helper_role=audience in ("helper", "family") and role is not None,
                official_role=audience in ("official", "candidate") and role is not None,
            )
            if found:
                turn.set("subject", found)
        if turn.get_slot("subject") == people.OTHER:
            pronoun = people.pronoun_in(self.text)
            if pronoun != people.NEUTRAL or not turn.get_slot("helped_pronoun"):
                turn.set("helped_pronoun", pronoun)
            if not turn.get_slot("helped_name"):
                turn.set("helped_name", people.helped_name(self.text))
            helped = kb.helped_role(self.text, turn.get_slot("role"), self.knowledge)
            if helped:
                turn.set("helped_role", helped)
        if people.from_inside(self.text):
            turn.set("inside_council", True)

    def is_report(self) -> bool:
        return bool(self.intent and self.intent.startswith("report_"))

    def started(self) -> bool:
        """The first steps for the current incident type have been shown."""
        turn = self.turn
        return bool(
            turn.get_slot("steps_shown")
            and turn.get_slot("guided_incident_type") == turn.get_slot("incident_type")
        )

    def type_entities(self) -> list[str]:
        return [e.get("value") for e in self.entities if e.get("entity") == "incident_type"]

    def take_report(self) -> None:
        """A report: rank the types it names; during a walk-through, add or switch."""
        turn = self.turn
        earlier = incident_before(self.turn.tracker)
        confidence = (self.turn.latest_message.get("intent") or {}).get("confidence", 1.0)
        if (
            earlier
            and confidence < SURE_SECOND_REPORT
            and not kb.incident_types_in(self.text)
            and not self.type_entities()
        ):
            turn.set("incident_type", earlier)  # an unsure guess at a second type is none
            return
        guided = turn.get_slot("guided_incident_type")
        reported = turn.get_slot("incident_type")
        others = list(turn.get_slot("other_incident_types") or [])
        ranked = rank_incidents(reported, self.text)
        if not ranked:
            return
        correction = re.search(CORRECTION, self.text.lower())
        if guided is None and earlier and earlier != ranked[0] and correction:
            turn.set("incident_type", ranked[0])
            turn.set("other_incident_types", [t for t in others if t not in (earlier, ranked[0])])
            self.say(
                kb.render(
                    self.knowledge.conversation["type_changed"],
                    self.knowledge,
                    incident=kb.incident_name(ranked[0], self.knowledge),
                )
            )
            return
        if guided is None and earlier and earlier != ranked[0]:
            # A second report before the steps began: both count, the most urgent first.
            both = [t for t in URGENCY if t in {earlier, *ranked}] or [earlier]
            turn.set("incident_type", both[0])
            turn.set("other_incident_types", list(dict.fromkeys(others + both[1:])))
            for kind in both[1:]:
                if kind not in others and kind != earlier:
                    self.note_other(kind)
            return
        if guided is None:
            turn.set("incident_type", ranked[0])
            turn.set("other_incident_types", list(dict.fromkeys(others + ranked[1:])))
            return
        new = ranked[0]
        if new == guided:
            turn.set("incident_type", guided)
            return
        ranks = URGENCY + ["other"]
        if correction or ranks.index(new) < ranks.index(guided):
            turn.set("incident_type", new)
            turn.set("other_incident_types", [t for t in others if t != new])
            turn.set("steps_shown", [])
            self.say(
                kb.render(
                    self.knowledge.conversation["type_changed"],
                    self.knowledge,
                    incident=kb.incident_name(new, self.knowledge),
                )
            )
            return
        turn.set("incident_type", guided)
        if new not in others:
            turn.set("other_incident_types", others + [new])
            self.note_other(new)

    def note_other(self, incident: str) -> None:
        key = f"also:{incident}"
        if self.turn.said(key):
            return
        self.turn.mark(key)
        also = self.texts["also_noted"]
        name = kb.incident_name(incident, self.knowledge)
        text = also.get(incident, also["other"])
        if isinstance(text, dict) and self.turn.said(f"topic:{text.get('answered_by')}"):
            text = also["other"]  # "wat moet ik met mijn adres?" was answered already
        if isinstance(text, dict):  # worded for the user or for the person they help
            text = flow.for_whom(text, self.turn)
        self.say(self.fill(text, incident=name))

    # --- what comes next -----------------------------------------------------------------
    def ask_type(self) -> None:
        question = self.knowledge.conversation["ask_incident_type"]
        if not self.turn.said("general_first"):
            self.turn.mark("general_first")
            self.say(self.fill(self.texts["general_first"]))
        if self.turn.get_slot("inside_council") and not self.turn.said("inside"):
            self.turn.mark("inside")
            self.say(" ".join(self.texts["inside_council"]["text"].split()))
        text = question["text"]
        if flow.about_other(self.turn):
            text = self.fill(self.texts["what_happened_other"])
        self.ask(text, question["buttons"], "incident_type")

    def ask_danger(self) -> None:
        if flow.about_other(self.turn):
            question = self.texts["ask_in_danger_other"]
            self.ask(self.fill(question["text"]), question["buttons"], "in_danger")
        else:
            question = self.knowledge.conversation["ask_in_danger"]
            self.ask(question["text"], question["buttons"], "in_danger")

    def recall(self) -> None:
        """The pending question was not answered: one short line back to it."""
        line, buttons, _ = flow.back_line(self.turn_with_pending(self.pending))
        if line:
            self.say(line, buttons)
            self.turn.set("pending_question", self.pending)

    def turn_with_pending(self, pending: str | None) -> Turn:
        self.turn.set("pending_question", pending)
        return self.turn

    def first_steps(self) -> None:
        """Safety, evidence and the Ondersteuningsteam at once, then the role in passing."""
        turn = self.turn
        incident = turn.get_slot("incident_type")
        config = self.texts["first_steps"]
        path = self.knowledge.paths.get(incident) or self.knowledge.paths["other"]
        ids = [s for s in config["ids"] if s in config["always"] or s in path]
        if not set(ids) & set(config["evidence"]):  # evidence is a first step for everyone
            ids.insert(1, config["evidence"][-1])
        role = flow.advice_role(turn)
        # the steps for everyone (flow.yml `always`: safety and the Ondersteuningsteam as the human
        # line, issue 11) come first whatever the role; the others only when the role gets them
        ids = [
            s
            for s in ids
            if s in config["always"] or kb.applies(self.knowledge.steps[s], role, self.knowledge)
        ]
        lines = [flow.for_whom(config, turn)]
        person = flow.person_values(turn)
        lines += [f"• {kb.step_text(s, role, self.knowledge, **person)}" for s in ids]
        if turn.get_slot("inside_council"):
            inside = self.texts["inside_council"]
            lines.append(inside["reminder"] if turn.said("inside") else inside["text"])
            turn.mark("inside")
        ask_role = not turn.get_slot("role") and not turn.said("role")
        buttons = [] if ask_role else self.knowledge.conversation["step_buttons"]
        name = kb.incident_name(incident, self.knowledge)
        self.say("\n\n".join(self.fill(line, incident=name) for line in lines), buttons)
        turn.set("steps_shown", ids)
        turn.set("last_batch", ids)
        turn.set("guided_incident_type", incident)
        for other in turn.get_slot("other_incident_types") or []:
            self.note_other(other)
        if ask_role:
            question = flow.for_whom(self.texts["ask_role"], turn)
            self.ask(question["text"], question["buttons"], "role")

    def walk_on(self) -> None:
        turn = self.turn
        events = guide(
            self.dispatcher,
            turn,
            turn.get_slot("incident_type"),
            flow.advice_role(turn),
            turn.get_slot("steps_shown") or [],
            turn.get_slot("steps_done") or [],
        )
        for event in events:
            turn.set(event["name"], event["value"])

    def proceed(self) -> None:
        """Say what comes next: the type, who, the danger question, the first steps, or more."""
        turn = self.turn
        if not turn.get_slot("incident_type"):
            named = kb.incident_types_in(self.text)  # "het gaat om mij, ik krijg haatberichten"
            if named:
                turn.set("incident_type", [t for t in URGENCY if t in named][0])
            elif turn.said("incident_type"):
                turn.set("incident_type", "other")  # asked once; the steps hold for any case
            else:
                self.ask_type()
                return
        if turn.get_slot("subject") is None and not turn.said("who"):
            self.acknowledge()
            self.ask(self.texts["ask_who"]["text"], self.texts["ask_who"]["buttons"], "who")
            return
        acute = turn.get_slot("acute_danger")
        # the story itself may point to harm to come (a threat on paper), whatever the type
        story = self.text if self.is_report() else ""
        if not turn.said("safe_answer") and needs_safety_check(
            turn.get_slot("incident_type"), acute, story
        ):
            if not turn.said("in_danger"):
                self.acknowledge()
                self.ask_danger()
                return
            if self.pending == "in_danger" and not turn.said("recalled"):
                turn.mark("recalled")
                self.recall()
                return
        if not self.started():
            self.acknowledge()
            self.first_steps()
            return
        self.walk_on()

    # --- the answers ---------------------------------------------------------------------
    def safe_now(self) -> bool:
        acute_entity = any(
            e.get("entity") == "acute_danger" and e.get("value") is False for e in self.entities
        )
        plain = self.text.lower()
        if re.search(UNSURE, plain):
            return False
        says_safe = bool(re.search(SAFE, plain)) and not re.search(NOT_SAFE, plain)
        in_story = (
            self.is_report()
            and "?" not in plain
            and bool(re.search(SAFE_IN_STORY, plain))
            and not re.search(NOT_SAFE, plain)
        )
        answers_no = self.pending == "in_danger" and (
            bool(re.search(PLAIN_NO, plain)) or self.help_engaged()
        )
        return (
            self.intent == "not_in_danger"
            or in_story
            or answers_no
            or (
                self.pending == "in_danger" and (self.intent == "deny" or acute_entity or says_safe)
            )
        )

    def help_engaged(self) -> bool:
        return help_engaged(self.text)

    def run(self) -> list[dict[str, Any]]:
        turn, intent, pending = self.turn, self.intent, self.pending
        if not pending and intent != "acute_danger":
            # "ook als het maar een boze mail was?" after a topic answer: no new report
            answered = flow.answer_follow_up(self.dispatcher, turn.tracker)
            if answered is not None:
                return answered
        self.absorb()
        if turn.get_slot("inside_council") and turn.said("ack") and not turn.said("inside"):
            turn.mark("inside")  # a colleague, said after the acknowledgement: the internal route
            self.say(" ".join(self.texts["inside_council"]["text"].split()))
        if intent == "acute_danger" or (intent == "affirm" and pending == "in_danger"):
            # The 112 reply came first (rule); remember it, so "ja" gets 112 again.
            if flow.about_other(turn) and turn.before["subject"] != people.OTHER:
                self.say(self.fill(self.texts["acute_other"]))  # the reply spoke to the user
            turn.set("acute_danger", True)
            turn.set("pending_question", "in_danger")
            if turn.get_slot("subject") is None:
                turn.set("subject", people.SELF)  # danger in the user's own words
            turn.mark("in_danger")
            return turn.events()
        if self.safe_now():
            alarmed = bool(turn.get_slot("acute_danger"))
            was_waiting = pending == "in_danger" or alarmed
            turn.set("acute_danger", False)
            if not turn.said("safe_answer"):
                turn.mark("safe_answer")
            if was_waiting and (not turn.said("safe") or alarmed or self.help_engaged()):
                # again after a second alarm later on ("ze heeft 112 gebeld, de politie komt eraan")
                turn.mark("safe")
                if self.help_engaged():
                    self.say(self.texts["help_engaged"])
                elif flow.about_other(turn):
                    self.say(self.fill(self.texts["not_in_danger_other"]))
                else:
                    self.say(self.knowledge.conversation["not_in_danger_ack"])
        elif pending == "in_danger" and re.search(WHY, self.text.lower()) and not turn.said("why"):
            turn.mark("why")
            self.say(self.fill(flow.for_whom(self.texts["danger_why"], turn)))
            turn.mark("recalled")
            self.recall()
            return turn.events()
        elif pending == "in_danger" and (
            intent in ("skip", *NOT_UNDERSTOOD) or re.search(UNSURE, self.text.lower())
        ):
            if not turn.said("unsure"):
                turn.mark("unsure")
                self.say(self.fill(flow.for_whom(self.texts["danger_unsure"], turn)))
                turn.mark("recalled")
                self.recall()
                return turn.events()
            turn.mark("safe_answer")  # asked twice, still unsure: the steps go on (with 112)
        elif pending == "who" and intent == "affirm":
            # "Ja, nu" to "... Is er direct gevaar?": 112 first, as for the danger question
            turn.set("subject", turn.get_slot("subject") or people.SELF)
            turn.set("acute_danger", True)
            turn.set("pending_question", "in_danger")
            turn.mark("in_danger")
            self.dispatcher.utter_message(response="utter_acute_danger")
            return turn.events()
        elif pending == "who" and turn.get_slot("subject") is None:
            turn.set("subject", people.SELF)  # not clear after asking once: speak to the user
        elif pending == "other_type" and intent in ("affirm", "deny"):
            return self.other_type(intent == "affirm")
        elif pending == "incident_type" and intent in ("report_incident", "skip", *NOT_UNDERSTOOD):
            if not self.type_entities() and not turn.get_slot("incident_type"):
                turn.set("incident_type", "other")
        elif intent == "inform_role" and turn.get_slot("role") and self.started():
            if not turn.said("role_noted"):
                turn.mark("role_noted")
                self.say(self.texts["role_noted"])
        elif (
            intent in ("affirm", "deny")
            and not (pending or turn.get_slot("incident_type"))
            and not kb.incident_types_in(self.text)  # "ok, ik word bedreigd op twitter"
        ):
            self.say(
                self.knowledge.conversation["nothing_pending"],
                self.knowledge.conversation["ask_incident_type"]["buttons"],
            )
            return turn.events()
        if self.is_report():
            if intent == "report_incident" and not self.type_entities():
                named = kb.incident_types_in(self.text)
                if not turn.get_slot("incident_type") and named:
                    turn.set("incident_type", [t for t in URGENCY if t in named][0])
                if not turn.get_slot("incident_type") and pending != "incident_type":
                    self.ask_type()
                    return turn.events()
                if pending == "incident_type" and not turn.get_slot("incident_type"):
                    turn.set("incident_type", "other")
            self.take_report()
        self.proceed()
        return turn.events()

    def other_type(self, wanted: bool) -> list[dict[str, Any]]:
        turn = self.turn
        others = list(turn.get_slot("other_incident_types") or [])
        if wanted and others:
            turn.set("incident_type", others[0])
            turn.set("other_incident_types", others[1:])
            turn.set("steps_shown", [])
            self.first_steps()
        else:
            self.say(self.knowledge.conversation["nothing_pending"])
        return turn.events()


def ask_incident_type(dispatcher: CollectingDispatcher, tracker: Tracker) -> list[dict[str, Any]]:
    """For actions outside the triage that need to know what happened first."""
    triage = Triage(dispatcher, tracker)
    triage.ask_type()
    return triage.turn.events()


def proceed(dispatcher: CollectingDispatcher, tracker: Tracker) -> list[dict[str, Any]]:
    """ "Volgende stap" before the first steps came: whatever comes next in the triage."""
    triage = Triage(dispatcher, tracker)
    triage.absorb()
    triage.proceed()
    return triage.turn.events()


class ActionTriage(Action):
    """Runs after a report, a role, an answer to one of the triage questions, or 112."""

    def name(self) -> str:
        return "action_triage"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        return Triage(dispatcher, tracker).run()
