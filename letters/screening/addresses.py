"""Street addresses and postcodes."""

from __future__ import annotations

import re
from typing import Iterator

from letters.screening.text import alternation, compile_folded, has_cue_before

STREET_WORDS = {
    # English street types that are not also everyday words stand alone; the others
    # ("way", "close", "court") need a capitalised street name (see _looks_like_street).
    "en": ("street", "st", "road", "rd", "avenue", "ave", "lane", "ln", "drive", "dr", "boulevard", "blvd",
           "crescent", "terrace", "gardens", "grove", "close", "way", "court", "ct", "place", "pl", "square",
           "mews", "row", "parade", "highway", "hwy"),
    "fr": ("rue", "avenue", "av", "boulevard", "bd", "bld", "blvd", "place", "impasse", "allée", "chemin",
           "route", "quai", "cours", "square", "passage", "voie", "sentier", "faubourg", "rés", "résidence"),
}
#: Scandinavian street names are one word ending in the street type: Nørregade, Storgata.
STREET_SUFFIXES = {
    "da": ("gade", "gaden", "vej", "vejen", "stræde", "allé", "alle", "plads", "torv", "vænge", "sti", "stien",
           "bakke", "bakken", "boulevard", "have", "haven", "park", "parken", "toften", "høj", "engen",
           "parkvej", "mark"),
    "nb": ("gata", "gate", "gaten", "veien", "vei", "vegen", "veg", "allé", "alle", "plass", "plassen",
           "torget", "stien", "sti", "bakken", "lia", "åsen", "haugen", "svingen", "ringen", "brekka"),
}
ENGLISH_STANDALONE_STREET_WORDS = frozenset({"street", "road", "avenue", "lane", "boulevard", "crescent",
                                             "terrace", "highway"})

#: Phrases before an address that tell us the author is giving theirs.
ADDRESS_CUES = ("live at", "live on", "lives at", "address is", "address:", "house is", "we live at",
                "bor på", "bor i", "adresse", "adressen", "adresse er", "adressen min er", "habite", "j'habite",
                "habite au", "mon adresse", "my address")

_NAME_WORD = r"[^\W\d_][\w'’.-]*"
_HOUSE_NUMBER = r"\d{1,5}[a-z]?(?:\s?(?:bis|ter))?"

EN_STREET_RE = re.compile(
    rf"(?<![\w.,])(?P<number>{_HOUSE_NUMBER}),?\s+(?P<name>(?:{_NAME_WORD}\s+){{1,3}}?)"
    rf"(?P<type>{alternation(STREET_WORDS['en'])})\b\.?",
    re.IGNORECASE,
)
FR_STREET_RE = re.compile(
    rf"(?<![\w.,])(?P<number>{_HOUSE_NUMBER}),?\s+(?P<type>{alternation(STREET_WORDS['fr'])})\.?\s+"
    rf"(?P<name>(?:(?:de\s+la|de\s+l'|du|des|de|d'|la|le|les)\s*)?[^\W\d_][\w'’-]*(?:\s+[A-ZÉÈÀÂÎÔ][\w'’-]*){{0,3}})",
    re.IGNORECASE,
)


#: Street types also written as a word of their own after a name: "Thereses gate", "Bjørnsons vei".
SEPARATE_STREET_WORDS = {
    "da": ("gade", "vej", "allé", "alle", "plads", "torv", "stræde", "vænge", "boulevard"),
    "nb": ("gate", "gata", "vei", "veg", "allé", "alle", "plass", "torg", "stredet"),
}


def _scandinavian_street_re(language: str) -> re.Pattern:
    suffixes = alternation(STREET_SUFFIXES[language])
    separate = alternation(SEPARATE_STREET_WORDS[language])
    return re.compile(
        rf"(?<!\w)(?P<name>(?:[A-ZÆØÅ][\w.]*\s+)?(?:[A-ZÆØÅ][\w-]*(?i:{suffixes})|[A-ZÆØÅ][\w.-]*\s+(?i:{separate})))"
        rf"\s+(?P<number>\d{{1,4}}(?:[A-Za-z]|\s[A-Z])?)(?!\w|[.,]\d)"
        rf"(?P<floor>,?\s+(?:\d{{1,2}}\.?\s*(?:sal|th|tv|mf|st|etg|etasje)\.?|st\.?\s*(?:th|tv|mf)\.?|(?:th|tv|mf)\.?))?"
    )


