"""Phone numbers: the phonenumbers matcher plus our own reading of digit and number-word runs."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise
from typing import Callable, Iterable, Iterator

import phonenumbers
from phonenumbers import Leniency, PhoneNumberMatcher

from letters.screening.contact_lexicon import all_contact_words, contact_table, contact_words, with_english
from letters.screening.text import (
    IS_WORDS,
    alternation,
    compile_folded,
    fold,
    has_cue_after,
    has_cue_before,
    start_before_words,
)

# Number words per language, 0–99, as {spelling: digits}, built from the lists in the
# [contact] section of each language's lexicon. Children read a phone number out in pairs
# in Danish, Norwegian and French ("tyve femogfyrre", "zéro six douze"), and digit by
# digit in English ("five five five"), so both are in the tables. The lexicon holds the
# words; the code below holds each language's grammar for compounds.


def _words(language: str) -> tuple[tuple[str, ...], tuple[str, ...], dict[str, int]]:
    units = contact_words(language, "number_units")
    teens = contact_words(language, "number_teens")
    return units, teens, contact_table(language, "number_tens")


def _basic_numbers(language: str) -> dict[str, str]:
    units, teens, _ = _words(language)
    words = {w: str(i) for i, w in enumerate(units)}
    words.update({w: str(10 + i) for i, w in enumerate(teens)})
    words.update(contact_table(language, "number_extras"))
    # "nine hundred" = 900, as a UK number is read out ("oh seven seven double oh, nine hundred").
    for hundred in contact_words(language, "number_hundreds"):
        for u in range(1, 10):
            words[f"{units[u]} {hundred}"] = words[f"{units[u]}-{hundred}"] = f"{u}00"
    return words


def _english_numbers() -> dict[str, str]:
    words = _basic_numbers("en")
    units, _, tens_words = _words("en")
    for tens, t in tens_words.items():
        words[tens] = f"{t}0"
        for u in range(1, 10):
            words[f"{tens}-{units[u]}"] = words[f"{tens} {units[u]}"] = f"{t}{u}"
    return words


def _danish_numbers() -> dict[str, str]:
    words = _basic_numbers("da")
    units, _, tens_words = _words("da")
    for tens, t in tens_words.items():
        words[tens] = f"{t}0"
        for u in range(1, 10):
            # Danish says the unit first: femogfyrre = five-and-forty = 45.
            words[f"{units[u]}og{tens}"] = words[f"{units[u]} og {tens}"] = f"{t}{u}"
    return words


def _norwegian_numbers() -> dict[str, str]:
    words = _basic_numbers("nb")
    units, _, tens_words = _words("nb")
    for tens, t in tens_words.items():
        words.setdefault(tens, f"{t}0")
        for u in range(1, 10):
            # tjuefem, and as children often write it, "tjue fem"; femogtjue, the older order.
            words[f"{tens}{units[u]}"] = words[f"{tens} {units[u]}"] = f"{t}{u}"
            words[f"{units[u]}og{tens}"] = words[f"{units[u]} og {tens}"] = f"{t}{u}"
    return words


def _french_numbers() -> dict[str, str]:
    words = _basic_numbers("fr")
    units, teens, tens_words = _words("fr")
    for tens, t in tens_words.items():
        words[tens] = f"{t}0"
        words[f"{tens} et {units[1]}"] = words[f"{tens}-et-{units[1]}"] = f"{t}1"
        for u in range(2, 10):
            words[f"{tens}-{units[u]}"] = f"{t}{u}"
    # 70–79 and 90–99 are built on 60 and 80 ("soixante-dix-huit" = 60 + 18).
    sixty, four, twenty = "soixante", units[4], "vingt"
    words[f"{sixty}-{teens[0]}"] = "70"
    words[f"{sixty} et {teens[1]}"] = words[f"{sixty}-et-{teens[1]}"] = "71"
    for i, teen in enumerate(teens):
        if i:
            words[f"{sixty}-{teen}"] = str(70 + i)
    for base in (f"{four}-{twenty}", f"{four}-{twenty}s"):
        words[base] = "80"
    for u in range(1, 10):
        words[f"{four}-{twenty}-{units[u]}"] = f"8{u}"
    for i, teen in enumerate(teens):
        words[f"{four}-{twenty}-{teen}"] = str(90 + i)
    # Children write the hyphens as spaces as often as not.
    return words | {k.replace("-", " "): v for k, v in words.items()}


NUMBER_WORDS: dict[str, dict[str, str]] = {
    "en": _english_numbers(),
    "da": _danish_numbers(),
    "nb": _norwegian_numbers(),
    "fr": _french_numbers(),
}

#: Words that repeat the next digit ("double oh" = 00).
REPEATERS = {language: contact_table(language, "number_repeaters") for language in NUMBER_WORDS}

#: Words before a number that make it likely to be a phone number even if the
#: phonenumbers metadata says the number is not in service (all languages together).
PHONE_CUES = all_contact_words("phone_cues")

#: Shortest national significant number we treat as a phone number, per region.
MIN_PHONE_DIGITS = {"US": 10, "GB": 9, "DK": 8, "NO": 8, "FR": 9}

_DIGIT_GROUP = r"\+?\d+"
# Separators children put between the parts of a number (an asterisk too: "42*70*19*36"). A comma joins only number words
# ("null null fire sju, ni to en"), never digit groups, so "chapters 4, 5 and 6" or a
# list of scores stays a list.
_SEPARATOR = r"[ \t.\-–—/()*]{0,3}"
#: Dots of an ellipsis, a bullet or a pictograph between the parts, with spaces around: "27 ... 19
#: ... 35 ... 80", "07700… 900… 712", "07•9•5•6…", "2 ⚡ 9 ⚡ 3" (r20). A child breaks a number up so
#: that a filter misses it; an ordinary letter does not put a bullet between two numbers.
_BREAK_MARK = r"(?:\.{2,5}|…|[•·]|[\u2600-\u27bf\u2b00-\u2bff\U0001f300-\U0001faff])"
_MARKED_SEPARATOR = rf"[ \t]{{0,2}}{_BREAK_MARK}[ \t]{{0,2}}"


#: The word for "+" before a country code read out ("plus trente-trois" = +33), per language.
PLUS_WORDS = {language: contact_words(language, "number_plus") for language in NUMBER_WORDS}


@lru_cache(maxsize=None)
def _number_token_pattern(language: str) -> re.Pattern:
    # Folded first: compile_folded strips the accents of the pattern, and the tree needs
    # "tjueåtte" and "tjueatte" to be one branch.
    words = alternation({fold(word) for word in NUMBER_WORDS[language]})
    repeaters = REPEATERS[language]
    # "double four", "double-six"; a repeater before a digit ("double 8") and "plus" before a
    # number word are read in `_number_tokens`, which keeps this pattern, tried at every
    # position of the letter, as short as it was.
    repeat = f"(?:{alternation(repeaters)}[\\s-]+)?" if repeaters else ""
    # "femti6", "forty2": a tens word with its unit glued on as a digit (r7).
    word = rf"(?<!\w){repeat}{words}(?:(?P<glued>[1-9])(?!\w)|(?!\w))"
    return compile_folded(rf"(?P<digits>\(?{_DIGIT_GROUP}\)?)|(?P<word>{word})")


@lru_cache(maxsize=None)
def _prefix_patterns(language: str) -> tuple[re.Pattern | None, re.Pattern | None]:
    """(a repeater right before a place, "plus" right before a place), read on a few characters."""
    repeaters, plus = REPEATERS[language], PLUS_WORDS[language]
    return (
        compile_folded(rf"(?<!\w){alternation(repeaters)}[\s-]+\Z") if repeaters else None,
        compile_folded(rf"(?<!\w){alternation(plus)}\s+\Z") if plus else None,
    )


@dataclass(frozen=True)
class _NumberToken:
    start: int
    end: int
    digits: str
    spelled: bool
    plus: bool = False


@lru_cache(maxsize=None)
def _folded_number_words(language: str) -> tuple[dict[str, str], dict[str, int]]:
    words = {fold(k): v for k, v in NUMBER_WORDS[language].items()}
    repeaters = {fold(k): v for k, v in REPEATERS[language].items()}
    return words, repeaters


_FIRST_WORD_RE = re.compile(r"(\w+)[\s-]+")


def _number_tokens(folded: str, language: str) -> Iterator[_NumberToken]:
    folded_words, repeaters = _folded_number_words(language)
    repeater_before, plus_before = _prefix_patterns(language)
    for match in _number_token_pattern(language).finditer(folded):
        raw, start = match.group(), match.start()
        if match.group("digits"):
            digits = re.sub(r"\D", "", raw)
            # "07 double 8 four 5": a repeater before one digit repeats it, like a number word.
            before = (repeater_before.search(folded, max(0, start - 10), start)
                      if repeater_before and len(raw) == 1 and folded[start - 1:start] in (" ", "-") else None)
            if before:
                times = repeaters[_FIRST_WORD_RE.match(before.group()).group(1)]
                yield _NumberToken(before.start(), match.end(), digits * times, spelled=True)
                continue
            yield _NumberToken(start, match.end(), digits, spelled=False, plus="+" in raw)
            continue
        times = 1
        glued = match.group("glued")
        if glued:
            raw = raw[:-1]
        first = _FIRST_WORD_RE.match(raw)
        if first and first.group(1) in repeaters and raw[first.end():]:
            times, raw = repeaters[first.group(1)], raw[first.end():]
        spelled = folded_words.get(re.sub(r"\s+", " ", raw))
        if spelled is None:
            continue
        if glued:
            # Only a round tens word takes a glued unit: "femti6" is 56, "seks6" is nothing.
            if len(spelled) != 2 or not spelled.endswith("0") or spelled == "10":
                continue
            spelled = spelled[0] + glued
        # "plus trente-trois": the country code's "+" said as a word.
        plus = (plus_before.search(folded, max(0, start - 8), start)
                if plus_before and folded[start - 1:start] == " " and "plus" in folded[max(0, start - 8):start] else None)
        yield _NumberToken(plus.start() if plus else start, match.end(), spelled * times, spelled=True, plus=bool(plus))


def _number_runs(folded: str, language: str) -> Iterator[list[_NumberToken]]:
    """Yield runs of number tokens that sit next to each other, separators only between."""
    run: list[_NumberToken] = []
    for token in _number_tokens(folded, language):
        if run and _joins(folded, run[-1], token):
            run.append(token)
            continue
        if run:
            yield run
        run = [token]
    if run:
        yield run


_SEPARATOR_RE = re.compile(rf"(?:{_SEPARATOR}|{_MARKED_SEPARATOR})\Z")
#: Between number words, or a word and digits: spaces, dashes, commas, a dot, but not a full stop
#: that ends a sentence: "kl 19. to seks, ni tre" starts a number at "to" (r14).
_WORD_SEPARATOR_RE = re.compile(r"(?![^\n]*\.\s)[ \t.\-–/(),]{0,4}\Z")


def _joins(folded: str, left: _NumberToken, right: _NumberToken) -> bool:
    gap = folded[left.end:right.start]
    if right.plus:
        return False
    if left.spelled or right.spelled:
        return bool(_WORD_SEPARATOR_RE.match(gap))
    if min(len(left.digits), len(right.digits)) == 1 and max(len(left.digits), len(right.digits)) <= 2 \
            and _DIGIT_COMMA_RE.match(gap):
        return True  # "7, 1, 7, 1, 8, 3, 4, 6": one digit at a time; such a run needs a cue (`_listed_digits`)
    return bool(_SEPARATOR_RE.match(gap))


#: A comma between a single digit and a group of one or two ("7, 1, 7", "07,7,3") (r20).
_DIGIT_COMMA_RE = re.compile(r"[ \t]?,[ \t]?\Z")


def _listed_digits(folded: str, run: list["_NumberToken"]) -> bool:
    """True if the run's digits are given one at a time with commas between: "0, 7, 7, 1, 8, …", "07,7,3,…" (r20).

    Dice, scores and marks are listed so too ("we rolled 3, 5, 6, 2, 4, 1, 6, 3"): such a run is a
    number only after a phone word, before one, or shaped like a mobile number of the region from its
    trunk zero."""
    return any(not t.spelled and min(len(t.digits), len(n.digits)) == 1 and "," in folded[t.end:n.start]
               for t, n in pairwise(run))


# A year has two or four digits: "988/21/430" is a number in slashes, not a date (r9).
_DATE_RE = re.compile(r"\d{1,4}([./\-])\d{1,2}\1(?:\d{2}|\d{4})\Z")
_ISBN_CONTEXT = re.compile(r"isbn[\s:-]*\Z")
_PHONE_CUE_RE = compile_folded(r"(?<!\w)" + alternation(PHONE_CUES) + r"(?!\w)")

#: A Danish or Norwegian compound that names a number ("bookingnr", "lønnummer", "afhentningskoden",
#: "fjernvarmemåler nr") is another kind of number unless its first part is a phone's
#: ("mobilnummer", "telefon nr") (r14).
_COMPOUND_NUMBER_NAME = (r"(?!" + alternation(all_contact_words("phone_compound_starts")) + r")"
                         r"(?:[^\W\d_]{3,}(?:nummer|nummeret|numre|numrene|nr|koden|kode)|[^\W\d_]{7,}\s+nr)")
#: Words that name a number as something else ("order number", "lodnumre", "numéro de
#: commande", "medlemsnummer", and the compounds above): a number right after one is not the
#: writer's phone.
_OTHER_NUMBER_RE = compile_folded(
    r"(?<!\w)(?:" + alternation(all_contact_words("other_number_words")) + "|" + _COMPOUND_NUMBER_NAME + ")"
    # … then up to five words ("mitt i løpet er", "c'est", "for the concert wristbands is"); the count
    # is part of the pattern, so that the name nearest the number is the one that is found …
    + r"(?P<between>(?:[\s:.#=-]+(?:[^\W\d_][\w'’]{0,11}|n°|nr\.?|no\.?)){0,5}?)[\s:.#=-]*"
    # … and a second number of the same kind after the first ("lodnumre er 45 12 78 90 og 45 12 78 91").
    r"(?:\d[\d \-]{5,}\s*(?:,|og|and|et|&)\s*)?\Z")
#: At most this many words between the name of another kind of number and the number.
OTHER_NUMBER_MAX_WORDS = 5
#: How far before a number a name for another kind of number is looked for.
OTHER_NUMBER_WINDOW = 60
#: Public helplines (Childline, BørneTelefonen, Alarmtelefonen, Fil Santé Jeunes …), as digits:
#: a mentor who gives one points the child to help, not to themselves.
PUBLIC_NUMBERS = frozenset(re.sub(r"\D", "", number) for number in all_contact_words("public_numbers"))
#: A quantity written with its thousands apart: "31 536 000", "2 147 483 647", "0 678 912 345".
#: Its first group never has a leading zero before another digit: "07 413 229 800" is a British
#: mobile number grouped by a child (r16).
_THOUSANDS_RE = re.compile(r"(?!0\d)\d{1,3}(?:[ \u00a0\u202f.]\d{3}){2,}\Z")


def _another_kind_of_number(text: str, folded: str, start: int, end: int, digits: str, *,
                            hidden: bool = False) -> bool:
    """True if the number at [start, end) is said to be something other than a phone number.

    It is named so just before ("order number 4471 2290 1836", "lodnumre er 45 12 78 90"),
    it is a public helpline ("Childline is free on 0800 1111"), or it is written as a
    quantity, with its thousands apart ("31 536 000"), and no phone cue comes before it.
    """
    if digits in PUBLIC_NUMBERS or _a_public_switchboard(folded, start, end):
        return True
    named = _OTHER_NUMBER_RE.search(folded, max(0, start - OTHER_NUMBER_WINDOW), start)
    if named and len(named.group("between").split()) <= OTHER_NUMBER_MAX_WORDS \
            and not _PHONE_CUE_RE.search(named.group("between")) and not _owner_between(named.group("between")):
        return True
    if _named_as_a_things_number(folded, start):
        return True
    # Digits written as letters are hidden on purpose, never a quantity ("O7 7OO 9OO l53").
    return (not hidden and bool(_THOUSANDS_RE.match(text[start:end].strip()))
            and not has_cue_before(folded, start, _PHONE_CUE_RE))


def _owner_between(between: str) -> bool:
    """True if an owner stands between a number's name and the number, past the name's own possessive.

    "text the order to my mum 07441-902-337" is the mother's phone; in "medlemsnummeret mitt i
    klubben er 48 22 91 07" the "mitt" right after the name owns the membership number (r14).
    """
    return bool(_OWN_NUMBER_RE.search(" ".join(between.split()[1:])))


#: A number engraved on a thing ("frame number", "stelnummer", "numéro de cadre"), and how far
#: back in its sentence it is looked for (r9).
_OBJECT_NUMBER_RE = compile_folded(r"(?<!\w)" + alternation(all_contact_words("object_number_words")) + r"(?!\w)")
OBJECT_NUMBER_WINDOW = 80


def _named_as_a_things_number(folded: str, start: int) -> bool:
    """True if a thing's number ("le numéro de cadre", "the frame number") is named earlier in the
    sentence of the number at `start`, and no phone cue or owner ("my", "mum's") stands between:
    "le numéro de cadre au cas où on le vole, c'est 06 3381 2297" is the bicycle's."""
    window_start = max(0, start - OBJECT_NUMBER_WINDOW)
    sentence = max(folded.rfind(stop, window_start, start) for stop in (".", "!", "?", "\n"))
    # The last thing's number named in the sentence before the number is the one that counts.
    named = None
    for match in _OBJECT_NUMBER_RE.finditer(folded, max(window_start, sentence + 1), start):
        named = match
    if named is None:
        return False
    between = folded[named.end():start]
    return not (_PHONE_CUE_RE.search(between) or _OWN_NUMBER_RE.search(between))


