"""Is the user in danger right now? A pattern-based judgement that does not depend on the model.

A missed acute case is the worst error this bot can make, so these patterns lean towards
"acute": a false alarm costs one extra sentence about 112, a miss can cost far more.
Three things keep the false alarms down without giving up a real case:
- past events ("gisteren stond hij voor de deur") are not acute unless the user also says it is
  happening now ("en nu staat hij er weer");
- a danger pattern does not count inside words someone wrote or sent (a quote, "hij schreef
  dat ...", "er staat een foto van ..."), nor in a clause about later ("hij komt morgen met een
  mes"), unless that clause says "nu";
- small typos in the words the patterns look for are fixed first ("iemnd", "vor de deur").
"""

import gzip
import json
import re
import unicodedata
from functools import lru_cache
from pathlib import Path

ACUTE = "acute"
PAST = "past"
# Danger announced for later ("morgen", "binnenkort"): not now, but the bot still asks.
LATER = "later"
# Danger words inside a message ("er staat een video online waarin iemand met een mes zwaait").
MESSAGE = "message"

_WHO = r"(?:hij|zij|ze|iemand|er iemand|er een man|er mensen|een man|een vrouw|mensen|een groep|een stel|die man|die gast|die vent|demonstranten|jongeren|mannen|hem|haar)"
_PLACE = (
    r"(?:de |mijn |m'n |mn |me |ons |onze |het |zijn |z'n |haar |d'r |je )?"
    # a compound counts as its last part: "schoolhek", "keukenraam", "tuindeur", "buurthuis"
    r"(?:\w*(?:deur|raam|ramen|hek|tuin|huis|woning|kamer|zaal|garage|schuur|oprit|school|auto)|"
    r"gang|stoep|erf|keuken|zolder|kelder|hal|portiek|kantoor|brievenbus|parkeerplaats|tribune|podium)"
)
_WEAPON = r"(?:mes|messen|wapen|wapens|pistool|vuurwapen|geweer|knuppel|honkbalknuppel|bijl|hamer|zwaard|machete|schaar)"
_PRESENT_VERB = r"(?:staat|staan|loopt|lopen|zit|zitten|wacht|wachten|hangt|hangen|is|zijn|rent|rennen|sluipt|sluipen|komt|komen|stopt|stoppen)"

