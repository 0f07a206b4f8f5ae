"""Street addresses and postcodes."""

from __future__ import annotations

import re
from typing import Iterable, Iterator, NamedTuple

from letters.screening.contact_lexicon import all_contact_words, contact_words, with_english
from letters.screening.phones import NUMBER_WORDS
from letters.screening.text import IS_WORDS, alternation, compile_folded, fold, has_cue_before

#: Street types written as their own word: "12 Oak Street", "15 rue de la Paix".
STREET_WORDS = {language: contact_words(language, "street_words") for language in ("en", "fr")}
#: Scandinavian street names are one word ending in the street type: Nørregade, Storgata.
STREET_SUFFIXES = {language: contact_words(language, "street_suffixes") for language in ("da", "nb")}
ENGLISH_STANDALONE_STREET_WORDS = frozenset(contact_words("en", "standalone_street_words"))
#: Suffixes that make a street of a lower-case word too ("rosenvej 12", "storgata 5b"); the
#: others ("have", "park", "mark", "sti") end too many ordinary words.
STRONG_STREET_SUFFIXES = frozenset({"gade", "gaden", "vej", "vejen", "stræde", "gata", "gate", "gaten", "veien",
                                    "vei", "vegen", "veg", "allé", "vænget", "vangen", "alleen", "alléen"})

#: Phrases before an address that tell us the author is giving theirs (all languages).
ADDRESS_CUES = all_contact_words("address_cues")

_NAME_WORD = r"[^\W\d_][\w'’.-]*"
_HOUSE_NUMBER = r"\d{1,5}[a-z]?(?:\s?(?:bis|ter))?"

EN_STREET_RE = re.compile(
    rf"(?<![\w.,])(?P<number>{_HOUSE_NUMBER}),?\s+(?P<name>(?:{_NAME_WORD}\s+){{1,3}}?)"
    rf"(?P<type>{alternation(STREET_WORDS['en'])})\b\.?"
    rf"(?P<unit>,?\s+(?:apt|apartment|flat|unit|suite)\.?\s*#?\d{{1,4}}[a-z]?\b)?",
    re.IGNORECASE,
)
#: "rue Victor Hugo au 48", "avenue des Lilas, n° 3": the French street first, then its number.
FR_NUMBER_AFTER_RE = re.compile(
    rf"(?<!\w)(?P<type>{alternation(STREET_WORDS['fr'])})\s+"
    rf"(?P<name>(?:(?:de\s+la|de\s+l'|du|des|de|d'|la|le|les)\s*)?[^\W\d_][\w'’-]*(?:\s+[^\W\d_][\w'’-]*){{0,3}}?)"
    rf",?\s+(?:au|n°|no\.?|numéro)\s*(?P<number>\d{{1,4}}(?:\s?(?:bis|ter))?)(?!\w)",
    re.IGNORECASE,
)
#: "résidence les Tilleuls, bâtiment B", "cité des Fleurs, escalier 2": a housing estate with its
#: building or stair is a home's address even without a street (the flat and floor follow).
FR_ESTATE_RE = re.compile(
    r"(?<!\w)(?:résidence|residence|cité)\s+(?:(?:les|le|la|des|du|de\s+la|de\s+l')\s+)?[^\W\d_][\w'’-]*"
    # The town may stand between the estate and its building (r9): "résidence des Tilleuls à Saint-Priest, bâtiment C".
    r"(?:\s+[^\W\d_][\w'’-]*)?(?:\s+à\s+[A-ZÉ][\w'’-]+)?,?\s+(?:bâtiment|batiment|bât\.?|bat\.?|escalier|esc\.?|appartement|appt\.?)"
    r"\s+\w{1,4}(?!\w)",
    re.IGNORECASE,
)
#: "maple avenue, number 22", "Oak Road no. 7", "bramley close number 42": an English street
#: with its number after it.
EN_NUMBER_AFTER_RE = re.compile(
    rf"(?<!\w)(?P<name>(?:{_NAME_WORD}\s+){{1,2}})(?P<type>{alternation(STREET_WORDS['en'])})"
    rf"\b,?\s+(?:number|no\.?|nr\.?|#)\s*(?P<number>\d{{1,4}}[a-z]?)(?!\w)",
    re.IGNORECASE,
)
#: Words after a number that make it a quantity, not a house number ("main street 3 weeks ago").
_QUANTITY_AFTER = (r"(?:weeks?|days?|months?|years?|minutes?|mins?|hours?|hrs?|times|miles?|km|blocks?|houses?"
                   r"|doors?|stops?|streets?)\b")
#: "maple ridge dr 2217 apt 3b", "Elm Street 14": the street type, then its number, as some
#: American children write it; taken with a flat or where the writer says it is theirs.
EN_TYPE_THEN_NUMBER_RE = re.compile(
    rf"(?<!\w)(?P<name>(?:{_NAME_WORD}\s+){{1,3}}?)(?P<type>{alternation(STREET_WORDS['en'])})\.?\s+"
    rf"(?P<number>\d{{1,5}}[a-z]?)(?!\w|[.,:]\d|\s+{_QUANTITY_AFTER})"
    rf"(?P<unit>,?\s+(?:apt|apartment|flat|unit|suite)\.?\s*#?\d{{1,4}}[a-z]?\b)?",
    re.IGNORECASE,
)
#: What every match of EN_TYPE_THEN_NUMBER_RE holds: a street type, then a number.
_TYPE_THEN_NUMBER_HINT_RE = re.compile(rf"(?<!\w)(?:{alternation(STREET_WORDS['en'])})\.?\s+\d", re.IGNORECASE)
#: "number 9 on Kestrel Way", "no. 14 in Mill Lane": the house number first, then "on"/"in" the street.
EN_NUMBER_ON_RE = re.compile(
    rf"(?<!\w)(?:number|no\.?|nr\.?|#)\s*(?P<number>\d{{1,4}}[a-z]?)\s+(?:on|in|at)\s+"
    rf"(?P<name>(?:[A-Z][\w'’-]*\s+){{1,3}}?)(?P<type>{alternation(STREET_WORDS['en'])})\b\.?",
    re.IGNORECASE,
)
_NUMBER_WORD_HINT_RE = re.compile(r"(?:number|no|nr)\.?\s*\d|#\s*\d", re.IGNORECASE)
#: Abbreviated street types ("17 hawthorn rd", "2210 w elm st apt 4").
_ABBREVIATED_STREET_WORDS = frozenset({"st", "rd", "ave", "ln", "dr", "blvd", "hwy", "ct", "pl"})
_FR_NOT_NAME_WORDS = alternation(contact_words("fr", "not_town_words"))
FR_STREET_RE = re.compile(
    # Not a time: "à 14 h 30, rue des Écoles" is when and where, not a house number.
    rf"(?<![\w.,])(?<!h\s)(?P<number>{_HOUSE_NUMBER}),?\s+(?P<type>{alternation(STREET_WORDS['fr'])})\.?\s+"
    # Up to three more words of the name ("rue Victor Hugo", "av jean jaurès"), but not the
    # words that go on with the sentence ("rue des Lilas à midi", "dans le 19e").
    # The name is not a small word of the sentence: "3 BD à 2 €" are comics (r9).
    rf"(?P<name>(?:(?:de\s+la|de\s+l'|du|des|de|d'|la|le|les)\s*)?(?!(?:à|a|et|en|pour|par|sur)\s)[^\W\d_][\w'’-]*"
    rf"(?:\s+(?!{_FR_NOT_NAME_WORDS}(?![\w'’]))[^\W\d_][\w'’-]*){{0,3}})",
    re.IGNORECASE,
)


#: Street types also written as a word of their own after a name: "Thereses gate", "Bjørnsons vei".
SEPARATE_STREET_WORDS = {language: contact_words(language, "separate_street_words") for language in ("da", "nb")}


_FLOOR = (r"(?P<floor>,?\s+(?:\d{1,2}\.?\s*(?:sal|th|tv|mf|st|etg|etasje)\.?|st\.?\s*(?:th|tv|mf)\.?"
          r"|(?:th|tv|mf)\.?))?")
#: The words that name a house number: "nr", "nummer", "husnummeret er" (r12).
_NAMED_NUMBER = r"(?:hus)?(?:nr|no|nummer(?:et)?)(?:\s+(?:er|is))?"
# A house number that is not a quantity ("12 km", "3 gange", "5 kr") or a decimal. Its letter may
# stand apart and in lower case ("14 b", as children write it), but never "i" or "å" ("in",
# "to"), "a" or "m" ("metres"), which are words or units after a number.
_STREET_NUMBER = (rf"(?:{_NAMED_NUMBER}\.?\s*)?(?P<number>\d{{1,4}}(?:[A-Za-z]|\s[A-Z]|\s[b-hj-ln-z](?![\w'’]))?)"
                  r"(?!\w|[.,:]\d|\s?(?:%|kr|km|m|kg|år|ar|gange|minutter|min|timer|uker|uger)\b)")


def _scandinavian_street_re(language: str) -> re.Pattern:
    suffixes = alternation(STREET_SUFFIXES[language])
    separate = alternation(SEPARATE_STREET_WORDS[language])
    return re.compile(
        rf"(?<!\w)(?P<name>(?:[A-ZÆØÅ][\w.]*\s+)?(?:[A-ZÆØÅ][\w-]*(?i:{suffixes})|[A-ZÆØÅ][\w.-]*\s+(?i:{separate})))"
        # A comma may stand before a named number ("Bækkevej, nr. 42", "Granveien, nummeret er 9").
        rf"(?:\s+|,\s*(?={_NAMED_NUMBER})){_STREET_NUMBER}{_FLOOR}"
    )


#: Where a lower-case word is followed by a number: the only places a lower-case street
#: ("rosenvej 12", "storgata 5b", "bjørnstjerne bjørnsons gate 8") can end.
#: A comma may stand before a named number ("jernbanegata, nummer 17").
_WORD_THEN_NUMBER_RE = re.compile(r"(?<=[a-zæøåé])(?:\s+|,\s*(?=(?:nr|no|nummer)\.?\s*\d))(?=(?:(?:nr|no|nummer)\.?\s*)?\d)")
_NUMBER_AND_FLOOR_RE = re.compile(rf",?\s+{_STREET_NUMBER}{_FLOOR}")
_STRONG_SUFFIXES = tuple(STRONG_STREET_SUFFIXES)
_SEPARATE_WORDS = frozenset(SEPARATE_STREET_WORDS["da"]) | frozenset(SEPARATE_STREET_WORDS["nb"])


def _ends_in_street_suffix(word: str, suffixes: tuple[str, ...]) -> bool:
    """True if a lower-case `word` ends in one of `suffixes` after a stem of two letters or more."""
    return word.endswith(suffixes) and any(word.endswith(suffix) and len(word) > len(suffix) + 1 for suffix in suffixes)


def _is_strong_street_word(word: str) -> bool:
    """True if a lower-case `word` ends in a suffix that is nearly always a street's, after a stem."""
    return _ends_in_street_suffix(word, _STRONG_SUFFIXES)


_ALL_STREET_SUFFIXES = tuple(STREET_SUFFIXES["da"]) + tuple(STREET_SUFFIXES["nb"])
#: A comma, a postcode of four digits and a town in lower case ("…, 6200 aabenraa") (r20).
_POSTCODE_AND_TOWN_AFTER_RE = re.compile(r",\s*\d{4}\s+[a-zæøåé][\w'’-]{2,}(?:\s+(?i:sv|nv|[cknvsø])(?!\w))?")


def _is_street_word(word: str) -> bool:
    """True if a lower-case `word` ends in any Scandinavian street ending, after a stem of two letters or more."""
    return _ends_in_street_suffix(word, _ALL_STREET_SUFFIXES)


def _lower_case_streets(text: str) -> Iterator[tuple[int, int]]:
    """Yield lower-case Scandinavian streets with their number.

    A word ending in a suffix that is nearly always a street ("rosenvej 12", "storgata 5b"),
    or a name in the genitive before a separate street word ("bjørnstjerne bjørnsons gate 8",
    "kongens gade 3"; the genitive -s keeps "fra gate 12", an airport gate, out). Only the
    places where a lower-case word meets a number are looked at.
    """
    for spot in _WORD_THEN_NUMBER_RE.finditer(text):
        end = spot.start()
        words = [word.rstrip(",") for word in text[max(0, end - 60):end].split()[-3:]]
        last = words[-1]
        last_start = end - len(last)
        if not (last.islower() and last.replace("-", "").isalpha()):
            continue
        strong = _is_strong_street_word(last)
        genitive = last in _SEPARATE_WORDS and len(words) >= 2 and words[-2].endswith("s") and words[-2].islower()
        if not (strong or genitive) and _is_street_word(last):
            # "elletoften 6, 6200 aabenraa", "hyllebakken 15, 6008 ålesund": a weaker street ending,
            # told with its postcode and town right after the number, is a street as well (r20).
            number = _NUMBER_AND_FLOOR_RE.match(text, end)
            postcode = number and _POSTCODE_AND_TOWN_AFTER_RE.match(text, number.end())
            if postcode:
                yield last_start, postcode.end()
                continue
        if not (strong or genitive):
            # "kirsebærvej i nørresundby nr 9": the street, its town, then its number.
            if len(words) == 3 and words[1] in ("i", "på") and _is_strong_street_word(words[0]):
                number = _NUMBER_AND_FLOOR_RE.match(text, end)
                if number and number.group(0).lstrip(", ")[:1] in "nN":
                    yield text.rfind(words[0], 0, last_start), number.end()
            continue
        number = _NUMBER_AND_FLOOR_RE.match(text, end)
        if not number:
            continue
        if strong:
            yield last_start, number.end()
            continue
        # A first name before the genitive belongs to the street ("bjørnstjerne bjørnsons");
        # a short word ("i", "på") does not.
        start = text.rfind(words[-2], 0, last_start)
        if len(words) == 3 and len(words[0]) > 3 and words[0].islower():
            start = text.rfind(words[0], 0, start)
        yield start, number.end()