#: A public place or office named before a number ("the school office on", "skolens kontor",
#: "Central Library, …, phone"), and opening hours after one ("tlf …, åben 10-17"): a
#: switchboard copied off a leaflet, not anyone's own number (r7).
_PUBLIC_OWNER_RE = compile_folded(r"(?<!\w)" + alternation(all_contact_words("public_number_owners")) + r"(?!\w)")
_OPENING_HOURS_RE = compile_folded(
    r"[\s,;:.)–-]*(?:(?:and|og|et|,)\s+)?(?:[^\W\d_][\w'’]*\s+){0,2}?"
    + alternation(all_contact_words("open_words") + all_contact_words("visitor_words")) + r"(?!\w)")
#: Words that make a number someone's own after all ("my", "mum's", "min", "mon"…).
_OWN_NUMBER_RE = compile_folded(r"(?<!\w)" + alternation(all_contact_words("own_number_words")) + r"(?!\w)")
_PUBLIC_OWNER_WINDOW = 80


def _a_public_switchboard(folded: str, start: int, end: int) -> bool:
    """True if the number is a public place's: named as such before it, or with opening hours after.

    "ring the school office on …", "skolens kontor …", "Central Library, St Peter's Square, …,
    phone …", "tlf …, åben 10-17", "… and they're open until 8". A word that makes the number
    someone's own between the place and the number ("the museum, or my mum on …") keeps it.
    """
    sentence = max(folded.rfind(c, 0, start) for c in "!?\n")
    low = max(sentence + 1, start - _PUBLIC_OWNER_WINDOW)
    owners = list(_PUBLIC_OWNER_RE.finditer(folded, low, start))
    if owners and not _OWN_NUMBER_RE.search(folded, owners[-1].end(), start):
        return True
    stop = min(len(folded), end + 40)
    hours = _OPENING_HOURS_RE.match(folded, end, stop)
    return bool(hours) and not _OWN_NUMBER_RE.search(folded, max(low, start - 30), start)


