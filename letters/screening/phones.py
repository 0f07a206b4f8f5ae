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
            # Danish says the unit first: femogfyrre = five-and-forty = 45; children write it apart or
            # with hyphens too, and "et" for "en" ("et-og-halvtreds", "et og halvfjerds") (r22).
            for unit in (units[u], "et") if u == 1 else (units[u],):
                words[f"{unit}og{tens}"] = words[f"{unit} og {tens}"] = words[f"{unit}-og-{tens}"] = f"{t}{u}"
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
#: A tilde, a bar and the geometric shapes count too: "29 18 ~ 53 07", "26 ◽ 73 ◽ 18 ◽ 40" (r22).
_BREAK_MARK = r"(?:\.{2,5}|…|[•·~|]|[\u25a0-\u25ff\u2600-\u27bf\u2b00-\u2bff\U0001f300-\U0001faff])"
#: The mark may open a line: "61 07⏎... 39 28" (r22).
_MARKED_SEPARATOR = rf"[ \t]{{0,2}}\n?[ \t]{{0,2}}{_BREAK_MARK}[ \t]{{0,2}}"


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


@lru_cache(maxsize=None)
def _hundred_pattern(language: str) -> re.Pattern | None:
    """The word for hundred right after a digit ("9 hundred", "9 hundrede"), read on a few characters."""
    hundreds = contact_words(language, "number_hundreds")
    return compile_folded(rf"[ \t-]+{alternation(hundreds)}(?!\w)") if hundreds else None


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
    hundred_after = _hundred_pattern(language)
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
            # "9 hundred": a digit and the word for hundred, as a UK number is read out (r22).
            hundred = (hundred_after.match(folded, match.end())
                       if hundred_after and len(raw) == 1 and raw != "0" else None)
            if hundred:
                yield _NumberToken(start, hundred.end(), digits + "00", spelled=True)
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
#: An ellipsis or a bar stands between number words as between digits: "seven seven zero zero ... nine zero
#: zero", "fire-seks-to | åtte-åtte | null-to-sju" (r22).
_WORD_SEPARATOR_RE = re.compile(r"(?:(?![^\n]*\.\s)[ \t.\-–/(),]{0,4}|[ \t]{0,2}(?:\.{2,5}|…|\|)[ \t]{0,2})\Z")


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
# A first group of three digits is no day, month or year: "555-01-88" is a number (r22).
_DATE_RE = re.compile(r"(?:\d{1,2}|\d{4})([./\-])\d{1,2}\1(?:\d{2}|\d{4})\Z")
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
                            hidden: bool = False, regions: tuple[str, ...] = ()) -> bool:
    """True if the number at [start, end) is said to be something other than a phone number.

    It is named so just before ("order number 4471 2290 1836", "lodnumre er 45 12 78 90"),
    it is a public helpline ("Childline is free on 0800 1111"), or it is written as a
    quantity, with its thousands apart ("31 536 000"), and no phone cue comes before it.
    """
    # A mobile's number is nobody's switchboard, and a phone word before the name of another kind
    # of number makes the mobile after it a phone: "le portable de ma mère pour le colis : 06 23 98 14
    # 70", "the museum trip: 07700 913 227" (r22).
    mobile = _mobile_shaped(digits, regions)
    if digits in PUBLIC_NUMBERS or (not mobile and _a_public_switchboard(folded, start, end)):
        return True
    named = _OTHER_NUMBER_RE.search(folded, max(0, start - OTHER_NUMBER_WINDOW), start)
    if named and len(named.group("between").split()) <= OTHER_NUMBER_MAX_WORDS \
            and not _PHONE_CUE_RE.search(named.group("between")) and not _owner_between(named.group("between")) \
            and not _ends_a_sentence(named.group("between")) \
            and not (mobile and _cue_earlier_in_the_sentence(folded, named.start())):
        return True
    if _named_as_a_things_number(folded, start):
        return True
    # Digits written as letters are hidden on purpose, never a quantity ("O7 7OO 9OO l53").
    return (not hidden and bool(_THOUSANDS_RE.match(text[start:end].strip()))
            and not has_cue_before(folded, start, _PHONE_CUE_RE))