_ACUTE_PATTERNS = [
    # someone is at/around/in the house now (present tense only: "stond" does not match; not
    # across "en": "is burgemeester en gisteravond stonden er mensen voor ons huis")
    rf"(?<!te )\b{_PRESENT_VERB}\b(?:\s+(?!en\b|maar\b|want\b|toen\b|dat\b)\S+){{0,8}}?\s+(?:voor|bij|buiten|in|om|achter|naast|rond|onder|op|tegen)\s+{_PLACE}\b",
    rf"\b{_WHO}\s+(?:staat|staan|is|zijn|zit|zitten)\s+(?:nu\s+|nog\s+|hier\s+|er\s+)*(?:hier|binnen|buiten|in huis|op de stoep|op het erf|in de gang|beneden|boven|op de trap)\b",
    r"\ber\s+(?:staat|staan|is|zijn|zit|zitten|loopt|lopen)\s+(?:nu\s+)?(?:\S+\s+){0,3}?(?:hier|buiten|binnen|in huis|in de tuin|op de stoep|bij de deur|voor de deur|beneden|boven)\b",
    r"\b(?:staat|staan|zit|zitten)\s+(?:\S+\s+){0,2}?er\s+(?:nog|nu|weer)\b(?!\s+(?:open|over|niet|meer))|"
    r"\b(?:staat|staan|is|zijn|zit|zitten)\s+(?:hij|ze|zij|die man|die vent)\s+er\s+(?:nog|nu|weer)\b(?!\s+(?:niet|meer))|"
    r"\b(?:hij|ze|zij)\s+(?:staat|staan|is|zijn|zit|zitten)\s+er\s+(?:nog|nu|weer)\b(?!\s+(?:niet|meer))",
    # the same in a clause with the verb last: "... dat hij nu voor mijn deur staat"
    rf"\b(?:voor|bij|in|om|achter|naast|rond|onder|op)\s+{_PLACE}\s+(?:staat|staan|zit|zitten|loopt|lopen|rondloopt|rondlopen|wacht|wachten|is|zijn|rijdt|rijden)\b",
    # (not someone who went back inside to safety: "ze is terug naar binnen gegaan")
    r"\b(?:ze|hij|zij|iemand|er iemand|mensen)\s+(?:is|zijn)\s+(?:nu\s+|net\s+)?(?:\S+\s+){0,3}?(?:(?<!terug naar )binnen|binnengekomen|binnengedrongen|in gekomen|ingekomen)\b",
    r"\b(?:bonkt|bonken|bonst|bonzen|beukt|beuken|schopt|schoppen|trapt|trappen|slaat|slaan|rammelt|rammelen|timmert|klopt|kloppen)\b(?!\s+(?:jullie|jij|je|u)\b)"
    r".{0,25}\b(?:op|tegen|aan)\b",  # not "slaan jullie dit op?" (a question about storing)
    r"\b(?:probeert|proberen|wil|willen)\b.{0,30}\b(?:binnen|naar binnen|inbreken|in te breken|in te trappen|open te breken|open te maken|open te wrikken|te forceren|in te slaan|de deur open)\b",
    # breaking windows now: "ze slaan nu de ramen van mijn auto in"
    r"\b(?:slaat|slaan|gooit|gooien|trapt|trappen)\s+(?:\S+\s+){0,6}?(?:ruit|ruiten|raam|ramen)\w*\s+(?:\S+\s+){0,4}?in\b",
    r"\b(?:breekt|breken|komt|komen)\s+(?:nu\s+)?(?:in|binnen|naar binnen)\b",
    r"\b(?:is|zijn)\s+(?:nu\s+)?(?:binnengedrongen|ingebroken|binnengekomen|naar binnen gekomen)\b",
    r"\b(?:is|zijn)\s+(?:\S+\s+){1,6}?(?:binnengedrongen|binnengevallen)\b",  # "... het gemeentehuis binnengedrongen"
    rf"\bnu\s+(?:iemand|een man|een vrouw|mensen|een groep)\s+(?:aan|voor|bij|in|op)\s+{_PLACE}\b",
    # trapped or hiding now: "ze laten me er niet uit", "hij zegt dat hij me niet laat gaan",
    # "een man blokkeert de uitgang", "wij zitten in een kamer op slot"
    r"\b(?:laat|laten)\s+(?:me|mij|ons)\s+(?:er\s+)?niet\s+(?:uit|eruit|weg|door|langs|gaan)\b|"
    r"\b(?:me|mij|ons)\s+niet\s+(?:laat|laten|wil laten|willen laten)\s+(?:gaan|door|langs|weg)\b",
    r"\b(?:blokkeert|blokkeren|verspert|versperren)\s+(?:\S+\s+){0,2}?(?:uitgang|deur|doorgang|pad|weg|oprit|auto)\b",
    r"\b(?:ik|we|wij)\s+(?:zit|zitten)\s+(?:\S+\s+){0,6}?(?:op slot|opgesloten|verstopt|ingesloten|gebarricadeerd)\b",
    # someone close and coming closer: "staat tegenover me te staren, komt steeds dichterbij"
    r"\b(?:komt|komen|kruipt|loopt|lopen)\s+(?:\S+\s+){0,2}?dichterbij\b",
    r"\b(?:staat|staan|zit|zitten)\s+(?:\S+\s+){0,3}?(?:tegenover|naast|achter)\s+(?:me|mij|ons)\b",
    # watching the house or at the door: "hij staat naar ons huis te staren", "zit aan de klink te rammelen"
    r"\b(?:staat|staan|zit|zitten)\s+(?:\S+\s+){0,12}?te\s+(?:staren|loeren|gluren|kijken|filmen|rammelen|morrelen|bonken|bonzen|wrikken|trappen|schoppen)\b",
    r"\b(?:inbreekt|inbreken|aan het inbreken)\b(?!.{0,15}\b(?:dreig|als|zou|zullen))",
    # being done to now, in the passive: "er wordt ingebroken", "de deur wordt opengebroken"
    r"\b(?:word|wordt|worden)\s+(?:nu\s+|op dit moment\s+|net\s+)?(?:\S+\s+){0,5}?(?:gevolgd|achtervolgd|opgewacht|ingesloten|omringd|klemgereden|aangevallen|ingebroken|opengebroken|ingetrapt|ingegooid|ingeslagen|gebonkt|gegooid|beschoten|vastgehouden|omsingeld|geslagen|geduwd|in brand gestoken)\b",
    r"\b(?:word|wordt|worden)\s+(?:nu|op dit moment|op dit ogenblik)\b.{0,40}\b(?:bedreigd|belaagd|lastiggevallen|geintimideerd|uitgescholden|omringd|omsingeld|bespuugd|bekrast|vernield|beklad|gesloopt|bekogeld|kapotgemaakt|kapot gemaakt)\b",
    r"\bzie\s+(?:het|ze|hem|haar)\s+(?:nu\s+)?gebeuren\b",
    r"\b(?:loopt|lopen)\s+(?:nu\s+|het\s+)?uit\s+de\s+hand\b",  # "het loopt uit de hand"
    r"\b(?:op dit moment|op dit ogenblik)\s+(?:word|wordt|worden)\b.{0,40}\b(?:bedreigd|belaagd|lastiggevallen|geintimideerd|uitgescholden|aangevallen)\b",
    # someone doing something to me now: "een groep mannen omsingelt me"
    r"\b(?:omsingelt|omsingelen|duwt|duwen|slaat|slaan|schopt|schoppen|grijpt|grijpen|bespuugt|bespugen|"
    r"belaagt|belagen)\s+(?:\S+\s+){0,2}?(?:me|mij|ons)\b|\b(?:valt|vallen)\s+(?:\S+\s+){0,2}?(?:me|mij|ons)\s+aan\b",
    r"\b(?:slaat|slaan|schopt|schoppen|gaat|gaan)\s+(?:\S+\s+){0,3}?(?:in|op)\s+(?:me|mij|ons|de|het|haar|hem)\b.{0,30}\bin\b",
    # being followed now
    r"\b(?:volgt|volgen|achtervolgt|achtervolgen|rijd|rijdt|rijden)\s+(?:\S+\s+){0,2}?(?:me|mij|ons|mijn|hem|haar)\b",
    r"\b(?:rijd|rijdt|rijden|loopt|lopen|fietst|fietsen|rent|rennen)\b.{0,50}?\bachter\s+(?:me|mij|ons|hem|haar)\b",
    r"\b(?:zit|zitten)\b.{0,50}?\bachter\s+(?:me|mij|ons|hem|haar)\s+aan\b",
    rf"\b(?:rijdt|rijden|loopt|lopen|fietst|fietsen)\s+(?:\S+\s+){{0,6}}?(?:langs|rond)\s+{_PLACE}\b",
    # (not the help: "de politie komt eraan")
    r"(?<!politie )(?<!agent )(?<!agenten )(?<!hulp )(?<!ambulance )(?<!beveiliging )"
    r"\b(?:komt|komen)\s+(?:nu\s+)?(?:eraan|hierheen)\b",
    r"\b(?:komt|komen|loopt|lopen|rent|rennen)\b.{0,40}\bop\s+(?:me|mij|ons)\s+af\b",
    # someone at the door or outside, doing something now
    r"\b(?:draait|draaien|rammelt|morrelt|morrelen|trekt|trekken)\b.{0,25}\b(?:deur|deurklink|klink|slot)\b",
    r"\b(?:deurklink|klink)\b.{0,30}\b(?:gaat|draait|beweegt|rammelt)\b",
    r"\b(?:zingen|zingt|schreeuwen|schreeuwt|roepen|roept|scanderen|wachten|wacht)\s+(?:\S+\s+){0,3}?(?:buiten|voor de deur|voor mijn huis|bij mijn huis|door de brievenbus|onder mijn raam)\b",
    r"\bonderweg\s+naar\s+(?:mijn|m'n|ons|onze|het)\s+(?:huis|adres|woning)\b",
    r"\b(?:gaat|gaan|wil|willen)\s+(?:\S+\s+){0,2}?niet\s+weg|\bniet\s+weg\s*(?:gaat|gaan|wil|willen)\b",
    r"\b(?:ik|we|wij)\s+durf\w*\s+(?:nu\s+)?niet\s+(?:naar buiten|open te doen|open|de deur (?:uit|open)|naar huis)",
    # what the user hears now
    r"\b(?:ik|we|wij)\s+(?:hoor|horen)\s+(?!van\b|dat\b|net van\b|via\b)(?:\S+\s+){0,5}?(?:glas|breken|brekend|rinkelen|voetstappen|gemorrel|morrelen|gebonk|bonken|geschreeuw|schreeuwen|gestommel|iemand|mensen|stemmen)\b",
    r"\b(?:hoor|horen)\s+(?:ik|we|wij)\s+(?:\S+\s+){0,5}?(?:glas|breken|voetstappen|gemorrel|morrelen|gebonk|bonken|geschreeuw|schreeuwen|gestommel|iemand|mensen|stemmen)\b",
    # weapon or fire in the present
    rf"\b(?:heeft|hebben|zwaait|zwaaien|houdt|houden|pakt|pakken|trekt|trekken|richt|richten)\b(?:(?!foto|plaatje|afbeelding|filmpje|video|bericht|tekening|emoji)[^.!?]){{0,20}}\b{_WEAPON}\b",
    rf"\b{_PRESENT_VERB}\b(?:\s+\S+){{0,4}}?\s+met\s+(?:een\s+|zijn\s+|z'n\s+|een groot\s+)?{_WEAPON}\b",
    rf"\b(?:iemand|een man|een vrouw|een vent|een gast|hij|ze)\s+met\s+(?:een\s+)?{_WEAPON}\s+(?:voor|bij|in|op|aan|achter|naast)\b",
    rf"\b{_WEAPON}\s+in\s+(?:zijn|haar|z'n|de)\s+hand",
    rf"\bmet\s+(?:een\s+|zijn\s+|z'n\s+)?{_WEAPON}\s+(?:zwaait|zwaaien|staat|staan|loopt|lopen|rondloopt|rondlopen|dreigt|dreigen)\b",
    r"\b(?:staat|staan)\s+(?:nu\s+)?in\s+(?:brand|de fik)\b|\ber\s+is\s+(?:nu\s+)?(?:brand|vuur)\b|\b(?:het|alles)\s+brandt\b|\bbrandt\b|\bbrandend\w*",
    r"\b(?:gooit|gooien|smijt|smijten)\b.{0,30}\b(?:stenen|steen|ruit|ruiten|raam|ramen|vuurwerk|brandbom|molotov|eieren|fles|flessen)\b",
    r"\b(?:rook|vlammen)\s+(?:in|bij|uit)\b",
    rf"^\W*(?:er\s+is\s+)?(?:brand|vuur)\s+(?:bij|in|op|aan|voor)\s+{_PLACE}\b",  # "brand bij mijn huis"
    # a threat of violence said to me now: "iemand dreigt me te slaan"
    r"\b(?:dreigt|dreigen)\s+(?:me|mij|ons)\s+(?:nu\s+)?(?:te\s+slaan|te\s+schoppen|neer\s+te\s+steken|te\s+steken|aan\s+te\s+vallen|in\s+elkaar\s+te\s+slaan)\b",
    # explicit calls for help or statements of danger now
    r"^\W*(?:(?:snel|nu|alsjeblieft|pls|please)\W+)?(?:help|hulp|sos)\b(?!\s*(?:me\s+)?(?:met|bij|voor)\b|\s*nodig\W+(?:bij|met|voor|wie|hoe|wat|waar)\b)",
    r"\bhelp\s*(?:me|mij|ons)?\s*!",
    r"\b(?:ik ben|we zijn|wij zijn|hij is|zij is)\s+(?:nu\s+)?in\s+gevaar\b",
    r"\b(?:ik|we|wij)\s+(?:verstop|verstoppen|zit verstopt|zitten verstopt|heb me opgesloten|hebben ons opgesloten)\b",
    r"\bbang\s+dat\s+(?:hij|ze|zij)\s+(?:binnen|naar binnen|nu|zo)\b",
    r"\bnu\s+(?:direct|meteen)\s+hulp\b|\bhelp\s+nodig\s+nu\b",
    # where the user is, broadcast now: "iemand zet live online waar ik nu ben", "ik zit hier nog"
    r"\b(?:zet|zetten|post|posten|deelt|delen|laat|laten|zegt|zeggen)\b[^.!?]{0,40}"
    r"\bwaar\s+(?:ik|we|wij)\s+(?:nu|op dit moment)\s+(?:ben|zijn|zit|zitten)\b",
    # (said as the end of a sentence: not "ik zit hier nog te twijfelen")
    r"\b(?:ik|we|wij)\s+(?:ben|zijn|zit|zitten)\s+(?:hier\s+nog|nog\s+hier)(?:\s+steeds|\s+altijd)?\s*(?:[^\w\s]|$)",
    r"\b(?:er|mensen|mannen|een groep|ze)\s+(?:komt|komen)\s+(?:\S+\s+){0,3}?(?:naartoe|hiernaartoe)\b",
    # a weapon shown just now: "een man liet zojuist een pistool zien onder zijn jas"
    rf"\b(?:laat|laten|liet|lieten|toont|tonen|toonde)\b(?:(?!foto|plaatje|afbeelding|filmpje|video|bericht)[^.!?]){{0,30}}\b{_WEAPON}\b",
    # a few English words, as people mix them in
    r"\b(?:is|are|standing|waiting)\b.{0,30}\b(?:at|outside|in front of|in)\s+(?:my|our|the)\s+(?:door|house|home|garden|window)\b",
    r"\b(?:with|has|have|holding)\s+a\s+(?:knife|gun|weapon|bat)\b",
    r"\b(?:is|are)\s+(?:following|chasing)\s+(?:me|us)\b|\bbeing\s+followed\b|\bi(?:'m| am)\s+in\s+danger\b",
    r"\b(?:is|are)\s+(?:banging|knocking|kicking|pounding|breaking)\b|\btrying\s+to\s+(?:get|break)\s+in(?:to)?\b",
]