_SCANDINAVIAN_STREET_RES = {lang: _scandinavian_street_re(lang) for lang in STREET_SUFFIXES}

#: A postcode and a town: "BS1 4DJ", "1165 København K", "0155 Oslo", "75002 Paris", "CA 90210".
#: The postcode areas of the United Kingdom (and the Crown dependencies): a code of another
#: area ("ZK94PR", a booking reference) is not a postcode (r9).
GB_POSTCODE_AREAS = (
    "AB AL B BA BB BD BH BL BN BR BS BT CA CB CF CH CM CO CR CT CV CW DA DD DE DG DH DL DN DT DY E EC EH EN EX FK "
    "FY G GL GU GY HA HD HG HP HR HS HU HX IG IM IP IV JE KA KT KW KY L LA LD LE LL LN LS LU M ME MK ML N NE NG NN NP "
    "NR NW OL OX PA PE PH PL PO PR RG RH RM S SA SE SG SK SL SM SN SO SP SR SS ST SW SY TA TD TF TN TQ TR TS TW UB W "
    "WA WC WD WF WN WR WS WV YO ZE"
).split()
_GB_AREAS = frozenset(GB_POSTCODE_AREAS)
#: The shape of a postcode of the United Kingdom, its area any one or two letters: a pattern
#: with the hundred areas as alternatives costs a try of each at every word of a letter (over
#: a tenth of screening an English letter); the shape rules out nearly every word at once and
#: `gb_postcodes` checks the area of what is left.
_GB_POSTCODE_SHAPE = r"\b(?P<area>[A-Z]{1,2})\d[A-Z\d]?\s?\d[A-Z]{2}\b"
_GB_POSTCODE_SHAPE_RE = re.compile(_GB_POSTCODE_SHAPE)
_GB_POSTCODE_SHAPE_ANY_CASE_RE = re.compile(_GB_POSTCODE_SHAPE, re.IGNORECASE)
#: The same shape without its named group, to stand inside other patterns.
_GB_POSTCODE = _GB_POSTCODE_SHAPE.replace("(?P<area>", "(?:")
#: Every language's words for a postcode ("postcode", "postnummeret", "code postal").
_POSTCODE_WORDS = alternation(all_contact_words("postcode_words"))
US_ZIP_RE = re.compile(r"\b[A-Z]{2}\s+\d{5}(?:-\d{4})?\b")
#: A town of two words is an article and a name or two names joined by a small word: "La Ciotat",
#: "Mo i Rana", "Boulogne sur Mer" (r14).
POSTCODE_TOWN_RE = re.compile(
    r"(?<![\w.,])(?P<code>\d{4,5})\s+(?P<town>(?:(?:La|Le|Les)\s+|L['’]\s*)?[A-ZÆØÅÉ][\w'’-]+"
    r"(?:\s+(?:i|på|sur|en|de|du|upon|on)\s+[A-ZÆØÅÉ][\w'’-]+)?(?:\s+(?:SV|NV|SØ|NØ|[A-ZÆØÅ])(?![\w]))?)"
)

#: The same with a lower-case town ("rosenvej 12, 8000 aarhus c"), accepted only behind a
#: street; Copenhagen's and Aarhus's district letters (K, V, N, Ø, S, C, SV, NV) go with it.
POSTCODE_LOWER_TOWN_RE = re.compile(
    r"(?<![\w.,])(?P<code>\d{4,5})\s+(?P<town>[a-zæøåé][\w'’-]+)(?:\s+(?i:sv|nv|[cknvsø])(?!\w))?"
)
#: A US state and ZIP code in lower case ("columbus oh 43210"), accepted only behind a street.
US_ZIP_ANY_CASE_RE = re.compile(US_ZIP_RE.pattern, re.IGNORECASE)

_ADDRESS_CUE_RE = compile_folded(r"(?<!\w)" + alternation(ADDRESS_CUES))


#: Words that make "N words street" a sentence rather than a street name.
_ORDINARY_NAME_WORDS = frozenset({"the", "a", "an", "my", "our", "your", "this", "that", "on", "up", "down", "in",
                                  "of", "to", "at", "across", "along", "busy", "same", "next", "whole", "long",
                                  "times", "minutes", "miles", "km", "metres", "meters", "houses", "cars", "kids"})


#: Words that join a clause to a street name before it ("and the road number 66" is a road).
_LINKING_WORDS = frozenset({"and", "or", "but", "so", "then", "which", "that", "where", "og", "et"})


def _looks_like_street(match: re.Match, folded: str) -> bool:
    name_words = match.group("name").split()
    capitalised = all(w[0].isupper() for w in name_words)
    if match.group("type").lower() in ENGLISH_STANDALONE_STREET_WORDS:
        # "12 oak street" is an address written in lower case; "3 times down the road" is not.
        if capitalised or (len(name_words) <= 2 and not _ORDINARY_NAME_WORDS.intersection(w.lower() for w in name_words)):
            return True
    if match.group("type").lower() in _ABBREVIATED_STREET_WORDS and not capitalised:
        # "17 hawthorn rd", "2210 w elm st apt 4": a lower-case name needs a house number of
        # two digits or more, or a flat number, to be told from "2 dr visits".
        ordinary = _ORDINARY_NAME_WORDS.intersection(w.lower() for w in name_words)
        if len(name_words) <= 2 and not ordinary and (len(match.group("number")) >= 2 or match.group("unit")):
            return True
    # "3 chapters on the way" has the shape of "3 Abbey Way"; ask for a capitalised name
    # or for the author to have said that this is where they live.
    return (capitalised and len(name_words) <= 2) or _says_it_is_theirs(folded, match.start())


#: How far before a street the writer's "I live", "we moved", "send it to my house" is looked for.
OWN_PLACE_WINDOW = 120


def _says_it_is_theirs(folded: str, start: int) -> bool:
    """True if, shortly before `start`, the writer says a place is theirs ("my address is",
    "we moved", "new place is", "vi bor på", "j'habite"): then a street in lower case, or of a
    type that is also an ordinary word ("close", "way", "drive"), is an address."""
    return (has_cue_before(folded, start, _ADDRESS_CUE_RE)
            or bool(_OWN_PLACE_RE.search(folded, max(0, start - OWN_PLACE_WINDOW), start)))


def _street_spans(text: str, folded: str, language: str) -> Iterator[tuple[int, int]]:
    for match in EN_STREET_RE.finditer(text):
        if _looks_like_street(match, folded):
            yield match.start(), match.end()
    # The pattern tries every word of the letter; most letters have no "number 22" at all.
    for match in EN_NUMBER_AFTER_RE.finditer(text) if _NUMBER_WORD_HINT_RE.search(text) else ():
        # The words before the street type may begin with "on", "the", "our": the name is what follows.
        words = match.group("name").split()
        while words and words[0].lower() in _ORDINARY_NAME_WORDS | _LINKING_WORDS:
            words.pop(0)
        standalone = match.group("type").lower() in ENGLISH_STANDALONE_STREET_WORDS
        if (words and not _ORDINARY_NAME_WORDS.intersection(w.lower() for w in words)
                and (standalone or words[0][0].isupper() or _says_it_is_theirs(folded, match.start()))):
            yield text.index(words[0], match.start()), match.end()
    # Most English letters have no street word followed by a number: one quick scan says so.
    for match in EN_TYPE_THEN_NUMBER_RE.finditer(text) if language == "en" and _TYPE_THEN_NUMBER_HINT_RE.search(text) else ():
        words = match.group("name").split()
        if (not _ORDINARY_NAME_WORDS.intersection(w.lower() for w in words)
                and (match.group("unit") or _says_it_is_theirs(folded, match.start()))):
            yield match.start(), match.end()
    for match in EN_NUMBER_ON_RE.finditer(text) if _NUMBER_WORD_HINT_RE.search(text) else ():
        if match.group("name")[:1].isupper():
            yield match.start(), match.end()
    if language == "fr":
        for pattern in (FR_STREET_RE, FR_NUMBER_AFTER_RE, FR_ESTATE_RE):
            for match in pattern.finditer(text):
                yield match.start(), match.end()
    if language in ("da", "nb"):
        # Both neighbours' street words: families move across the border, and "Storgade"
        # and "Storgata" are spelled by the same children.
        for pattern in _SCANDINAVIAN_STREET_RES.values():
            for match in pattern.finditer(text):
                yield match.start(), match.end()
        yield from _lower_case_streets(text)


def gb_postcodes(text: str, *, any_case: bool = False) -> Iterator[re.Match]:
    """Yield, left to right and without overlaps, the postcodes of the United Kingdom in `text`:
    one or two letters of a real area (GB_POSTCODE_AREAS: "ZK94PR" is a booking reference), a
    district and the inward code ("BS1 4DJ", "SW1A 1AA"), in capitals unless `any_case`.

    A word that has the shape but not a real area is passed over one character on, so the
    matches are those of a pattern listing every area as an alternative.
    """
    pattern = _GB_POSTCODE_SHAPE_ANY_CASE_RE if any_case else _GB_POSTCODE_SHAPE_RE
    position = 0
    while (match := pattern.search(text, position)) is not None:
        if match.group("area").upper() in _GB_AREAS:
            yield match
            position = match.end()
        else:
            position = match.start() + 1


def _postcode_spans(text: str, regions: tuple[str, ...], streets: list[tuple[int, int]]) -> Iterator[tuple[int, int]]:
    if "GB" in regions:
        for match in gb_postcodes(text):
            yield match.start(), match.end()
        # "17 hawthorn rd, wakefield wf1 3xp": a lower-case postcode counts behind a street,
        # or in a sentence where the writer says it is where they live ("new house is …").
        for match in gb_postcodes(text, any_case=True):
            if (any(0 <= match.start() - end <= 30 for _, end in streets)
                    or _OWN_PLACE_RE.search(fold(text), max(0, match.start() - 100), match.start())):
                yield match.start(), match.end()
            elif ((house := _HOUSE_BEFORE_POSTCODE_RE.search(text, max(0, match.start() - 70), match.start()))
                  and not (_ORDINARY_NAME_WORDS | _LINKING_WORDS).intersection(
                      word.strip(",").lower() for word in house.group().split()[1:])):
                # "15 holly bank, halifax hx1 2pn", "9 hawthorn close bd7 2ha": a whole postcode in lower
                # case with a house number and its street's words before it on the line is the
                # address from the number on, whatever the street type (r20).
                yield house.start(), match.end()
    if "US" in regions:
        for match in US_ZIP_RE.finditer(text):
            yield match.start(), match.end()
        for match in US_ZIP_ANY_CASE_RE.finditer(text):
            if _behind_street(text, match.start(), streets):
                yield match.start(), match.end()
    for match in POSTCODE_TOWN_RE.finditer(text):
        # "in 1945 Mum said" looks like "1945 Oslo"; accept a postcode only right after a
        # comma or close behind a street we already found.
        before = text[max(0, match.start() - 2):match.start()]
        near_street = any(0 <= match.start() - end <= 40 for _, end in streets)
        if before.endswith(", ") or before.endswith(",") or near_street:
            # "Skovbrynet 8, 5260 Odense S": a name and a house number right before a postcode
            # and its town are the street, whatever the name ends in (r9).
            street = _STREET_BEFORE_POSTCODE_RE.search(text, max(0, match.start() - 70), match.start())
            yield (street.start() if street else match.start()), match.end()
    for match in POSTCODE_LOWER_TOWN_RE.finditer(text):
        if _behind_street(text, match.start(), streets):
            yield match.start(), match.end()


#: A house number and one to six words (a street, perhaps its town) on one line, ending where a
#: postcode starts: "15 holly bank, halifax ", "9 hawthorn close " (r20).
_HOUSE_BEFORE_POSTCODE_RE = re.compile(r"(?<![\w.,:/-])\d{1,4}[a-z]?,?[ \t]+(?:[^\W\d_][\w'’.-]*,?[ \t]+){1,6}\Z")


#: A capitalised name of one to three words and a house number, a comma, perhaps a floor and door,
#: ending where a postcode starts: "Tokerudberget 7, ", "Kløvervænget 17, 1. tv, ".
_STREET_BEFORE_POSTCODE_RE = re.compile(
    r"(?<![\w.])(?:[A-ZÆØÅ][\w'’.-]*\s+){0,2}[A-ZÆØÅ][\w'’-]{2,}\s+\d{1,4}[A-Za-z]?,\s*"
    r"(?:(?:st\.?|\d{1,2}\.)\s*(?:th|tv|mf|sal)?\.?,\s*)?\Z"
)


def _behind_street(text: str, start: int, streets: list[tuple[int, int]], window: int = 50) -> bool:
    """True if `start` follows a street closely, with only address words between.

    Between them may stand a flat or floor, a building ("bâtiment C", "résidence les pins",
    "opgang B") and up to two words of a town, all of which `_ADDRESS_GLUE_RE` allows.
    """
    return any(0 <= start - end <= window and _ADDRESS_GLUE_RE.match(text, end, start) for _, end in streets)


def find_addresses(text: str, folded: str, *, language: str, regions: Iterable[str]) -> Iterator[tuple[int, int]]:
    """Yield address spans in `text` (`folded` is its fold()); `regions` are the program's countries.

    The address of a public place (a museum, a stadium, a library, the zoo) is left out
    unless the writer says it is theirs (`_is_public_place`). A home the writer describes by
    where it stands is an address too (`_described_homes`), and an address is widened over
    the description of the home that follows it (`_with_description_after`). A house told by
    its number first ("nr 66 på Pilevej") is a street part like the others
    (`_houses_numbered_first`), and a postcode told just before the house joins it
    (`_postcodes_then_house`, `_with_postcode_told_before`).
    """
    streets = (sorted(set(_street_spans(text, folded, language))) + list(_streets_with_floor(text))
               + list(_houses_numbered_first(text, language)))
    spans = (streets + list(_postcode_spans(text, tuple(regions), streets)) + list(_postcodes_then_house(text))
             + list(_lead_in_addresses(text, folded, language))
             + list(_addresses_told_in_parts(text, folded)) + list(_postcodes_and_boxes(text))
             + list(_flats_in_named_places(text)) + list(_streets_then_their_number(text, language)))
    for start, end in _join_address_parts(text, sorted(spans)):
        start = _with_details_before(text, _with_unit_before(text, start))
        start, end = _with_postcode_told_before(text, start), _with_details_after(text, end)
        if not _is_public_place(text, folded, start, end):
            end = _with_description_after(text, folded, end, language)
            told = _POSTCODE_TOLD_AFTER_RE.match(text, end)
            # The block is widened over only once the place is known to be no public one: a
            # venue's name ("Central Library, 3rd floor, 21 Market Street") stands in it.
            start = _with_named_house_before(text, _with_block_before(text, start))
            start = _with_which_house_before(text, folded, _with_name_before(text, start))
            yield _over_address_lines(text, folded, start, told.end() if told else end)
    # A home told by where it stands needs no street; the writer has said it is theirs.
    yield from _described_homes(text, folded, language)