def _after_international_prefix(digits: str, plus: bool) -> str | None:
    """Return the digits after "+" or "00" (the calling code first), or None for a national number."""
    if plus:
        return digits
    return digits[2:] if digits.startswith("00") else None


@lru_cache(maxsize=4096)
def _verdict(digits: str, plus: bool, region: str) -> tuple[bool, bool]:
    """Return (possible, valid) for `digits` read as a phone number of `region`."""
    international = _after_international_prefix(digits, plus)
    if international is not None:
        candidate, parse_region = "+" + international, None
    else:
        candidate, parse_region = digits, region
    try:
        number = phonenumbers.parse(candidate, parse_region)
    except phonenumbers.NumberParseException:
        return False, False
    minimum = MIN_PHONE_DIGITS.get(region if parse_region else "", 7)
    if len(str(number.national_number)) < minimum:
        return False, False
    return phonenumbers.is_possible_number(number), phonenumbers.is_valid_number(number)


def _is_possible_phone(digits: str, plus: bool, regions: tuple[str, ...]) -> tuple[bool, bool]:
    """Return (possible, valid): possible for some region of the program, valid for some region."""
    possible = valid = False
    for region in regions:
        region_possible, region_valid = _verdict(digits, plus, region)
        possible, valid = possible or region_possible, valid or region_valid
        if valid:
            break
    return possible, valid