# "Griffie hier:", "wethouder hier,": who writes, not where the danger is.
_INTRO = re.compile(
    r"^\W*(?:\w+\s+)?(?:griffie|griffier|gemeente|burgemeester|wethouder|raadslid|statenlid|gedeputeerde|"
    r"secretaris|fractievoorzitter|fractie|bestuurder|kandidaat)\w*\s+hier\b"
)
# Words that say the danger is happening now, even next to a past event.
_NOW = (
    r"\b(?:nu|nú|op dit moment|op dit ogenblik|momenteel|nog steeds|nog altijd|alweer|(?<!heen en )weer|hier|live|"
    r"right now|zojuist|zonet)\b"
    # going on for a while now: "hij staat er al een uur", "al tien minuten" (not "al weken")
    r"|\bal\s+(?:een\s+|een half\s+|een paar\s+|\w+\s+)?(?:uur|kwartier|minuten|minuut)\b(?!\s+geleden)"
)

_PAST_PATTERNS = [
    r"\b(?:gisteren|gisteravond|gisternacht|eergisteren|vannacht|vanochtend|vanmorgen|toen|yesterday)\b",
    r"\b(?:vorige|afgelopen|verleden)\s+(?:week|maand|jaar|keer|maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag|weekend|nacht|avond|vergadering|raadsvergadering)\b",
    r"\b(?:weken|dagen|maanden|jaren|uur|uren)\s+geleden\b|\been\s+tijd(?:je)?\s+geleden\b|\bvorig\s+jaar\b",
    r"\b(?:is|zijn)\s+(?:al\s+)?(?:weer\s+)?(?:weg|vertrokken|weggegaan|weggereden|gevlucht)\b|\b(?:het|dat)\s+is\s+(?:al\s+|nu\s+)?voorbij\b",
    # "hij staat er nu niet", "ze zijn er niet meer": nobody there now
    r"\b(?:staat|staan|is|zijn|zit|zitten)\s+(?:hij\s+|ze\s+|zij\s+)?er\s+(?:nu\s+niet|niet\s+meer)\b",
]