#: A full stop after a word of three letters or more, or a "!" or "?", then a space: a sentence ends.
_SENTENCE_END_RE = re.compile(r"(?:(?<![^\W\d_])(?P<word>[^\W\d_]{3,})\.|[!?])\s")
#: Abbreviations a full stop follows inside a sentence.
_ABBREVIATIONS = frozenset({"tlf", "tel", "ref", "mob"})


def _ends_a_sentence(between: str) -> bool:
    """True if a sentence ends between the name of another kind of number and the number: "… le colis de
    livres. C'est le 06 12 48 93 07" (r22)."""
    return any(match.group("word") not in _ABBREVIATIONS for match in _SENTENCE_END_RE.finditer(between))


#: The names of other kinds of number alone, to be set aside when a phone word is looked for.
_OTHER_NAME_RE = compile_folded(r"(?<!\w)" + alternation(all_contact_words("other_number_words")) + r"(?!\w)")


def _cue_earlier_in_the_sentence(folded: str, position: int) -> bool:
    """True if a phone word stands before `position` in its sentence, within `OTHER_NUMBER_WINDOW`,
    outside the name of another kind of number ("le numéro de dossier" holds "numéro")."""
    low = max(0, position - OTHER_NUMBER_WINDOW)
    stops = [m.end() for m in re.finditer(r"[.!?\n]\s", folded[low:position])]
    sentence = folded[low + (stops[-1] if stops else 0):position]
    return bool(_PHONE_CUE_RE.search(_OTHER_NAME_RE.sub(" ", sentence)))


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
#: Someone's own number named before the place: "My number at the children's centre …", "Mitt nummer
#: på biblioteket …", "Ma ligne directe à la médiathèque …" (r22).
_OWN_LINE_RE = compile_folded(
    r"(?<!\w)(?:" + alternation(all_contact_words("own_number_words")) + r")\s+"
    + alternation(PHONE_CUES) + r"(?!\w)|(?<!\w)" + alternation(PHONE_CUES) + r"\s+"
    + alternation(all_contact_words("own_number_words")) + r"(?!\w)")


def _a_public_switchboard(folded: str, start: int, end: int) -> bool:
    """True if the number is a public place's: named as such before it, or with opening hours after.

    "ring the school office on …", "skolens kontor …", "Central Library, St Peter's Square, …,
    phone …", "tlf …, åben 10-17", "… and they're open until 8". A word that makes the number
    someone's own between the place and the number ("the museum, or my mum on …") keeps it.
    """
    sentence = max(folded.rfind(c, 0, start) for c in "!?\n")
    low = max(sentence + 1, start - _PUBLIC_OWNER_WINDOW)
    owners = list(_PUBLIC_OWNER_RE.finditer(folded, low, start))
    if owners and not _OWN_NUMBER_RE.search(folded, owners[-1].end(), start) \
            and not _OWN_LINE_RE.search(folded, low, owners[-1].start()):
        return True
    stop = min(len(folded), end + 40)
    hours = _OPENING_HOURS_RE.match(folded, end, stop)
    return bool(hours) and not _OWN_NUMBER_RE.search(folded, max(low, start - 30), start)


def _after_international_prefix(digits: str, plus: bool) -> str | None:
    """Return the digits after "+" or "00" (the calling code first), or None for a national number."""
    if plus:
        return digits
    return digits[2:] if digits.startswith("00") else None