#: Steps children count in: "10 20 30 40", "25 50 75 100".
_ROUND_STEPS = frozenset({2, 5, 10, 20, 25, 50, 100})


def _looks_like_ordinary_numbers(run: list[_NumberToken]) -> bool:
    """Return True for runs an ordinary letter is full of: seasons, counting, ISBN-13s.

    "the 2024-2025 season", "1998 2002 2006" are years; "3 6 9 12 15 18" and "2 4 8 16 32"
    are counting (a constant step or ratio); "978 0 14 032872 1" is a book number.
    """
    written = [t for t in run if not t.spelled]
    if len(written) != len(run) or len(run) < 2:
        return False
    values = [int(t.digits) for t in run]
    if all(len(t.digits) == 4 and 1900 <= v <= 2099 for t, v in zip(run, values, strict=True)):
        return True
    if len(run) >= 3 and not any(t.digits.startswith("0") for t in run):
        # Counting grows out of its digits ("8 10 12", "16 32 64") or steps by a round
        # amount; "22 33 44 55" and "9 8 7 6 5 4 3 2" are how phone numbers are spaced.
        lengths_vary = len({len(t.digits) for t in run}) > 1
        steps = {b - a for a, b in zip(values, values[1:], strict=False)}
        if len(steps) == 1 and (step := steps.pop()) > 0 and (lengths_vary or step in _ROUND_STEPS and len(run) >= 4):
            return True
        ratios = {b / a for a, b in zip(values, values[1:], strict=False)} if all(values) else set()
        if len(ratios) == 1 and ratios.pop() > 1 and lengths_vary:
            return True
    digits = "".join(t.digits for t in run)
    return len(digits) == 13 and digits[:3] in ("978", "979")


@lru_cache(maxsize=None)
def _count_words() -> dict[int, frozenset[str]]:
    """{n: the words for n in every language}, for 3 to 9 (not the digit: "home after 4" is a time)."""
    return {n: frozenset(fold(contact_words(language, "number_units")[n]) for language in NUMBER_WORDS)
            for n in range(3, 10)}


#: Words before a count that make it a time of day ("after four", "kl. fire", "vers quatre").
_TIME_WORDS = frozenset(fold(word) for word in (
    "after", "at", "before", "until", "till", "by", "around", "kl", "klokken", "klokka", "efter", "etter",
    "inden", "før", "til", "vers", "avant", "après", "à", "jusqu"))
_SCORE_SENTENCE_END_RE = re.compile(r"[.!?\n]")
_PLAIN_WORD_RE = re.compile(r"\w+")


def _said_to_be_separate_numbers(folded: str, start: int, end: int, groups: list[str]) -> bool:
    """True for groups of one or two digits that the sentence counts as that many numbers.

    "far kastede 60 45 26 81 i de fire runder", "Poengene mine etter fire runder var 45 62
    81 90", "27 61 19 80 (det er mine fire bankotal)": three to nine plain groups, none
    starting with 0, and the word for their count ("fire", "four", "quatre") in the
    same sentence outside the number. A Danish or Norwegian number is written in four pairs
    too, so without that count word the run is still read as a phone number.
    """
    if not 3 <= len(groups) <= 9 or any(len(g) > 2 or g.startswith("0") for g in groups):
        return False
    before = [m.end() for m in _SCORE_SENTENCE_END_RE.finditer(folded, max(0, start - 200), start)]
    sentence_start = before[-1] if before else max(0, start - 200)
    after = _SCORE_SENTENCE_END_RE.search(folded, end, end + 200)
    sentence_end = after.start() if after else min(len(folded), end + 200)
    counts = _count_words()[len(groups)]
    for low, high in ((sentence_start, start), (end, sentence_end)):
        words = _PLAIN_WORD_RE.findall(folded, low, high)
        # "call me on 45 60 81 26 after four": a count after a time word is a time, unless a
        # word that can be what is counted follows it ("etter fire runder").
        if any(word in counts and (i == 0 or words[i - 1] not in _TIME_WORDS
                                   or (i + 1 < len(words) and len(words[i + 1]) > 3))
               for i, word in enumerate(words)):
            return True
    return False


def _span(text: str, run: list[_NumberToken]) -> tuple[int, int]:
    start, end = run[0].start, run[-1].end
    # Trim an opening parenthesis the digit pattern took but the run does not close.
    raw = text[start:end]
    if raw.startswith("(") and ")" not in raw:
        start += 1
    if raw.endswith(")") and "(" not in raw:
        end -= 1
    return start, end


def _nothing_disguised(start: int, end: int) -> bool:
    """The default for letters written in plain digits: nothing is disguised."""
    return False


def _excluded(text: str, folded: str, start: int, end: int) -> bool:
    """Dates and numbers introduced by "ISBN" are never phone numbers."""
    return bool(_DATE_RE.match(text[start:end]) or _ISBN_CONTEXT.search(folded[max(0, start - 8):start]))


#: How a mobile number starts in each region, written nationally (a trunk 0 included).
MOBILE_PREFIXES = {"GB": ("07",), "FR": ("06", "07"), "NO": ("4", "9"), "DK": (), "US": ()}
#: How many digits a mobile number has in each region, written nationally: eleven in Britain
#: (the round before counted ten, so a made-up "07700 900 318" went unread without a cue).
MOBILE_LENGTHS = {"GB": 11, "FR": 10, "NO": 8}
#: The way North American numbers are punctuated: "(212) 555-0147", "212-555-0147".
_NANP_SHAPE_RE = re.compile(r"\(?\d{3}\)?[ .-]?\d{3}[ .-]\d{4}\Z")


#: The length of a national number, without its trunk "0", in each country Brevven's programs meet
#: in: what follows the calling code in "+45 31 04 72 88" (eight digits) or "0033 6 92 47 18 03" (nine).
_NATIONAL_LENGTH = {"US": 10, "GB": 10, "DK": 8, "NO": 8, "FR": 9}
# From the library's static table of calling codes: country_code_for_region() would load every
# region's metadata at import, which warm_up() defers to the first screening.
_NATIONAL_LENGTH_AFTER_CODE = {str(code): _NATIONAL_LENGTH[region]
                               for code, regions in phonenumbers.COUNTRY_CODE_TO_REGION_CODE.items()
                               for region in regions if region in _NATIONAL_LENGTH}