# ---------------------------------------------------------------- public places
#: Public places, every language's together (children mix them): "the museum", "Planetariet".
_PUBLIC_PLACE_RE = compile_folded(
    r"(?<!\w)" + alternation(all_contact_words("public_place_words") + all_contact_words("public_event_words")) + r"(?!\w)"
)
#: A capitalised Danish or Norwegian compound that names a venue: "Hovedbibliotek", "Nordstrandshallen".
_PUBLIC_COMPOUND_RE = re.compile(
    r"(?<!\w)[A-ZÆØÅ][a-zæøå]{2,}(?i:" + alternation(all_contact_words("public_place_suffixes")) + r")(?!\w)"
)
#: What makes an address the writer's own place: "I live", "jeg bor", "chez moi", "my address".
_OWN_PLACE_RE = compile_folded(
    r"(?<!\w)" + alternation(all_contact_words("own_place_cues") + ADDRESS_CUES) + r"(?!\w)"
)
#: A sentence ends at a full stop before a capital, or (r9) after a word of three letters or more
#: before a lower-case word, as children write ("på biblioteket. du kan sende den til …"); not
#: after a number or an abbreviation ("nr. 4", "3. sal").
_SENTENCE_BREAK_RE = re.compile(r"[.!?](?=\s+[A-ZÆØÅÉ])|(?<=[^\W\d_]{3})[.!?](?=\s+[a-zæøåé])|\n")
#: How far before and after an address a public place word is looked for (within its sentence).
PUBLIC_PLACE_BEFORE, PUBLIC_PLACE_AFTER = 130, 40
#: A named place right before the address, after a comma: "vi var i Tivoli, Vesterbrogade 3", "on est
#: allés à la Cité des sciences, 30 avenue …", "i Globus1, Gudrunsvej 9" (r9). A home is introduced by
#: "I live", which `_OWN_PLACE_RE` reads, not by a name and a comma.
_NAMED_PLACE_BEFORE_RE = re.compile(
    r"(?<!\w)(?i:på|i|at|in|to|à|au|til|ved|de)\s+(?:(?i:the|la|le|les)\s+|[lL]['’])?"
    r"[A-ZÆØÅ][\w'’.&-]*(?:\s+[\w'’.-]+){0,3},\s*\Z"
)
#: Words that make an address cue the writer's own ("my", "live", "bor", "j'habite"): every language's `own_address_words`.
_OWN_ADDRESS_WORDS = frozenset(all_contact_words("own_address_words"))
#: The writer's own place said plainly ("I live", "my address", "jeg bor", "chez moi"), not only
#: "the address is", which a letter also says of a library: only these outweigh opening hours (r9).
#: The address cues count when they hold one of `_OWN_ADDRESS_WORDS`.
_STRONG_OWN_PLACE_RE = compile_folded(
    r"(?<!\w)" + alternation(all_contact_words("own_place_cues") + tuple(
        cue for cue in ADDRESS_CUES if set(cue.split()) & _OWN_ADDRESS_WORDS))
    # "vår" is left out of Norwegian "our address" (`own_address_possessives`): folded it is "var", a verb.
    + r"(?!\w)|(?<!\w)" + alternation(all_contact_words("own_address_possessives"))
    + r"\s+(?:home\s+)?(?:address|adresse)(?!\w)"
)


#: A place open to visitors: "open 9 to 5", "åbent til kl 22", "ouvert de 10h", or words such
#: as "opening hours", "entrée gratuite" that need no time.
_OPEN_TO_VISITORS_RE = compile_folded(
    r"(?<!\w)(?:" + alternation(all_contact_words("open_words")) + r")(?:\s+[^\W\d_][\w.]*){0,2}\s*\d"
    + r"|(?<!\w)" + alternation(all_contact_words("visitor_words")) + r"(?!\w)"
)
#: How far around an address the words of a place open to visitors are looked for: its own
#: sentence and the next one, where a letter says when the place is open.
OPEN_HOURS_BEFORE, OPEN_HOURS_AFTER = 120, 160


def _sentence_start(text: str, start: int, reach: int) -> int:
    """Return where the sentence holding `start` begins, looking back `reach` characters at most."""
    before_start = max(0, start - reach)
    breaks = list(_SENTENCE_BREAK_RE.finditer(text, before_start, start))
    return breaks[-1].end() if breaks else before_start


def _is_open_to_visitors(text: str, folded: str, start: int, end: int) -> bool:
    """True if opening hours or an entry fee are told around the address at [start, end).

    Homes have no opening hours: "Dokk1, Hack Kampmanns Plads 2, … åbent til kl 22" and
    "Cité de l'espace, avenue Jean Gonord, … ouvert de 10h à 18h" name a venue even when its
    name is not one of the public-place words. Looks from the start of the address's sentence
    to the end of the next sentence.
    """
    sentence_start = _sentence_start(text, start, OPEN_HOURS_BEFORE)
    after_end = min(len(text), end + OPEN_HOURS_AFTER)
    return bool(_OPEN_TO_VISITORS_RE.search(folded, sentence_start, after_end))


#: Words of nearness right before a public place make it a landmark that tells where a home
#: stands, not the place whose address is given: "Storgata 8B, 9008 Tromsø, rett ved Domkirka",
#: "18 avenue Henri-Barbusse, derrière la pharmacie" (every language's `landmark_words`).
_LANDMARK_BEFORE_RE = compile_folded(r"(?<!\w)" + alternation(all_contact_words("landmark_words")) + r"\s+(?:\S+\s+){0,2}\Z")
#: How far before a public-place word its landmark word is looked for ("lige ved den gamle kirke").
LANDMARK_REACH = 30


def _names_a_venue(pattern: re.Pattern, haystack: str, folded: str, start: int, end: int) -> bool:
    """True if `pattern` finds a public place in haystack[start:end] that is not a landmark.

    `haystack` is the text or its fold (same length); a place right after a word of nearness
    ("next to the church", "rett ved Domkirka") tells where the home is and is passed over.
    """
    for match in pattern.finditer(haystack, start, end):
        if not _LANDMARK_BEFORE_RE.search(folded, max(0, match.start() - LANDMARK_REACH), match.start()):
            return True
    return False


#: A verb of sending before "to", "til", "à" (every language's `send_words`): what follows is an addressee (r22).
_SEND_BEFORE_RE = compile_folded(r"(?<!\w)" + alternation(all_contact_words("send_words")) + r"(?!\w)")
#: How far before a named place its sending verb is looked for ("sende din stil til Ole Brandt, ").
SEND_REACH = 60


#: A private place: "Jake's garage", "Jakobs garage", "le garage de Jacques", "hans værksted" (r16).
_PRIVATE_PLACE_RE = compile_folded(r"(?<!\w)" + alternation(all_contact_words("private_place_words")) + r"(?!\w)")
#: How far before a named place a private place word is looked for ("garasjen til Jakob, ").
PRIVATE_PLACE_REACH = 25


def _names_a_venue_before(text: str, folded: str, start: int, end: int) -> bool:
    """True if a named place stands right before the address at `end`, after a comma, and is no
    one's garage, house or workshop (`private_place_words`): "vi var i Tivoli, Vesterbrogade 3"."""
    named = _NAMED_PLACE_BEFORE_RE.search(text, start, end)
    if not named:
        return False
    if _SEND_BEFORE_RE.search(fold(text), max(0, named.start() - SEND_REACH), named.start() + 4):
        # "send it to Ole Brandt, Kastanievej 14", "envoyer à Mme Vidal, 6 rue Lafayette": the name after
        # a sending verb is the addressee, not a venue the writer went to (r22).
        return False
    return not _PRIVATE_PLACE_RE.search(folded, max(0, named.start() - PRIVATE_PLACE_REACH), named.end())


def _is_public_place(text: str, folded: str, start: int, end: int) -> bool:
    """True if the address at [start, end) is a public place's and not the writer's.

    A public-place word or a public event stands in the same sentence shortly before it ("the
    museum on Cromwell Road", "Planetariet, Gammel Kongevej 10", "forfatterbesøk … Schous
    plass 10") or right after it ("12 Oak Street, the library"), or a named place right before
    it after a comma ("vi var i Tivoli, Vesterbrogade 3"), and nothing in the sentence before it
    says the place is the writer's ("I live", "my address", "jeg bor", "j'habite", "chez moi");
    or the letter tells when the place is open (`_is_open_to_visitors`), and the writer does not
    plainly say it is theirs (a neutral "the address is" is not enough).
    """
    sentence_start = _sentence_start(text, start, PUBLIC_PLACE_BEFORE)
    after_end = min(len(text), end + PUBLIC_PLACE_AFTER)
    after_break = _SENTENCE_BREAK_RE.search(text, end, after_end)
    sentence_end = after_break.start() if after_break else after_end
    public = (_names_a_venue(_PUBLIC_PLACE_RE, folded, folded, sentence_start, start)
              or _names_a_venue(_PUBLIC_PLACE_RE, folded, folded, end, sentence_end)
              or _names_a_venue(_PUBLIC_COMPOUND_RE, text, folded, sentence_start, start)
              or _names_a_venue(_PUBLIC_COMPOUND_RE, text, folded, end, sentence_end))
    public = public or _names_a_venue_before(text, folded, max(sentence_start, start - 60), start)
    if public:
        return not _OWN_PLACE_RE.search(folded, sentence_start, start)
    return _is_open_to_visitors(text, folded, start, end) and not _STRONG_OWN_PLACE_RE.search(folded, sentence_start, start)


# Between two address parts: flats, floors, buildings and up to two words of a town, in any
# case ("4 Mill Road, Bristol BS1 4DJ", "17 hawthorn rd, wakefield wf1 3xp", "42 Station Rd,
# Flat B, Didcot, OX11 7NR", "7 mill lane, basement flat, york yo31 7xx", "bat b 1er étage
# porte gauche 35200 rennes", "8 chemin du moulin, lieu-dit La Garenne, 24200 Sarlat").
#: Every language's `building_words` ("bâtiment", "bât.", "opgang", "block"), abbreviations with and without their dot.
_BUILDING_WORDS = alternation(all_contact_words("building_words"))
_UNIT_WORDS = alternation(all_contact_words("unit_words"))
#: A room counts only with its number: "eget rom" (a room of one's own) is no part of an address.
_ROOM_WORDS = alternation(all_contact_words("room_words"))
_FLOOR_WORDS = alternation(all_contact_words("floor_words"))
_SIDE_WORDS = r"(?:gauche|droite|venstre|høyre|højre|left|right)"
#: A flat with its number or letter ("flat 3", "Flat B", "leil. H0203"), a kind of flat ("basement
#: flat"), or a room with its number ("værelse 4.12", "rom 412") (r13).
_UNIT = (rf"(?:(?:[^\W\d_]+\s+)?{_UNIT_WORDS}\.?(?:\s*(?:n°|no\.?|nr\.?|#)?\s*(?:[a-z]{{0,2}}\d{{1,4}}[a-z]?|[a-z])(?!\w))"
         rf"|(?:basement|ground|garden|top)\s+{_UNIT_WORDS}"
         rf"|(?:{_ROOM_WORDS})\.?\s*(?:n°|no\.?|nr\.?|#)?\s*\d{{1,4}}(?:\.\d{{1,3}})?[a-z]?(?!\w))")
#: A floor ("2nd floor", "top floor", "1er étage", "3. etasje", "etg 2") and a side.
_FLOOR = (rf"(?:(?:\d{{1,2}}\.?\s*(?:e|er|re|ème|eme|st|nd|rd|th)?|top|ground|first|second|third|basement"
          # The floor as a word (r9): "andre etasje", "første sal", "deuxième étage".
          rf"|første|anden|andre|tredje|fjerde|femte|premier|deuxième|troisième|quatrième)\s*"
          rf"{_FLOOR_WORDS}|{_FLOOR_WORDS}\s+\d{{1,2}})(?:\s+(?:à\s+|til\s+|on\s+the\s+)?{_SIDE_WORDS})?")
#: One detail of an address between the street and the town: a flat, a floor, a building, a door, a "lieu-dit".
_DETAIL = (rf"(?:{_UNIT}|{_FLOOR}|(?:{_BUILDING_WORDS})\s+(?:[\w'’-]+\s+){{0,2}}?[\w'’-]+"
           rf"|(?:porte|door|dør)\s+(?:(?:de\s+|à\s+)?{_SIDE_WORDS}|\w{{1,3}})|lieu-dit\s+(?:[\w'’-]+\s+){{0,2}}?[\w'’-]+"
           # "au 2ème", "au 3e": a French floor without "étage" (r9), or with its side: "5e gauche" (r17).
           rf"|au\s+\d{{1,2}}(?:e|er|re|ème|eme)|\d{{1,2}}(?:e|er|ème|eme)\s+{_SIDE_WORDS})(?!\w)")
_ADDRESS_GLUE_RE = re.compile(
    rf"[\s,]*(?:{_DETAIL}[\s,]+){{0,3}}"
    r"(?:[^\W\d_][\w'’-]+[\s,]*){0,3}(?:[iàa]\s+)?\Z",
    re.IGNORECASE,
)
#: Longest gap between two address parts that the glue is tried on.
_MAX_GLUE = 80


