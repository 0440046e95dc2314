"""Who gets what: for every role and every incident type, walk the whole guidance and check what
that role must and must not be told (FACTS.md §2, §3, §6). Also: the role taken from a person's
words is always one of the known roles."""

import pytest

from actions import knowledge as kb
from actions.guidance import ActionGuide
from actions.triage import ActionTriage, own_role
from tests.conftest import all_text, make_tracker, ot_phone, payloads, run_action

KNOWLEDGE = kb.load()
YES, MAYBE, NO = "yes", "maybe", "no"
# What FACTS.md says per role: the security scheme (§6: bestuurders only, DB-leden of a
# waterschap, not raadsleden, Statenleden or AB-leden), the VPT-code (§3: office holders), the
# Ondersteuningsteam (§2: officials; family through aftercare; helpers point to it), and the
# address that may replace the home address at aangifte (§3: e.g. the gemeentehuis).
EXPECTED = {
    "council_member": {"scheme": NO, "vpt": True, "ot": True, "office": "gemeentehuis"},
    "provincial_council_member": {"scheme": NO, "vpt": True, "ot": True, "office": "provinciehuis"},
    "alderman": {"scheme": YES, "vpt": True, "ot": True, "office": "gemeentehuis"},
    "mayor": {"scheme": YES, "vpt": True, "ot": True, "office": "gemeentehuis"},
    "provincial_executive": {"scheme": YES, "vpt": True, "ot": True, "office": "provinciehuis"},
    "water_board_member": {"scheme": MAYBE, "vpt": True, "ot": True, "office": "waterschapshuis"},
    "water_board_executive": {"scheme": YES, "vpt": True, "ot": True, "office": "waterschapshuis"},
    "water_board_general": {"scheme": NO, "vpt": True, "ot": True, "office": "waterschapshuis"},
    # The Ondersteuningsteam is the human line in everyone's first steps (issue 11); FACTS §2
    # excludes no one (audit U1).
    "candidate": {"scheme": NO, "vpt": False, "ot": True, "office": "je werk"},
    "clerk": {"scheme": MAYBE, "vpt": True, "ot": True, "office": "gemeente"},
    "municipal_secretary": {"scheme": MAYBE, "vpt": True, "ot": True, "office": "gemeente"},
    "group_leader": {"scheme": MAYBE, "vpt": True, "ot": True, "office": "gemeente"},
    "supporter": {"scheme": MAYBE, "vpt": True, "ot": True, "office": "gemeente"},
    "family_member": {"scheme": MAYBE, "vpt": False, "ot": True, "office": "je werk"},
    # helping a candidate: the helper's or family texts, no steps for officeholders
    "candidate_supporter": {
        "scheme": NO,
        "vpt": False,
        "ot": True,
        "office": "werk van de persoon",
    },
    "candidate_family": {"scheme": NO, "vpt": False, "ot": True, "office": "je werk"},
    None: {"scheme": MAYBE, "vpt": True, "ot": True, "office": "gemeente"},
}
INCIDENTS = kb.incident_types(KNOWLEDGE)


def walk(incident: str, role: str | None) -> list[str]:
    """Every message of the walk-through, pressing "Volgende stap" until the end."""
    # past the triage questions (who, danger): the first steps come at once, then the rest
    helper = KNOWLEDGE.roles.get(role or "", {}).get("audience") in ("helper", "family")
    slots = {
        "incident_type": incident,
        "role": role,
        "subject": "other" if helper else "self",
        "acute_danger": False,
        "said": ["ack", "who", "in_danger", "safe_answer"],
    }
    texts: list[str] = []
    for _ in range(30):
        messages, set_slots = run_action(ActionGuide(), make_tracker("next_step", "", slots))
        texts.append(all_text(messages))
        slots.update(set_slots)
        if "/ask_checklist" in payloads(messages):  # the last steps come with the checklist
            return texts
    raise AssertionError("the walk-through does not end")