def _with_a_served_country_code(digits: str, plus: bool) -> bool:
    """True if `digits` are "+" or "00", the calling code of a country we serve and a national
    number of that country's length.

    Nothing but a phone number is written so, whether or not its range is in service
    ("+45 31 04 72 88", "0033 6 92 47 18 03"); a parcel's "0044 1187 2290 5" is a digit short (r17).
    """
    international = _after_international_prefix(digits, plus)
    return international is not None and any(
        international.startswith(code) and len(international) - len(code) == length
        for code, length in _NATIONAL_LENGTH_AFTER_CODE.items())


def _shaped_like_a_phone(written: str, digits: str, plus: bool, regions: tuple[str, ...]) -> bool:
    """True for a possible number written as phones are, even where the range is not in service.

    The phonenumbers metadata knows which ranges are allocated; a child who makes up or
    half-remembers a number, or a range kept for fiction ("07700 900 418", "06 39 98 …",
    "(212) 555-0147"), is not in it, yet nothing else looks like a mobile number of the
    region: eleven digits starting 07 in Britain, ten starting 06 or 07 in France, eight
    starting 4 or 9 in Norway, or the North American punctuation.
    """
    if _with_a_served_country_code(digits, plus):
        return True
    for region in regions:
        prefixes = MOBILE_PREFIXES.get(region, ())
        length = MOBILE_LENGTHS.get(region, 0)
        if plus:
            # "+44 7700 900813": the country's code read as its trunk prefix (r7).
            code = str(phonenumbers.country_code_for_region(region))
            if not prefixes or not digits.startswith(code):
                continue
            national = ("0" if region in ("GB", "FR") else "") + digits[len(code):]
            if len(national) == length and national.startswith(prefixes):
                return True
            continue
        if prefixes and len(digits) == length and digits.startswith(prefixes):
            return True
        if region == "US" and len(digits) == 10 and digits[0] in "23456789" and _NANP_SHAPE_RE.match(written.strip()):
            return True
    return False


def _run_is_phone(text: str, folded: str, run: list[_NumberToken], regions: tuple[str, ...],
                  disguised: Callable[[int, int], bool] = _nothing_disguised) -> bool:
    """Return True if one run of number tokens, read alone, is a phone number.

    A possible number counts when it is valid, or when the author hid it: spelled out,
    spaced digit by digit, written in keycap, full-width or circled digits (`disguised`
    says whether a span of `text` holds such digits), or after a phone cue.
    """
    digits = _digits_of(text, run)
    if len(digits) < 7:
        return False
    start, end = _span(text, run)
    if _excluded(text, folded, start, end) or _looks_like_ordinary_numbers(run):
        return False
    if _another_kind_of_number(text, folded, start, end, digits, hidden=disguised(start, end)):
        return False
    if not any(t.spelled for t in run) and _said_to_be_separate_numbers(folded, start, end, [t.digits for t in run]):
        return False
    possible, valid = _is_possible_phone(digits, run[0].plus, regions) if len(digits) <= 15 else (False, False)
    if not possible:
        return _spelled_with_a_slip(text, folded, run, regions)
    if _listed_digits(folded, run):
        # A mobile's shape counts only from its trunk zero ("0, 6, 3, 9, …"): no die or mark is 0.
        return (has_cue_before(folded, start, _PHONE_CUE_RE)
                or (digits.startswith("0") and _shaped_like_a_phone(text[start:end], digits, run[0].plus, regions))
                or has_cue_after(folded, end, _PHONE_CUE_RE, window=PHONE_CUE_AFTER_WINDOW))
    obfuscated = (any(t.spelled for t in run) or sum(len(t.digits) == 1 for t in run) >= 4
                  or disguised(start, end))
    return (valid or obfuscated or has_cue_before(folded, start, _PHONE_CUE_RE)
            or _shaped_like_a_phone(text[start:end], digits, run[0].plus, regions))


def _digits_of(text: str, run: list[_NumberToken]) -> str:
    """Return the digits of `run`, leaving out a "(0)" right after a country code.

    "+44 (0)7700 900 922", "+45 (0)29 81 37 64": the zero in brackets is the trunk prefix,
    dialled only from inside the country, and is no digit of the international number (r18).
    """
    return "".join(token.digits for i, token in enumerate(run)
                   if not (i == 1 and run[0].plus and text[token.start:token.end] == "(0)"))


def _spelled_with_a_slip(text: str, folded: str, run: list[_NumberToken], regions: tuple[str, ...]) -> bool:
    """True for a number read out in words after a phone cue, with a pair too many at the end.

    "son numéro c zéro six, trente-deux, quinze, quatre-vingt-huit, zéro un, soixante-dix"
    is a French number and one more pair: a child's slip. Read out in words right after a
    cue, a run whose first parts (seven digits at least) are a possible number counts whole.
    """
    if not any(t.spelled for t in run):
        return False
    start, end = _span(text, run)
    if not has_cue_before(folded, start, _PHONE_CUE_RE) or _excluded(text, folded, start, end):
        return False
    for size in range(len(run) - 1, 1, -1):
        digits = "".join(t.digits for t in run[:size])
        if 7 <= len(digits) <= 15 and _is_possible_phone(digits, run[0].plus, regions)[0]:
            return True
    return False


_GAP_WORD_RE = re.compile(r"[^\W\d_][\w'’-]*")


@lru_cache(maxsize=None)
def _gap_vocabulary(language: str) -> tuple[re.Pattern, frozenset[str]]:
    """(words saying "the number goes on", every word allowed in a gap) for `language` and English.

    A gap between two parts of a number may hold only these words ("and the rest is",
    "og bagefter", "c'est"), so "2012 words in and then 3456" stays two numbers.
    """
    joins = set(with_english(language, "phone_join_words")) | set(PHONE_CUES)
    allowed = joins | set(with_english(language, "phone_gap_words"))
    tokens = frozenset(fold(token) for phrase in allowed for token in _GAP_WORD_RE.findall(phrase))
    return compile_folded(r"(?<!\w)" + alternation(joins) + r"(?!\w)"), tokens


# Brackets may hold the gap's words: "07700 (that's the start) 900 (middle) 670", "41 73 (så) 28 96",
# "0 7 4 8 3 (space) 9 1 0 2 7 6" (r20); the words in them are held to the same lists.
_BRIDGE_RE = re.compile(r"[\s,:;\-–—()]*(?:[^\W\d][\w'’-]*[\s,:;\-–—()]+){0,5}\Z")
#: The same with a full stop among the separators, allowed when a gap says the number goes on:
#: "starts 07481. the rest is 920" (r14).
_BRIDGE_WITH_STOP_RE = re.compile(r"[\s,:;\-–—.()]*(?:[^\W\d][\w'’-]*[\s,:;\-–—.()]+){0,5}\Z")


