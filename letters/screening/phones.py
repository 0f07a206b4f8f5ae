"""Phone numbers: the phonenumbers matcher plus our own reading of digit and number-word runs."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterator

import phonenumbers
from phonenumbers import Leniency, PhoneNumberMatcher

from letters.screening.text import alternation, compile_folded, fold, has_cue_before

# Number words per language, 0–99, as {spelling: digits}. Children read a phone number
# out in pairs in Danish, Norwegian and French ("tyve femogfyrre", "zéro six douze"),
# and digit by digit in English ("five five five"), so both are in the tables.

_EN_UNITS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
_EN_TEENS = ("ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
             "eighteen", "nineteen")
_EN_TENS = {"twenty": 2, "thirty": 3, "forty": 4, "fifty": 5, "sixty": 6, "seventy": 7, "eighty": 8, "ninety": 9}

_DA_UNITS = ("nul", "en", "to", "tre", "fire", "fem", "seks", "syv", "otte", "ni")
_DA_TEENS = ("ti", "elleve", "tolv", "tretten", "fjorten", "femten", "seksten", "sytten", "atten", "nitten")
_DA_TENS = {"tyve": 2, "tredive": 3, "tredve": 3, "fyrre": 4, "halvtreds": 5, "tres": 6, "halvfjerds": 7,
            "firs": 8, "halvfems": 9}

_NB_UNITS = ("null", "en", "to", "tre", "fire", "fem", "seks", "sju", "åtte", "ni")
_NB_TEENS = ("ti", "elleve", "tolv", "tretten", "fjorten", "femten", "seksten", "sytten", "atten", "nitten")
_NB_TENS = {"tjue": 2, "tretti": 3, "førti": 4, "femti": 5, "seksti": 6, "sytti": 7, "åtti": 8, "nitti": 9}

_FR_UNITS = ("zéro", "un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf")
_FR_TEENS = ("dix", "onze", "douze", "treize", "quatorze", "quinze", "seize", "dix-sept", "dix-huit", "dix-neuf")
_FR_TENS = {"vingt": 2, "trente": 3, "quarante": 4, "cinquante": 5, "soixante": 6}


def _english_numbers() -> dict[str, str]:
    words = {w: str(i) for i, w in enumerate(_EN_UNITS)}
    words.update({w: str(10 + i) for i, w in enumerate(_EN_TEENS)})
    words["oh"] = "0"  # "oh seven seven ..." is how British children read a 0
    for tens, t in _EN_TENS.items():
        words[tens] = f"{t}0"
        for u in range(1, 10):
            words[f"{tens}-{_EN_UNITS[u]}"] = words[f"{tens} {_EN_UNITS[u]}"] = f"{t}{u}"
    return words


def _danish_numbers() -> dict[str, str]:
    words = {w: str(i) for i, w in enumerate(_DA_UNITS)}
    words.update({"et": "1", "syvogtyve": "27"})
    words.update({w: str(10 + i) for i, w in enumerate(_DA_TEENS)})
    for tens, t in _DA_TENS.items():
        words[tens] = f"{t}0"
        for u in range(1, 10):
            # Danish says the unit first: femogfyrre = five-and-forty = 45.
            unit = "en" if u == 1 else _DA_UNITS[u]
            words[f"{unit}og{tens}"] = words[f"{unit} og {tens}"] = f"{t}{u}"
    return words


def _norwegian_numbers() -> dict[str, str]:
    words = {w: str(i) for i, w in enumerate(_NB_UNITS)}
    words.update({"ett": "1", "ein": "1", "syv": "7", "tolv": "12"})
    words.update({w: str(10 + i) for i, w in enumerate(_NB_TEENS)})
    words.update({"tyve": "20", "tredve": "30"})
    for tens, t in {**_NB_TENS, "tyve": 2}.items():
        words.setdefault(tens, f"{t}0")
        for u in range(1, 10):
            unit = _NB_UNITS[u]
            words[f"{tens}{unit}"] = f"{t}{u}"  # tjuefem
            words[f"{unit}og{tens}"] = f"{t}{u}"  # femogtjue, the older order
    return words


def _french_numbers() -> dict[str, str]:
    words = {w: str(i) for i, w in enumerate(_FR_UNITS)}
    words["une"] = "1"
    words.update({w: str(10 + i) for i, w in enumerate(_FR_TEENS)})
    for tens, t in _FR_TENS.items():
        words[tens] = f"{t}0"
        words[f"{tens} et un"] = words[f"{tens}-et-un"] = f"{t}1"
        for u in range(2, 10):
            words[f"{tens}-{_FR_UNITS[u]}"] = f"{t}{u}"
    # 70–79 and 90–99 are built on 60 and 80 ("soixante-dix-huit" = 60 + 18).
    words["soixante-dix"] = "70"
    words["soixante et onze"] = words["soixante-et-onze"] = "71"
    for i, teen in enumerate(_FR_TEENS):
        if i:
            words[f"soixante-{teen}"] = str(70 + i)
    for base in ("quatre-vingt", "quatre-vingts"):
        words[base] = "80"
        for u in range(1, 10):
            words[f"quatre-vingt-{_FR_UNITS[u]}"] = f"8{u}"
        for i, teen in enumerate(_FR_TEENS):
            words[f"quatre-vingt-{teen}"] = str(90 + i)
    # Children write the hyphens as spaces as often as not.
    return words | {k.replace("-", " "): v for k, v in words.items()}


NUMBER_WORDS: dict[str, dict[str, str]] = {
    "en": _english_numbers(),
    "da": _danish_numbers(),
    "nb": _norwegian_numbers(),
    "fr": _french_numbers(),
}

#: Words that repeat the next digit ("double oh" = 00); English only.
REPEATERS = {"en": {"double": 2, "triple": 3}, "da": {"dobbelt": 2}, "nb": {"dobbel": 2}, "fr": {}}

#: Words before a number that make it likely to be a phone number even if the
#: phonenumbers metadata says the number is not in service.
PHONE_CUES = (
    "number", "phone", "mobile", "cell", "call", "ring", "text", "sms", "tel", "tlf",
    "nummer", "nummeret", "telefon", "mobil", "mobilnummer", "ring til", "ringe",
    "numéro", "portable", "appelle", "appelle-moi", "téléphone", "texto", "tél",
)

#: Shortest national significant number we treat as a phone number, per region.
MIN_PHONE_DIGITS = {"US": 10, "GB": 9, "DK": 8, "NO": 8, "FR": 9}

_DIGIT_GROUP = r"\+?\d+"
# Separators children put between the parts of a number. A comma joins only number words
# ("null null fire sju, ni to en"), never digit groups, so "chapters 4, 5 and 6" or a
# list of scores stays a list.
_SEPARATOR = r"[ \t.\-–/()]{0,3}"


@lru_cache(maxsize=None)
def _number_token_pattern(language: str) -> re.Pattern:
    words = alternation(NUMBER_WORDS[language])
    repeaters = REPEATERS[language]
    repeat = f"(?:{alternation(repeaters)}\\s+)?" if repeaters else ""
    word = rf"(?<!\w){repeat}{words}(?!\w)"
    return compile_folded(rf"(?P<digits>\(?{_DIGIT_GROUP}\)?)|(?P<word>{word})")


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


def _number_tokens(folded: str, language: str) -> Iterator[_NumberToken]:
    folded_words, repeaters = _folded_number_words(language)
    for match in _number_token_pattern(language).finditer(folded):
        raw = match.group()
        if match.group("digits"):
            digits = re.sub(r"\D", "", raw)
            yield _NumberToken(match.start(), match.end(), digits, spelled=False, plus="+" in raw)
            continue
        times = 1
        first, _, rest = raw.partition(" ")
        if first in repeaters and rest:
            times, raw = repeaters[first], rest.strip()
        spelled = folded_words.get(re.sub(r"\s+", " ", raw))
        if spelled is not None:
            yield _NumberToken(match.start(), match.end(), spelled * times, spelled=True)


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


_SEPARATOR_RE = re.compile(_SEPARATOR + r"\Z")
_WORD_SEPARATOR_RE = re.compile(r"[ \t.\-–/(),]{0,4}\Z")


def _joins(folded: str, left: _NumberToken, right: _NumberToken) -> bool:
    gap = folded[left.end:right.start]
    if right.plus:
        return False
    if left.spelled or right.spelled:
        return bool(_WORD_SEPARATOR_RE.match(gap))
    return bool(_SEPARATOR_RE.match(gap))


_DATE_RE = re.compile(r"\d{1,4}([./\-])\d{1,2}\1\d{2,4}\Z")
_ISBN_CONTEXT = re.compile(r"isbn[\s:-]*\Z")



_PHONE_CUE_RE = compile_folded(r"(?<!\w)" + alternation(PHONE_CUES) + r"(?!\w)")


def _is_possible_phone(digits: str, plus: bool, region: str) -> tuple[bool, bool]:
    """Return (possible, valid) for `digits` read as a phone number of `region`."""
    if plus or digits.startswith("00"):
        candidate = "+" + (digits[2:] if digits.startswith("00") and not plus else digits)
        parse_region = None
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


def _phones_from_runs(text: str, folded: str, language: str, region: str) -> Iterator[tuple[int, int]]:
    for run in _number_runs(folded, language):
        digits = "".join(t.digits for t in run)
        if len(digits) < 7 or len(digits) > 15:
            continue
        start, end = run[0].start, run[-1].end
        # Trim an opening parenthesis the digit pattern took but the run does not close.
        raw = text[start:end]
        if raw.startswith("(") and ")" not in raw:
            start += 1
        if raw.endswith(")") and "(" not in raw:
            end -= 1
        if _DATE_RE.match(text[start:end]) or _ISBN_CONTEXT.search(folded[max(0, start - 8):start]):
            continue
        possible, valid = _is_possible_phone(digits, run[0].plus, region)
        if not possible:
            continue
        obfuscated = any(t.spelled for t in run) or sum(len(t.digits) == 1 for t in run) >= 4
        if valid or obfuscated or has_cue_before(folded, start, _PHONE_CUE_RE):
            yield start, end


def _phones_from_library(text: str, region: str) -> Iterator[tuple[int, int]]:
    # The matcher reads +xx numbers whatever the region; VALID leniency keeps it off dates.
    for match in PhoneNumberMatcher(text, region, leniency=Leniency.VALID):
        if _ISBN_CONTEXT.search(fold(text[max(0, match.start - 8):match.start])):
            continue
        yield match.start, match.end


def find_phones(text: str, folded: str, *, language: str, region: str) -> Iterator[tuple[int, int]]:
    yield from _phones_from_library(text, region)
    yield from _phones_from_runs(text, folded, language, region)