#: The ranges kept for fiction, as the start of a national significant number (no trunk "0"),
#: where the phonenumbers metadata calls them unused: Ofcom's drama numbers (01632 960xxx,
#: 07700 900xxx, 0115 496 0xxx; the others of the list are in ranges the metadata knows), ARCEP's
#: mobile one (06 39 98 xx xx) and the North American 555-01xx, with any area code.
#: Our writers give these instead of real numbers, so a number in one of them is read as the
#: real number of the same shape would be, in service: "01632 960 458" as "01865 960 458".
FICTION_RANGES = {
    "GB": re.compile(r"(?:1632960|7700900|1154960)\d{3}\Z"),
    "FR": re.compile(r"63998\d{4}\Z"),
    "US": re.compile(r"\d{3}55501\d{2}\Z"),
}
#: A North American number without its area code, seven digits dialled locally: "555-0147",
#: "867-5309", "1-555-0188". The metadata calls it possible only locally; it is read as possible, never valid,
#: so that it counts with a phone word or written in words, as any possible number does.
_NANP_LOCAL_RE = re.compile(r"1?[2-9]\d{6}\Z")  # "1-555-0188": a long-distance 1 before it


@lru_cache(maxsize=4096)
def _verdict(digits: str, plus: bool, region: str) -> tuple[bool, bool]:
    """Return (possible, valid) for `digits` read as a phone number of `region`."""
    international = _after_international_prefix(digits, plus)
    if international is not None:
        candidate, parse_region = "+" + international, None
    else:
        candidate, parse_region = digits, region
        if region == "US" and _NANP_LOCAL_RE.match(digits):
            return True, False
    try:
        number = phonenumbers.parse(candidate, parse_region)
    except phonenumbers.NumberParseException:
        return False, False
    national = str(number.national_number)
    minimum = MIN_PHONE_DIGITS.get(region if parse_region else "", 7)
    if len(national) < minimum:
        return False, False
    possible, valid = phonenumbers.is_possible_number(number), phonenumbers.is_valid_number(number)
    if possible and not valid:
        number_region = phonenumbers.region_code_for_country_code(number.country_code)
        fiction = FICTION_RANGES.get(number_region)
        valid = bool(fiction and fiction.match(national))
    return possible, valid


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
        # A number word hyphenated to another is a digit read out, not a count: "fire-syv" (r22).
        words = [match.group() for match in _PLAIN_WORD_RE.finditer(folded, low, high)
                 if folded[match.start() - 1:match.start()] != "-" and folded[match.end():match.end() + 1] != "-"]
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
        if region in ("DK", "NO") and _PAIRS_SHAPE_RE.match(written.strip()):
            return True
    return False


#: How a Danish or Norwegian number is written: four pairs, the first from 2 to 9, one separator
#: throughout ("22 09 67 41", "29-07-53-81"). Whether its range is in service or not, nothing else
#: of a letter is written so but a score line, which has its count word (r22).
_PAIRS_SHAPE_RE = re.compile(r"[2-9]\d([ .-])\d\d\1\d\d\1\d\d\Z")


def _mobile_shaped(digits: str, regions: tuple[str, ...]) -> bool:
    """True for a national number shaped as a mobile of one of `regions`: "07700 913 227", "06 21 …", "482 70 946"."""
    return any(MOBILE_PREFIXES.get(region) and len(digits) == MOBILE_LENGTHS.get(region)
               and digits.startswith(MOBILE_PREFIXES[region]) for region in regions)


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
    if _another_kind_of_number(text, folded, start, end, digits, hidden=disguised(start, end), regions=regions):
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
    # A phone word right after the number says what it is as well as one before it: "42 06 59 81
    # ring ring ring", "555-0131 text me" (r22).
    return (valid or obfuscated or has_cue_before(folded, start, _PHONE_CUE_RE)
            or _shaped_like_a_phone(text[start:end], digits, run[0].plus, regions)
            or _phone_word_after(folded, end))


def _digits_of(text: str, run: list[_NumberToken]) -> str:
    """Return the digits of `run`, leaving out a "(0)" right after a country code.

    "+44 (0)7700 900 922", "+45 (0)29 81 37 64": the zero in brackets is the trunk prefix,
    dialled only from inside the country, and is no digit of the international number (r18).
    """
    international = run[0].plus or run[0].digits.startswith("00")  # "0045 (0) 40 91 25 68" (r22)
    return "".join(token.digits for i, token in enumerate(run)
                   if not (i == 1 and international and text[token.start:token.end] == "(0)"))


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