def _bridge(folded: str, gap: str, language: str) -> tuple[bool, bool, bool, bool]:
    """Return (bridgeable, has words, says the number goes on, crosses a full stop) for `gap`.

    A gap holds at most five words, all of them small words of a number told in parts
    (`_gap_vocabulary`); a full stop may stand in it only beside a word that says the number
    goes on, on one line, so that two sentences that each end or start with a number stay
    apart (a rest on the next line stays a finding of its own, `_first_part_and_its_rest`).
    """
    if len(gap) > 40 or gap.count("\n") > 1:
        return False, False, False, False
    joins, allowed = _gap_vocabulary(language)
    says_more = bool(joins.search(gap))
    plain = bool(_BRIDGE_RE.match(gap))
    if not (plain or (says_more and "\n" not in gap and _BRIDGE_WITH_STOP_RE.match(gap))):
        return False, False, False, False
    words = _GAP_WORD_RE.findall(gap)
    if any(word not in allowed for word in words):
        return False, True, False, False
    return True, bool(words), says_more, not plain


@lru_cache(maxsize=None)
def _range_words(language: str) -> frozenset[str]:
    return frozenset(fold(word) for word in with_english(language, "range_words"))


def _is_range(gap: str, left: _NumberToken, right: _NumberToken, language: str) -> bool:
    """True for "4512 til 4559", "pages 120 to 180": two numbers of one length and a "to" between."""
    words = _GAP_WORD_RE.findall(gap)
    return (len(words) == 1 and words[0] in _range_words(language) and not left.spelled and not right.spelled
            and len(left.digits) == len(right.digits) and int(right.digits) > int(left.digits))


#: How far after parts joined by commas a phone cue may say they are a number (r18).
PHONE_CUE_AFTER_WINDOW = 30
#: How many runs may be joined across word gaps into one number.
MAX_JOINED_RUNS = 6


def _joined_phone(text: str, folded: str, runs: list[list[_NumberToken]], language: str,
                  regions: tuple[str, ...]) -> tuple[int, int] | None:
    """Return the span of runs[0] joined with the runs after it across short gaps, if a phone.

    "first part is 0612 and the rest is 884201", "41 77 og bagefter 09 13", "mon 06 c'est 12
    34 56 78", "07700, 900, 123": every part must have at least two digits, a phone cue
    before the first part or a word such as "the rest", "bagefter", "c'est" in a gap must say
    that the number goes on, and the joined digits must be a valid number for one of
    `regions` (a possible one is enough when only commas stand between the parts, or when
    both a cue and a "the rest is" word say so).
    """
    first = runs[0]
    # "nummeret mitt begynner på 9 og så 40 …": one digit opens a number after a phone cue (r9).
    cued_first = has_cue_before(folded, first[0].start, _PHONE_CUE_RE, window=40)
    if len(runs) < 2 or runs[1][0].start - first[-1].end > 40 or len("".join(t.digits for t in first)) < (1 if cued_first else 2):
        return None
    goes_on = words_between = False
    # A part after a full stop belongs to the number only when the number opens as a phone's
    # does (a trunk zero or "+") or a phone word comes before it: "starts 07481. the rest is
    # 920", never the scores "5-2 et 4-2. On finit 5es" (r14).
    opens_as_a_phone = first[0].plus or first[0].digits.startswith("0") or cued_first
    tokens = list(first)
    for run in runs[1:MAX_JOINED_RUNS]:
        if _counts_the_digits(folded, run):
            continue  # "and the last four are 1958": "four" counts the digits that follow (r9)
        gap = folded[tokens[-1].end:run[0].start]
        bridgeable, has_words, says_more, crosses_stop = _bridge(folded, gap, language)
        # A one-digit part needs a word that says it belongs: "07 then 946 then 0 then 45218" (r14).
        if not bridgeable or run[0].plus or len("".join(t.digits for t in run)) < (1 if says_more else 2):
            return None
        if crosses_stop and not opens_as_a_phone:
            return None
        if _is_range(gap, tokens[-1], run[0], language):
            return None
        goes_on, words_between = goes_on or says_more, words_between or has_words
        tokens.extend(run)
        digits = "".join(t.digits for t in tokens)
        if len(digits) > 12:
            return None
        if len(digits) < 8:
            continue
        cued = has_cue_before(folded, first[0].start, _PHONE_CUE_RE, window=60)
        start, end = _span(text, tokens)
        # Parts with only commas between may be said to be a number after it ("07700, 900,
        # 861. whatsapp me", "53, 67, 12, 08 er mit nummer") or be shaped as a mobile is (r18).
        if not (goes_on or cued or (not words_between and (
                has_cue_after(folded, end, _PHONE_CUE_RE, window=PHONE_CUE_AFTER_WINDOW)
                or _shaped_like_a_phone(text[start:end], digits, tokens[0].plus, regions)))):
            continue
        if (_excluded(text, folded, start, end) or _looks_like_ordinary_numbers(tokens)
                or _another_kind_of_number(text, folded, start, end, digits)):
            return None
        possible, valid = _is_possible_phone(digits, tokens[0].plus, regions)
        # Words between the parts ask for more: a valid number, or a "the rest is" with a cue
        # or with a first part that starts as a phone number does ("079 then 114 then 82036").
        national_start = tokens[0].plus or first[0].digits.startswith("0")
        if valid or (possible and (not words_between or (goes_on and (cued or national_start)))):
            return start, end
    return None


#: After a number word that counts the digits to come: "the last four are", "de sidste fire er".
_COUNT_THEN_RE = compile_folded(r"\s+(?:are|is|er|sont|c'est|:)(?!\w)")


def _counts_the_digits(folded: str, run: list[_NumberToken]) -> bool:
    """True if `run` is one number word that says how many digits follow ("four" in "the last four are")."""
    return (len(run) == 1 and run[0].spelled and len(run[0].digits) == 1
            and bool(_COUNT_THEN_RE.match(folded, run[0].end)))


def _phones_from_runs(text: str, folded: str, runs: list[list[_NumberToken]], language: str,
                      regions: tuple[str, ...], disguised: Callable[[int, int], bool]) -> Iterator[tuple[int, int]]:
    index = 0
    while index < len(runs):
        run = runs[index]
        if _run_is_phone(text, folded, run, regions, disguised):
            yield _span(text, run)
            index += 1
            continue
        joined = _joined_phone(text, folded, runs[index:index + MAX_JOINED_RUNS], language, regions)
        if joined:
            yield _with_lead_words(folded, *joined, language)
            while index < len(runs) and runs[index][0].start < joined[1]:
                index += 1
            continue
        index += 1


_ANY_DIGIT_RE = re.compile(r"\d")


