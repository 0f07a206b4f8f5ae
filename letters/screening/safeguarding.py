"""Safeguarding phrases: self-harm, abuse at home and grooming signals."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterator

from letters.screening.text import compile_folded

# First- and second-person phrases. They are regular expressions on folded text (accents
# are written here for the reader and stripped at compile time). Each group is one
# concern, so a coordinator reading this list can see what is and is not covered.
_SUBJECTS_EN = (r"(?:(?:my|our)\s+(?:dad|father|mum|mom|mother|stepdad|step-dad|stepmum|stepmom|step-mum|"
                r"brother|sister|uncle|aunt|grandad|grandpa|granddad|cousin|"
                r"(?:\w+'s\s+)?(?:boyfriend|girlfriend|husband|partner))|he|she|they|someone|somebody|"
                r"a\s+man|a\s+boy|an?\s+older\s+\w+|my\s+teacher|my\s+coach)")
_SUBJECTS_DA = (r"(?:(?:min|mit)\s+(?:far|mor|stedfar|stedmor|bror|storebror|søster|onkel|moster|faster|"
                r"morfar|farfar|kæreste|træner|lærer)|mor|far|han|hun|de|nogen|en\s+mand|"
                r"(?:min\s+)?(?:mors|fars)\s+kæreste)")
_SUBJECTS_NB = (r"(?:(?:min|mitt)\s+(?:far|mor|stefar|stemor|bror|storebror|søster|onkel|tante|bestefar|"
                r"kjæreste|trener|lærer)|(?:faren|moren|broren|stefaren)\s+min|pappa|mamma|han|hun|de|noen|"
                r"en\s+mann|(?:mammas|pappas)\s+kjæreste)")
_SUBJECTS_FR = (r"(?:(?:mon|ma)\s+(?:père|mère|beau-père|belle-mère|frère|sœur|soeur|oncle|tante|"
                r"grand-père|copain|copine|prof|entraîneur)|papa|maman|il|elle|ils|quelqu'un|un\s+homme)")

SAFEGUARDING_PATTERNS: dict[str, tuple[str, ...]] = {
    "en": (
        # self-harm and suicidal thoughts
        r"\b(?:i|i've|i\s+have|i'm|i\s+am)\s+(?:been\s+)?(?:cut|cutting|hurt|hurting|harm|harming|burn|burning|scratch|scratching)\s+myself",
        r"\bself[-\s]?harm\w*",
        r"\b(?:kill|killing|hurt|hurting)\s+myself",
        r"\b(?:end|ending|take|taking)\s+my\s+(?:own\s+)?life",
        r"\bsuicid\w*",
        r"\b(?:i|i\s+just|i\s+really)\s+(?:want|wanna|wanted)\s+to\s+die",
        r"\bi\s+wish\s+i\s+(?:was|were)\s+(?:dead|never\s+born)",
        r"\b(?:i\s+)?(?:don't|dont|do\s+not)\s+want\s+to\s+(?:be\s+alive|live|exist)(?:\s+any\s?more)?",
        r"\bbetter\s+off\s+(?:dead|without\s+me)",
        r"\bi\s+(?:have|'ve)\s+written\s+(?:a\s+)?(?:goodbye|farewell|suicide)\s+(?:letter|note)",
        r"\bnobody\s+would\s+(?:notice|care|miss\s+me)\s+if\s+i\s+(?:was|were)\s+gone",
        # abuse and neglect at home
        rf"\b{_SUBJECTS_EN}\s+(?:hits|hit|beats|beat|kicks|punches|slaps|chokes|hurts|burns|touches|touched|"
        rf"grabs|locks)\s+me\b",
        r"\b(?:not|don't\s+feel)\s+safe\s+at\s+home",
        r"\b(?:scared|afraid|frightened)\s+(?:to\s+go\s+home|of\s+my\s+(?:dad|mum|mom|stepdad|father|mother))",
        r"\bno\s+food\s+at\s+home",
        # grooming signals
        r"\b(?:don't|dont|do\s+not|never|you\s+can't|can't|cant|mustn't)\s+tell\s+(?:your\s+|ur\s+)?"
        r"(?:parents|mum|mom|dad|mother|father|anyone|anybody|the\s+coordinator|your\s+teacher)",
        r"\b(?:our|a)\s+(?:little\s+)?secret\b",
        r"\bjust\s+between\s+(?:us|you\s+and\s+me)",
        # a child repeating an abuser's demand for secrecy
        # ... but only with what follows it: "if I tell anyone the ending" is a spoiler.
        r"\bif\s+i\s+(?:tell|told)\s+(?:anyone|anybody)\s+(?:what\s+(?:he|she|they)\s+(?:does|did|do)"
        r"|(?:he|she|they)(?:'ll|\s+will|\s+would|'d))",
        r"\b(?:not\s+(?:allowed|supposed)\s+to|mustn't)\s+tell\s+(?:anyone|anybody)",
        # flattery that sets a child apart from the adults around them
        r"\b(?:so\s+|really\s+|very\s+)?mature\s+for\s+your\s+age",
        # "we can send pics of our books" is ordinary; a request aimed at the reader is not.
        r"\bsend\s+me\s+(?:a\s+|some\s+|your\s+)?(?:photos?|pics?|pictures?|selfies?)\b(?:\s+of\s+(?:yourself|you))?",
        r"\bsend\s+(?:a\s+|some\s+)?(?:photos?|pics?|pictures?|selfies?)\s+of\s+(?:yourself|you)\b",
        r"\b(?:asking|asks|asked|ask|wants)\s+me\s+(?:for|to\s+send)\s+(?:\w+\s+)?(?:pictures|pics|photos|nudes|selfies)",
        r"\bmeet\s+(?:up\s+)?(?:in\s+person|irl|in\s+real\s+life|for\s+real)",
        r"\b(?:we\s+(?:should|could|can)|let's|lets)\s+meet\b(?:\s+up)?(?:\s+(?:in\s+person|irl|in\s+real\s+life|sometime|one\s+day))?",
        r"\bpick\s+you\s+up\s+(?:after|from)\s+school",
        r"\bcome\s+(?:over\s+)?to\s+my\s+(?:house|place|flat)",
        r"\bwhere\s+do\s+you\s+live",
        r"\b(?:are|r)\s+(?:you|u)\s+(?:home\s+)?alone",
        r"\bdelete\s+(?:this|these|my|our)\s+(?:letter|letters|messages?)",
    ),
    "da": (
        r"\bskær(?:er|e)?\s+(?:jeg\s+)?i\s+mig\s+selv",
        r"\b(?:skader|skade|gør\s+skade\s+på)\s+mig\s+selv",
        r"\bgøre\s+mig\s+selv\s+fortræd",
        r"\bselvskad\w*",
        r"\btage\s+mit\s+(?:eget\s+)?liv",
        r"\bslå\s+mig\s+selv\s+ihjel",
        r"\bselvmord\w*",
        r"\bjeg\s+(?:vil|har\s+lyst\s+til\s+at)\s+dø\b(?!\s+af\s+grin)",  # "dø af grin" = die laughing
        r"\b(?:ikke|ingen)\s+(?:lyst|grund)\s+til\s+at\s+leve(?:\s+mere)?",
        r"\bvil\s+ikke\s+leve\s+mere",
        r"\b(?:have\s+det\s+|har\s+det\s+)?bedre\s+uden\s+mig",
        r"\bjeg\s+har\s+skrevet\s+et\s+afskedsbrev|\bmit\s+afskedsbrev",
        rf"\b{_SUBJECTS_DA}\s+(?:slår|sparker|banker|rører\s+ved|river|låser\s+mig\s+inde)\s+(?:mig)?",
        r"\bikke\s+tryg\s+(?:der)?hjemme",
        r"\b(?:bange|angst|skræmt)\s+for\s+at\s+(?:komme|gå|tage)\s+hjem",
        r"\b(?:ikke\s+noget|ingen)\s+mad\s+(?:der)?hjemme",
        r"\b(?:du\s+må\s+ikke|lad\s+være\s+med\s+at|ikke)\s+(?:fortælle|sige)\s+(?:det\s+)?(?:til\s+)?"
        r"(?:dine\s+forældre|din\s+mor|din\s+far|nogen|koordinatoren)",
        r"\bvores\s+(?:lille\s+)?hemmelighed",
        r"\bikke\s+(?:må|måtte|skal|skulle)\s+(?:sige|fortælle)\s+det\s+til\s+nogen",
        r"\bhvis\s+jeg\s+(?:siger|fortæller|sagde|fortalte)\s+det\s+til\s+nogen",
        r"\bmoden\s+(?:af|for)\s+din\s+alder",
        r"\bsend\s+(?:mig\s+)?(?:et\s+|nogle\s+)?(?:billeder?|fotos?|selfies?)\b(?:\s+af\s+dig(?:\s+selv)?)?",
        r"\bbe(?:de|der)\s+mig\s+om\s+(?:\w+\s+)?(?:billeder|fotos|nøgenbilleder)",
        r"\b(?:skal|kan)\s+vi\s+(?:ikke\s+)?mødes",
        r"\bvi\s+(?:kan|skal)\s+mødes",
        r"\bhente\s+dig\b(?:\s+efter\s+skole(?:n)?)?",
        r"\bhvor\s+bor\s+du",
        r"\ber\s+du\s+alene\s+hjemme",
        r"\bslet\s+(?:brevet|brevene|beskeden|beskederne)",
    ),
    "nb": (
        r"\b(?:skader|skade|kutter|kutte)\s+(?:jeg\s+)?meg\s+selv",
        r"\bselvskad\w*",
        r"\bta\s+livet\s+(?:mitt|av\s+meg)",
        r"\bselvmord\w*",
        r"\bjeg\s+(?:vil|har\s+lyst\s+til\s+å)\s+dø\b(?!\s+av\s+latter)",
        r"\b(?:jeg\s+)?(?:vil\s+ikke|orker\s+ikke\s+å)\s+leve(?:\s+lenger|\s+mer)?",
        r"\bikke\s+lyst\s+til\s+å\s+leve",
        r"\b(?:hatt\s+det\s+|ha\s+det\s+|har\s+det\s+)?bedre\s+uten\s+meg",
        r"\bjeg\s+har\s+skrevet\s+et\s+avskjedsbrev|\bmitt\s+avskjedsbrev",
        rf"\b{_SUBJECTS_NB}\s+(?:slår|sparker|banker|tar\s+på|låser\s+meg\s+inne)\s+(?:meg)?",
        r"\bikke\s+trygg\s+hjemme",
        r"\b(?:redd|livredd)\s+for\s+å\s+(?:gå|komme|dra)\s+hjem",
        r"\bikke\s+(?:noe\s+)?mat\s+hjemme",
        r"\b(?:ikke|aldri)\s+(?:si|fortell|fortelle)\s+(?:det\s+)?(?:til\s+)?(?:foreldrene\s+dine|mamma|pappa|noen|"
        r"moren\s+din|faren\s+din)",
        r"\bvår\s+(?:lille\s+)?hemmelighet",
        r"\bikke\s+(?:får|fikk|har\s+lov)\s+(?:lov\s+)?til\s+å\s+(?:si|fortelle)\s+det\s+til\s+noen",
        r"\bikke\s+(?:må|måtte|skal)\s+(?:si|fortelle)\s+det\s+til\s+noen",
        r"\bhvis\s+jeg\s+(?:sier|forteller|sa|fortalte)\s+det\s+til\s+noen",
        r"\bmoden\s+for\s+(?:alderen|din\s+alder)",
        r"\bsend\s+(?:meg\s+)?(?:et\s+|noen\s+)?(?:bilder?|fotos?|selfies?)\b(?:\s+av\s+deg(?:\s+selv)?)?",
        r"\bber\s+meg\s+(?:om\s+å\s+)?sende\s+(?:\w+\s+)?(?:bilder?|fotos?)\b",
        r"\b(?:vi\s+kan|skal\s+vi|kan\s+vi)\s+(?:ikke\s+)?møtes",
        r"\bhente\s+deg\b(?:\s+etter\s+skolen)?",
        r"\bhvor\s+bor\s+du",
        r"\ber\s+du\s+alene\s+hjemme",
        r"\bslett\s+(?:brevet|brevene|meldingen|meldingene)",
    ),
    "fr": (
        r"\b(?:je\s+)?me\s+(?:fais|fait|faire)\s+du\s+mal",
        r"\bme\s+(?:scarifie|scarifier|coupe\s+(?:les\s+bras|exprès))",
        r"\bautomutil\w*",
        r"\bme\s+(?:suicider|tuer)",
        r"\bsuicid\w*",
        r"\b(?:j'ai\s+|je\s+)?(?:envie\s+de|veux|voudrais)\s+mourir",
        r"\b(?:en\s+finir|plus\s+envie\s+de\s+vivre)",
        r"\b(?:serait|seraient|serais)\s+mieux\s+sans\s+moi",
        r"\bj'ai\s+écrit\s+une\s+lettre\s+d'adieu",
        rf"\b{_SUBJECTS_FR}\s+me\s+(?:frappe|bat|tape|touche|fait\s+mal|enferme)\b",
        r"\b(?:peur|trop\s+peur)\s+de\s+rentrer\s+(?:chez\s+moi|à\s+la\s+maison)",
        r"\bpas\s+en\s+sécurité\s+(?:à\s+la\s+maison|chez\s+moi)",
        r"\brien\s+à\s+manger\s+à\s+la\s+maison",
        r"\bne\s+(?:le\s+|l'|leur\s+|lui\s+)?(?:dis|dites|raconte)\s+(?:rien\s+|pas\s+)?à\s+"
        r"(?:tes\s+parents|ta\s+mère|ton\s+père|personne)",
        r"\b(?:c'est\s+)?notre\s+(?:petit\s+)?secret",
        r"\bsi\s+je\s+(?:le\s+)?(?:dis|disais|dirais|raconte|racontais)\s+à\s+(?:quelqu'un|personne)",
        r"\bje\s+ne\s+dois\s+(?:le\s+|rien\s+)?dire\s+à\s+personne",
        r"\b(?:très\s+|si\s+)?mûre?s?\s+pour\s+ton\s+âge",
        r"\bentre\s+nous\s+deux",
        r"\benvoie[-\s]moi\s+(?:une\s+|des\s+)?(?:photos?|selfies?)\b(?:\s+de\s+toi)?",
        r"\b(?:me\s+)?demande\s+(?:des|de)\s+(?:photos|images)",
        r"\bse\s+(?:voir|rencontrer)\s+(?:en\s+vrai|pour\s+de\s+vrai)",
        r"\bon\s+(?:pourrait|peut)\s+se\s+(?:voir|rencontrer)(?:\s+(?:en\s+vrai|pour\s+de\s+vrai))?",
        r"\b(?:venir\s+)?te\s+chercher\s+(?:à|après|devant)\s+l'école",
        r"\b(?:où\s+habites[-\s]tu|tu\s+habites\s+où)",
        r"\btu\s+es\s+seule?\s+(?:à\s+la\s+maison|chez\s+toi)",
        r"\b(?:efface|supprime)\s+(?:cette|ces|ma|mes)\s+(?:lettre|lettres|messages?)",
    ),
}


@lru_cache(maxsize=None)
def _safeguarding_re(language: str) -> re.Pattern:
    patterns = SAFEGUARDING_PATTERNS["en"] + (SAFEGUARDING_PATTERNS[language] if language != "en" else ())
    return compile_folded("|".join(f"(?:{p})" for p in patterns))


def find_safeguarding(folded: str, *, language: str) -> Iterator[tuple[int, int]]:
    for match in _safeguarding_re(language).finditer(folded):
        yield match.start(), match.end()
