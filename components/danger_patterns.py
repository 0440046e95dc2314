"""Is the user in danger right now? A pattern-based judgement that does not depend on the model.

A missed acute case is the worst error this bot can make, so these patterns lean towards
"acute": a false alarm costs one extra sentence about 112, a miss can cost far more.
Past events ("gisteren stond hij voor de deur") are not acute unless the user also says it is
happening now ("en nu staat hij er weer").
"""

import re
import unicodedata

ACUTE = "acute"
PAST = "past"

_WHO = r"(?:hij|zij|ze|iemand|er iemand|er een man|er mensen|een man|een vrouw|mensen|een groep|een stel|die man|die gast|die vent|demonstranten|jongeren|mannen|hem|haar)"
_PLACE = (
    r"(?:de |mijn |m'n |ons |onze |het |zijn |z'n |haar |d'r )?"
    r"(?:voordeur|achterdeur|deur|huis|huisdeur|woning|raam|ramen|tuin|oprit|auto|slaapkamer|"
    r"gemeentehuis|stadhuis|provinciehuis|raadhuis|school|hek|brievenbus)"
)

_ACUTE_PATTERNS = [
    # someone is standing at/around the house now (present tense only: "stond" does not match)
    rf"\b(?:staat|staan|loopt|lopen|zit|zitten|wacht|wachten|hangt|hangen|is|zijn)\b(?:\s+\S+){{0,4}}?\s+(?:voor|bij|buiten|in|om|achter|naast|rond)\s+{_PLACE}\b",
    rf"\b{_WHO}\s+(?:staat|staan|is|zijn|zit|zitten)\s+(?:nu\s+|nog\s+|hier\s+)*(?:hier|binnen|buiten|in huis|op de stoep|op het erf|in de gang)\b",
    r"\ber\s+(?:staat|staan|is|zijn|zit|zitten|loopt|lopen)\s+(?:nu\s+)?(?:\S+\s+){0,3}?(?:hier|buiten|binnen|in huis|in de tuin|op de stoep|bij de deur|voor de deur)\b",
    r"\b(?:bonkt|bonken|bonst|bonzen|beukt|beuken|schopt|schoppen|trapt|trappen|slaat|slaan|rammelt|rammelen|timmert)\b.{0,25}\b(?:op|tegen|aan)\b",
    r"\b(?:probeert|proberen|wil|willen)\b.{0,30}\b(?:binnen|naar binnen|inbreken|in te breken|de deur open)\b",
    r"\b(?:breekt|breken|komt|komen)\s+(?:nu\s+)?(?:in|binnen|naar binnen)\b",
    r"\b(?:is|zijn)\s+(?:nu\s+)?(?:binnengedrongen|ingebroken|binnengekomen)\b",
    r"\b(?:inbreekt|inbreken|aan het inbreken)\b(?!.{0,15}\b(?:dreig|als|zou|zullen))",
    # being followed now
    r"\b(?:word|wordt|worden)\s+(?:nu\s+|op dit moment\s+|net\s+)?(?:gevolgd|achtervolgd|opgewacht|ingesloten|klemgereden|aangevallen)\b",
    r"\b(?:volgt|volgen|achtervolgt|achtervolgen|rijdt|rijden)\s+(?:\S+\s+){0,2}?(?:me|mij|ons|mijn|hem|haar)\b",
    r"\b(?:komt|komen)\s+(?:nu\s+)?(?:eraan|hierheen)\b",
    r"\b(?:komt|komen|loopt|lopen|rent|rennen)\b.{0,40}\bop\s+(?:me|mij|ons)\s+af\b",
    # someone at the door or outside, doing something now
    r"\b(?:draait|draaien|rammelt|morrelt|morrelen|trekt|trekken)\b.{0,25}\b(?:deur|deurklink|klink|slot)\b",
    r"\b(?:deurklink|klink)\b.{0,30}\b(?:gaat|draait|beweegt|rammelt)\b",
    r"\b(?:zingen|zingt|schreeuwen|schreeuwt|roepen|roept|scanderen|wachten|wacht)\s+(?:\S+\s+){0,3}?(?:buiten|voor de deur|voor mijn huis|bij mijn huis)\b",
    r"\bonderweg\s+naar\s+(?:mijn|m'n|ons|onze|het)\s+(?:huis|adres|woning)\b",
    # weapon or fire in the present
    r"\b(?:heeft|hebben|met|zwaait|zwaaien|houdt|pakt|trekt)\b.{0,20}\b(?:mes|messen|wapen|wapens|pistool|vuurwapen|geweer|knuppel|honkbalknuppel|bijl|hamer|zwaard)\b",
    r"\b(?:staat|staan)\s+(?:nu\s+)?in\s+brand\b|\ber\s+is\s+(?:nu\s+)?(?:brand|vuur)\b|\b(?:het|alles)\s+brandt\b|\bbrandt\b|\bbrandend\w*",
    r"\b(?:gooit|gooien|smijt|smijten)\b.{0,30}\b(?:stenen|steen|ruit|ruiten|raam|ramen|vuurwerk|brandbom|molotov|eieren)\b",
    r"\b(?:rook|vlammen)\s+(?:in|bij|uit)\b",
    # explicit calls for help or statements of danger now
    r"^\W*(?:help|hulp|sos)\b",
    r"\bhelp\s*(?:me|mij|ons)?\s*!",
    r"\b(?:ik ben|we zijn|wij zijn|hij is|zij is)\s+(?:nu\s+)?in\s+gevaar\b",
    r"\b(?:ik|we|wij)\s+(?:verstop|verstoppen|zit verstopt|zitten verstopt|heb me opgesloten|hebben ons opgesloten)\b",
    r"\bbang\s+dat\s+(?:hij|ze|zij)\s+(?:binnen|naar binnen|nu|zo)\b",
    r"\bnu\s+(?:direct|meteen)\s+hulp\b|\bhelp\s+nodig\s+nu\b",
]