# A verb in the past tense, in the clause of a danger match that has no "nu": told, over.
_PAST_VERB = (
    r"\b(?:liep|liepen|bleef|bleven|stond|stonden|zat|zaten|kwam|kwamen|reed|reden|volgde|volgden|"
    r"wachtte|wachtten|was|waren|werd|werden|duwde|duwden|sloeg|sloegen|gooide|gooiden|probeerde|"
    r"probeerden|schreeuwde|schreeuwden)\b"
)

# The user says the person is safe now: "daar is hij veilig", "ik ben nu veilig" (not a question).
_SAFE_NOW = (
    r"\b(?:ik ben|ze is|zij is|hij is|we zijn|wij zijn|daar is (?:hij|ze|zij)|nu is (?:hij|ze|zij))"
    r"\s+(?:nu\s+|weer\s+|al\s+)?veilig\b(?!\s*\?)"
)

# Harm announced for later, named by a time: the message is about then, not now.
_LATER_TIME = r"\b(?:morgen|overmorgen|binnenkort|volgende\s+(?:week|maand|keer|vergadering|raadsvergadering)|volgend\s+jaar)\b"
# A clause about later, also by its verb: "hij zou met een mes komen", "ze gaan me opwachten".
_LATER = (
    _LATER_TIME
    + r"|\b(?:zal|zullen|zou|zouden)\b|\b(?:gaat|gaan)\s+(?:\S+\s+){0,3}?(?:komen|langskomen|opzoeken|opwachten|halen|pakken)\b"
)
# What was done and is over: "er is mest voor mijn deur gestort", "iemand is hier geweest".
_DONE = (
    r"\b(?:is|zijn|heeft|hebben)\b.*\b(?:geweest|gestort|gestrooid|gekrast|bekrast|gespoten|beklad|geklad|"
    r"geschilderd|geplakt|gezet|gelegd|achtergelaten|vernield|gestolen|lek gestoken|lekgestoken|doorgesneden|gedumpt|"
    r"beschadigd|gesloopt|gegooid|gesmeten)\b"
    r"|\b(?:staat|staan)\b.*\b(?:geschreven|gekalkt|gekrijt|gespoten|geverfd)\b"  # words on a wall
)
# Damage that is there, not someone: "er zijn krassen op de auto", "er zit lijm in het slot".
_DAMAGE = (
    r"\b(?:zit|zitten|is|zijn|staat|staan)\s+(?:\S+\s+){0,3}?"
    r"(?:krassen|kras|deuken|deuk|schade|lijm|verf|butsen|vlekken|scheuren)\b"
)
# What happens now and then, not at this moment: "ik word regelmatig opgewacht".
_HABITUAL = (
    r"\b(?:regelmatig|vaak|soms|af en toe|altijd|elke|iedere|meestal|weleens|wel eens)\b"
    # "wordt al weken opgewacht", "er stopt al een paar avonden een auto" (not "al de hele avond")
    r"|\bal\s+(?:een paar\s+|enkele\s+|twee\s+|drie\s+)?(?:weken|maanden|dagen|jaren|avonden|nachten|een tijd)\b"
)
# Nobody there: "er is nu niemand meer bij mijn huis".
_NOBODY = r"\b(?:niemand|nergens|niet meer|geen \w+ meer)\b"
# A question about what to do is not a report of danger: "zijn er maatregelen voor mijn woning?"
_QUESTION = r"^\s*(?:wat|hoe|wie|waar|welke|wanneer|waarom|kan|kun|kunnen|mag|moet|zijn er|is er|heb|hebben)\b.*\?"
# Something written or sent: its words are a message, not what is happening around the user.
_MEDIA_WORDS = (
    r"(?:foto'?s?|fotootje|plaatje|afbeelding|filmpje|video|tweet|post|bericht|berichtje|berichten|mail|e-?mail|dm|dm'?s|"
    r"story|reactie|reacties|comment|comments|meme|screenshot|stream|livestream|online|internet|facebook|instagram|insta|"
    r"twitter|tiktok|youtube|telegram|whatsapp|app|appje|groepsapp|forum|blog|site|website|artikel|voicemail|spraakbericht|brief|"
    r"briefje|verf|graffiti|tekst|sticker|spandoek|spandoeken|bord|borden|posters?|affiches?|pamflet|pamfletten|account|nepaccount|profiel|nepprofiel|pagina)"
)
_MEDIA = rf"\b{_MEDIA_WORDS}\b"
# Verbs that introduce what someone wrote or threatened: what follows is reported, not seen.
_WRITING = (
    r"\b(?:schreef|schreven|schrijft|schrijven|stuurde|stuurden|stuurt|sturen|mailde|mailt|appte|appt|tweette|tweet|"
    r"postte|post|plaatste|plaatst|reageerde|reageert|met de tekst|met als tekst|waarin|waarop)\b"
)
_REPORTING = (
    _WRITING + r"|\b(?:dreigt|dreigde|dreigen|dreigden|beweert|belooft|beloofde|kondigt|kondigde)\b"
)
# "Er staat een stuk op een website", "in een mail staat dat ...": a text, not a person.
_ABOUT_A_TEXT = (
    rf"\ber\s+(?:staat|staan)\s+(?:een\s+|mijn\s+)?(?:\S+\s+){{0,2}}?(?:stuk|{_MEDIA_WORDS})\b|"
    rf"\b(?:in|op|onder)\s+(?:een|het|die|dat|de|mijn)\s+{_MEDIA_WORDS}\s+(?:staat|stond)\b"
)
# A text that shows something: "een video van een man die ...", "een foto met ...".
_SHOWS = rf"\b{_MEDIA_WORDS}\s+(?:van|met|waarin|waarop)\b"
# The text itself is still there: "het account staat er nog steeds" (not a person).
_TEXT_STAYS = rf"\b{_MEDIA_WORDS}\s+(?:staat|staan|is|zijn)\s+er\s+(?:nog|nu|weer)\b"
# Parts of a message: sentences, then clauses within them.
_SENTENCE_SPLIT = re.compile(r"(?<=[.!?\n])")
_CLAUSE_SPLIT = re.compile(r"[,;:()]|\b(?:en|maar|want|omdat|terwijl|toen|dus|die|dat|of)\b")
# Quoted words ('ik kom je halen', "tot snel"), not "'s avonds", "m'n" or "foto's".
_QUOTE = re.compile(r"[\"“”„][^\"“”„]*[\"“”„]|(?<!\w)['‘’](?!s\s)(?=\w)[^'‘’]*?[^\s'‘’]['‘’](?!\w)")