#: An aside set apart between two parts of a number, in words the gap lists need not hold: in
#: brackets ("29 (min fars) 40 71 33", "07700 (sorry my pen ran out) 900 266"), between spaced dashes
#: ("28 94 - vent - 16 35") or after an ellipsis ("07700 900 ... wait ... 512", "28 61 3... undskyld,
#: kuglepennen løb tør 9 05") (r22). An aside with a digit ("(ikke 30)") is no aside.
_ASIDE_RE = re.compile(
    r"\([^()\d\n]{1,60}\)"
    r"|(?<=[ \t])[-–—][ \t][^\d\n\-–—.()]{1,40}?[ \t][-–—](?=[ \t])"
    r"|(?:\.{2,5}|…)[^\d\n.…()]{1,50}?(?:\.{2,5}|…|(?=[ \t]*\Z))")
#: How long a gap with an aside may be, and how many words outside the gap lists may stand
#: after a word that says the number goes on ("07700 900 and then my birthday 1 2 0") (r22).
ASIDE_GAP = 60
UNLISTED_AFTER_A_JOIN = 3


@dataclass(frozen=True)
class _Gap:
    """What stands between two parts of a number (`_bridge`)."""

    bridgeable: bool
    has_words: bool = False
    says_more: bool = False
    crosses_stop: bool = False
    #: Words outside the gap lists stand in it, in an aside or after a "goes on" word: the joined
    #: number must then be in service or shaped like a phone (r22).
    unlisted: bool = False
    #: Those words stand after a "goes on" word, not set apart as an aside: a phone word must then
    #: say that the parts are a number ("its 07700 900 and then my birthday 1 2 0" has none, and
    #: "paper 1 is 09:00-10:05 then paper 2" is a timetable) (r22).
    free_words: bool = False


_NO_BRIDGE = _Gap(False)


def _bridge(folded: str, gap: str, language: str) -> _Gap:
    """Say whether `gap` may stand between two parts of one number, and what it holds.

    A gap holds at most five words, all of them small words of a number told in parts
    (`_gap_vocabulary`); a full stop may stand in it only beside a word that says the number
    goes on, on one line, so that two sentences that each end or start with a number stay
    apart (a rest on the next line stays a finding of its own, `_first_part_and_its_rest`).
    Since r22 it may also hold an aside in other words (`_ASIDE_RE`), or up to
    `UNLISTED_AFTER_A_JOIN` other words after a word that says the number goes on.
    """
    if len(gap) > ASIDE_GAP or gap.count("\n") > 1:
        return _NO_BRIDGE
    joins, allowed = _gap_vocabulary(language)
    says_more = bool(joins.search(gap))
    listed = _listed_bridge(gap, joins, allowed, says_more) if len(gap) <= 40 else _NO_BRIDGE
    if listed.bridgeable and not listed.unlisted:
        return listed
    aside = _ASIDE_RE.search(gap)
    if aside:
        rest = _bridge(folded, gap[:aside.start()] + " " + gap[aside.end():], language)
        if rest.bridgeable and not rest.crosses_stop:
            return _Gap(True, True, says_more, False, unlisted=True)
    return listed


def _listed_bridge(gap: str, joins: re.Pattern, allowed: frozenset[str], says_more: bool) -> _Gap:
    """`_bridge` for a gap without an aside: words of the gap lists, or a few after a "goes on" word."""
    plain = bool(_BRIDGE_RE.match(gap))
    if not (plain or (says_more and "\n" not in gap and _BRIDGE_WITH_STOP_RE.match(gap))):
        return _NO_BRIDGE
    words = _GAP_WORD_RE.findall(gap)
    unlisted = [word for word in words if word not in allowed]
    if unlisted:
        # "28 44 og så min fødselsdag 1 2 0 3": a few words of the writer's own after "og så".
        first_join = joins.search(gap)
        if plain and first_join and len(unlisted) <= UNLISTED_AFTER_A_JOIN \
                and all(word in allowed for word in _GAP_WORD_RE.findall(gap[:first_join.start()])):
            return _Gap(True, True, True, False, unlisted=True, free_words=True)
        return _Gap(False, True)
    return _Gap(True, bool(words), says_more, not plain)


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
#: "… which looks like a phone number": a phone word after a number that says it only looks like one (r22).
_LOOKS_LIKE_RE = compile_folded(r"(?<!\w)" + alternation(all_contact_words("looks_like_words")) + r"\s+(?:\w+\s+)?\Z")