def test_every_known_role_is_covered():
    assert set(EXPECTED) - {None} == set(KNOWLEDGE.roles)


@pytest.mark.parametrize("incident", INCIDENTS)
@pytest.mark.parametrize("role", list(EXPECTED), ids=str)
def test_the_walk_through_fits_the_role(role, incident):
    expected = EXPECTED[role]
    messages = walk(incident, role)
    text = " ".join(" ".join(messages).split())
    path = KNOWLEDGE.paths[incident]

    assert "112" in text, "every walk-through names 112"
    assert "machtiging" not in text, "politicians have no employer to authorise (E4)"
    assert "niet voor kandidaten" not in text and "kandidaten staan daar niet" not in text

    # Security scheme: told outright only to bestuurders; as a condition when unsure.
    if "security_scheme" in path and expected["scheme"] != NO:
        assert "beveiligingsadvies" in text
        outright = "Als bestuurder kun je beveiligingsadvies" in text
        assert outright == (expected["scheme"] == YES)
        if expected["scheme"] == MAYBE:
            assert "dagelijks bestuur van een waterschap" in text
    else:
        assert "beveiligingsadvies" not in text

    # VPT-code at aangifte: for office holders and those who help them, not candidates.
    assert ("VPT-code" in text) == expected["vpt"]

    # The Ondersteuningsteam, in the first message of the steps.
    assert (ot_phone() in messages[0]) == expected["ot"]
    assert (ot_phone() in text) == expected["ot"]

    # Where to report internally, and which address may replace the home address.
    info = KNOWLEDGE.roles.get(role or "", {})
    if info.get("audience") == "official":
        assert " ".join(info["internal_report"].split()) in text
    if role in ("candidate", "candidate_supporter", "candidate_family"):
        assert "Meld het intern" not in text and "agressieprotocol" not in text
    # The KvK exception for the bezoekadres is for decentrale politieke ambtsdragers (FACTS §5).
    if "shielding_office" in path:
        assert ("bezoekadres" in text) == (info.get("audience", "official") == "official")
    if "aangifte_privacy" in path:
        assert "ander adres" in text and expected["office"] in text
        if expected["office"] != "gemeentehuis":
            assert "gemeentehuis" not in text


@pytest.mark.parametrize(
    "words, value, role",
    [
        ("ik ben lid van het algemeen bestuur van het waterschap", "lid", "water_board_general"),
        ("ik zit in het dagelijks bestuur van het waterschap", None, "water_board_executive"),
        ("ik ben waterschapsbestuurder", "water_board_member", "water_board_member"),
        ("als AB-lid waterschap word ik bedreigd", "waterschap", "water_board_general"),
        ("ik ben griffier, het gaat om een raadslid", "clerk", "clerk"),
        ("ik ben gedeputeerde", "gedeputeerde", "provincial_executive"),
        ("ik ben lid van iets", "lid", None),
        ("Mijn man is wethouder en ons adres staat online", "wethouder", "family_member"),
        ("ik ben wethouder en mijn familie wordt bedreigd", "wethouder", "alderman"),
        ("Ik ben raadslid en mijn vrouw is ook bedreigd", "raadslid", "council_member"),
        ("ik ben griffier, de partner van de burgemeester is bedreigd", "griffier", "clerk"),
        ("Mijn zus is wethouder, ik wil haar helpen", "wethouder", "family_member"),
    ],
)
def test_the_role_from_the_words_is_always_a_known_role(words, value, role):
    entities = [{"entity": "role", "value": value, "start": 7}] if value else []
    assert own_role(entities, words, KNOWLEDGE) == role