_ACUTE_RE = [re.compile(p) for p in _ACUTE_PATTERNS]
_NOW_RE = re.compile(_NOW)
_PAST_RE = [re.compile(p) for p in _PAST_PATTERNS]
_LATER_TIME_RE = re.compile(_LATER_TIME)
_LATER_RE = re.compile(_LATER)
_MEDIA_RE = re.compile(_MEDIA)
_DONE_RE = re.compile(_DONE)
_DAMAGE_RE = re.compile(_DAMAGE)
_HABITUAL_RE = re.compile(_HABITUAL)
_ABOUT_A_TEXT_RE = re.compile(_ABOUT_A_TEXT)
_TEXT_STAYS_RE = re.compile(_TEXT_STAYS)
_SHOWS_RE = re.compile(_SHOWS)
_PAST_VERB_RE = re.compile(_PAST_VERB)
_NOBODY_RE = re.compile(_NOBODY)
_QUESTION_RE = re.compile(_QUESTION)
_REPORTING_RE = re.compile(_REPORTING)
_WRITING_RE = re.compile(_WRITING)

# The words the patterns depend on, so a typo in one of them does not hide danger.
KEYWORDS = """
iemand mensen mannen vrouw groep voor voordeur achterdeur deur deuren huis woning raam ramen tuin
achtertuin schuur garage stoep buiten binnen beneden boven achter staat staan zitten loopt lopen
wacht wachten volgt volgen gevolgd achtervolgd rijdt rijden fietst bonkt bonken rammelt morrelt
inbreken inbreekt ingebroken breken breekt glas wapen pistool geweer knuppel honkbalknuppel
brand brandt help hulp gevaar verstopt schreeuwt schreeuwen hier slaapkamer brievenbus deurklink
probeert proberen
""".split()