def _phone_word_after(folded: str, end: int) -> bool:
    """True if a phone word right after the number says what it is, in its sentence ("555-0131 text me",
    "47 62 og 19 35 er nummeret mitt"), unless it says the number only looks like one (r22)."""
    if not has_cue_after(folded, end, _PHONE_CUE_RE, window=PHONE_CUE_AFTER_WINDOW):
        return False
    after = folded[end:end + PHONE_CUE_AFTER_WINDOW]
    cue = _PHONE_CUE_RE.search(after)
    return not (cue and _LOOKS_LIKE_RE.search(after, 0, cue.start()))


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
    # A season or a war ("1939-1945 la Seconde, le 8 mai") opens no number (r22).
    if _looks_like_ordinary_numbers(first):
        return None
    # "nummeret mitt begynner på 9 og så 40 …": one digit opens a number after a phone cue (r9).
    cued_first = has_cue_before(folded, first[0].start, _PHONE_CUE_RE, window=40)
    if len(runs) < 2 or runs[1][0].start - first[-1].end > 40 or len("".join(t.digits for t in first)) < (1 if cued_first else 2):
        return None
    goes_on = words_between = unlisted = free_words = False
    # A part after a full stop belongs to the number only when the number opens as a phone's
    # does (a trunk zero or "+") or a phone word comes before it: "starts 07481. the rest is
    # 920", never the scores "5-2 et 4-2. On finit 5es" (r14).
    opens_as_a_phone = first[0].plus or first[0].digits.startswith("0") or cued_first
    tokens = list(first)
    for run in runs[1:MAX_JOINED_RUNS]:
        if _counts_the_digits(folded, run):
            continue  # "and the last four are 1958": "four" counts the digits that follow (r9)
        gap = folded[tokens[-1].end:run[0].start]
        bridge = _bridge(folded, gap, language)
        # A one-digit part needs a word that says it belongs: "07 then 946 then 0 then 45218" (r14).
        if not bridge.bridgeable or run[0].plus or len("".join(t.digits for t in run)) < (1 if bridge.says_more else 2):
            return None
        if bridge.crosses_stop and not opens_as_a_phone:
            return None
        if _is_range(gap, tokens[-1], run[0], language):
            return None
        goes_on, words_between = goes_on or bridge.says_more, words_between or bridge.has_words
        unlisted = unlisted or bridge.unlisted
        free_words = free_words or bridge.free_words
        found = _joined_so_far(text, folded, first, tokens + run, regions, goes_on=goes_on,
                               words_between=words_between, unlisted=unlisted,
                               free_words=free_words)
        if found is _TOO_LONG:
            found = None
            if not _repeats_the_start(first, run):
                return None
        if found:
            return found
        # The run may hold the number's first part again when a letter gives the number twice
        # ("29 og så 84 og så 72 og så 13 29 og så 84 …"): the number then ends before it (r22).
        if _repeats_the_start(first, run):
            size = len(run) - 1
            while size and not _opens_with(run[size:], "".join(t.digits for t in first)):
                size -= 1
            found = _joined_so_far(text, folded, first, tokens + run[:size], regions, goes_on=goes_on,
                                   words_between=words_between, unlisted=unlisted,
                               free_words=free_words) if size else None
            return found if found and found is not _TOO_LONG else None
        tokens.extend(run)
    return None


#: `_joined_so_far` says so when the parts joined so far cannot make any number.
_TOO_LONG = (-1, -1)


