"""Street addresses and postcodes."""

from __future__ import annotations

import re
from typing import Iterable, Iterator

from letters.screening.contact_lexicon import all_contact_words, contact_words
from letters.screening.text import alternation, compile_folded, has_cue_before

#: Street types written as their own word: "12 Oak Street", "15 rue de la Paix".
STREET_WORDS = {language: contact_words(language, "street_words") for language in ("en", "fr")}
#: Scandinavian street names are one word ending in the street type: Nørregade, Storgata.
STREET_SUFFIXES = {language: contact_words(language, "street_suffixes") for language in ("da", "nb")}
ENGLISH_STANDALONE_STREET_WORDS = frozenset(contact_words("en", "standalone_street_words"))
#: Suffixes that make a street of a lower-case word too ("rosenvej 12", "storgata 5b"); the
#: others ("have", "park", "mark", "sti") end too many ordinary words.
STRONG_STREET_SUFFIXES = frozenset({"gade", "gaden", "vej", "vejen", "stræde", "gata", "gate", "gaten", "veien",
                                    "vei", "vegen", "veg", "allé"})

#: Phrases before an address that tell us the author is giving theirs (all languages).
ADDRESS_CUES = all_contact_words("address_cues")

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
SEPARATE_STREET_WORDS = {language: contact_words(language, "separate_street_words") for language in ("da", "nb")}


def _scandinavian_street_re(language: str) -> re.Pattern:
    suffixes = alternation(STREET_SUFFIXES[language])
    strong = alternation(sorted(STRONG_STREET_SUFFIXES & set(STREET_SUFFIXES[language])))
    separate = alternation(SEPARATE_STREET_WORDS[language])
    # A capitalised name with any street suffix ("Nørregade", "Kirkebakken"), or a
    # lower-case one with a suffix that is nearly always a street ("rosenvej", "storgata").
    name = (rf"(?:[A-ZÆØÅ][\w.]*\s+)?(?:[A-ZÆØÅ][\w-]*(?i:{suffixes})|[A-ZÆØÅ][\w.-]*\s+(?i:{separate})"
            rf"|[a-zæøåé][a-zæøåé-]+{strong})")
    return re.compile(
        rf"(?<!\w)(?P<name>{name})"
        rf"\s+(?P<number>\d{{1,4}}(?:[A-Za-z]|\s[A-Z])?)(?!\w|[.,:]\d|\s?(?:%|kr|km|m|kg|år|ar|gange|minutter|min)\b)"
        rf"(?P<floor>,?\s+(?:\d{{1,2}}\.?\s*(?:sal|th|tv|mf|st|etg|etasje)\.?|st\.?\s*(?:th|tv|mf)\.?|(?:th|tv|mf)\.?))?"
    )


_SCANDINAVIAN_STREET_RES = {lang: _scandinavian_street_re(lang) for lang in STREET_SUFFIXES}

#: A postcode and a town: "BS1 4DJ", "1165 København K", "0155 Oslo", "75002 Paris", "CA 90210".
GB_POSTCODE_RE = re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]?\s?\d[A-Z]{2}\b")
US_ZIP_RE = re.compile(r"\b[A-Z]{2}\s+\d{5}(?:-\d{4})?\b")
POSTCODE_TOWN_RE = re.compile(r"(?<![\w.,])(?P<code>\d{4,5})\s+(?P<town>[A-ZÆØÅÉ][\w'’-]+(?:\s+[A-ZÆØÅ](?![\w]))?)")

#: The same with a lower-case town ("rosenvej 12, 8000 aarhus"), accepted only behind a street.
POSTCODE_LOWER_TOWN_RE = re.compile(r"(?<![\w.,])(?P<code>\d{4,5})\s+(?P<town>[a-zæøåé][\w'’-]+)")

_ADDRESS_CUE_RE = compile_folded(r"(?<!\w)" + alternation(ADDRESS_CUES))


#: Words that make "N words street" a sentence rather than a street name.
_ORDINARY_NAME_WORDS = frozenset({"the", "a", "an", "my", "our", "your", "this", "that", "on", "up", "down", "in",
                                  "of", "to", "at", "across", "along", "busy", "same", "next", "whole", "long",
                                  "times", "minutes", "miles", "km", "metres", "meters", "houses", "cars", "kids"})


def _looks_like_street(match: re.Match, folded: str) -> bool:
    name_words = match.group("name").split()
    capitalised = all(w[0].isupper() for w in name_words)
    if match.group("type").lower() in ENGLISH_STANDALONE_STREET_WORDS:
        # "12 oak street" is an address written in lower case; "3 times down the road" is not.
        if capitalised or (len(name_words) <= 2 and not _ORDINARY_NAME_WORDS.intersection(w.lower() for w in name_words)):
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


def _postcode_spans(text: str, regions: tuple[str, ...], streets: list[tuple[int, int]]) -> Iterator[tuple[int, int]]:
    if "GB" in regions:
        for match in GB_POSTCODE_RE.finditer(text):
            yield match.start(), match.end()
    if "US" in regions:
        for match in US_ZIP_RE.finditer(text):
            yield match.start(), match.end()
    for match in POSTCODE_TOWN_RE.finditer(text):
        # "in 1945 Mum said" looks like "1945 Oslo"; accept a postcode only right after a
        # comma or close behind a street we already found.
        before = text[max(0, match.start() - 2):match.start()]
        near_street = any(0 <= match.start() - end <= 40 for _, end in streets)
        if before.endswith(", ") or before.endswith(",") or near_street:
            yield match.start(), match.end()
    for match in POSTCODE_LOWER_TOWN_RE.finditer(text):
        if any(0 <= match.start() - end <= 3 for _, end in streets):
            yield match.start(), match.end()


def find_addresses(text: str, folded: str, *, language: str, regions: Iterable[str]) -> Iterator[tuple[int, int]]:
    """Yield address spans in `text` (`folded` is its fold()); `regions` are the program's countries."""
    streets = sorted(set(_street_spans(text, folded, language)))
    spans = streets + list(_postcode_spans(text, tuple(regions), streets))
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