#: A postcode that opens an address part: "6700 Esbjerg", "HU5 2RL".
_POSTCODE_AT_RE = re.compile(r"\d{4,5}\s+[^\W\d_]|" + _GB_POSTCODE)


def _postcode_closes(text: str, end: int, start: int) -> bool:
    """True if the part at `start` is a postcode that closes the address ending at `end`.

    Between them stands what a writer adds to an address before its postcode: a floor and
    door, a bell's name, the way in ("Vestergade 52B st., 6700 Esbjerg", "Strandvejen 112
    (bagindgangen ved den grønne låge) 8000 Aarhus C", "Lilac Grove, number 31, the one with
    the broken gate. BS5 9TG"): within `_MAX_GLUE` characters and two line breaks (r14).
    """
    return (start - end <= _MAX_GLUE and text.count("\n", end, start) <= 2
            and bool(_POSTCODE_AT_RE.match(text, start)))


def _join_address_parts(text: str, spans: list[tuple[int, int]]) -> Iterator[tuple[int, int]]:
    """Join a street, flat number, town and postcode written together into one span."""
    current: tuple[int, int] | None = None
    for start, end in spans:
        if current and (start <= current[1] or _postcode_closes(text, current[1], start)
                        or (start - current[1] <= _MAX_GLUE and _ADDRESS_GLUE_RE.match(text[current[1]:start]))):
            current = (current[0], max(current[1], end))
            continue
        if current:
            yield current
        current = (start, end)
    if current:
        yield current


# ---------------------------------------------------------------- flats, floors and towns
#: "flat 3, ", "lejl. 2 ", "flat 3, 2nd floor, " right before a street: they are part of the address.
_UNIT_BEFORE_RE = re.compile(rf"(?<!\w)(?:{_UNIT}[\s,]*(?:{_FLOOR}[\s,]*)?|{_FLOOR}[\s,]+)\Z", re.IGNORECASE)
_UNIT_WORD_BEFORE_NUMBER_RE = re.compile(rf"(?<!\w){_UNIT_WORDS}\.?\s*(?:n°|no\.?|nr\.?|#)?\s*\Z", re.IGNORECASE)
#: After a street: a floor and side ("au 3e étage à gauche", "2nd floor", "3. etasje"), a flat or
#: a building ("oppgang B", "leil. H0203").
_DETAIL_AFTER_RE = re.compile(rf"[\s,]*(?:au\s+|on\s+the\s+|i\s+|på\s+)?{_DETAIL}", re.IGNORECASE)
#: Then a town after a comma or "i", "in", "à", "på", in any case, with Copenhagen's and
#: Aarhus's district letter or the first half of a British postcode ("27 Mortimer Street,
#: Brighton", "Fjellveien 112 i Stavanger", "kastanievej 14 i vejle", "ryesgade 31, aarhus c",
#: "14 maple close, leeds LS17", "rue des lilas, au 12, à montreuil").
#: The town may have a French article or "St." before it and more capitalised words after it
#: ("Le Mans", "St. Hanshaugen", "Little Hadham", "Dayton Ohio"), and may stand after a bare space
#: when it is capitalised and ends the clause ("61 Hawthorn Avenue Hull"); a US state's code or a
#: Paris or Marseille arrondissement may follow it ("Ocala FL", "Paris 5e") (r17).
_TOWN_AFTER_RE = re.compile(
    r"(?:,\s*(?P<on>(?:à|i|in|på)\s+)?|\s+(?P<in>(?:i|in|à|på)\s+)|(?P<space>\s+)(?=(?-i:[A-ZÆØÅÉ])))"
    r"(?P<town>(?-i:(?:Le|La|Les|L'|St\.)\s*)?[^\W\d_][\w'’-]+(?-i:\s+[A-ZÆØÅÉ][a-zæøåéèêëàâîôûüç'’-]+){0,2})"
    r"(?P<district>\s+(?:sv|nv|[cknvsø])(?![\w'’])|\s+[a-z]{1,2}\d{1,2}[a-z]?(?:\s?\d[a-z]{2})?(?!\w)"
    r"|\s+(?-i:[A-Z]{2})(?!\w)|\s+\d{1,2}(?:e|er|ème)(?!\w))?",
    re.IGNORECASE,
)
#: Words that can follow "i", "in", "à" or a comma behind a street without being a town
#: ("Storgata 5 i helgen", "rue des Lilas à midi", "14 Oak Close, and"), every language's.
_NOT_TOWN_WORDS = frozenset(word.lower() for word in all_contact_words("not_town_words"))
#: "rue Victor Hugo 27": a French street type and a capitalised name right before the house number.
_FR_STREET_BEFORE_RE = re.compile(
    rf"(?<!\w)(?:{alternation(STREET_WORDS['fr'])})\s+(?:(?:de\s+la|de\s+l'|du|des|de|d')\s*)?"
    r"[A-ZÉÈÀÂÎÔ][\w'’-]*(?:\s+[A-ZÉÈÀÂÎÔ][\w'’-]*){0,3}\s*,?\s*\Z",
    re.IGNORECASE,
)


def _with_unit_before(text: str, start: int) -> int:
    """Return `start`, moved back over a flat, a floor, or a French street name written just before the address."""
    if start < len(text) and text[start].isdigit():
        street = _FR_STREET_BEFORE_RE.search(text, max(0, start - 50), start)
        if street:
            start = street.start()
    unit = _UNIT_BEFORE_RE.search(text, max(0, start - 40), start)
    if not unit and start < len(text) and text[start].isdigit():
        # "Flat 12B Ashgrove House": the flat's word, whose number the street's match took (r17).
        unit = _UNIT_WORD_BEFORE_NUMBER_RE.search(text, max(0, start - 20), start)
    start = unit.start() if unit else start
    # "lieu-dit La Grange, route de Vitrac": the hamlet before the road (r9).
    hamlet = _HAMLET_BEFORE_RE.search(text, max(0, start - 50), start)
    return hamlet.start() if hamlet else start


#: What opens a British address before the part found: a flat and the building's name ("Flat 12,
#: Harbour View, " before "5 Dock Street"), or the house number and names of an address block
#: that only its postcode gave away ("7 The Paddocks, Little Sutton, Chester " before
#: "CH66 1PN", "Flat 3, 119 Kingsway, Swansea ") (r14). It must start with a flat or a number.
_NAME = r"[A-Z][\w'’-]*(?:\s+(?:[A-Z][\w'’-]*|of|on|upon|na|an))*"
_BLOCK_BEFORE_RE = re.compile(
    rf"(?<![\w'’-])(?:(?i:{_UNIT})\s*,\s*(?:{_NAME}\s*,\s*)?(?:\d{{1,4}}[A-Za-z]?\s+{_NAME}\s*,\s*)?"
    rf"|\d{{1,4}}[A-Za-z]?\s+{_NAME}\s*,\s*)(?:{_NAME}\s*,?\s*){{0,2}}\Z"
)
#: How far back an address block is looked for.
BLOCK_REACH = 80


def _with_block_before(text: str, start: int) -> int:
    """Return `start`, moved back over a flat and building name or an address block's first lines."""
    block = _BLOCK_BEFORE_RE.search(text, max(0, start - BLOCK_REACH), start)
    return block.start() if block else start


#: A house's, farm's or addressee's name with a comma, right before an address: "Solgården, Parkvej
#: 4", "Lien gård, Sætervegen 41", "Lucas Martin, 60 boulevard Carnot" (r17). Capitalised words only.
_NAME_BEFORE_RE = re.compile(r"(?<![\w'’-])(?:[A-ZÆØÅÉ][\w'’-]*\s+){0,2}[A-ZÆØÅÉ]?[\w'’-]+,\s*\Z")
_NAME_BEFORE_REACH = 40


def _with_name_before(text: str, start: int) -> int:
    """Return `start`, moved back over a name and comma written right before the address.

    Widening an address found already only redacts a word more; it never makes one.
    """
    for _ in range(3):  # "Lower Bryn Farm, Llanidloes, SY18 6LU": a name per line of the address
        name = _NAME_BEFORE_RE.search(text, max(0, start - _NAME_BEFORE_REACH), start)
        if not (name and name.group()[0].isupper()):
            break
        start = name.start()
    return start


_HAMLET_BEFORE_RE = re.compile(r"(?<!\w)lieu-dit\s+(?:[\w'’-]+\s+){0,2}?[\w'’-]+,?\s*\Z", re.IGNORECASE)


def _with_details_after(text: str, end: int) -> int:
    """Return `end`, moved past floors, flats and buildings ("au 3e étage à gauche", "oppgang B"),
    a town, and the floors and flats written after the town ("tollbugata 23 i bodø, i 3. etasje").

    Widening an address found already only redacts a word more; it never makes one.
    """
    end = _past_details(text, end)
    town = _TOWN_AFTER_RE.match(text, end)
    if town and _is_town(text, town):
        end = town.end()
        # The postcode after the town, as some write it ("i vejle 7100", "à rennes 35000") (r9).
        postcode = _POSTCODE_AFTER_TOWN_RE.match(text, end)
        end = _past_details(text, postcode.end() if postcode else end)
    return end


_POSTCODE_AFTER_TOWN_RE = re.compile(r",?\s+\d{4,5}(?!\w|[.,:]\d)")
#: A postcode told after the address, in its sentence or one of the next two, after a postcode word:
#: "Granveien, nummeret er 9, og postnummeret er 7052 Trondheim", "…in Leicester. postcode LE5
#: 3QN", "…à Briançon, le code postal c'est 05100". Only widens an address already found.
_POSTCODE_TOLD_AFTER_RE = re.compile(
    r"[^\n.!?]{0,40}?(?:[.!?]\s*[^\n.!?]{0,40}?){0,2}(?<!\w)" + _POSTCODE_WORDS
    + r"\s*:?\s*" + IS_WORDS + r"(?:\d{4,5}(?![\w.,:]\d)|" + _GB_POSTCODE + r")"
    + r"(?-i:\s+[A-ZÆØÅÉ][\w'’-]+)?",
    re.IGNORECASE,
)


_CLAUSE_END_RE = re.compile(r"\s*(?:[.,;:!?)]|\n|\Z)")


def _is_town(text: str, town: re.Match) -> bool:
    """True if `town` (a `_TOWN_AFTER_RE` match) is a town and not the next words of the sentence.

    After "i", "in", "à" or "på" any word but the `not_town_words` is; after a bare comma a
    lower-case word only where its clause ends ("…, stockport, right behind", not "…, avec").
    """
    word = town.group("town")
    if word.split()[0].lower() in _NOT_TOWN_WORDS and not word.startswith(("Le ", "La ", "Les ", "L'", "St.")):
        return False
    if town.group("space"):
        # After a bare space only a capitalised word that ends the clause or meets a postcode.
        return bool(_CLAUSE_END_RE.match(text, town.end()) or _POSTCODE_AFTER_TOWN_RE.match(text, town.end()))
    if town.group("on") or town.group("in") or town.group("district") or word[0].isupper():
        return True
    return bool(_CLAUSE_END_RE.match(text, town.end()))


def _past_details(text: str, end: int) -> int:
    """Return `end`, moved past up to three floors, flats and buildings written right after it."""
    details = 0
    while details < 3 and (detail := _DETAIL_AFTER_RE.match(text, end)):
        end, details = detail.end(), details + 1
    return end


#: A Danish or Norwegian floor and door ("st. th", "2. tv", "1. sal") after a word and a number:
#: no ordinary phrase ends so, whatever the word ("skovbrynet 7, st. th", any case).
_STREET_WITH_FLOOR_RE = re.compile(
    r"(?<![\w.])(?:[^\W\d_][\w-]{2,}\s+){1,2}?\d{1,4}[a-z]?,?\s+"
    r"(?:st\.?\s*(?:th|tv|mf)|\d{1,2}\.\s*(?:th|tv|mf|sal|etasje|etg))\.?(?!\w)",
    re.IGNORECASE,
)


#: The floor and door alone, looked for first: most letters have none.
#: A Norwegian floor counts as a Danish one does (r22): "Pilestredet 210, 4. etasje", "Torget 4, 1. etg.".
_FLOOR_DOOR_RE = re.compile(r"(?<!\w)(?:st\.?\s*(?:th|tv|mf)|\d{1,2}\.\s*(?:th|tv|mf|sal|etasje|etg))\.?(?!\w)",
                            re.IGNORECASE)


#: A flat's or room's word opening a "word number, floor" match: no street's name.
_UNIT_OR_ROOM_RE = re.compile(rf"(?:{_UNIT_WORDS}|{_ROOM_WORDS})\.?\s", re.IGNORECASE)


def _streets_with_floor(text: str) -> Iterator[tuple[int, int]]:
    """Yield "word number, floor door" streets, which need no street suffix to be addresses."""
    for floor in _FLOOR_DOOR_RE.finditer(text):
        # The street and number stand within a few words before the floor.
        start = max(0, floor.start() - 60)
        for match in _STREET_WITH_FLOOR_RE.finditer(text, start, floor.end()):
            # "i leilighet 4C, 3. etasje" on holiday: a flat and its floor with no street name (r22).
            if match.end() == floor.end() and not _UNIT_OR_ROOM_RE.match(text, match.start()):
                yield match.start(), match.end()
                break


# ---------------------------------------------------------------- homes told by where they stand (r9)
# Children rarely give a street and number; they tell a visitor how to find the house: "we live in
# the yellow house at the end of Birchwood Lane in Fairview", "vi bor i den røde blok lige overfor
# moskeen i Vollsmose, 3. sal", "on habite au-dessus du kebab de mon oncle, porte verte, 2e étage".
# Such a description is a home address when the writer says it is where they live and it gives
# enough to find the door (`_locators`).

def _home_re(language: str, key: str) -> str:
    """Return an alternation of the list `key` of English and `language` (children mix them)."""
    return alternation(with_english(language, key))