def _repeats_the_start(first: list[_NumberToken], run: list[_NumberToken]) -> bool:
    """True if a later token of `run` opens the number's first part again: "13 29" after "29 og så …"."""
    head = "".join(t.digits for t in first)
    return any(_opens_with(run[i:], head) for i in range(1, len(run)))


def _opens_with(tokens: list[_NumberToken], head: str) -> bool:
    """True if `tokens` are the digits `head`, or open with them and `head` has two digits or more."""
    digits = "".join(t.digits for t in tokens)
    return digits == head or (len(head) >= 2 and digits.startswith(head))


def _joined_so_far(text: str, folded: str, first: list[_NumberToken], tokens: list[_NumberToken],
                   regions: tuple[str, ...], *, goes_on: bool, words_between: bool,
                   unlisted: bool, free_words: bool = False) -> tuple[int, int] | None:
    """Return the span of the parts joined so far if they make a phone number (`_joined_phone`)."""
    digits = "".join(t.digits for t in tokens)
    if len(digits) > 12:
        return _TOO_LONG
    if len(digits) < 8:
        return None
    cued = has_cue_before(folded, first[0].start, _PHONE_CUE_RE, window=60)
    start, end = _span(text, tokens)
    # A phone word right after the number says so as well as one before it ("47 62 og 19 35 er
    # nummeret mitt"); parts with only commas between may be said to be a number after it
    # ("07700, 900, 861. whatsapp me", "53, 67, 12, 08 er mit nummer") or be shaped as a mobile is (r18).
    cued_after = _phone_word_after(folded, end)
    shaped = _shaped_like_a_phone(text[start:end], digits, tokens[0].plus, regions)
    national_start = tokens[0].plus or first[0].digits.startswith("0")
    aside_start = unlisted and national_start and not free_words
    if not (goes_on or cued or cued_after or (not words_between and shaped) or aside_start):
        return None
    if (_excluded(text, folded, start, end) or _looks_like_ordinary_numbers(tokens)
            or _another_kind_of_number(text, folded, start, end, digits, regions=regions)):
        return _TOO_LONG
    possible, valid = _is_possible_phone(digits, tokens[0].plus, regions)
    if unlisted:
        # Words of the writer's own between the parts ask for a number in service or shaped as
        # a phone, and a phone word or a trunk zero to say it is one ("9.000, så der er 3.418"
        # is a count of photos) (r22).
        if (valid or (possible and shaped)) and (cued or cued_after or aside_start):
            return start, end
        return None
    # Words between the parts ask for more: a valid number, or a "the rest is" with a cue
    # or with a first part that starts as a phone number does ("079 then 114 then 82036").
    if valid or (possible and (not words_between or (goes_on and (cued or national_start or cued_after)))):
        return start, end
    return None


#: After a number word that counts the digits to come: "the last four are", "de sidste fire er".
_COUNT_THEN_RE = compile_folded(r"\s+(?:are|is|er|sont|c'est|:)(?!\w)")


def _counts_the_digits(folded: str, run: list[_NumberToken]) -> bool:
    """True if `run` is one number word that says how many digits follow ("four" in "the last four are")."""
    return (len(run) == 1 and run[0].spelled and len(run[0].digits) == 1
            and bool(_COUNT_THEN_RE.match(folded, run[0].end)))


#: Words that say a number is written backwards ("my number backwards is …", "baglæns", "à l'envers"),
#: every language's together (r22), and how far before and after a number they are looked for.
_REVERSED_RE = compile_folded(r"(?<!\w)" + alternation(all_contact_words("reversed_number_words")) + r"(?!\w)")
REVERSED_WINDOW_BEFORE = 70
REVERSED_WINDOW_AFTER = 40