_SCANDINAVIAN_STREET_RES = {lang: _scandinavian_street_re(lang) for lang in STREET_SUFFIXES}

#: A postcode and a town: "BS1 4DJ", "1165 København K", "0155 Oslo", "75002 Paris", "CA 90210".
GB_POSTCODE_RE = re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]?\s?\d[A-Z]{2}\b")
US_ZIP_RE = re.compile(r"\b[A-Z]{2}\s+\d{5}(?:-\d{4})?\b")
POSTCODE_TOWN_RE = re.compile(r"(?<![\w.,])(?P<code>\d{4,5})\s+(?P<town>[A-ZÆØÅÉ][\w'’-]+(?:\s+[A-ZÆØÅ](?![\w]))?)")

_ADDRESS_CUE_RE = compile_folded(r"(?<!\w)" + alternation(ADDRESS_CUES))


def _looks_like_street(match: re.Match, folded: str) -> bool:
    name_words = match.group("name").split()
    capitalised = all(w[0].isupper() for w in name_words)
    if match.group("type").lower() in ENGLISH_STANDALONE_STREET_WORDS and capitalised:
        return True
    # "3 chapters on the way" has the shape of "3 Abbey Way"; ask for a capitalised name
    # or for the author to have said that this is where they live.
    return (capitalised and len(name_words) <= 2) or has_cue_before(folded, match.start(), _ADDRESS_CUE_RE)


def _street_spans(text: str, folded: str, language: str) -> Iterator[tuple[int, int]]:
    for match in EN_STREET_RE.finditer(text):
        if _looks_like_street(match, folded):
            yield match.start(), match.end()
    if language == "fr":
        for match in FR_STREET_RE.finditer(text):
            yield match.start(), match.end()
    if language in ("da", "nb"):
        # Both neighbours' street words: families move across the border, and "Storgade"
        # and "Storgata" are spelled by the same children.
        for pattern in _SCANDINAVIAN_STREET_RES.values():
            for match in pattern.finditer(text):
                yield match.start(), match.end()


def _postcode_spans(text: str, region: str, streets: list[tuple[int, int]]) -> Iterator[tuple[int, int]]:
    if region == "GB":
        for match in GB_POSTCODE_RE.finditer(text):
            yield match.start(), match.end()
    if region == "US":
        for match in US_ZIP_RE.finditer(text):
            yield match.start(), match.end()
    for match in POSTCODE_TOWN_RE.finditer(text):
        # "in 1945 Mum said" looks like "1945 Oslo"; accept a postcode only right after a
        # comma or close behind a street we already found.
        before = text[max(0, match.start() - 2):match.start()]
        near_street = any(0 <= match.start() - end <= 40 for _, end in streets)
        if before.endswith(", ") or before.endswith(",") or near_street:
            yield match.start(), match.end()


def find_addresses(text: str, folded: str, *, language: str, region: str) -> Iterator[tuple[int, int]]:
    streets = sorted(set(_street_spans(text, folded, language)))
    spans = streets + list(_postcode_spans(text, region, streets))
    yield from _join_address_parts(text, sorted(spans))


_ADDRESS_GLUE_RE = re.compile(r"[\s,]*(?:(?:flat|apt|apartment|lejl\.?|leil\.?)\s*\d+[a-z]?[\s,]*)?(?:[A-ZÆØÅ][\w'’-]+[\s,]*){0,2}(?:[iàa]\s+)?\Z")


def _join_address_parts(text: str, spans: list[tuple[int, int]]) -> Iterator[tuple[int, int]]:
    """Join a street, flat number, town and postcode written together into one span."""
    current: tuple[int, int] | None = None
    for start, end in spans:
        if current and (start <= current[1] or _ADDRESS_GLUE_RE.match(text[current[1]:start])):
            current = (current[0], max(current[1], end))
            continue
        if current:
            yield current
        current = (start, end)
    if current:
        yield current