@lru_cache(maxsize=1)
def _dutch_words() -> frozenset[str]:
    """Dutch word forms from spaCy's lookup data: a real word is never "corrected"."""
    import spacy_lookups_data

    path = Path(spacy_lookups_data.__file__).parent / "data" / "nl_lemma_lookup.json.gz"
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        table = json.load(handle)
    return frozenset(w.lower() for w in table) | frozenset(v.lower() for v in table.values())


def _near(word: str, keyword: str) -> bool:
    """One letter missing, one letter doubled, two letters swapped, or d/t at the end."""
    if len(word) == len(keyword) - 1:
        return any(keyword[:i] + keyword[i + 1 :] == word for i in range(len(keyword)))
    if len(word) == len(keyword) + 1:
        return any(
            word[:i] + word[i + 1 :] == keyword and word[i] == word[i - 1]
            for i in range(1, len(word))
        )
    if len(word) == len(keyword):
        if word[:-1] == keyword[:-1] and {word[-1], keyword[-1]} == {"d", "t"}:
            return True
        diff = [i for i in range(len(word)) if word[i] != keyword[i]]
        return (
            len(diff) == 2
            and diff[1] == diff[0] + 1
            and word[diff[0]] == keyword[diff[1]]
            and word[diff[1]] == keyword[diff[0]]
        )
    return False