def _written_backwards(text: str, folded: str, run: list[_NumberToken], regions: tuple[str, ...]) -> bool:
    """True for a number written backwards, said so next to it: "my number backwards is 436 009 00770",
    "mon numéro à l'envers : 52 69 71 48 60", "nummeret mitt baklengs: 502 48 139" (r22).

    Read backwards, its digits must make a number in service or one shaped as a phone of one of
    `regions` ("07700 900 634", "06 84 17 96 25"); written as they stand they made none.
    """
    digits = "".join(t.digits for t in run if not t.spelled)
    if not 7 <= len(digits) <= 15 or any(t.spelled for t in run):
        return False
    start, end = _span(text, run)
    if not (_REVERSED_RE.search(folded, max(0, start - REVERSED_WINDOW_BEFORE), start)
            or _REVERSED_RE.search(folded[end:end + REVERSED_WINDOW_AFTER].split("\n")[0])):
        return False
    if _excluded(text, folded, start, end) or _another_kind_of_number(text, folded, start, end, digits, regions=regions):
        return False
    backwards = digits[::-1]
    possible, valid = _is_possible_phone(backwards, False, regions)
    return valid or (possible and _shaped_like_a_phone("", backwards, False, regions))


#: A word and a space before a small number: "kapitel 3", "after 6".
_WORD_BEFORE_A_NUMBER_RE = re.compile(r"(?:\A|[\s(])[^\W\d_]{2,}[ \t]\Z")


def _after_a_small_number(text: str, folded: str, run: list[_NumberToken], regions: tuple[str, ...]) -> bool:
    """True if the run is a small number that ends a phrase of its own, then a phone number after a
    phone word: "call the house after 6 01632 960 223", "sms mig når du har læst kapitel 3 28 50 17 64" (r22).

    The small number has one or two digits and a word right before it, one space after it; a phone
    word stands before the run, and the rest alone is a number in service or shaped as a phone. What
    the whole run is named ("Bookingnummer 41 88 20 93 71", "ordrenummeret er 20 93 44 18 27") and how
    it reads (a countdown, a lottery line) still count.
    """
    if (len(run) < 3 or run[0].spelled or len(run[0].digits) > 2 or run[0].plus
            or folded[run[0].end:run[1].start] != " "
            or not _WORD_BEFORE_A_NUMBER_RE.search(folded, max(0, run[0].start - 20), run[0].start)):
        return False
    start, end = _span(text, run)
    rest_start = run[1].start
    digits = "".join(t.digits for t in run[1:])
    if not (7 <= len(digits) <= 15 and has_cue_before(folded, start, _PHONE_CUE_RE)):
        return False
    if (_excluded(text, folded, rest_start, end) or _looks_like_ordinary_numbers(run) or _looks_like_ordinary_numbers(run[1:])
            or _another_kind_of_number(text, folded, start, end, "".join(t.digits for t in run), regions=regions)
            or _said_to_be_separate_numbers(folded, start, end, [t.digits for t in run])):
        return False
    possible, valid = _is_possible_phone(digits, False, regions)
    return valid or (possible and _shaped_like_a_phone(text[rest_start:end], digits, False, regions))


def _phones_from_runs(text: str, folded: str, runs: list[list[_NumberToken]], language: str,
                      regions: tuple[str, ...], disguised: Callable[[int, int], bool]) -> Iterator[tuple[int, int]]:
    index = 0
    while index < len(runs):
        run = runs[index]
        if _run_is_phone(text, folded, run, regions, disguised) or _written_backwards(text, folded, run, regions):
            yield _span(text, run)
            index += 1
            continue
        if _after_a_small_number(text, folded, run, regions):
            yield _span(text, run[1:])
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
            if _another_kind_of_number(text, fold(text), start, offset + match.end, "".join(g.digits for g in groups),
                                       regions=(region,)):
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
    spans.extend(_end_then_start(folded, runs, language, regions))
    spans = [_with_what_follows(folded, start, end, regions) for start, end in spans]
    yield from _parts_joined_with_their_rest(folded, sorted(set(spans)), language)


#: An office line's extension after the number: "01632 960 880, extension 24", "86 12 34 00, lokal 24",
#: "01 86 12 34 00, poste 24" (`extension_words`, every language's); a North American number's area
#: code after its seven digits: "555-0132, area code is 917", "555 0129, it's a 773 number" (r22).
_EXTENSION_RE = compile_folded(
    r"[ \t]*,?[ \t]*" + alternation(all_contact_words("extension_words")) + r"\.?[ \t]*(?:no\.?|nr\.?|n°)?[ \t]*:?[ \t]*\d{1,5}(?!\d)")