# Words that say the danger is happening now, even next to a past event.
_NOW = r"\b(?:nu|nú|op dit moment|op dit ogenblik|momenteel|nog steeds|nog altijd|alweer|weer|hier|live)\b"

_PAST_PATTERNS = [
    r"\b(?:gisteren|gisteravond|gisternacht|eergisteren|vannacht|vanochtend|vanmorgen|toen)\b",
    r"\b(?:vorige|afgelopen|verleden)\s+(?:week|maand|jaar|keer|maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag|weekend|nacht|avond|vergadering|raadsvergadering)\b",
    r"\b(?:weken|dagen|maanden|jaren|uur|uren)\s+geleden\b|\been\s+tijd(?:je)?\s+geleden\b|\bvorig\s+jaar\b",
    r"\b(?:is|zijn)\s+(?:al\s+)?(?:weg|vertrokken|weggegaan|weggereden|gevlucht)\b|\b(?:het|dat)\s+is\s+(?:al\s+)?voorbij\b",
]

_ACUTE_RE = [re.compile(p) for p in _ACUTE_PATTERNS]
_NOW_RE = re.compile(_NOW)
_PAST_RE = [re.compile(p) for p in _PAST_PATTERNS]


def normalise(text: str) -> str:
    """Lower-case, accents folded into plain letters, whitespace collapsed."""
    text = unicodedata.normalize("NFKD", text or "")
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    return re.sub(r"\s+", " ", text).strip()


def assess_danger(text: str) -> str | None:
    """ACUTE when the words describe danger now, PAST for an event that is over, else None."""
    plain = normalise(text)
    acute = any(pattern.search(plain) for pattern in _ACUTE_RE)
    past = any(pattern.search(plain) for pattern in _PAST_RE)
    if acute and (not past or _NOW_RE.search(plain)):
        return ACUTE
    if past:
        return PAST
    return None