def _fix_typo(word: str) -> str:
    if len(word) < 3 or word in KEYWORDS or word in _dutch_words():
        return word
    return next((k for k in KEYWORDS if _near(word, k)), word)


def normalise(text: str) -> str:
    """Lower-case, accents folded into plain letters, whitespace collapsed, key typos fixed."""
    text = unicodedata.normalize("NFKD", text or "")
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    text = re.sub(r"\s+", " ", text).strip()
    return re.sub(r"[a-z]+", lambda m: _fix_typo(m.group(0)), text)


def _clauses(sentence: str) -> list[tuple[int, int]]:
    bounds = [0] + [p for m in _CLAUSE_SPLIT.finditer(sentence) for p in (m.start(), m.end())]
    bounds.append(len(sentence))
    return [(bounds[i], bounds[i + 1]) for i in range(0, len(bounds), 2)]


def _counts(sentence: str, match: re.Match) -> bool | str:
    """Does this danger match describe what is happening now, in the user's own words?
    MESSAGE when it would, but stands inside something written or sent."""
    start, end = next(
        ((s, e) for s, e in _clauses(sentence) if s <= match.start() < max(e, s + 1)),
        (0, len(sentence)),
    )
    clause = sentence[start:end]
    if _NOBODY_RE.search(clause) or _DONE_RE.search(clause) or _DAMAGE_RE.search(clause):
        return False
    if _TEXT_STAYS_RE.search(clause):
        return MESSAGE
    if _NOW_RE.search(clause):
        return True
    before = sentence[: match.start()]
    reported = (
        _REPORTING_RE.search(before)
        or (":" in before and _MEDIA_RE.search(before))
        or _SHOWS_RE.search(before)
    )
    if _QUESTION_RE.search(sentence) or any(
        r.search(clause) for r in (_LATER_RE, _HABITUAL_RE, _PAST_VERB_RE)
    ):
        return False
    return MESSAGE if reported or _MEDIA_RE.search(clause) else True


def _danger_now(plain: str) -> bool | str:
    """True for danger now, MESSAGE when danger words only stand inside a message, else False."""
    in_message = False
    for sentence in _SENTENCE_SPLIT.split(_QUOTE.sub(" ", plain)):
        for pattern in _ACUTE_RE:
            for match in pattern.finditer(sentence):
                counted = _counts(sentence, match)
                if counted is True:
                    return True
                in_message = in_message or counted == MESSAGE
    return MESSAGE if in_message else False


def names_a_message(text: str) -> bool:
    """Does the text speak of something written or sent (a post, a DM, "hij schreef")?"""
    plain = normalise(text)
    return bool(_MEDIA_RE.search(plain) or _WRITING_RE.search(plain))


