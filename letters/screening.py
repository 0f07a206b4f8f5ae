"""Screen a letter's plain text for contact details and safeguarding concerns.

`screen()` is a pure function: text in, a sorted list of `Finding` spans out. It runs on
every submit, so everything here is precompiled regular expressions and one pass of the
`phonenumbers` matcher; a 2,000-character letter takes a few milliseconds.

The approach, kind by kind:

* Every pattern that is about *words* runs on a folded copy of the text: lower-cased,
  with accents stripped (``Café`` → ``cafe``, ``på`` → ``pa``). The folding maps each
  character to exactly one character, so an offset into the folded text is the same
  offset into the original, and findings point at what the author wrote.
* Phone numbers come from two sources. `phonenumbers.PhoneNumberMatcher` finds the
  formats it knows (national for the program's region, and +xx international). Our own
  pass reads *runs* of number tokens — digit groups, number words in the letter's
  language ("tyve femogfyrre", "zéro six", "oh seven double one"), with spaces, dots,
  dashes and commas between them — into a digit string whose every digit remembers
  where it came from. A run is reported when the digit string is a possible phone number
  for the region (or internationally) and not a date or an ISBN. Numbers the library
  thinks invalid (fictional 555 numbers, numbers a child half-remembers) still count
  when the author spelled or spaced them out, or wrote a cue such as "my number".
* E-mail addresses and links are regular expressions whose "at" and "dot" can be
  spelled out in any of the four languages ("snabel-a", "krøllalfa", "arobase",
  "punktum", "point com"). A spelled-out domain must end in a known top-level domain or
  be a well-known mail provider, so "point de vue" or "at school" stay quiet.
* Social platforms are ordinary words too ("a snap decision", "discord between the
  brothers", "my sister is always on Snapchat"). We flag a platform only next to a
  contact cue ("add me on", "my insta is", "chat on", "følg mig på", "ajoute-moi sur") or
  when a handle follows it; an ``@handle`` or a ``name#1234`` tag is flagged on its own.
  This misses a bare "do you have whatsapp?" less often than it would flood coordinators
  with every letter that mentions TikTok; see docs/screening.md.
* Street addresses are a house number next to a street word of the language
  ("12 Oak Street", "Nørregade 14, 2. th", "Storgata 5", "15 rue de la Paix"), and
  postcodes with a town after a comma or next to such a street.
* Safeguarding phrases (self-harm, suicidal thoughts, abuse at home, grooming signals
  such as secrecy, photo requests and meeting in person) are first- and second-person
  phrases, so that a letter retelling what happens to a character in a book is less
  likely to trip them. They are urgent; everything else holds the letter for review.
* Blocked terms are the program's own list, matched as whole words on the folded text.

Findings of the same kind that overlap or touch are merged, and the list is sorted by
start offset. Safeguarding and English contact words are checked in every letter as
well as the letter's own language, because children mix English slang into their
letters; number words are read only in the letter's language, since "to" is 2 in
Norwegian and a preposition in English.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable, Iterator

import phonenumbers
from phonenumbers import Leniency, PhoneNumberMatcher

from letters.models import FindingKind, FindingSeverity

__all__ = ["Finding", "screen", "LANGUAGES"]

LANGUAGES = ("en", "da", "nb", "fr")

#: Longest excerpt shown to a coordinator next to a finding.
EXCERPT_LENGTH = 80


@dataclass(frozen=True)
class Finding:
    """One thing screening found, at text[start:end]."""

    kind: str
    start: int
    end: int
    severity: str
    excerpt: str


# =============================================================================== folding


@lru_cache(maxsize=4096)
def _strip_accent(char: str) -> str:
    """Return `char` without its accent, as exactly one character."""
    decomposed = unicodedata.normalize("NFD", char)
    return decomposed[0] if decomposed else char


@lru_cache(maxsize=4096)
def _fold_char(char: str) -> str:
    base = _strip_accent(char)
    lower = base.lower()
    # A few characters lower-case to two ("İ" → "i̇"); keep one so offsets stay aligned.
    return lower if len(lower) == 1 else base


def fold(text: str) -> str:
    """Return `text` lower-cased and without accents, with the same length as `text`."""
    return "".join(map(_fold_char, text))


def _compile(pattern: str, flags: int = 0) -> re.Pattern:
    """Compile a pattern written with accents so that it matches folded text."""
    return re.compile("".join(map(_strip_accent, pattern)), flags | re.IGNORECASE)


def _alternation(words: Iterable[str]) -> str:
    """Return a regex alternation of `words`, longest first, spaces matching any whitespace."""
    escaped = (re.escape(w).replace(r"\ ", r"\s+") for w in sorted(set(words), key=len, reverse=True))
    return "(?:" + "|".join(escaped) + ")"


# =============================================================================== phones

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
    words = _alternation(NUMBER_WORDS[language])
    repeaters = REPEATERS[language]
    repeat = f"(?:{_alternation(repeaters)}\\s+)?" if repeaters else ""
    word = rf"(?<!\w){repeat}{words}(?!\w)"
    return _compile(rf"(?P<digits>\(?{_DIGIT_GROUP}\)?)|(?P<word>{word})")


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


def _has_cue_before(folded: str, start: int, cues_re: re.Pattern, window: int = 40) -> bool:
    return bool(cues_re.search(folded[max(0, start - window):start]))


_PHONE_CUE_RE = _compile(r"(?<!\w)" + _alternation(PHONE_CUES) + r"(?!\w)")


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
        if valid or obfuscated or _has_cue_before(folded, start, _PHONE_CUE_RE):
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


# =============================================================================== e-mail and links

#: Ways children write "@" so that filters miss it, all languages together: the words are
#: distinctive enough not to collide with one another's ordinary vocabulary.
#: Ways children write "@" so that filters miss it, all languages together: the words are
#: distinctive enough not to collide with one another's ordinary vocabulary. A bare
#: English "at" is handled apart, because "my blog at example.com" is a link, not a mail.
AT_WORDS = ("snabel-a", "snabel a", "snabela", "krøllalfa", "krølle-alfa", "krølle alfa", "arobase",
            "arrobase", "arobaz")
DOT_WORDS = ("dot", "punktum", "prik", "point", "punkt")

#: Top-level domains we accept at the end of a spelled-out or bare domain.
TOP_LEVEL_DOMAINS = ("com", "net", "org", "info", "io", "co", "uk", "dk", "no", "fr", "se", "de", "eu", "be",
                     "ch", "nl", "me", "tv", "app", "gg", "ly", "be", "us", "ca", "xyz", "online", "site",
                     "blog", "biz")

#: Mail providers children name without a top-level domain ("emma at gmail").
MAIL_PROVIDERS = ("gmail", "googlemail", "hotmail", "outlook", "live", "yahoo", "icloud", "msn", "aol",
                  "proton", "protonmail", "gmx", "orange", "free", "laposte", "sfr", "wanadoo", "online",
                  "jubii", "mail")

#: The shorter list for domains spelled out without an "at": "point de vue" and "dot me"
#: are ordinary phrases, "point com" and "punktum dk" are not.
SPELLED_TOP_LEVEL_DOMAINS = ("com", "net", "org", "info", "io", "uk", "dk", "no", "fr", "se", "eu")

_LABEL = r"[a-z0-9](?:[a-z0-9_-]{0,62}[a-z0-9])?"
_DOT = (rf"(?:\s*\.\s*|\s*[(\[{{]\s*(?:{_alternation(DOT_WORDS)}|\.)\s*[)\]}}]\s*"
        rf"|\s+{_alternation(DOT_WORDS)}\s+)")
_TLD = _alternation(TOP_LEVEL_DOMAINS)
_AT = (rf"(?:\s*@\s*|\s*[(\[{{<]\s*(?:@|at|{_alternation(AT_WORDS)})\s*[)\]}}>]\s*"
       rf"|\s+{_alternation(AT_WORDS)}\s+|\s*-\s*{_alternation(AT_WORDS)}\s*-\s*)")
_LOCAL = rf"[a-z0-9_+-](?:[a-z0-9_+-]|\.(?=[a-z0-9_+-]))*(?:{_DOT}[a-z0-9_+-]+)*"
# A local part that could not be an ordinary word: it has a digit, dot or underscore in it.
_HANDLE_LIKE_LOCAL = r"(?=[a-z0-9_+-]*[0-9._])[a-z0-9_+-](?:[a-z0-9_+-]|\.(?=[a-z0-9_+-]))*"
_PROVIDER = _alternation(MAIL_PROVIDERS)
_DOMAIN = rf"(?:(?:{_LABEL}{_DOT})+{_TLD}|{_PROVIDER})"
_END = r"(?![\w@])(?!\.[a-z0-9])"
EMAIL_RE = _compile(rf"(?<![\w.@]){_LOCAL}{_AT}{_DOMAIN}{_END}")
# "emma at gmail", "jake dot turner at hotmail dot com": a plain "at" needs a mail provider
# after it, or a local part no English word looks like ("noah.b at live.dk").
# "clara.dupuis sur gmail", "ida.k på hotmail": a preposition for "at" only with a handle-like name.
PREPOSITION_AT_EMAIL_RE = _compile(rf"(?<![\w.@]){_HANDLE_LIKE_LOCAL}\s+(?:sur|på|on|chez)\s+{_PROVIDER}{_END}")
# "my gmail is rosie.plays2013": the provider named first, then the name.
NAMED_PROVIDER_EMAIL_RE = _compile(
    rf"(?<!\w)(?:my|mon|ma|min|mit|mitt)\s+(?:{_PROVIDER}|e-?mail|mailadresse|epost|e-post)\s*(?:is|er|c'est|est|:)\s*"
    rf"(?P<local>{_HANDLE_LIKE_LOCAL}){_END}"
)
PLAIN_AT_EMAIL_RE = _compile(
    rf"(?<![\w.@])(?:{_LOCAL}\s+at\s+{_PROVIDER}(?:{_DOT}{_LABEL})*|{_HANDLE_LIKE_LOCAL}\s+at\s+{_DOMAIN}){_END}"
)

_PATH = r"(?:/[^\s<>\"']*)?"
URL_RE = _compile(
    rf"(?:\bhttps?://[^\s<>\"']+"
    rf"|\bwww\d?\.[^\s<>\"']+"
    rf"|(?<![\w@./-])(?:{_LABEL}\.)+{_TLD}(?![\w-]){_PATH}"
    rf"|(?<![\w@.])(?:{_LABEL}\s+{_alternation(DOT_WORDS)}\s+)+{_alternation(SPELLED_TOP_LEVEL_DOMAINS)}(?!\w))"
)


def _trim_trailing_punctuation(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1] in ".,;:!?)]}'\"»":
        if text[end - 1] == ")" and text.count("(", start, end) >= text.count(")", start, end):
            break
        end -= 1
    return end


def find_emails(text: str, folded: str) -> Iterator[tuple[int, int]]:
    for pattern in (EMAIL_RE, PLAIN_AT_EMAIL_RE, PREPOSITION_AT_EMAIL_RE):
        for match in pattern.finditer(folded):
            yield match.start(), match.end()
    for match in NAMED_PROVIDER_EMAIL_RE.finditer(folded):
        yield match.start("local"), match.end("local")


def find_urls(text: str, folded: str) -> Iterator[tuple[int, int]]:
    for match in URL_RE.finditer(folded):
        end = _trim_trailing_punctuation(text, match.start(), match.end())
        if end > match.start():
            yield match.start(), end


# =============================================================================== social media

#: Platform names as children write them. Each is also an ordinary word or mention
#: somewhere, which is why a mention alone is not enough (see `find_social`).
PLATFORMS = (
    "snap", "snapchat", "snapen", "snappen", "snapchaten", "insta", "instagram", "instaen", "ig",
    "discord", "discorden", "tiktok", "tik tok", "whatsapp", "whats app", "whatsappen", "telegram",
    "signal", "kik", "facebook", "fb", "messenger", "twitter", "twitch", "wechat", "skype",
)

#: Games with chat, where children meet strangers. "I have Minecraft" is an ordinary
#: sentence, so these count only next to a handle, never on a contact cue alone.
GAME_PLATFORMS = ("roblox", "fortnite", "minecraft", "xbox", "psn", "playstation", "steam")

#: Small words allowed between a cue and the platform ("add me on my snap", "har du
#: også insta"). Content words are not, so "I have no signal" does not read as "I have signal".
CUE_FILLERS = ("a", "an", "the", "my", "your", "ur", "also", "too", "got", "me", "you", "u", "it", "just", "now",
               "også", "aussi", "moi", "toi", "mig", "meg", "dig", "deg", "min", "mit", "mitt", "din", "dit",
               "ditt", "mon", "ton", "ma", "ta", "på", "sur", "on", "en", "et", "le", "la", "sammen")

#: Phrases right before a platform that turn it into an invitation to move off-platform.
SOCIAL_CUES_BEFORE = {
    "en": ("add me on", "add me", "follow me on", "follow me", "find me on", "message me on", "msg me on",
           "dm me on", "text me on", "chat on", "talk on", "talk to me on", "write to me on", "write me on",
           "message me", "contact me on", "i'm on", "im on", "i am on", "are you on", "r u on",
           "do you have", "have you got", "i have", "i've got", "i got", "i use", "do u have", "u got", "my", "your", "ur", "use", "we could use",
           "on my", "add you on", "add u on", "via", "over", "server on", "group on", "join me on"),
    "da": ("tilføj mig på", "tilføj mig", "følg mig på", "følg mig", "find mig på", "skriv til mig på",
           "skriv sammen på", "skrive sammen på", "snak på", "snakke på", "skriv på", "skrive på", "mit", "min",
           "har du", "jeg har", "er du på", "jeg er på", "addé mig", "add mig på", "add mig", "på min", "server på", "gruppe på"),
    "nb": ("legg meg til på", "legg meg til", "følg meg på", "følg meg", "finn meg på", "skriv til meg på",
           "chatte på", "chat på", "prate på", "snakke på", "skriv på", "skrive på", "min", "mitt",
           "har du", "jeg har", "er du på", "jeg er på", "add meg på", "add meg", "server på", "gruppe på"),
    "fr": ("ajoute-moi sur", "ajoute moi sur", "ajoute-moi", "suis-moi sur", "suis moi sur", "suis-moi",
           "retrouve-moi sur", "écris-moi sur", "parler sur", "discuter sur", "parle-moi sur",
           "mon", "ton", "tu as", "t'as", "j'ai", "tu es sur", "je suis sur", "contacte-moi sur", "serveur sur", "groupe sur"),
}

#: Words after a platform that introduce the handle: "my snap is", "snapen min er", "mon snap c'est".
HANDLE_INTRODUCERS = ("is", "as", "=", "er", "min er", "mitt er", "c'est", "cest", "est", "mine is",
                      "name is", "username is", "username", "som", "sous le nom de", "sous le nom", "under", "jeg hedder", "jeg heter", "i'm", "im", "hedder", "heter",
                      "je m'appelle", "i am", "je suis", "c'est le", "it's", "its", "called", "der", "there")

# A handle-shaped token; `_is_handle` decides whether it really is one.
_HANDLE = r"[a-z0-9][\w.]{1,29}(?<![.])"
AT_HANDLE_RE = _compile(r"(?<![\w@/.])@[a-z][\w.]{1,29}(?<![.])")
DISCORD_TAG_RE = _compile(r"(?<![\w@])[a-z][\w.]{1,31}#\d{4}(?!\w)")

_PLATFORM = _alternation(PLATFORMS)
_ANY_PLATFORM = _alternation(PLATFORMS + GAME_PLATFORMS)


@lru_cache(maxsize=None)
def _social_patterns(language: str) -> tuple[re.Pattern, re.Pattern]:
    cues = SOCIAL_CUES_BEFORE["en"] + (SOCIAL_CUES_BEFORE[language] if language != "en" else ())
    cued = _compile(
        rf"(?<!\w){_alternation(cues)}[\s:,]+(?:{_alternation(CUE_FILLERS)}\s+){{0,2}}?(?P<platform>{_PLATFORM})(?!\w)"
    )
    # A platform followed, within a few words, by something shaped like a handle.
    handled = _compile(
        rf"(?<!\w)(?P<platform>{_ANY_PLATFORM})(?!\w)[\s?:,!-]*(?:(?:[\w'’]+\s+){{0,3}}?{_alternation(HANDLE_INTRODUCERS)}\s*:?\s*|:\s*)?"
        rf"(?P<handle>@?{_HANDLE})(?!\w)"
    )
    return cued, handled


#: "mine is X", "jeg hedder X": a handle announced without naming the platform again.
NAME_INTRODUCERS = ("mine is", "my username is", "my name there is", "username is", "username", "jeg hedder",
                    "jeg heter", "som", "sous le nom de", "brugernavn er", "brukernavn er",
                    "min er", "mitt er", "c'est", "my snap is", "brugernavn", "brukernavn", "pseudo")


def find_social(text: str, folded: str, *, language: str) -> Iterator[tuple[int, int]]:
    cued, handled = _social_patterns(language)
    for match in cued.finditer(folded):
        cue_is_possessive = match.group().split()[0] in {"my", "your", "ur", "mit", "min", "mitt", "mon", "ton"}
        if cue_is_possessive and not _possessive_reads_as_contact(folded, match.end()):
            continue
        yield match.start(), match.end()
    for match in handled.finditer(folded):
        if match.group("handle").startswith("@") or _is_handle(match.group("handle")):
            yield match.start("platform"), match.end("handle")
    for pattern in (AT_HANDLE_RE, DISCORD_TAG_RE):
        for match in pattern.finditer(folded):
            yield match.start(), match.end()
    for match in _INTRODUCER_RE.finditer(folded):
        if _is_handle(match.group("handle")) and _platform_nearby(folded, match.start()):
            yield match.start("handle"), match.end("handle")


def _is_handle(token: str) -> bool:
    """Return True if `token` has letters and a digit, dot or underscore ("lucy_b2011", "ines.lcr").

    Plain words after a platform ("snap too", "tiktok videos") are not handles.
    """
    return any(c.isalpha() for c in token) and any(c.isdigit() or c in "._" for c in token)


_INTRODUCER_RE = _compile(rf"(?<!\w){_alternation(NAME_INTRODUCERS)}\s*:?\s*(?P<handle>{_HANDLE})(?!\w)")

_POSSESSIVE_FOLLOW = _compile(r"\s*(?:is|er|c'est|est|:|=|name|username|handle|account|konto|profil)")


def _possessive_reads_as_contact(folded: str, end: int) -> bool:
    """Return True if "my snap" goes on like "my snap is ..." rather than "my snap judgement"."""
    return bool(_POSSESSIVE_FOLLOW.match(folded, end))


_PLATFORM_RE = _compile(rf"(?<!\w)(?:(?:on|sur|på|via|over|par)\s+)?{_ANY_PLATFORM}(?!\w)")


def platforms_after_contact(folded: str, contacts: list[tuple[int, int]], window: int = 40) -> Iterator[tuple[int, int]]:
    """Yield platform mentions in the same sentence shortly after a phone number or e-mail.

    "text me 06 44 21 87 09 or on whatsapp": the number is the cue.
    """
    for _, contact_end in contacts:
        stretch_end = min(len(folded), contact_end + window)
        sentence_end = re.compile(r"[.!?\n]").search(folded, contact_end, stretch_end)
        stretch_end = sentence_end.start() if sentence_end else stretch_end
        for match in _PLATFORM_RE.finditer(folded, contact_end, stretch_end):
            yield match.start(), match.end()


def _platform_nearby(folded: str, position: int, window: int = 60) -> bool:
    return bool(_PLATFORM_RE.search(folded, max(0, position - window), position + window))


# =============================================================================== addresses

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
    rf"(?P<type>{_alternation(STREET_WORDS['en'])})\b\.?",
    re.IGNORECASE,
)
FR_STREET_RE = re.compile(
    rf"(?<![\w.,])(?P<number>{_HOUSE_NUMBER}),?\s+(?P<type>{_alternation(STREET_WORDS['fr'])})\.?\s+"
    rf"(?P<name>(?:(?:de\s+la|de\s+l'|du|des|de|d'|la|le|les)\s*)?[^\W\d_][\w'’-]*(?:\s+[A-ZÉÈÀÂÎÔ][\w'’-]*){{0,3}})",
    re.IGNORECASE,
)


#: Street types also written as a word of their own after a name: "Thereses gate", "Bjørnsons vei".
SEPARATE_STREET_WORDS = {
    "da": ("gade", "vej", "allé", "alle", "plads", "torv", "stræde", "vænge", "boulevard"),
    "nb": ("gate", "gata", "vei", "veg", "allé", "alle", "plass", "torg", "stredet"),
}


def _scandinavian_street_re(language: str) -> re.Pattern:
    suffixes = _alternation(STREET_SUFFIXES[language])
    separate = _alternation(SEPARATE_STREET_WORDS[language])
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

_ADDRESS_CUE_RE = _compile(r"(?<!\w)" + _alternation(ADDRESS_CUES))


def _looks_like_street(match: re.Match, folded: str) -> bool:
    name_words = match.group("name").split()
    capitalised = all(w[0].isupper() for w in name_words)
    if match.group("type").lower() in ENGLISH_STANDALONE_STREET_WORDS and capitalised:
        return True
    # "3 chapters on the way" has the shape of "3 Abbey Way"; ask for a capitalised name
    # or for the author to have said that this is where they live.
    return (capitalised and len(name_words) <= 2) or _has_cue_before(folded, match.start(), _ADDRESS_CUE_RE)


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


# =============================================================================== safeguarding

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
    return _compile("|".join(f"(?:{p})" for p in patterns))


def find_safeguarding(folded: str, *, language: str) -> Iterator[tuple[int, int]]:
    for match in _safeguarding_re(language).finditer(folded):
        yield match.start(), match.end()


# =============================================================================== blocked terms


@lru_cache(maxsize=256)
def _blocked_term_re(term: str) -> re.Pattern:
    # Whole words: the term may not continue into a neighbouring letter or digit. Spaces
    # inside a phrase match any run of whitespace, line breaks included.
    return re.compile(rf"(?<!\w){_alternation([fold(term)])}(?!\w)")


def find_blocked_terms(folded: str, terms: Iterable[str]) -> Iterator[tuple[int, int]]:
    # One search per term, so that overlapping terms ("red apple", "apple pie") are both
    # found and then merged; programs keep these lists short.
    for term in {t.strip() for t in terms if t and t.strip()}:
        for match in _blocked_term_re(term).finditer(folded):
            yield match.start(), match.end()


# =============================================================================== assembly

SEVERITY = {kind: FindingSeverity.HOLD for kind in FindingKind}
SEVERITY[FindingKind.SAFEGUARDING] = FindingSeverity.URGENT


def _excerpt(text: str, start: int, end: int) -> str:
    """Return at most EXCERPT_LENGTH characters of `text` around [start, end), on one line."""
    if end - start >= EXCERPT_LENGTH:
        left, right = start, start + EXCERPT_LENGTH
    else:
        left = max(0, start - (EXCERPT_LENGTH - (end - start)) // 2)
        right = min(len(text), left + EXCERPT_LENGTH)
        left = max(0, right - EXCERPT_LENGTH)
    return " ".join(text[left:right].split())


def _merge(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Merge overlapping or touching spans."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(s for s in spans if s[1] > s[0]):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def _outside(spans: Iterable[tuple[int, int]], cover: list[tuple[int, int]]) -> Iterator[tuple[int, int]]:
    """Yield the spans that do not overlap any span in `cover`."""
    for start, end in spans:
        if not any(start < c_end and c_start < end for c_start, c_end in cover):
            yield start, end


def screen(text: str, *, language: str, region: str, blocked_terms: Iterable[str] = ()) -> list[Finding]:
    """Return what screening finds in `text`, sorted by start offset.

    `language` is one of LANGUAGES (others are read as English), `region` an ISO country
    code used to read national phone numbers and postcodes. `blocked_terms` is the
    program's own list of words and phrases to hold a letter for.
    """
    if language not in LANGUAGES:
        language = "en"
    region = (region or "").upper() or "GB"
    folded = fold(text)

    emails = _merge(find_emails(text, folded))
    urls = _merge(_outside(find_urls(text, folded), emails))
    # A handle inside an e-mail or a link ("youtube.com/@name") is part of that finding.
    phones = _merge(find_phones(text, folded, language=language, region=region))
    social = _merge(
        _outside(
            [*find_social(text, folded, language=language), *platforms_after_contact(folded, phones + emails)],
            emails + urls,
        )
    )
    spans_by_kind = {
        FindingKind.PHONE: phones,
        FindingKind.EMAIL: emails,
        FindingKind.URL: urls,
        FindingKind.SOCIAL: social,
        FindingKind.ADDRESS: _merge(find_addresses(text, folded, language=language, region=region)),
        FindingKind.SAFEGUARDING: _merge(find_safeguarding(folded, language=language)),
        FindingKind.BLOCKED_TERM: _merge(find_blocked_terms(folded, blocked_terms)),
    }
    findings = [
        Finding(kind=str(kind), start=start, end=end, severity=str(SEVERITY[kind]), excerpt=_excerpt(text, start, end))
        for kind, spans in spans_by_kind.items()
        for start, end in spans
    ]
    findings.sort(key=lambda f: (f.start, f.end, f.kind))
    return findings
