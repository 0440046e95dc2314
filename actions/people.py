"""Who a message is about, read from the words (no Rasa here).

"Ik word bedreigd" is about the user; "een raadslid belde me, ze wordt bedreigd" is about someone
the user helps, and then the bot speaks about her ("Is zij nu veilig?"). "Een collega-raadslid
intimideert mij" comes from inside the council, which adds the internal route.
"""

import re

from components.danger_patterns import normalise

SELF = "self"
OTHER = "other"
NEUTRAL = "die persoon"

_VICTIM = r"(?:bedreig\w*|lastig\w*|gevolgd|achtervolgd|uitgescholden|geintimideerd|belaagd|gestalkt|gedoxt|opgewacht|aangevallen|zwart\s?gemaakt|beledigd|gepest|geslagen|geduwd|geraakt|bespuugd|lastiggevallen)"
_RELATIVE = r"(?:vrouw|man|partner|vriend|vriendin|dochter|zoon|moeder|vader|kind|kinderen|broer|zus|echtgenoot|echtgenote)"
_OFFICIAL = r"(?:raadslid|gemeenteraadslid|wethouder|burgemeester|statenlid|gedeputeerde|kandidaat\S*|fractielid|fractiegenoot|collega\S*|bestuurder|lid|dagelijks bestuur)"
# The user is the target: "ik word bedreigd", "ze bedreigen mij", "mijn adres staat online".
_STRONG_SELF = [
    # "ik word al weken bedreigd", but not "ik ben griffier, een raadslid wordt bedreigd"
    rf"\bik\s+(?:word|wordt|werd|ben|voel me|voel mij)\s+(?:(?!{_OFFICIAL}\b|wordt\b|werd\b|is\b)[^\s,.;]+\s+){{0,3}}?{_VICTIM}",
    r"\bik\s+(?:krijg|kreeg|ontvang|ontving)\b",
    r"\b(?:bedreig\w*|intimideer\w*|intimideert|volgt|achtervolgt|scheldt|pest|belaagt|stalkt)\s+(?:mij|me)\b",
    r"\b(?:mijn|m'n|mn)\s+(?:adres|huisadres|woonadres|telefoonnummer|account|huis|auto|gegevens)\b",
    r"\b(?:mij|me)\s+(?:bedreigd|uitgescholden|lastiggevallen|gevolgd)\b",
    r"\bhet gaat (?:om|over) (?:mij|mezelf|mijzelf)\b|^\W*(?:om |over )?(?:mij|mezelf|mijzelf|ikzelf)\W*$",
]
# The user speaks for someone else: "ik help een raadslid", "namens", "iemand anders".
_HELPING = r"\bik help\b|\bik vraag (?:het|dit) (?:voor|namens)\b|\bnamens\b|\biemand anders\b|\bvoor een ander\b|\bniet (?:om|over) mij\b"
# An official named with a determiner: "een raadslid", "onze wethouder".
_AN_OFFICIAL = rf"\b(?:een|ons|onze|mijn|m'n|de|het|die)\s+(?:\S+\s+){{0,2}}?{_OFFICIAL}\b"
# Someone else is the target: "een raadslid belde me", "mijn vrouw wordt bedreigd".
_OTHER = [
    rf"{_AN_OFFICIAL}(?:\s+\S+){{0,8}}?\s+(?:wordt|werd|krijgt|kreeg|is|belde|belt|vertelt|vertelde|zegt|zit|staat)\b",
    rf"\b(?:mijn|m'n|onze)\s+{_RELATIVE}\b(?:\s+\S+){{0,8}}?\s+(?:wordt|werd|krijgt|kreeg|is|zit|belde|belt|staat)\b",
    r"\b(?:ze|zij|hij)\s+(?:wordt|werd|krijgt|kreeg)\b",
    rf"\b(?:wordt|werd)\s+(?:een|ons|onze|mijn|m'n|de|het)\s+(?:\S+\s+){{0,2}}?{_OFFICIAL}\b",
    _HELPING,
    r"\bik help (?:iemand|een|mijn|onze|ons)\b",
    rf"\b(?:om|over|voor)\s+(?:een|mijn|m'n|onze|ons)\s+(?:{_OFFICIAL}|{_RELATIVE})\b",
]
_FEMALE = r"\b(?:zij|haar|d'r|ze\s+(?:wordt|werd|is|krijgt|kreeg|heeft|zit|voelt|durft|woont|belde|zegt))\b|\b(?:mijn|m'n|onze)\s+(?:vrouw|vriendin|dochter|moeder|zus|echtgenote)\b|\bwethouder\s+\w+\s+belt me\b"
_MALE = r"\b(?:hij|hem|zijn)\b|\b(?:mijn|m'n|onze)\s+(?:man|vriend|zoon|vader|broer|echtgenoot)\b"
_FAMILY = rf"\b(?:mijn|m'n)\s+{_RELATIVE}\b|\bals (?:moeder|vader|partner)\b"
# The aggression comes from a colleague inside the council or organisation; a colleague who is
# the one threatened ("hij wordt al dagen bedreigt", with the typo) is not that.
_INSIDE = [
    r"\b(?:collega\S*|fractiegenoot|fractielid|mederaadslid|medebestuurder|wethouder|raadslid|burgemeester|gedeputeerde|statenlid|voorzitter)\b(?:\s+(?!wordt?\b|worden\b|werd\b|werden\b)\S+){0,7}?\s+(?:intimideert|bedreigt|pest|kleineert|schreeuwt|scheldt|dreigt|treitert|intimideren|bedreigen)\b",
    r"\bdoor (?:een|mijn|onze|m'n) (?:collega\S*|fractiegenoot|mederaadslid|medebestuurder)\b",
]