# Where the person is, said as an answer: "hij is nog op het gemeentehuis", "ik zit op mijn werk".
# Not danger in itself; the rest of the message is still judged ("..., en er staat iemand voor
# de deur" is).
_WHERE_ONE_IS = re.compile(
    r"\b(?:(?:hij|zij)\s+(?:is|zit)|ik\s+(?:ben|zit)|(?:we|wij)\s+(?:zijn|zitten))\s+"
    r"(?:nog\s+|nu\s+|gewoon\s+|al\s+)*"
    r"(?:op|in|bij|naar)\s+(?:het\s+|de\s+|zijn\s+|haar\s+|mijn\s+|m'n\s+|ons\s+)?"
    r"(?:gemeentehuis|stadhuis|provinciehuis|werk|kantoor|school|vakantie)\b"
)

# Inside behind a locked door, said of oneself or the person helped: "hij zit binnen en de deur is
# op slot". Not danger in itself (as above), unless locked in ("... ik kan er niet uit").
_LOCKED_IN = re.compile(r"\bniet\s+(?:uit|eruit|weg|naar buiten)\b|\b(?:opgesloten|ingesloten)\b")
_INSIDE_LOCKED = re.compile(
    r"\b(?:ik|hij|ze|zij|we|wij)\s+(?:zit|zitten|is|ben|zijn)\s+(?:nu\s+|al\s+|weer\s+|veilig\s+)*"
    r"binnen\b[^.?!]{0,40}?\bdeur\s+(?:is\s+|zit\s+)?(?:nu\s+|al\s+)?(?:op slot|dicht)\b"
)

# Quoted words (or words after a colon) in which the sender says they are near, now: "hij appte 'ik sta om de hoek, ik kom
# nu naar binnen'". Words someone sent are otherwise a message, not what happens around the user.
_SENDER_NEAR_NOW = re.compile(
    r"\b(?:ik|we|wij)\s+(?:sta|staan|ben|zijn|zit|zitten)\s+(?:nu\s+|al\s+)?(?:\S+\s+){0,2}?"
    r"(?:om de hoek|voor je deur|voor de deur|bij je huis|in je straat|in je tuin|buiten)\b|"
    r"\b(?:ik|we|wij)\s+(?:kom|komen)\s+(?:je\s+)?(?:nu|zo)\b|\b(?:ik|we|wij)\s+(?:kom|komen)\s+eraan\b"
)

# Someone arriving within minutes, told or sent: "hij appt dat hij er over 10 minuten is".
_SOON = (
    r"\b(?:over|binnen)\s+(?:\d+|een paar|twee|drie|vijf|tien|twintig|een)\s+"
    r"(?:minuten|minuutjes|minuut|kwartier)\b"
)
_ARRIVING_SOON = re.compile(
    rf"\bonderweg\b[^.?!]{{0,40}}?{_SOON}|"
    r"\b(?:ze|zij|mensen|mannen|een groep)\s+(?:nu\s+|al\s+)?onderweg\s+(?:zijn|is)\b|"
    r"\b(?:ze|zij|mensen|mannen)\s+(?:zijn|is)\s+(?:nu\s+|al\s+)?onderweg\b(?!\s+naar\s+(?:de|het)\s+(?:politie|bureau))|"
    rf"\b(?:hij|ze|zij|iemand|mensen)\s+(?:er\s+|hier\s+)?{_SOON}\s+(?:\S+\s+){{0,3}}?(?:is|zijn|staat|staan)\b"
)


def assess_danger(text: str) -> str | None:
    """ACUTE when the words describe danger now, PAST for an event that is over, LATER for
    harm announced for later, MESSAGE for danger words inside a message, else None."""
    plain = _INTRO.sub(" ", normalise(text))
    past = any(pattern.search(plain) for pattern in _PAST_RE)
    now = _NOW_RE.search(plain)
    judged = _WHERE_ONE_IS.sub(" , ", plain)
    if not _LOCKED_IN.search(plain):
        judged = _INSIDE_LOCKED.sub(" , ", judged)
    danger = _danger_now(judged)
    if _ARRIVING_SOON.search(plain) or any(
        _SENDER_NEAR_NOW.search(sent) for sent in _QUOTE.findall(plain) + plain.split(":")[1:]
    ):
        danger = True
    if danger is True and re.search(_SAFE_NOW, plain):
        return None  # "hij zit nu op het gemeentehuis, daar is hij veilig"
    if danger is True and (not past or now):
        return ACUTE
    if past:
        return PAST
    if now:
        return None
    if _LATER_TIME_RE.search(plain):
        return LATER
    if danger == MESSAGE or _ABOUT_A_TEXT_RE.search(plain):
        return MESSAGE
    return None