# A stretch of digits and the separators of a written number ("+44 (0)7911 123-456").
_DIGIT_STRETCH_RE = re.compile(r"[+(]?\d[\d \t().\-–/*]*\d\)?")
#: Fewer digits than this in a stretch cannot make a phone number of any region we serve.
_MIN_STRETCH_DIGITS = 7
#: Characters of the letter kept on each side of a stretch: the matcher looks at the
#: characters around a number (a letter right before it, "x12" or "ext. 3" after it).
_STRETCH_CONTEXT = 12


def _library_windows(text: str) -> Iterator[tuple[int, int]]:
    """Yield the parts of `text` worth giving to the phonenumbers matcher, in order.

    The matcher parses every candidate it sees, and a letter's dates, scores and times are
    candidates too; a stretch with fewer than seven digits cannot be a phone number, so only
    the longer stretches, with a little context, are handed over (neighbours merged).
    """
    window: tuple[int, int] | None = None
    for match in _DIGIT_STRETCH_RE.finditer(text):
        if sum(char.isdigit() for char in match.group()) < _MIN_STRETCH_DIGITS:
            continue
        start, end = max(0, match.start() - _STRETCH_CONTEXT), min(len(text), match.end() + _STRETCH_CONTEXT)
        if window and start <= window[1]:
            window = (window[0], end)
            continue
        if window:
            yield window
        window = (start, end)
    if window:
        yield window


def _phones_from_library(text: str, region: str) -> Iterator[tuple[int, int]]:
    # The matcher reads +xx numbers whatever the region; VALID leniency keeps it off dates.
    for offset, end in _library_windows(text):
        for match in PhoneNumberMatcher(text[offset:end], region, leniency=Leniency.VALID):
            start = offset + match.start
            if _ISBN_CONTEXT.search(fold(text[max(0, start - 8):start])):
                continue
            groups = [_NumberToken(0, 0, digits, spelled=False) for digits in re.findall(r"\d+", match.raw_string)]
            if _looks_like_ordinary_numbers(groups):
                continue  # "2023-2024" is a valid Danish number and a season
            if _another_kind_of_number(text, fold(text), start, offset + match.end, "".join(g.digits for g in groups)):
                continue  # "Ordrenummeret er 40 12 55 93" is a valid Danish number and an order
            if _said_to_be_separate_numbers(fold(text), start, offset + match.end, [g.digits for g in groups]):
                continue  # "far kastede 60 45 26 81 i de fire runder": four scores
            yield start, offset + match.end


def find_phones(text: str, folded: str, *, language: str, regions: Iterable[str],
                disguised: Callable[[int, int], bool] = _nothing_disguised) -> Iterator[tuple[int, int]]:
    """Yield the spans of phone numbers in `text` (a normalised view; `folded` is its fold()).

    `disguised(start, end)` says whether `text[start:end]` holds digits the author wrote as
    keycaps, full-width or circled digits (`Normalised.has_disguised_digit`).

    `regions` are the program's countries, the program's own first: a run of digits is read
    as a national number of each. The phonenumbers matcher, the costliest step, runs for the
    first country only; our own run reader covers the others.
    """
    regions = tuple(regions) or ("GB",)
    spans = []
    # The library reads only digits (it needs two at least): a letter without one is skipped.
    # Our run reader still runs, since it also reads numbers spelled out in words.
    if _ANY_DIGIT_RE.search(text):
        spans.extend(_phones_from_library(text, regions[0]))
    # The runs of number tokens are read once: the number-word tree is the costly pattern.
    runs = list(_number_runs(folded, language))
    spans.extend(_phones_from_runs(text, folded, runs, language, regions, disguised))
    spans.extend(_labelled_parts(folded, language, regions))
    spans.extend(_first_part_and_its_rest(folded, runs, language, regions))
    spans.extend(span for span in _opening_of_a_number(folded, language, regions)
                 if not any(start < span[1] and span[0] < end for start, end in spans))
    yield from _parts_joined_with_their_rest(folded, sorted(set(spans)), language)


#: Two parts of one number this close, with a word for "the rest" between them on the same line,
#: are one finding: "07542. The rest is 608 119", "53 81. Resten er 66 20" (r13).
CLOSE_REST_GAP = 40


def _parts_joined_with_their_rest(folded: str, spans: list[tuple[int, int]], language: str) -> list[tuple[int, int]]:
    """Return `spans` (sorted) with each part joined to the next when that is said to be its rest, close by.

    Redaction then hides the words between ("The rest is") with the number, as the writer
    gave it: one number. Parts further apart stay separate findings (`_first_part_and_its_rest`).
    """
    cues = _rest_cue_pattern(language)
    joined: list[tuple[int, int]] = []
    for start, end in spans:
        if joined:
            previous_start, previous_end = joined[-1]
            gap = folded[previous_end:start]
            if 0 < start - previous_end <= CLOSE_REST_GAP and "\n" not in gap and cues.search(gap):
                joined[-1] = (previous_start, max(previous_end, end))
                continue
        joined.append((start, end))
    return joined


# ---------------------------------------------------------------- a number in labelled parts (r9)
@lru_cache(maxsize=None)
def _part_label_pattern(language: str) -> re.Pattern:
    """A part's label, the words that give it ("is", "er", "c'est", "c", ":"), and its digits."""
    labels = alternation(with_english(language, "phone_part_labels"))
    return compile_folded(
        rf"(?<!\w){labels}(?:\s+(?:of|af|av|de)\s+(?:my|mit|mitt|mon)\s+(?:number|nummer|numero))?"
        rf"[\s:,=-]*{IS_WORDS}"
        r"(?P<digits>\d(?:[ .\-]?\d){0,5})(?![\d\w])"
    )


#: At least this many labelled parts make a number without a phone word in the letter.
LABELLED_PARTS_WITHOUT_CUE = 3


def _labelled_parts(folded: str, language: str, regions: tuple[str, ...]) -> Iterator[tuple[int, int]]:
    """Yield the parts of a number given piece by piece across a letter, each after its label.

    "first part: 469" … "second part is 318" … "the last bit is 7 0 2 4"; "le début c'est 06 29"
    … "la suite c 84" … "la fin c 11 70". Each label (`phone_part_labels`) is followed by a
    few digits; two or more such parts, in the letter's order, whose digits together make a
    possible number of the program's countries, are held when a phone word stands anywhere
    in the letter ("my number", "nummeret mitt"), or when there are three of them.
    """
    parts = [match for match in _part_label_pattern(language).finditer(folded)]
    if len(parts) < 2:
        return
    digits = "".join(re.sub(r"\D", "", part.group("digits")) for part in parts)
    if not 8 <= len(digits) <= 12:
        return
    if len(parts) < LABELLED_PARTS_WITHOUT_CUE and not _PHONE_CUE_RE.search(folded):
        return
    if _is_possible_phone(digits, False, regions)[0]:
        for part in parts:
            yield part.span("digits")