def _any(patterns: list[str], text: str) -> bool:
    return any(re.search(p, text) for p in patterns)


_OWN_OFFICE = rf"\bik\s+ben\s+(?:de\s+|een\s+)?{_OFFICIAL}\b"


def _official_about_family(plain: str) -> bool:
    """ "ik ben wethouder, mijn partner is gebeld": an official tells of their family, who are
    targeted because of the office; that is about the user, not someone the user helps."""
    own = re.search(_OWN_OFFICE, plain)
    if not own:
        return False
    rest = plain[: own.start()] + plain[own.end() :]
    return bool(re.search(_FAMILY, rest)) and not re.search(f"{_AN_OFFICIAL}|{_HELPING}", rest)


def subject_in(text: str, helper_role: bool = False, official_role: bool = False) -> str | None:
    """SELF, OTHER or None (the words do not say). A helper's role (griffier, partner) points to
    someone else, an official's role to the user, unless the words say otherwise."""
    plain = normalise(text)
    strong_self = _any(_STRONG_SELF, plain) or _official_about_family(plain)
    other = _any(_OTHER, plain)
    if strong_self and not (other and re.search(r"\b(?:ze|zij|hij)\s+(?:wordt|werd)\b", plain)):
        return SELF
    if other or helper_role:
        return OTHER
    if official_role or re.search(
        r"\b(?:ik|mij|me|mijn|m'n|mezelf)\b|^\W*(?:word|wordt|ben|krijg)\b", plain
    ):
        return SELF
    return None


# The user asks for themselves: "kan ik zelf ook met iemand praten?", "en voor mij?"
_FOR_MYSELF = (
    r"\b(?:ik|mij|me)\s+zelf\b|\b(?:ikzelf|mezelf|mijzelf)\b|\bvoor\s+(?:mij|me)\b|\bik\s+ook\b"
)


def asks_for_myself(text: str) -> bool:
    return bool(re.search(_FOR_MYSELF, normalise(text)))


def said_subject(text: str) -> str | None:
    """SELF or OTHER only when the words say it outright ("ik word bedreigd", "mijn vrouw
    wordt bedreigd"), else None; it overrules the classifier's about_me / about_someone_else."""
    plain = normalise(text)
    strong_self, other = _any(_STRONG_SELF, plain), _any(_OTHER, plain)
    if strong_self != other:
        return SELF if strong_self else OTHER
    return None


def pronoun_in(text: str) -> str:
    """zij, hij, or NEUTRAL when the words do not say. When both occur, the one spoken about
    as the object is the target: "een man, hij stuurt haar berichten" → zij."""
    plain = normalise(text)
    female, male = bool(re.search(_FEMALE, plain)), bool(re.search(_MALE, plain))
    if female and male:
        her, him = bool(re.search(r"\bhaar\b", plain)), bool(re.search(r"\bhem\b", plain))
        female, male = her and not him, him and not her
    if female and not male:
        return "zij"
    if male and not female:
        return "hij"
    return NEUTRAL


_NEUTER = {"raadslid", "gemeenteraadslid", "statenlid", "fractielid", "lid"}


def helped_name(text: str) -> str | None:
    """How to name the person helped when no pronoun fits: "het raadslid", "je vriendin"."""
    plain = normalise(text)
    found = re.search(rf"\b(een|ons|onze|mijn|m'n|de|het|die)\s+({_OFFICIAL}|{_RELATIVE})\b", plain)
    if not found:
        return None
    noun = found.group(2).split("-")[0]
    if found.group(1) in ("mijn", "m'n") or re.fullmatch(_RELATIVE, noun):
        return f"je {noun}"
    return f"{'het' if noun in _NEUTER else 'de'} {noun}"


def family_in(text: str) -> bool:
    return bool(re.search(_FAMILY, normalise(text)))


def from_inside(text: str) -> bool:
    return _any(_INSIDE, normalise(text))


def object_pronoun(pronoun: str | None) -> str:
    """haar / hem / die persoon, for "Laat haar 112 bellen"."""
    return {"zij": "haar", "hij": "hem"}.get(pronoun or "", NEUTRAL)