def _home_patterns(language: str) -> dict[str, re.Pattern]:
    """Compile, for `language` and English, the patterns of a described home (on folded text)."""
    words, relations = _home_re(language, "home_words"), _home_re(language, "home_relations")
    doors, determiners = _home_re(language, "home_door_words"), _home_re(language, "home_determiners")
    return {
        # "we live in ", "bor vi i ", "on habite ", "jhabite dans ": the stretch starts after them.
        "cue": compile_folded(rf"(?<!\w)(?:{_home_re(language, 'home_cues')})"
                              rf"(?:\s+(?:{_home_re(language, 'home_prepositions')}))?\s+"),
        # "the yellow house", "den sidste opgang", "la maison avec", "bâtiment C": up to three words
        # (checked by `_plain_words`) and a dwelling.
        "head": compile_folded(rf"(?:(?P<det>{determiners})(?:\s+|(?<=['’])))?(?P<words>(?:[\w'’-]+\s+){{0,3}}?)"
                               rf"(?P<home>{words})(?!\w)"),
        "relation": compile_folded(rf"(?<!\w){relations}(?!\w)"),
        "door": compile_folded(rf"(?<!\w)(?:{doors}|{_FLOOR_WORDS}|{_UNIT_WORDS})(?!\w)"),
        # After an address found already: ", the one with the trampoline", ", det gule hus lige overfor
        # netto", ", i det gule huset", ", l'immeuble au-dessus de la boulangerie", ", le code c'est 4B72".
        "tail": compile_folded(
            rf"(?:,\s*|\s+)(?:(?:{_home_re(language, 'home_prepositions')})\s+)?"
            rf"(?:{_home_re(language, 'home_tail_heads')}|{relations}"
            rf"|(?:{determiners})(?:\s+|(?<=['’]))(?:[\w'’-]+\s+){{0,3}}?(?:{words}|{doors})|{doors})(?!\w)"
        ),
    }


_HOME_PATTERNS: dict[str, dict[str, re.Pattern]] = {}


def _home_pattern(language: str, name: str) -> re.Pattern:
    """Return the described-home pattern `name` of `language`, compiled once per process."""
    if language not in _HOME_PATTERNS:
        _HOME_PATTERNS[language] = _home_patterns(language)
    return _HOME_PATTERNS[language][name]


#: Words that cannot stand between "we live in" and the dwelling of a described home: "bor i Oslo i
#: et hus" is a town, then a house; "a house" is any house.
_NOT_HOME_FILLERS = frozenset({"a", "an", "en", "et", "ei", "un", "une", "i", "in", "on", "at", "på", "pa", "dans",
                               "à", "med", "with", "avec", "of", "af", "av", "de", "og", "and"})
#: The longest described home read, from its first word to where its sentence ends.
HOME_MAX_LENGTH = 260
#: A run of capitalised words: a street, a shop or a town ("Birchwood Lane", "Netto", "Saint-Priest").
_NAME_RUN_RE = re.compile(r"(?<![\w'’-])[A-ZÆØÅÉÈÀ][\w'’-]*(?:\s+[A-ZÆØÅÉÈÀ][\w'’-]*)*")
#: A number that helps find a house: not a quantity ("for 9 days", "7 of them", "5 min unna").
_LOCATOR_NUMBER_RE = re.compile(
    r"(?<!\d)\d+(?!\d|[.,:]\d|\s*(?:%|€|kr\b|km\b|m\b|h\b|of\b|min|minutes?|minutter|timer|hours?|heures?|days?|dage|dager"
    r"|jours?|weeks?|uger|uker|semaines?|months?|måneder|mois|years?|år\b|ans\b|times|gange|ganger|fois))",
    re.IGNORECASE,
)
#: Where a described home's sentence ends: ".", "!" or "?" before a space, or a line break; not the
#: dot of "nr. 14" or of a Scandinavian floor ("3. sal", "4. etasje", "2. th").
_HOME_END_RE = re.compile(r"[.!?]+(?=\s|\Z)|\n")
_ABBREVIATION_BEFORE_DOT_RE = re.compile(r"(?<!\w)(?:nr|no|st|ca|apt|leil|lejl|bd|av|ave|rd|n°)\Z", re.IGNORECASE)
_ORDINAL_DOT_RE = re.compile(rf"(?<!\w)\d{{1,2}}\.\s*(?:{_FLOOR_WORDS}|sal|th|tv|mf|etg|etasje|etage)(?!\w)",
                             re.IGNORECASE)
#: After a sentence end, a house number or a town that still belongs to the home: "… på alle. nummer 88",
#: "apartment 3B. in Tacoma".
_HOME_GOES_ON_RE = re.compile(
    r"[.!?]+\s+(?:(?:in|i|på|à)\s+[A-ZÆØÅÉ][\w'’-]+|(?i:nummer|number|numéro|numero|nr|no|n°)\.?\s*\d{1,5}[a-z]?)(?!\w)"
)


def _sentence_end(text: str, start: int, limit: int, stops: re.Pattern = _HOME_END_RE) -> int:
    """Return where the sentence that `start` is in ends (a `stops` match), at most at `limit`;
    not at the dot of an abbreviation ("nr.", "rd.") or of a Scandinavian floor ("3. sal")."""
    for stop in stops.finditer(text, start, limit):
        if stop.group(0) == "." and (_ABBREVIATION_BEFORE_DOT_RE.search(text, max(0, stop.start() - 5), stop.start())
                                     or _ORDINAL_DOT_RE.match(text, max(0, stop.start() - 2))
                                     or _ORDINAL_DOT_RE.match(text, max(0, stop.start() - 1))):
            continue
        return stop.start()
    return limit


def _home_end(text: str, start: int) -> int:
    """Return where the description that starts at `start` ends: its sentence's end, or a house number
    or town right after it, at most `HOME_MAX_LENGTH` characters on."""
    end = _sentence_end(text, start, min(len(text), start + HOME_MAX_LENGTH))
    goes_on = _HOME_GOES_ON_RE.match(text, end)
    return goes_on.end() if goes_on else end


def _locators(text: str, folded: str, start: int, end: int, language: str) -> int:
    """Count what in text[start:end] helps a stranger find the door: each relation to something else
    ("opposite", "ved siden af"), each run of capitalised names (a street, a shop, a town), each number
    (a house number, a floor), and a door, floor or flat word (once)."""
    relations = sum(1 for _ in _home_pattern(language, "relation").finditer(folded, start, end))
    names = sum(1 for name in _NAME_RUN_RE.finditer(text, start, end) if name.group(0) != "I")
    numbers = sum(1 for _ in _LOCATOR_NUMBER_RE.finditer(text, start, end))
    door = 1 if _home_pattern(language, "door").search(folded, start, end) else 0
    return relations + names + numbers + door


def _described_homes(text: str, folded: str, language: str) -> Iterator[tuple[int, int]]:
    """Yield homes the writer says they live in and describes by where they stand.

    Precondition: `folded` is fold(text). After a "we live" cue (`home_cues`, English and the letter's
    language) comes either a definite dwelling ("the yellow house", "det gule huset", "la ferme") with
    at least two locators in its sentence, or a relation ("above my uncle's shop") with at least three.
    The span runs from the dwelling or relation to the end of the sentence (`_home_end`): redaction
    hides the whole description, which the corpus marks as the address.
    """
    for cue in _home_pattern(language, "cue").finditer(folded):
        start = cue.end()
        head = _home_pattern(language, "head").match(folded, start)
        # Without a determiner the dwelling comes first ("bâtiment C", "huset"): "my aunt's caravan"
        # is someone's, and "a house" any house.
        if head and _plain_words(head.group("words")) and (head.group("det") or not head.group("words")):
            needed, described_from = 2, head.end()
        elif _home_pattern(language, "relation").match(folded, start):
            needed, described_from = 3, start
        else:
            continue
        end = _home_end(text, start)
        if _locators(text, folded, described_from, end, language) >= needed:
            yield start, end


def _plain_words(words: str) -> bool:
    """True if none of `words` (between a determiner and a dwelling) is an article or preposition."""
    return not _NOT_HOME_FILLERS.intersection(words.split())


def _with_description_after(text: str, folded: str, end: int, language: str) -> int:
    """Return `end`, moved to the end of its sentence when the words after the address go on
    describing the home (", the blue door opposite the Co-op", ", det gule hus med trampolinen",
    ", l'interphone c'est Benali"). Widening only redacts more; it never makes a finding."""
    if _home_pattern(language, "tail").match(folded, end):
        return max(end, _home_end(text, end))
    return end


# ---------------------------------------------------------------- the house number told first (r16)
# Children give the house number before the street, as a word or after "number" and a preposition:
# "nr 66 på Pilevej", "number 27 on Rowan Road", "nummer toogtredive, Kristtornvej", "number
# twenty-six, Cedar Walk", "vi bor på tolv Egevej", "j'habite au douze place de l'Église"; they put
# the town between the street and its number ("Harbour Lane in Whitstable, number 40"), or a floor
# and a block between the number and the estate ("nr. 31 på 3. sal i blok C i Gellerupparken").

def _house_number_words(language: str) -> str:
    """Return an alternation of `language`'s number words from 1 to 199 ("twelve", "toogtredive")."""
    return alternation(word for word, digits in NUMBER_WORDS[language].items()
                       if digits.isdigit() and 0 < int(digits) < 200 and len(word) > 2)


#: What names a house number before it: "number", "nr.", "nummer", "numéro", "n°".
_HOUSE_LEAD = r"(?i:number|nummer|numéro|numero|nr|no|n°)\.?"
#: A house number in digits, as `_HOUSE_LEAD` introduces it.
_HOUSE_DIGITS = r"\d{1,4}[a-zA-Z]?(?![\w.,:]\d|\w)"


def _named_street(language: str) -> str:
    """Return the pattern of a capitalised street name of `language` ("Rowan Road", "Pilevej",
    "rue du Houx"), case-sensitive for the name, whatever the case of the street word."""
    if language in ("da", "nb"):
        # Only the suffixes that are nearly always a street's: "nr 2 i Danmark" ends in "mark".
        suffixes = alternation(STRONG_STREET_SUFFIXES)
        separate = alternation(SEPARATE_STREET_WORDS["da"] + SEPARATE_STREET_WORDS["nb"])
        return rf"(?:[A-ZÆØÅ][\w-]*(?i:{suffixes})|[A-ZÆØÅ][\w.-]*\s+(?i:{separate}))(?!\w)"
    if language == "fr":
        return (rf"(?i:{alternation(STREET_WORDS['fr'])})\s+(?i:(?:de\s+la|de\s+l'|de\s+l’|du|des|de|d'|d’)\s*)?"
                r"[A-ZÉÈÀÂÎÔ][\w'’-]*")
    return rf"(?:[A-Z][\w'’-]*\s+){{1,3}}?(?i:{alternation(STREET_WORDS['en'])})(?!\w)\.?"


#: Between a house number and its street: a comma, or a preposition ("on", "på", "i").
_NUMBER_TO_STREET = r"(?:\s*,\s*|\s+(?:(?i:on|in|at|på|i)\s+)?)"


class _NumberedFirst(NamedTuple):
    """One pattern of a house told by its number first, and what a letter must hold for it to run."""

    pattern: re.Pattern
    needs_lead: bool     # "number", "nr", "nummer", "numéro", "n°" somewhere in the letter
    needs_street: bool   # a street word or suffix of the pattern's language
    needs_detail: bool   # a floor, flat or block word


def _numbered_first_patterns(language: str) -> tuple[_NumberedFirst, ...]:
    """Compile `language`'s patterns of a house told by its number first (see the section's comment)."""
    street, words = _named_street(language), _house_number_words(language)
    town = r"[A-ZÆØÅÉ][\w'’-]+"
    detail = rf"(?:\s*,\s*|\s+(?:(?i:på|i|on\s+the|of|au|in)\s+)?)(?i:{_DETAIL})"
    return (
        # "nr 66 på Pilevej", "number thirty two, Hollybush Lane", "numéro trente-deux, rue du Houx".
        _NumberedFirst(re.compile(
            rf"(?<!\w){_HOUSE_LEAD}\s*(?:{_HOUSE_DIGITS}|(?i:{words})(?!\w)){_NUMBER_TO_STREET}{street}"), True, True, False),
        # "vi bor på tolv Egevej", "I live at twelve Oakfield Terrace", "au soixante-treize avenue …":
        # a number word needs the preposition of a home before it.
        _NumberedFirst(re.compile(rf"(?<!\w)(?i:at|på|i|au)\s+(?P<house>(?i:{words}),?\s+{street})"), False, True, False),
        # "Harbour Lane in Whitstable, number 40", "Strandvejen i Hornbæk, nummer 40".
        _NumberedFirst(re.compile(
            rf"(?<!\w){street}\s+(?i:in|i|på|à)\s+{town},?\s+{_HOUSE_LEAD}\s*{_HOUSE_DIGITS}"), True, True, False),
        # "nr. 31 på 3. sal i blok C i Gellerupparken", "number 31 on the third floor of Hollins House":
        # a number, at least one floor, flat or block, and the estate or building by name ("the new flat
        # is number 14 on the 3rd floor" tells no stranger where).
        _NumberedFirst(re.compile(
            rf"(?<!\w)(?:{_HOUSE_LEAD}|(?i:le))\s*{_HOUSE_DIGITS}(?:{detail}){{1,3}}"
            rf"\s+(?i:i|på|of|on\s+the|in|de\s+la|dans\s+la)\s+{town}(?:\s+{town})?"), False, False, True),
        # "Mjølnerparken, opgang C, 4. sal, nr 42", "Marsh Rd, block C, 4th floor, number 42".
        _NumberedFirst(re.compile(
            rf"(?<![\w'’-]){town}(?:\s+{town})?(?:\s*,\s*(?i:{_DETAIL})){{1,3}}\s*,\s*{_HOUSE_LEAD}\s*{_HOUSE_DIGITS}"),
            True, False, True),
    )