@lru_cache(maxsize=None)
def _phone_lead_words(language: str) -> frozenset[str]:
    """Words that open a number given in parts ("første del er", "d'abord"), folded (r7)."""
    return frozenset(fold(word) for word in with_english(language, "phone_lead_words"))


def _with_lead_words(folded: str, start: int, end: int, language: str) -> tuple[int, int]:
    """Widen a number given in parts over the words that open it: "første del er 52 71 og så 90 36".

    The parts after the first are already inside the finding with the words between them;
    the words before the first part say the same thing and redaction should hide them too.
    """
    return start_before_words(folded, start, _phone_lead_words(language), reach=4, window=30), end


# ---------------------------------------------------------------- a number's rest given further down (r11)
#: How far down the letter the rest of a number may come after its first part.
REST_REACH = 700
#: A phone word stands this close before the first part; a word for "the rest" this close
#: before the rest ("… the rest is in the book, wait, it's 418 662"), or `REST_CUE_AFTER`
#: after it ("93 10 à la fin").
PART_CUE_WINDOW = 60
REST_CUE_AFTER = 15
#: A first part has at least this many digits.
MIN_FIRST_PART_DIGITS = 2


@lru_cache(maxsize=None)
def _rest_cue_pattern(language: str) -> re.Pattern:
    """Words that announce the rest of a number given further up (`number_rest_cues`, with English)."""
    return compile_folded(r"(?<!\w)" + alternation(with_english(language, "number_rest_cues")) + r"(?!\w)")


# The rest alone on its line, perhaps after "ps" or dots: "...\n9774", "ps 118 390".
_ALONE_ON_ITS_LINE_RE = re.compile(r"(?:\A|\n)[ \t.…]*(?:p\.?s\.?\d?[ \t:.,-]*)?\Z")
_LINE_END_RE = re.compile(r"[ \t.!]*(?:\n|\Z)")


def _said_to_be_the_rest(folded: str, run: list[_NumberToken], language: str) -> bool:
    """True if `run` has a word for "the rest" close before or right after it."""
    start, end = run[0].start, run[-1].end
    cues = _rest_cue_pattern(language)
    return bool(cues.search(folded, max(0, start - PART_CUE_WINDOW), start) or cues.search(folded, end, end + REST_CUE_AFTER))


def _alone_on_its_line(folded: str, run: list[_NumberToken]) -> bool:
    start, end = run[0].start, run[-1].end
    line_start = folded.rfind("\n", 0, start) + 1
    return bool(_ALONE_ON_ITS_LINE_RE.search(folded[max(0, line_start - 1):start])) and bool(
        _LINE_END_RE.match(folded, end))


#: Regions whose national numbers are written with a leading 0 ("07911 …", "06 12 …").
TRUNK_ZERO_REGIONS = frozenset({"GB", "FR"})


def _starts_like_a_number(head: str, plus: bool, regions: tuple[str, ...]) -> bool:
    """True if `head` can open a number of one of `regions`: "07923" in Britain, "4821" in Norway, not "19"."""
    if plus:
        return True
    return any(head.startswith("0") if region in TRUNK_ZERO_REGIONS else head[0] in "23456789" for region in regions)


#: More digits than this cannot make a number of any region, with its country code.
MAX_PHONE_DIGITS = 13


def _first_part_and_its_rest(folded: str, runs: list[list[_NumberToken]], language: str,
                             regions: tuple[str, ...]) -> Iterator[tuple[int, int]]:
    """Yield both parts of a number whose first part is given after a phone word and its rest further down.

    "my number starts 07923 … (a paragraph about the book) … the rest is 418 662"; "de første
    fire er 4821 … (at the bottom of the letter) 9774"; "c'est le 06 48 27, et après je sais
    plus … voilà : 93 10 à la fin". `runs` are the letter's runs of number tokens, in order.

    The first part follows a phone word (`phone_cues`), opens like a national number of one
    of `regions` and is not a possible number on its own. The rest is a later run within
    `REST_REACH` characters that either has a word for "the rest" (`number_rest_cues`) beside
    it, the two together making a possible number of one of `regions`, or stands alone on its
    line, the two together making a valid number (one in service). Each part is a finding of
    its own, so redaction keeps the words between them, unless the two stand close together on
    one line (`_parts_joined_with_their_rest`).
    """
    for index, first in enumerate(runs):
        head, plus = "".join(token.digits for token in first), first[0].plus
        if (len(head) < MIN_FIRST_PART_DIGITS or not _starts_like_a_number(head, plus, regions)
                or _is_possible_phone(head, plus, regions)[0]):
            continue
        if not has_cue_before(folded, first[0].start, _PHONE_CUE_RE, window=PART_CUE_WINDOW):
            continue
        for rest in runs[index + 1:]:
            if rest[0].start - first[-1].end > REST_REACH:
                break
            digits = head + "".join(token.digits for token in rest)
            if len(digits) > MAX_PHONE_DIGITS:
                continue
            said = _said_to_be_the_rest(folded, rest, language)
            if not (said or _alone_on_its_line(folded, rest)):
                continue
            possible, valid = _is_possible_phone(digits, plus, regions)
            # Words saying "the rest" make a possible number enough, as for parts side by side
            # (`_joined_phone`); a part alone on its line must make a number in service.
            if valid or (possible and said):
                yield first[0].start, first[-1].end
                yield rest[0].start, rest[-1].end
                break


# ---------------------------------------------------------------- a number's opening alone (r14)
@lru_cache(maxsize=None)
def _opening_pattern(language: str) -> re.Pattern:
    """Someone's number, a word for "starts with", and its first digits: "mit nummer starter med 61 35",
    "nummeret mitt begynner på 46 19"."""
    own = alternation(with_english(language, "own_number_words"))
    nouns = alternation(with_english(language, "phone_number_nouns"))
    opening = alternation(with_english(language, "number_opening_words"))
    return compile_folded(
        rf"(?<!\w)(?:{own}\s+(?:[^\W\d]+\s+)?{nouns}|{nouns}\s+{own})\s+(?:{IS_WORDS})?{opening}\s*:?\s*"
        r"(?P<digits>\+?\d(?:[ .\-]?\d){1,7})(?![\d\w])"
    )


def _opening_of_a_number(folded: str, language: str, regions: tuple[str, ...]) -> Iterator[tuple[int, int]]:
    """Yield the first digits of someone's number when the letter gives only its opening.

    "My number starts 07723 and I will tell you the rest in the next letter", "mon numéro
    commence par 06 18": half a number now and half later is how a child passes it in two
    letters. The digits must open like a national number of one of `regions` (or carry a
    "+"); a whole number is left to the other readers.
    """
    for match in _opening_pattern(language).finditer(folded):
        written = match.group("digits")
        digits = re.sub(r"\D", "", written)
        if _starts_like_a_number(digits, written.startswith("+"), regions):
            yield match.span("digits")