def test_a_raw_role_value_in_the_slot_is_replaced():
    """The NLU stored "lid"; the triage stores the known role the words name."""
    text = "Ik ben lid van het algemeen bestuur van het waterschap en mijn adres staat online"
    tracker = make_tracker(
        "report_doxxing",
        text,
        {"incident_type": "doxxing", "role": "lid", "acute_danger": False},
        [{"entity": "role", "value": "lid", "start": 7, "end": 10}],
    )
    _, slots = run_action(ActionTriage(), tracker)
    assert slots["role"] == "water_board_general"


def test_words_alone_do_not_change_a_known_role():
    text = "mijn vrouw is ook raadslid"  # said before the bot knows who you are: family
    assert own_role([], text, KNOWLEDGE) == "family_member"  # nothing known yet
    assert own_role([], text, KNOWLEDGE, known="council_member") is None
    tracker = make_tracker(
        "report_online_threat",
        "ze bedreigen ook mijn familie",
        {"incident_type": "online_threat", "role": "council_member", "acute_danger": False},
    )
    _, slots = run_action(ActionTriage(), tracker)
    assert "role" not in slots


def test_a_raw_role_value_the_words_do_not_explain_is_dropped():
    tracker = make_tracker(
        "report_doxxing",
        "mijn adres staat online",
        {"incident_type": "doxxing", "role": "lid", "acute_danger": False},
    )
    _, slots = run_action(ActionTriage(), tracker)
    assert slots["role"] is None


def test_the_domain_knows_only_known_roles():
    from pathlib import Path

    import yaml

    domain = yaml.safe_load((Path(__file__).resolve().parents[2] / "domain.yml").read_text())
    assert set(domain["slots"]["role"]["values"]) <= set(KNOWLEDGE.roles)


def test_nlu_role_synonyms_are_known_roles():
    """Every value the NLU can give for a role (data/nlu/entities.yml) is a role in roles.yml."""
    from pathlib import Path

    import yaml

    path = Path(__file__).resolve().parents[2] / "data" / "nlu" / "entities.yml"
    blocks = yaml.safe_load(path.read_text(encoding="utf-8"))["nlu"]
    platforms = {"x", "instagram", "facebook", "whatsapp", "email", "sms"}
    values = {b["synonym"] for b in blocks if "synonym" in b} - platforms
    assert values <= set(KNOWLEDGE.roles)


def test_a_relation_in_the_first_message_wins_over_the_role_the_nlu_filled_in():
    """The NLU fills the slot with "wethouder" from "Mijn man is wethouder"; the user is family."""
    tracker = make_tracker(
        "report_doxxing",
        "Mijn man is wethouder en iemand heeft ons huisadres online gezet",
        {"incident_type": "doxxing", "role": "alderman", "acute_danger": False},
        [{"entity": "role", "value": "alderman", "start": 12, "end": 21}],
    )
    _, slots = run_action(ActionTriage(), tracker)
    assert slots["role"] == "family_member"


@pytest.mark.parametrize(
    "text, nlu_role, expected",
    [
        ("ik word bedreigd omdat mijn vrouw raadslid is", "council_member", "family_member"),
        ("mijn vader zit in de gemeenteraad en wordt zwart gemaakt", None, "family_member"),
        ("ik ben nog geen raadslid, geldt dat ook voor mij?", "council_member", "candidate"),
        ("Ik sta op plek 4 van de lijst voor de gemeenteraad", None, "candidate"),
        ("ik ben raadslid en word bedreigd", "council_member", "council_member"),
    ],
)
def test_words_that_overrule_the_office_they_name(text, nlu_role, expected):
    entities = [{"entity": "role", "value": nlu_role}] if nlu_role else []
    assert kb.mentioned_roles(entities, text, KNOWLEDGE)[0] == expected


def test_nog_geen_raadslid_corrects_a_known_role():
    entities = [{"entity": "role", "value": "council_member"}]
    text = "ik ben nog geen raadslid, geldt dat dan ook voor mij?"
    assert kb.mentioned_roles(entities, text, KNOWLEDGE, words_alone=False)[0] == "candidate"