_NUMBERED_FIRST = {language: _numbered_first_patterns(language) for language in ("en", "da", "nb", "fr")}
#: The cheap looks that decide which of those patterns a letter needs: most letters have no "nr"
#: or floor word, and the patterns are long.
_LEAD_RE = re.compile(rf"(?<!\w){_HOUSE_LEAD}")
_DETAIL_WORD_RE = re.compile(rf"(?<!\w)(?:{_UNIT_WORDS}|{_FLOOR_WORDS}|{_BUILDING_WORDS})(?!\w)", re.IGNORECASE)
_STREET_WORD_RE = {
    "en": re.compile(rf"(?<!\w)(?:{alternation(STREET_WORDS['en'])})(?!\w)", re.IGNORECASE),
    "fr": re.compile(rf"(?<!\w)(?:{alternation(STREET_WORDS['fr'])})(?!\w)", re.IGNORECASE),
    "da": re.compile(rf"\w(?:{alternation(STRONG_STREET_SUFFIXES)})(?!\w)", re.IGNORECASE),
}
_STREET_WORD_RE["nb"] = _STREET_WORD_RE["da"]


#: How far from a lead word ("nr") or a street word the rest of a house told number first may stand.
NUMBERED_FIRST_REACH = 100


def _windows(matches: Iterable[re.Match], length: int) -> list[tuple[int, int]]:
    """Return the stretches within `NUMBERED_FIRST_REACH` of `matches`, overlapping ones merged."""
    windows: list[tuple[int, int]] = []
    for match in matches:
        start, end = max(0, match.start() - NUMBERED_FIRST_REACH), min(length, match.end() + NUMBERED_FIRST_REACH)
        if windows and start <= windows[-1][1]:
            windows[-1] = (windows[-1][0], end)
        else:
            windows.append((start, end))
    return windows


def _houses_numbered_first(text: str, language: str) -> Iterator[tuple[int, int]]:
    """Yield houses told by their number first (the section's comment), in `language` or English.

    The patterns are long and most letters hold no "nr" and no floor word, so each runs only near
    the word it needs: a lead word ("number", "nr"), else a street word, else a floor or flat word.
    """
    leads = _windows(_LEAD_RE.finditer(text), len(text))
    details = _windows(_DETAIL_WORD_RE.finditer(text), len(text))
    for lang in dict.fromkeys((language if language in _NUMBERED_FIRST else "en", "en")):
        streets = _windows(_STREET_WORD_RE[lang].finditer(text), len(text))
        for pattern, needs_lead, needs_street, needs_detail in _NUMBERED_FIRST[lang]:
            if (needs_lead and not leads) or (needs_street and not streets) or (needs_detail and not details):
                continue
            windows = leads if needs_lead else streets if needs_street else details
            for start, end in windows:
                for match in pattern.finditer(text, start, end):
                    yield match.start("house") if "house" in pattern.groupindex else match.start(), match.end()


#: A postcode told first and the word that joins the house to it: "post code is BS5 9JR and",
#: "postnummeret mitt er 4700 og", "le code postal c'est 44300 et".
_POSTCODE_TOLD_FIRST = (rf"(?i:{_POSTCODE_WORDS})(?:\s+(?i:mitt|min|mon|my))?\s*:?\s*(?i:{IS_WORDS})"
                        rf"(?P<code>\d{{4,5}}|{_GB_POSTCODE})\s+(?i:and|og|et)\s+")
#: Then a house number: "… and we're number 61", "… og jeg bor i nr. 18", "… et on est au 61".
_POSTCODE_THEN_HOUSE_RE = re.compile(
    rf"{_POSTCODE_TOLD_FIRST}(?:[\w'’]+\s+){{0,5}}?(?:{_HOUSE_LEAD}|(?i:au))\s*{_HOUSE_DIGITS}"
)
#: Or an address found already, right after: "postnummeret er 4300 og vi bor på Lindevænget 61".
_POSTCODE_TOLD_BEFORE_RE = re.compile(rf"{_POSTCODE_TOLD_FIRST}(?:[\w'’]+\s+){{0,5}}\Z")
#: How far before an address its postcode, told first, is looked for.
POSTCODE_BEFORE_REACH = 80


#: What every `_POSTCODE_THEN_HOUSE_RE` match starts with, looked for first.
_POSTCODE_WORD_RE = re.compile(rf"(?i:{_POSTCODE_WORDS})")


def _postcodes_then_house(text: str) -> Iterator[tuple[int, int]]:
    """Yield a postcode told first and the house number after it, as one span (from the code)."""
    if not _POSTCODE_WORD_RE.search(text):
        return
    for match in _POSTCODE_THEN_HOUSE_RE.finditer(text):
        yield match.start("code"), match.end()


def _with_postcode_told_before(text: str, start: int) -> int:
    """Return `start`, moved back to a postcode told just before the address with "and", "og", "et"."""
    told = _POSTCODE_TOLD_BEFORE_RE.search(text, max(0, start - POSTCODE_BEFORE_REACH), start)
    return told.start("code") if told else start


# ---------------------------------------------------------------- told after a lead-in, and its lines (r19)
# Children give their address after "my address is", "I live at", "jeg bor på", "j'habite au" in any
# shape: with no street word ("27 Castle View, Durham"), the number after the street ("lavender road
# 23 in croydon", "Skovbrynet 11 i Hornbæk"), the number as a word ("twenty two primrose way"). After
# such a lead-in the clause is the address when a house number opens it. And an address found already
# runs on over the short lines written with it, one per comma, slash or line break: "31 beech drive /
# nottingham / NG5 3JK", "3317 maple drive, plano, texas".

#: Every language's lead-ins (children mix them), then "is", "er", "c'est" or a colon.
_LEAD_IN_RE = compile_folded(r"(?<!\w)" + alternation(all_contact_words("address_lead_ins")) + r"(?:\s*:)?\s+" + IS_WORDS)
#: Weaker lead-ins ("I'm at", "vi bor på"): the run also needs a street word or a postcode.
_WEAK_LEAD_IN_RE = compile_folded(r"(?<!\w)" + alternation(all_contact_words("address_weak_lead_ins")) + r"\s+")
#: A postcode and a capitalised town: "7100 Vejle", "75002 Paris".
_POSTCODE_TOWN_IN_RUN_RE = re.compile(r"(?<![\w.,])\d{4,5}\s+[A-ZÆØÅÉ]")
#: How far after a lead-in its address may run.
LEAD_IN_REACH = 140
#: What ends a lead-in's run: a sentence's end, or an empty line (a single line break parts lines).
_RUN_END_RE = re.compile(r"[.!?]+(?=\s|\Z)|\n\s*\n")
#: What parts the lines of an address: a comma (not a decimal one: "1,4 km"), a semicolon, a line break,
#: a slash or a dash between spaces.
_LINE_BREAK_RE = re.compile(r"\s*(?:,(?!\d)|(?<!\d),|[;\n]|\s/\s|\s-\s)\s*")
_LINE_WORD_RE = re.compile(r"[^\s,;]+")
#: A house number: digits with perhaps a letter ("12a", "3/2", "#19C"), never a quantity or a time.
_HOUSE_NUMBER_WORD_RE = re.compile(r"#?\d{1,5}[a-zA-Z]?(?:/\d{1,4}[a-zA-Z]?)?")
_QUANTITY_WORDS = frozenset({
    "min", "mins", "minute", "minutes", "minutter", "hour", "hours", "hrs", "timer", "time", "day", "days", "dage",
    "dager", "jours", "week", "weeks", "uger", "uker", "semaines", "month", "months", "måneder", "mois", "year",
    "years", "år", "ans", "km", "m", "kr", "€", "£", "$", "pm", "am", "h", "o'clock", "times", "gange", "ganger",
    "fois", "goals", "points", "mål", "poeng", "buts", "kg", "%", "euros", "kroner", "pounds", "dollars"})
#: "3e", "11e": a French floor or rank, never a house number.
_FRENCH_ORDINAL_RE = re.compile(r"\d{1,2}e")
#: Number words of every language from one to 999 that may stand for a house number ("twenty", "femogtyve").
_HOUSE_NUMBER_WORDS = frozenset(
    fold(word) for language in NUMBER_WORDS for word, digits in NUMBER_WORDS[language].items()
    if digits.isdigit() and 1 < int(digits) < 1000 and " " not in word and len(word) > 2)
_LINE_WORDS_RE = compile_folded(r"(?<!\w)" + alternation(all_contact_words("address_line_words")) + r"(?!\w)")
_LINE_STOPS = frozenset(fold(word) for word in all_contact_words("address_line_stops"))
#: A street word of a language: English and French write it apart, Danish and Norwegian at a name's end.
_STREET_IN_LINE_RE = {
    "en": compile_folded(rf"(?<!\w){alternation(STREET_WORDS['en'])}(?!\w)"),
    "fr": compile_folded(rf"(?<!\w){alternation(STREET_WORDS['fr'])}(?!\w)"),
    "da": compile_folded(rf"\w{alternation(STRONG_STREET_SUFFIXES)}(?!\w)"),
}
_STREET_IN_LINE_RE["nb"] = _STREET_IN_LINE_RE["da"]
#: A flat, floor, building, room or postcode word, every language's.
_DETAIL_IN_LINE_RE = compile_folded(
    rf"(?<!\w)(?:{_UNIT_WORDS}|{_FLOOR_WORDS}|{_BUILDING_WORDS}|{_ROOM_WORDS}|{_POSTCODE_WORDS})(?!\w)")
#: The longest line an address runs on over, in words.
LINE_WORDS_MAX = 5


def _words_of(text: str, start: int, end: int) -> list[str]:
    """Return the folded words of text[start:end], without the stops and brackets around them; an
    ordinal ("4." in "4. sal") stays as written, so that it is never read as a house number."""
    words = []
    for word in _LINE_WORD_RE.findall(text, start, end):
        ordinal = word.endswith(".") and word[:-1].isdigit()
        words.append(word if ordinal else fold(word).strip(".:()"))
    return words


def _house_number_at(words: list[str], within: int = 4) -> int | None:
    """Return the index of the first house number among `words`' first `within`, or None."""
    for index, word in enumerate(words[:within]):
        following = words[index + 1] if index + 1 < len(words) else ""
        if following in _QUANTITY_WORDS:
            continue
        if (_HOUSE_NUMBER_WORD_RE.fullmatch(word) and not _FRENCH_ORDINAL_RE.fullmatch(word)) or word in _HOUSE_NUMBER_WORDS:
            return index
    return None


def _is_address_line(text: str, start: int, end: int, *, bare: bool) -> bool:
    """True if text[start:end] is a line of an address: short, and holding a house or flat number,
    an address word ("flat", "estate", "postcode", a street word) or a postcode; with `bare`, any
    one to three words that do not open with a word of the letter going on (a town: "nottingham")."""
    words = _words_of(text, start, end)
    if not words or len(words) > LINE_WORDS_MAX or words[0] in _LINE_STOPS:
        return False
    folded = fold(text[start:end])
    if (any(_HOUSE_NUMBER_WORD_RE.fullmatch(word) or word in _HOUSE_NUMBER_WORDS for word in words)
            or _LINE_WORDS_RE.search(folded) or _DETAIL_IN_LINE_RE.search(folded)
            or any(pattern.search(folded) for pattern in _STREET_IN_LINE_RE.values())
            or _GB_POSTCODE_SHAPE_ANY_CASE_RE.search(text, start, end)):
        return True
    # A bare line is a town: it opens with no article or preposition ("avec ma mère") and holds no
    # word of the letter going on.
    return bare and len(words) <= 3 and words[0] not in _NOT_TOWN_WORDS and not _LINE_STOPS.intersection(words)