_AREA_CODE_RE = compile_folded(
    r"[ \t]*[,(]?[ \t]*(?:(?:and|the|its|it's|with)[ \t]+)*(?:" + alternation(all_contact_words("area_code_words"))
    + r"[ \t]*(?:is|=|:)?[ \t]*\(?\d{3}\)?(?!\d)|a[ \t]+\d{3}[ \t]+(?:number|area[ \t]+code)|\(?\d{3}\)?[ \t]+area(?!\w))")


#: The trunk digit left off and told after the number, in its sentence: "7700 900 482 with a 0 in front",
#: "seven seven zero zero … with a zero in front", "soixante, douze, … avec 06 devant" (r22).
_PREFIX_AFTER_RE = compile_folded(
    r"[ \t]*,?[ \t]*(?:[^\W\d_][\w']{0,7}[ \t]+){0,4}?[\w-]{1,12}[ \t]+(?:[^\W\d_]{1,4}[ \t]+)?"
    + alternation(all_contact_words("number_prefix_words")) + r"(?!\w)")


def _with_what_follows(folded: str, start: int, end: int, regions: tuple[str, ...]) -> tuple[int, int]:
    """Widen a number over the extension, the area code or the left-off trunk digit written right after it (r22)."""
    extension = _EXTENSION_RE.match(folded, end)
    if extension:
        return start, extension.end()
    prefix = _PREFIX_AFTER_RE.match(folded, end)
    if prefix and re.search(r"\d|zero|zéro|zero|nul|null|oh|nought|\b0", prefix.group()):
        return start, prefix.end()
    if "US" in regions:
        area = _AREA_CODE_RE.match(folded, end)
        if area:
            return start, area.end()
    return start, end


@lru_cache(maxsize=None)
def _end_and_start_patterns(language: str) -> tuple[re.Pattern, re.Pattern]:
    return (compile_folded(r"(?<!\w)" + alternation(with_english(language, "number_end_words")) + r"(?!\w)"),
            compile_folded(r"(?<!\w)" + alternation(with_english(language, "number_start_words")) + r"(?!\w)"))


#: How far before the end of a number the words that say so stand, and how long the gap before its start may be.
END_WORDS_WINDOW = 40
END_TO_START_GAP = 40


def _end_then_start(folded: str, runs: list[list[_NumberToken]], language: str,
                    regions: tuple[str, ...]) -> Iterator[tuple[int, int]]:
    """Yield a number whose end is given first and its start after: "the last digits are 418 and the start
    is 07700 900", "mine sidste cifre er 47 92 og mine første er 51 26", "les derniers chiffres c'est 47 92
    et les premiers 06 51 26" (r22).

    Words for the end (`number_end_words`) stand right before the first part, words for the start
    (`number_start_words`) between the two, on one line; the start and then the end must make a number in
    service or one shaped as a phone. The finding runs from the end to the start, words included.
    """
    ends, starts = _end_and_start_patterns(language)
    for last, opening in pairwise(runs):
        gap = folded[last[-1].end:opening[0].start]
        if len(gap) > END_TO_START_GAP or "\n" in gap or not starts.search(gap) or last[0].spelled or opening[0].spelled:
            continue
        if not ends.search(folded, max(0, last[0].start - END_WORDS_WINDOW), last[0].start):
            continue
        digits = "".join(t.digits for t in opening + last)
        if not 7 <= len(digits) <= 15:
            continue
        possible, valid = _is_possible_phone(digits, opening[0].plus, regions)
        if valid or (possible and _shaped_like_a_phone("", digits, opening[0].plus, regions)):
            yield last[0].start, opening[-1].end


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
            # Eight digits at least: a North American number's seven are possible only locally (r22).
            if not 8 <= len(digits) <= MAX_PHONE_DIGITS:
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