def _lines(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Return the lines of text[start:end] (see `_LINE_BREAK_RE`), each without its separator."""
    lines, at = [], start
    for separator in _LINE_BREAK_RE.finditer(text, start, end):
        if separator.start() > at:
            lines.append((at, separator.start()))
        at = separator.end()
    if end > at:
        lines.append((at, end))
    return lines


def _lead_in_run(text: str, start: int, *, weak: bool, language: str) -> int | None:
    """Return where the address told right after a lead-in ending at `start` ends, or None.

    The run is the lead-in's clause, line by line: its first line (or its second, after a first of
    at most four words: "Sandy Bay Holiday Park, plot 88") must hold a house number among its first
    four words, and it goes on while each line is an address line. A line's words after one that
    goes on with the letter ("and", "og", "et") are no part of it. After a weak lead-in the run also
    needs a street word of `language` or a postcode: "jeg bor på 4. sal", "I'm at 126" are no address.
    """
    limit = min(len(text), start + LEAD_IN_REACH)
    lines = _lines(text, start, _sentence_end(text, start, limit, _RUN_END_RE))
    if not lines:
        return None
    # A line's words count up to the first that goes on with the letter ("Aarhus og har 2 katte").
    first_words = [_words_of(text, s, _cut_at_stop(text, s, e)) for s, e in lines[:2]]
    numbered = next((i for i, words in enumerate(first_words) if _house_number_at(words) is not None), None)
    if numbered is None or (numbered == 1 and len(first_words[0]) > 4):
        return None
    end = None
    for index, (line_start, line_end) in enumerate(lines):
        cut = _cut_at_stop(text, line_start, line_end)
        if index > numbered and not _is_address_line(text, line_start, cut, bare=True):
            break
        end = cut
        if cut < line_end:
            break
    if weak and not (_STREET_IN_LINE_RE[language].search(fold(text[start:end]))
                     or _GB_POSTCODE_SHAPE_ANY_CASE_RE.search(text, start, end)
                     or _POSTCODE_TOWN_IN_RUN_RE.search(text, start, end)
                     or _named_house_run(text, start, end)):
        return None
    return end


#: A run that opens with a capitalised name and a house number, or a house number and a capitalised
#: name, and nothing more on its line: "jeg bor på Rosengården 5B", "vi bor på Toften 3, Stauning",
#: "we're at 24 Longmeadow" (r22). Streets of no known ending are named so ("Myra", "Bakken", "Halvmånen").
_NAMED_HOUSE_RUN_RE = re.compile(
    r"\s*(?:[A-ZÆØÅÉ][\w'’-]+\s+){1,2}\d{1,4}[A-Za-z]?(?![\w'’]|[.,:]\d)"
    r"|\s*\d{1,4}[A-Za-z]?\s+(?:The\s+)?[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?(?![\w'’])"
)


def _named_house_run(text: str, start: int, end: int) -> bool:
    """True if text[start:end] opens with a name and a house number (`_NAMED_HOUSE_RUN_RE`) that no
    quantity follows ("bor i Danmark 1 år" is a time)."""
    run = _NAMED_HOUSE_RUN_RE.match(text, start, end)
    if not run:
        return False
    following = text[run.end():run.end() + 20].split()[:1]
    return not (following and following[0].strip(",.!?").lower() in _QUANTITY_WORDS)


def _cut_at_stop(text: str, start: int, end: int) -> int:
    """Return where the line text[start:end] stops being an address: before its first word, after
    the first, that opens the letter going on ("12 oak road and my postcode is …"), else `end`."""
    for index, word in enumerate(_LINE_WORD_RE.finditer(text, start, end)):
        if index and fold(word.group()).strip(".:()") in _LINE_STOPS:
            return start + len(text[start:word.start()].rstrip())
    return end


def _lead_in_addresses(text: str, folded: str, language: str) -> Iterator[tuple[int, int]]:
    """Yield the addresses told right after a lead-in (`_lead_in_run`)."""
    for pattern, weak in ((_LEAD_IN_RE, False), (_WEAK_LEAD_IN_RE, True)):
        for lead in pattern.finditer(folded):
            end = _lead_in_run(text, lead.end(), weak=weak, language=language)
            if end is not None and end > lead.end():
                yield lead.end(), end


#: The most lines an address found already runs on over, each way.
LINES_MAX = 3


def _over_address_lines(text: str, folded: str, start: int, end: int) -> tuple[int, int]:
    """Return (start, end) moved over the address lines written with the address, before and after it
    (`_is_address_line`): after it any short line (a town); before it only lines with a number or
    an address word, or a bare line with one of those before it ("31 beech drive / nottingham").
    `folded` is fold(text).

    Widening an address found already only redacts more; it never makes one.
    """
    sentence_end = _sentence_end(text, end, min(len(text), end + LEAD_IN_REACH), _RUN_END_RE)
    for _ in range(LINES_MAX):
        separator = _LINE_BREAK_RE.match(text, end)
        if not separator or separator.end() >= sentence_end:
            break
        following = _LINE_BREAK_RE.search(text, separator.end(), sentence_end)
        line_end = following.start() if following else sentence_end
        cut = _cut_at_stop(text, separator.end(), line_end)
        if not _is_address_line(text, separator.end(), cut, bare=True):
            break
        end = cut
        if cut < line_end:
            break
    taken = at = start  # the address's start, and where the next line back ends
    for _ in range(LINES_MAX):
        separator = _LINE_BREAK_BEFORE_RE.search(text, max(0, at - LEAD_IN_REACH), at)
        if not separator:
            break
        line_end = separator.start()
        line_start = _from_house_number(text, _line_start(text, folded, line_end), line_end)
        if line_start >= line_end:
            break
        if _is_address_line(text, line_start, line_end, bare=False):
            taken = at = line_start
        elif at == taken and _is_address_line(text, line_start, line_end, bare=True):
            at = line_start  # a town, taken only if a numbered line stands before it
        else:
            break
    return taken, end


#: A line separator right before a position (see `_LINE_BREAK_RE`).
_LINE_BREAK_BEFORE_RE = re.compile(r"(?:[,;\n]|\s/\s|\s-\s)\s*\Z")
#: Where a line starts, looking back: after a separator, or after a sentence's end or a colon.
_LINE_OPENING_RE = re.compile(r"(?:[,;\n]|\s/\s|\s-\s|[.!?:]\s)\s*")


def _from_house_number(text: str, start: int, end: int) -> int:
    """Return where the line text[start:end] starts as an address: at its house number when the
    line opens with words of the letter ("its 12 birch drive"), else at `start`."""
    words = list(_LINE_WORD_RE.finditer(text, start, end))
    if not words or fold(words[0].group()) not in _LINE_STOPS:
        return start
    number = _house_number_at(_words_of(text, start, end), within=len(words))
    return words[number].start() if number is not None else start


def _line_start(text: str, folded: str, end: int) -> int:
    """Return where the line ending at `end` starts: after a separator, a sentence's end or a lead-in,
    at most 60 characters back."""
    start = max(0, end - 60)
    for opening in _LINE_OPENING_RE.finditer(text, start, end):
        start = opening.end()
    for lead in _LEAD_IN_RE.finditer(folded, start, end):
        start = lead.end()
    return start



# ---------------------------------------------------------------- what stands around an address (r22)
# u19's writers put the details of a flat before its street ("4. etasje, oppgang C, Tøyengata 37",
# "escalier B, 2e étage, 71 rue Nationale"), told which house it is before the address ("the yellow one
# on Station Road", "det gule på Stationsvej", "la porte verte au 6 rue du Moulin"), and named the house,
# farm or addressee with small words inside ("Ferme des Bruyères, route de Vitré", "Mrs J. Hart, 3 Lilac
# Court", "c/o Hansen, Fasanvej 12"). These only widen an address found already: they never make one.

#: A flat, floor, building or door and what joins it to what follows: "oppgang C, ", "flat 5 at ",
#: "appartement 7 du ", "lejlighed 7 i ", "flat 8 on the 2nd floor at " (one detail per step).
_DETAIL_BEFORE_RE = re.compile(
    # A Danish floor and door ("2. mf.", "st. th.") is a detail too.
    rf"(?<![\w'’-])(?:{_DETAIL}|\d{{1,2}}\.\s*(?:th|tv|mf|sal)|st\.?\s*(?:th|tv|mf))\.?"
    r"(?:\s*,\s*|\s+(?:at|au|du|de\s+la|of|on\s+the|på|i|in)\s+)\Z", re.IGNORECASE)
#: How many details before an address are taken, and how far back each is looked for.
DETAILS_BEFORE_MAX, DETAIL_BEFORE_REACH = 3, 40


def _with_details_before(text: str, start: int) -> int:
    """Return `start`, moved back over up to three flats, floors, buildings or doors written right
    before the address, each after a comma or a preposition ("4. etasje, oppgang C, Tøyengata 37")."""
    for _ in range(DETAILS_BEFORE_MAX):
        detail = _DETAIL_BEFORE_RE.search(text, max(0, start - DETAIL_BEFORE_REACH), start)
        if not detail:
            break
        start = detail.start()
    return start


#: Which house it is, told just before the address: a determiner, up to three words and a preposition
#: ("the yellow one on ", "the green door at ", "det gule på ", "den røde døra i ", "la bleue au ",
#: "la porte verte au "), a French colour before the street with no preposition ("la jaune "), or a
#: dwelling and its preposition ("rækkehus på ", "maison de lotissement au ").
_WHICH_HOUSE_BEFORE_RE = compile_folded(
    r"(?<![\w'’])(?:(?:" + alternation(all_contact_words("home_determiners") + ("the",)) + r")(?:\s+|(?<=['’]))"
    r"(?:[^\W\d_][\w'’-]*\s+){1,3}?(?:" + alternation(all_contact_words("home_prepositions") + ("på", "i", "au", "at", "on"))
    + r")\s+|(?:la|le)\s+[^\W\d_]+\s+(?=(?:rue|avenue|allee|chemin|place|impasse)\s)"
    + r"|(?:" + alternation(all_contact_words("home_words")) + r")(?:\s+de\s+[^\W\d_]+)?\s+(?:på|i|au|at|on|in)\s+)\Z"
)
WHICH_HOUSE_REACH = 45


def _with_which_house_before(text: str, folded: str, start: int) -> int:
    """Return `start`, moved back over the words that say which house the address is ("the yellow one
    on ", "det gule på "). `folded` is fold(text), of the same length."""
    told = _WHICH_HOUSE_BEFORE_RE.search(folded, max(0, start - WHICH_HOUSE_REACH), start)
    return told.start() if told else start


#: An addressee or a house's name with small words inside and a comma, right before an address:
#: "Ferme des Bruyères, ", "Mrs J. Hart, ", "c/o Hansen, ", "chez Mme Jeanne Le Goff, ", "Tigh na Mara, ".
_NAME_WITH_PARTICLES_BEFORE_RE = re.compile(
    r"(?<![\w'’./-])(?P<care>(?i:c/o|chez|hos|att\.?)\s+)?(?P<name>[A-ZÆØÅÉ][\w'’.-]*"
    r"(?:\s+(?:[A-ZÆØÅÉ][\w'’.-]*|(?:des|du|de|de\s+la|aux|au|na|of|on|the|les|la|le)(?=\s+[A-ZÆØÅÉ])"
    r"|[ld][’'][A-ZÆØÅÉ][\w'’-]*)){0,5}),\s*\Z"
)
_NAME_WITH_PARTICLES_REACH = 50


def _with_named_house_before(text: str, start: int) -> int:
    """Return `start`, moved back over a capitalised name with small words inside ("des", "na", "of")
    or initials, and a "c/o", "chez" or "hos" before it, written with a comma right before the address."""
    name = _NAME_WITH_PARTICLES_BEFORE_RE.search(text, max(0, start - _NAME_WITH_PARTICLES_REACH), start)
    return name.start() if name else start


# ---------------------------------------------------------------- an address told in parts (r22)
# Children tell the house number and the street as two facts: "house number is 26 and the street is
# Albert Terrace", "husnummeret er 8 og veien heter Sivsangerveien", "le numéro c'est le 56 et la rue
# c'est rue des Prés", "our street is Ashdown Road and we're the house with the red door, number 27",
# as a form ("house: 36, street: Priory Road, town: Hexham"), or the postcode first ("my postcode is
# SK17 6BT and the house number is 23", "mit postnummer er 5000 Odense C og husnummeret er 43"). A
# post office box is an address too ("PO Box 2241, Fresno CA 93745", "Postboks 1, 2000 Frederiksberg").

#: What names a part of an address: "is", "er", "c'est", "hedder", "heter", "s'appelle", "is called", ":".
_NAMING = (r"(?:\s*:\s*|\s+(?:is\s+called|is|'s|er|c'est|c\s+est|cest|est|hedder|heter|s'appelle|s’appelle)\s*:?\s*"
           r"|(?<=['’])s\s+)")
#: Every language's words for the house number ("house number", "husnummeret", "numéro") and the street
#: ("the street", "vejen", "la rue"), with the possessives around them ("my", "mitt", "notre").
_HOUSE_NUMBER_NAMES = alternation(all_contact_words("house_number_words"))
_STREET_NAME_WORDS = alternation(all_contact_words("street_name_words"))
_PART_POSSESSIVE = r"(?:(?:my|our|the|mit|vores|min|mitt|vårt|mon|notre|le|la)\s+)?"
_PART_POSSESSIVE_AFTER = r"(?:\s+(?:mitt|vårt|min|mit|vores))?"
#: A street's name as it follows "the street is": capitalised words, perhaps after a French street type
#: and its article ("Albert Terrace", "Sivsangerveien", "rue des Prés", "l'allée des Lavandes", "des Cordeliers").
_TOLD_STREET_NAME = (
    rf"(?:(?i:la|le|l['’])\s*)?(?:(?i:{alternation(STREET_WORDS['fr'])})\s+)?"
    r"(?:(?:des|du|de\s+la|de\s+l['’]|de|d['’])\s*)?[A-ZÆØÅÉ][\w'’-]*(?:\s+[A-ZÆØÅÉ][\w'’-]*){0,2}"
)
#: The house number told by name, then the street: "house number is 26 and the street is Albert
#: Terrace", "husnummer 31 og vejen hedder Kildevældsgade", "maison : 36, rue : des Cordeliers". The
#: house number's words may be missing when the street is told by name after "and the street is".
_NUMBER_THEN_STREET_RE = re.compile(
    rf"(?<![\w'’])(?:{_PART_POSSESSIVE}(?i:{_HOUSE_NUMBER_NAMES}){_PART_POSSESSIVE_AFTER}{_NAMING}(?i:le\s+)?)?"
    r"(?P<number>\d{1,4}[a-zA-Z]?)(?![\w'’]|[.,:]\d)"
    rf"(?:\s*,\s*|\s+(?i:and|og|et)\s+)(?i:the\s+)?{_PART_POSSESSIVE}(?i:{_STREET_NAME_WORDS}){_NAMING}{_TOLD_STREET_NAME}"
)
#: The street, then the house number later in the sentence: "our street is Ashdown Road and we're the
#: house with the red door, number 27", "vores vej er Ahornvej og vi er huset …, nummer 27".
_STREET_THEN_NUMBER_RE = re.compile(
    rf"(?<![\w'’]){_PART_POSSESSIVE}(?i:{_STREET_NAME_WORDS}){_NAMING}{_TOLD_STREET_NAME}"
    rf"\s+(?i:and|og|et)\s+[^.!?\n]{{0,60}}?(?<![\w'’]){_HOUSE_LEAD}\s*{_HOUSE_DIGITS}"
)
#: What every match of those two holds: a street's word before "is", "er", "c'est", ":".
_STREET_NAME_HINT_RE = re.compile(rf"(?<![\w'’])(?i:{_STREET_NAME_WORDS}){_NAMING}")
#: The other lines of an address written as a form: ", town: Hexham", ", postcode NE46 3JJ", ", 13100".
_FORM_LINES_RE = re.compile(
    rf"(?:\s*,\s*(?:(?i:{alternation(all_contact_words('address_form_labels'))})\s*:?\s*[^\W_][\w'’ -]{{0,25}}?"
    r"(?=\s*(?:[,.!?;\n]|\Z))|\s*,\s*\d{4,5}(?!\w))){1,3}"
)
#: The town of an address told in parts, said after it: "… Linnet Close. its in Thornbury", "… Det ligger i Skive".
_TOWN_TOLD_AFTER_RE = compile_folded(
    r"(?:[.,]\s*|\s+)(?:" + alternation(all_contact_words("address_town_cues")) + r")\s+[^\W\d_][\w'’-]+(?:-[\w'’]+)*"
)


def _addresses_told_in_parts(text: str, folded: str) -> Iterator[tuple[int, int]]:
    """Yield a house number and its street told as two facts, in either order, with the form's other
    lines ("town: Hexham") and the town said after it ("its in Thornbury"). `folded` is fold(text)."""
    if not _STREET_NAME_HINT_RE.search(text):
        return
    for pattern in (_NUMBER_THEN_STREET_RE, _STREET_THEN_NUMBER_RE):
        for match in pattern.finditer(text):
            end = match.end()
            form = _FORM_LINES_RE.match(text, end)
            end = form.end() if form else end
            # The town's cue is read on the folded view; the town keeps its capital in the text.
            town = _TOWN_TOLD_AFTER_RE.match(folded, end)
            if town and text[town.end() - 1:town.end()].isalpha() and _town_is_capitalised(text, town):
                end = town.end()
            yield match.start(), end


def _town_is_capitalised(text: str, town: re.Match) -> bool:
    """True if the last word of a `_TOWN_TOLD_AFTER_RE` match is written with a capital in `text`."""
    last = text[town.start():town.end()].split()[-1]
    return last[:1].isupper()


#: Which words make a postcode the writer's own: "my postcode", "mit postnummer", "postnummeret mitt", "mon code postal".
_OWN_POSTCODE_RE = re.compile(
    rf"(?<![\w'’])(?:(?i:{alternation(all_contact_words('own_postcode_possessives'))})\s+(?i:{_POSTCODE_WORDS})"
    rf"|(?i:{_POSTCODE_WORDS})\s+(?i:mitt|vårt|min))\s*:?\s*(?i:{IS_WORDS})"
    # A code of digits needs its town: "my zip code is 60614" is a region, "0575 Oslo" an address's line.
    r"(?P<code>" + _GB_POSTCODE + r"|\d{4,5}\s+[A-ZÆØÅÉ][\w'’-]+(?:\s+(?:SV|NV|[A-ZÆØÅ])(?!\w))?)"
)
#: A postcode told first, perhaps with its town, then the house: "postcode is SK17 6BT and the house
#: number is 23", "postnummeret er 5003 Bergen og husnummeret er 43", "code postal c'est 33000 Bordeaux
#: et le numéro c'est 43", "YO1 7HH and it's house 9", "postnummer 9000, husnummer 58 på Hjørringgade".
_POSTCODE_TOWN_THEN_HOUSE_RE = re.compile(
    rf"(?i:{_POSTCODE_WORDS})(?:\s+(?i:mitt|min|mon|my))?\s*:?\s*(?i:{IS_WORDS})"
    rf"(?P<code>\d{{4,5}}|{_GB_POSTCODE})(?:\s+[A-ZÆØÅÉ][\w'’-]+(?:\s+(?:SV|NV|[A-ZÆØÅ])(?!\w))?)?"
    rf"(?:\s*,\s*|\s+(?i:and|og|et)\s+)(?:[\w'’]+\s+){{0,4}}?"
    rf"(?i:{_HOUSE_NUMBER_NAMES}|number|nummer|nr\.?|no\.?|n°){_PART_POSSESSIVE_AFTER}(?:{_NAMING}|\s*)(?i:le\s+)?"
    rf"{_HOUSE_DIGITS}(?:\s+(?i:på|i|on|in|de\s+la|du)\s+{_TOLD_STREET_NAME})?"
)
#: "PO Box 2241", "Postboks 1", "boîte postale 112"; and "BP 112" before a postcode and town ("BP 112, 51100 Reims").
_PO_BOX_RE = re.compile(
    rf"(?<![\w'’])(?:(?i:{alternation(all_contact_words('po_box_words'))})\s*\d{{1,6}}"
    r"|BP\s*\d{1,6}(?=,?\s+\d{5}\s+[A-ZÉ]))(?!\w)"
)


def _postcodes_and_boxes(text: str) -> Iterator[tuple[int, int]]:
    """Yield the writer's own postcode told with "my postcode", a postcode told first with the house
    after it, and post office boxes: each a part of an address that the town or postcode may join."""
    if _POSTCODE_WORD_RE.search(text):
        for match in _OWN_POSTCODE_RE.finditer(text):
            yield match.start("code"), match.end()
        for match in _POSTCODE_TOWN_THEN_HOUSE_RE.finditer(text):
            yield match.start("code"), match.end()
    for match in _PO_BOX_RE.finditer(text):
        yield match.start(), match.end()


# ---------------------------------------------------------------- a flat in a named estate (r22)
# Many homes have no street to give: a flat in a block of an estate, a pitch on a campsite, a room in a
# hall of residence ("Block C, flat 19, Riverside Estate", "Wellington Court, flat 44, Leeds LS9",
# "Blokk C, leilighet 19, Furuset", "camping du Lac, emplacement 47, Gérardmer"). A list of such parts,
# parted by commas, is an address when it holds a dwelling's unit with its number and a name: "block C,
# room 14" at school names no place, and "chapter 3, page 12" holds no dwelling.

_DWELLING_UNIT = (rf"(?i:{alternation(all_contact_words('dwelling_unit_words'))})\.?\s*(?:n°|no\.?|nr\.?|#)?\s*"
                  r"[A-Z]?\d{1,4}[A-Za-z]?(?![\w'’])")
_DWELLING_UNIT_RE = re.compile(_DWELLING_UNIT + r"\Z")
#: A place type written in lower case before a name ("camping du Lac", "cité des Peupliers").
_LOWER_PLACE_TYPES = r"(?:camping|cité|cite|résidence|residence|lotissement|hameau|domaine)"
#: One part of the list: a unit, a building, a floor, or a name of up to four words without digits.
_CHAIN_PART = (rf"(?:{_DWELLING_UNIT}|(?i:{_DETAIL})"
               rf"|(?:[A-ZÆØÅÉ][\w'’-]*|{_LOWER_PLACE_TYPES})(?:\s+[^\W\d_][\w'’-]*){{0,3}})")
_UNIT_CHAIN_RE = re.compile(rf"(?<![\w'’-]){_CHAIN_PART}(?:\s*,\s*{_CHAIN_PART}){{1,3}}(?![\w'’])")
_DWELLING_WORD_RE = re.compile(rf"(?<![\w'’])(?i:{alternation(all_contact_words('dwelling_unit_words'))})\.?\s*"
                               r"(?:n°|no\.?|nr\.?|#)?\s*[A-Z]?\d")
_DETAIL_PART_RE = re.compile(rf"(?i:{_DETAIL})\Z")
#: How far around a dwelling's unit its list is read.
UNIT_CHAIN_REACH = 90


def _flats_in_named_places(text: str) -> Iterator[tuple[int, int]]:
    """Yield lists of address parts parted by commas that hold a dwelling's unit with its number and a
    name that is no flat, floor or building ("Block C, flat 19, Riverside Estate"). Only the stretches
    around a unit word followed by a number are read."""
    for start, end in _windows_around(_DWELLING_WORD_RE.finditer(text), len(text), UNIT_CHAIN_REACH):
        for chain in _UNIT_CHAIN_RE.finditer(text, start, end):
            parts = [part.strip() for part in chain.group().split(",")]
            units = sum(1 for part in parts if _DWELLING_UNIT_RE.fullmatch(part))
            names = sum(1 for part in parts if not _DWELLING_UNIT_RE.fullmatch(part)
                        and not _DETAIL_PART_RE.fullmatch(part) and not any(c.isdigit() for c in part))
            # Rooms, pitches and flats are also where a class, a hospital stay or a holiday is: the
            # writer must say the place is where they live ("i live in", "jeg bor", "ma chambre … c'est").
            if units and names and not _town_before(text, chain.start()) and _dwelling_is_theirs(text, fold(text), chain.start()):
                yield chain.start(), chain.end()


#: The writer's own dwelling, named before its parts: "my room", "mit værelse", "notre mobile-home".
_OWN_DWELLING_RE = compile_folded(r"(?<!\w)" + alternation(all_contact_words("own_dwelling_cues")) + r"(?!\w)")


def _dwelling_is_theirs(text: str, folded: str, start: int) -> bool:
    """True if the sentence before `start` says the place is the writer's home: an own-place or address
    cue ("I live", "vi bor", "my address") or their own dwelling ("my room", "ma chambre")."""
    sentence_start = _sentence_start(text, start, OWN_PLACE_WINDOW)
    return bool(_OWN_PLACE_RE.search(folded, sentence_start, start) or _OWN_DWELLING_RE.search(folded, sentence_start, start))


#: A preposition before the list and the word before it: "på et herberg i Odense, værelse 23" names a
#: town, "jeg bor i Wellingtonhuset, lejlighed 44" the building lived in.
_PREPOSITION_BEFORE_RE = re.compile(r"(?<![\w'’])(?P<word>[^\W\d_]+)\s+(?:i|in|à|a|en|på)\s+\Z", re.IGNORECASE)
#: The verbs of living after which "in", "i", "à" names the place lived in.
_LIVING_VERBS = frozenset({"bor", "bo", "live", "lives", "living", "habite", "habitons", "habitent", "vit", "vis"})


def _town_before(text: str, start: int) -> bool:
    """True if the list at `start` follows a preposition after any word but a verb of living: then its
    first name is a town ("vi bor på et herberg i Odense nu, værelse 23", "en EHPAD, chambre 117")."""
    before = _PREPOSITION_BEFORE_RE.search(text, max(0, start - 30), start)
    return bool(before) and before.group("word").lower() not in _LIVING_VERBS


def _windows_around(matches: Iterable[re.Match], length: int, reach: int) -> list[tuple[int, int]]:
    """Return the stretches within `reach` characters of `matches`, overlapping ones merged."""
    windows: list[tuple[int, int]] = []
    for match in matches:
        start, end = max(0, match.start() - reach), min(length, match.end() + reach)
        if windows and start <= windows[-1][1]:
            windows[-1] = (windows[-1][0], end)
        else:
            windows.append((start, end))
    return windows


# ---------------------------------------------------------------- a street, then which house, then its number (r22)
# The house number after the street, with what tells the house between them: "Elm Terrace, the house
# with the red door, number 6", "Kapelvej i Hadsund, huset med den grønne dør, nr. 17", "rue des Ormes,
# la maison avec la porte rouge, au 6", "Heron Way (no. 20), Ely", "Sandringham Road, Bristol, number
# 64", "rue des Prés à Millau, au n°43", "route de la Marine, 40, à Erbalunga". The number must end its
# clause: "Station Road, past the shops, number 6 bus" is a bus.

#: The number, perhaps after "au", "number", "nr.", "n°", "house" ("au numéro 33", "house 33", "au 6").
_LATER_NUMBER = rf"(?:(?i:au)\s+)?(?:{_HOUSE_LEAD}|(?i:house|hus))?\s*{_HOUSE_DIGITS}"
#: Where the number's clause ends: a stop, a bracket, a dash or the end of the text.
_CLAUSE_STOP = r"(?=\s*(?:[,.;:!?)\n—–-]|\Z))"


def _street_then_number_re(language: str) -> re.Pattern:
    """Compile `language`'s pattern of a capitalised street, what tells the house, and its number."""
    street, town = _named_street(language), r"[A-ZÆØÅÉ][\w'’-]+(?:\s+[A-ZÆØÅÉ][\w'’-]+)?"
    # "number 6", "nr. 17", "house 33", "au n°43", and in French "au 6" alone.
    lead = rf"(?:(?i:au)\s+(?:{_HOUSE_LEAD}\s*)?|(?:{_HOUSE_LEAD}|(?i:house|hus))\s*){_HOUSE_DIGITS}"
    bare = r"|\s*,\s*\d{1,4}(?:\s?(?:bis|ter))?(?=\s*,)" if language == "fr" else ""
    return re.compile(
        rf"(?<![\w'’-])(?P<street>{street})(?:"
        # "Heron Way (no. 20)", "Cemetery Road (SERIOUSLY) number 6"
        rf"\s*\(\s*{lead}\s*\)|\s*\([^()\n]{{1,25}}\)\s*,?\s*{lead}{_CLAUSE_STOP}"
        # "Chapel Street in Holt, the house with …, number 17", "rue des Prés à Millau, au n°43"
        rf"|\s+(?i:in|i|à|på)\s+{town}\s*,\s*(?:[^.!?\n,]{{1,50}},\s*)?{_LATER_NUMBER}{_CLAUSE_STOP}"
        # "Elm Terrace, the house with the red door, number 6", "Cedar Road, house 33"
        rf"|\s*,\s*(?:[^.!?\n,]{{1,50}},\s*)?{lead}{_CLAUSE_STOP}"
        # "Skovbrynet med uglekassen på gavlen, nr. 9"
        rf"|\s+(?i:with|med|avec)\s+[^.!?\n,]{{1,50}},\s*{lead}{_CLAUSE_STOP}{bare})"
    )


_STREET_THEN_LATER_NUMBER = {language: _street_then_number_re(language) for language in ("en", "da", "nb", "fr")}
#: What every match holds: a number after a lead word, "au", "house", or between commas.
_LATER_NUMBER_HINT_RE = re.compile(rf"(?<![\w'’])(?:{_HOUSE_LEAD}|(?i:au|house|hus))\s*{_HOUSE_DIGITS}|,\s*\d{{1,4}}\s*,")
#: How far before the number its street may stand.
LATER_NUMBER_REACH = 130


def _streets_then_their_number(text: str, language: str) -> Iterator[tuple[int, int]]:
    """Yield a street, what tells the house, and its number later in the clause, in `language` or
    English; read only before a number that such a clause can end with."""
    hints = list(_LATER_NUMBER_HINT_RE.finditer(text))
    if not hints:
        return
    for lang in dict.fromkeys((language if language in _STREET_THEN_LATER_NUMBER else "en", "en")):
        for hint in hints:
            start = max(0, hint.start() - LATER_NUMBER_REACH)
            for match in _STREET_THEN_LATER_NUMBER[lang].finditer(text, start, min(len(text), hint.end() + 5)):
                yield match.start(), match.end()
