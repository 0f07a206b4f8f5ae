"""E-mail addresses and links, including "at" and "dot" spelled out in the four languages."""

from __future__ import annotations

import re
import unicodedata
from typing import Iterator

from letters.screening.contact_lexicon import all_contact_words, contact_words
from programs.text import strip_accent
from letters.screening.text import (
    alternation,
    compile_folded,
    fold,
    runs_sentences_together,
    with_name_letters,
)

#: Ways children write "@" and "." so that filters miss it, all languages together (from the
#: [contact] lists at_words and dot_words): the words are distinctive enough not to collide
#: with one another's ordinary vocabulary. A bare English "at" is handled apart, because
#: "my blog at example.com" is a link, not a mail.
AT_WORDS = all_contact_words("at_words")
DOT_WORDS = all_contact_words("dot_words")
#: "_" and "/" spelled out: "ruby underscore fox", "youtube point com slash @zoe".
UNDERSCORE_WORDS = all_contact_words("underscore_words")
SLASH_WORDS = all_contact_words("slash_words")
#: Short words that mean "@" only between brackets: "t.berg (a) online.no", "laerke(snabel)gmail.com".
#: Outside brackets they are ordinary words ("a", "alfa").
BRACKETED_AT_WORDS = all_contact_words("bracketed_at_words")

#: Top-level domains we accept at the end of a spelled-out or bare domain ("ee" for linktr.ee,
#: the page of links children put in their profiles).
TOP_LEVEL_DOMAINS = ("com", "net", "org", "info", "io", "co", "uk", "dk", "no", "fr", "se", "de", "eu", "be",
                     "ch", "nl", "me", "tv", "app", "gg", "ly", "be", "us", "ca", "xyz", "online", "site",
                     "blog", "biz", "edu", "gov", "ac", "ee",
                     # r9: the countries families in the program write from as well ("wp dot pl").
                     "pl", "es", "pt", "fi", "ie",
                     # r16: Google's short links for shared albums ("photos.app.goo.gl/…").
                     "gl",
                     # r17: a mail provider abroad ("hax0r666@mail.ru").
                     "ru")

#: Mail providers children name without a top-level domain ("emma at gmail").
MAIL_PROVIDERS = ("gmail", "googlemail", "hotmail", "outlook", "live", "yahoo", "icloud", "msn", "aol",
                  "proton", "protonmail", "gmx", "orange", "free", "laposte", "sfr", "wanadoo", "online",
                  "jubii", "mail") + all_contact_words("split_mail_providers")

#: Providers whose name is never an ordinary word ("free", "live", "orange" and "online" are,
#: so they count only with their domain: "free.fr", "online.no").
_UNMISTAKABLE_PROVIDERS = ("gmail", "googlemail", "hotmail", "outlook", "yahoo", "icloud", "msn", "aol",
                           "protonmail", "gmx", "laposte", "wanadoo", "jubii")
#: The shorter list for domains spelled out without an "at": "point de vue" and "dot me"
#: are ordinary phrases, "point com" and "punktum dk" are not.
SPELLED_TOP_LEVEL_DOMAINS = ("com", "net", "org", "info", "io", "uk", "dk", "no", "fr", "se", "eu",
                             # r22: personal pages on carrd ("ghost-girl-13 dot carrd dot co"); "co" is no word.
                             "co")

_LABEL = r"[a-z0-9](?:[a-z0-9_-]{0,62}[a-z0-9])?"
_DOT = (rf"(?:\.|\s+\.\s+|\s+\.(?=[a-z])|\s*[(\[{{<]\s*(?:{alternation(DOT_WORDS)}|\.)\s*[)\]}}>]\s*"
        rf"|\s+{alternation(DOT_WORDS)}\s+)")
_TLD = alternation(TOP_LEVEL_DOMAINS)
_AT = (rf"(?:\s*@\s*|\s*[(\[{{<]\s*(?:@|at|{alternation(AT_WORDS + BRACKETED_AT_WORDS)})\s*[)\]}}>]\s*"
       rf"|\s+{alternation(AT_WORDS)}\s+|\s*-\s*{alternation(AT_WORDS)}\s*-\s*)")
# Spelled out, the digits at the end of a name are often set apart by a space: "lily dot
# hart 11 at outlook dot com", "freja punktum holm 12 snabel-a hotmail punktum dk".
# Only a name spelled out in pieces may end so: "were 12 at free swim" is a count.
# The "_" may be spelled in brackets as the "@" and "." are: "archie (underscore) rose (at) gmail . com" (r20).
_UNDERSCORE = (rf"(?:\s+{alternation(UNDERSCORE_WORDS)}\s+"
               rf"|\s*[(\[{{]\s*(?:{alternation(UNDERSCORE_WORDS)}|_)\s*[)\]}}]\s*)")
_LOCAL = with_name_letters(rf"[a-z0-9_+-](?:[a-z0-9_+-]|\.(?=[a-z0-9_+-]))*"
                           rf"(?:(?:(?:{_DOT}|{_UNDERSCORE})[a-z0-9_+-]+)+(?:\s+\d{{1,4}})?)?")
# A local part that could not be an ordinary word: it has a digit, dot or underscore in it.
_HANDLE_LIKE_LOCAL = with_name_letters(r"(?=[a-z0-9_+-]*[0-9._])[a-z0-9_+-](?:[a-z0-9_+-]|\.(?=[a-z0-9_+-]))*")
_PROVIDER = alternation(MAIL_PROVIDERS)
# After a provider, its domain may be written without the dot: "at gmail com", "på hotmail dk".
# Or glued to it, the dot forgotten: "@gmailcom", "på hotmaildk" (r20).
_PROVIDER_DOMAIN = rf"(?:{_DOT}{_TLD}|\s+{alternation(SPELLED_TOP_LEVEL_DOMAINS)}(?!\w)|{alternation(SPELLED_TOP_LEVEL_DOMAINS)}(?!\w))?"
# A provider may be written in two pieces and still end in its domain: "g mail point com".
_DOMAIN = rf"(?:(?:{_LABEL}{_DOT})+{_TLD}|{_PROVIDER}{_PROVIDER_DOMAIN})"
_END = r"(?![\w@])(?!\.[a-z0-9])"
EMAIL_RE = compile_folded(rf"(?<![\w.@]){_LOCAL}{_AT}{_DOMAIN}{_END}")
# "emma at gmail", "jake dot turner at hotmail dot com": a plain "at" needs a mail provider
# after it, or a local part no English word looks like ("noah.b at live.dk").
# "clara.dupuis sur gmail", "ida.k på hotmail": a preposition for "at" only with a handle-like name.
# "ida.k hotmail.com", "noah_b12 gmail dot com": a dotted name and a provider with its domain, no "at" at all.
PREPOSITION_AT_EMAIL_RE = compile_folded(
    rf"(?<![\w.@]){_HANDLE_LIKE_LOCAL}(?:\s+(?:sur|på|on|chez)\s+{_PROVIDER}{_PROVIDER_DOMAIN}"
    rf"|\s+{_PROVIDER}(?:{_DOT}{_TLD}|\s+{alternation(SPELLED_TOP_LEVEL_DOMAINS)}(?!\w))){_END}")
#: Small numbers as words in every language, for a name spelled out with its number set apart
#: ("nora punktum bakke ti på icloud punktum com").
_NUMBER_WORDS = alternation(
    word for language in ("en", "da", "nb", "fr") for key in ("number_units", "number_teens")
    for word in contact_words(language, key)
)
# "nora punktum bakke ti på icloud punktum com": a name spelled out with "dot" words, then a
# preposition for "at" and a provider. The spelled dots make it a name, not a phrase.
SPELLED_PREPOSITION_EMAIL_RE = compile_folded(
    rf"(?<![\w.@])[a-z0-9_+-]+(?:\s+{alternation(DOT_WORDS)}\s+[a-z0-9_+-]+)+(?:\s+(?:\d{{1,4}}|{_NUMBER_WORDS}))?"
    rf"\s+(?:sur|på|on|chez)\s+{_PROVIDER}{_PROVIDER_DOMAIN}{_END}"
)
# "my gmail is rosie.plays2013": the provider named first, then the name.
NAMED_PROVIDER_EMAIL_RE = compile_folded(
    rf"(?<!\w)(?:my|mon|ma|min|mit|mitt)\s+(?:{_PROVIDER}|e-?mail|mailadresse|epost|e-post)\s*(?:is|er|c'est|est|:)\s*"
    rf"(?P<local>{_HANDLE_LIKE_LOCAL}){_END}"
)
# "dragonboy 11 at outlook dot com": a name, its digits set apart, a plain "at" and a mail
# provider with its domain (r7). The provider and domain make it an address, not a count.
_NAME_DIGITS_AT_PROVIDER_RE = compile_folded(
    rf"(?<![\w.@])[a-z][a-z0-9_.+-]*\s+\d{{1,4}}\s+at\s+{_PROVIDER}{_DOT}{_TLD}{_END}"
)
# The name before a plain "at" has a letter: "12 at free swim" and "3 at live music" are counts.
# A name spelled with "dot" words is a name, so any domain may follow its "at" (r9): "kasia dot nowak 78
# at wp dot pl".
_SPELLED_LOCAL = (rf"[a-z0-9_+-]+(?:\s+{alternation(DOT_WORDS)}\s+[a-z0-9_+-]+)+(?:\s+\d{{1,4}})?")
PLAIN_AT_EMAIL_RE = compile_folded(
    rf"(?<![\w.@])(?=[\w.+-]*[a-z])(?:{_LOCAL}\s+at\s+{_PROVIDER}(?:(?:{_DOT}{_LABEL})+|{_PROVIDER_DOMAIN})|{_HANDLE_LIKE_LOCAL}\s+at\s+{_DOMAIN}"
    rf"|{_SPELLED_LOCAL}\s+at\s+{_LABEL}{_DOT}{_TLD}){_END}"
)

_PATH = r"(?:/[^\s<>\"']*)?"
#: A game server's port after its host: "play.examplecraft.net:25565" (r22).
_PORT = r"(?::\d{2,5}(?!\d))?"
#: The code of a short link: letters and digits mixed, five or more (r20).
_SHORT_LINK_CODE = r"(?=[a-z]*\d)(?=\d*[a-z])[a-z0-9]{5,}(?![\w/])"
#: A path that says "page": a slash, then a letter or digit and more of a path, two characters at
#: least ("kahoot.it/challenge/0498213", "is.gd/theoSky", "kahoot.it/?pin=5539"; r22).
_PAGE_PATH = r"/\??[a-z0-9][^\s<>\"']+"
#: After a spelled-out "slash", the name of the page: "@zoe", or an at-word and up to three words
#: ("yt dot com slash at marcus j photo", "yt prik com skråstreg snabel-a lukas natfoto"; r22).
_SPELLED_PAGE = (rf"(?:\s+{alternation(SLASH_WORDS)}\s+(?:(?:at|{alternation(AT_WORDS)})\s+[a-z0-9_.-]+(?:\s+[a-z0-9_.-]+){{0,2}}"
                 rf"|@?[\w.-]+))*")
URL_RE = compile_folded(
    rf"(?:\bhttps?://[^\s<>\"']+"
    rf"|\bwww\d?\.[^\s<>\"']+"
    rf"|(?<![\w@./-])(?:{_LABEL}\.)+{_TLD}(?![\w-]){_PORT}{_PATH}"
    # A short link of any ending with its code after it: "pin.it/5Zk9aBr", "forms.gle/9StRx3wMn" (r20).
    rf"|(?<![\w@./-])(?:{_LABEL}\.)+[a-z]{{2,4}}/{_SHORT_LINK_CODE}"
    # A host of any ending with a page after it (r22): a link to a page ("kahoot.it/challenge/…",
    # "anchor.fm/teen-talks-tia", "vm.tiktok.example/ZMskiboy"). The ending is letters only, so
    # "3.5/5" is a mark; "lake.It/…" is two sentences (find_urls).
    rf"|(?<![\w@./-])(?:{_LABEL}\.)+[a-z]{{2,10}}{_PORT}{_PAGE_PATH}"
    rf"|(?<![\w@.])(?:{_LABEL}\s+{alternation(DOT_WORDS)}\s+)+{alternation(SPELLED_TOP_LEVEL_DOMAINS)}(?!\w)"
    rf"{_SPELLED_PAGE})"
)


def _trim_trailing_punctuation(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1] in ".,;:!?)]}'\"»":
        if text[end - 1] == ")" and text.count("(", start, end) >= text.count(")", start, end):
            break
        end -= 1
    return end


# Each pattern below can only match around a short *hint*: EMAIL_RE around an "@", a
# bracketed "at" or a spelled-out at-word ("snabel-a"), PLAIN_AT_EMAIL_RE around the word
# "at", URL_RE around "http", "www", a dot right before a letter (every top-level domain is
# letters) or a spelled-out "dot". Finding the hints is one quick scan; the patterns
# themselves, which try every position they are given, then read only near each hint.
# The at-words as prefix trees: as flat alternatives they were tried one by one at every
# character of every letter (a third of a millisecond of a 1,700-character letter).
_EMAIL_HINT_RE = compile_folded(
    rf"@|[(\[{{<]\s*(?:at|{alternation(BRACKETED_AT_WORDS)})\s*[)\]}}>]|{alternation(AT_WORDS)}")
_FOLDED_DOT_WORDS = tuple({f" {fold(word)} " for word in DOT_WORDS})
_FOLDED_PROVIDERS = tuple({fold(provider).split()[0] for provider in MAIL_PROVIDERS})
_PLAIN_AT_HINT_RE = re.compile(r"(?<!\w)at(?!\w)")
_URL_HINT_RE = compile_folded(rf"https?:|www|\.[a-z]|(?<!\w){alternation(DOT_WORDS)}(?!\w)")
#: How far an e-mail or a link may reach on either side of its hint, in characters.
_REACH = 160


def _windows(folded: str, hint_re: re.Pattern) -> Iterator[tuple[int, int]]:
    """Yield [start, end) stretches of `folded` within _REACH of a hint, neighbours merged."""
    window: tuple[int, int] | None = None
    for hint in hint_re.finditer(folded):
        start, end = max(0, hint.start() - _REACH), min(len(folded), hint.end() + _REACH)
        if window and start <= window[1]:
            window = (window[0], end)
            continue
        if window:
            yield window
        window = (start, end)
    if window:
        yield window


def _matches_near(pattern: re.Pattern, folded: str, hint_re: re.Pattern) -> Iterator[re.Match]:
    """Yield the matches `pattern.finditer(folded)` gives near a hint, read window by window.

    Precondition: every match of `pattern` holds a hint and reaches at most _REACH characters
    from it. A match that runs to a window's cut end is read again on the whole letter, so
    that what follows it (a word character or not) is seen as it is.
    """
    for start, end in _windows(folded, hint_re):
        for match in pattern.finditer(folded, start, end):
            if match.end() >= end and end < len(folded):
                match = pattern.match(folded, match.start())
                if match is None:
                    continue
            yield match


# "sofus 2012 @ hotmail . dk": a name, a space, then the digits that end it, right before an
# "@" written with spaces around it. The match starts at the digits; the name belongs to it.
_NAME_BEFORE_DIGITS_RE = re.compile(r"(?<![\w.@])[a-z][a-z0-9_.+-]*\s+\Z")
_DIGITS_THEN_SPACED_AT_RE = re.compile(r"\d{1,4}\s+@\s")


def _with_name_before_digits(folded: str, start: int) -> int:
    """Return `start`, moved back over the name of "name 2012 @ …" when the match begins at "2012 @ "."""
    if not _DIGITS_THEN_SPACED_AT_RE.match(folded, start):
        return start
    name = _NAME_BEFORE_DIGITS_RE.search(folded, max(0, start - 40), start)
    return name.start() if name else start


#: A spelling instruction right after an address ("(uden mellemrum)", "no spaces"): the words
#: before its "@" were typed with spaces, and one more of them belongs to the name (r9).
_SPACES_INSTRUCTION_RE = compile_folded(
    r"\s*[(,-]?\s*(?:" + alternation(all_contact_words("spelling_instructions")) + r")(?!\w)"
)
#: The word before the name, when it is a plain word and not the cue before the address
#: ("skriv til mig på frida larsen [snabel-a] …": "frida", not "på").
_WORD_BEFORE_NAME_RE = compile_folded(r"(?<![\w.@])(?P<word>[a-z][a-z'-]{1,20})\s+\Z")
#: Those cue words are every language's `not_a_name_words`, folded.
_NOT_A_NAME_WORD = frozenset(fold(word) for word in all_contact_words("not_a_name_words"))


def _with_spaced_name(folded: str, start: int, end: int) -> int:
    """Return `start`, moved back over one plain word when the address is followed by an instruction
    to leave out its spaces: "frida larsen [snabel-a] hotmail [punktum] dk (uden mellemrum)"."""
    if not _SPACES_INSTRUCTION_RE.match(folded, end):
        return start
    word = _WORD_BEFORE_NAME_RE.search(folded, max(0, start - 25), start)
    return word.start() if word and word.group("word") not in _NOT_A_NAME_WORD else start


def find_emails(text: str, folded: str) -> Iterator[tuple[int, int]]:
    """Yield the [start, end) spans of `folded` (the folded `text`) that hold an e-mail address.

    Spans may overlap; the engine merges them. A name glued to its digits by a pictograph
    ("lucy💕2012@gmail.com") is taken whole (r22).
    """
    for start, end in _emails(text, folded):
        yield _with_name_across_pictograph(folded, start), _with_an_addition_to_the_name(folded, start, end)


#: "… example.dk men med "2012" efter anton": what to add (quoted, or digits) and where, naming a
#: word of the address itself. The instruction is part of the address: without it the address
#: a coordinator holds is wrong (r22).
_ADDITION_RE = compile_folded(
    rf"\s*,?\s+{alternation(all_contact_words('mail_addition_openers'))}\s+(?:[\"“«']\s*[^\s\"”»']{{1,15}}\s*[\"”»']|\d{{1,4}})"
    rf"\s+{alternation(all_contact_words('mail_addition_places'))}\s+(?P<word>[a-z0-9_.-]{{2,30}})(?!\w)"
)


def _with_an_addition_to_the_name(folded: str, start: int, end: int) -> int:
    """Return `end`, moved past an instruction that adds to the name of the address at [start, end)."""
    addition = _ADDITION_RE.match(folded, end)
    if addition and addition.group("word") in folded[start:end]:
        return addition.end()
    return end


def _emails(text: str, folded: str) -> Iterator[tuple[int, int]]:
    for pattern, hint_re in ((EMAIL_RE, _EMAIL_HINT_RE), (PLAIN_AT_EMAIL_RE, _PLAIN_AT_HINT_RE)):
        for match in _matches_near(pattern, folded, hint_re):
            if pattern is EMAIL_RE and _handle_on_a_platform(folded, match.start(), match.end()):
                continue
            yield _with_spaced_name(folded, _with_name_before_digits(folded, match.start()), match.end()), match.end()
    # The pattern holds a provider's name, so a letter naming none is not scanned.
    named_provider = any(provider in folded for provider in _FOLDED_PROVIDERS)
    for match in PREPOSITION_AT_EMAIL_RE.finditer(folded) if named_provider else ():
        yield match.start(), match.end()
    if " at " in folded:
        for match in _NAME_DIGITS_AT_PROVIDER_RE.finditer(folded):
            yield match.start(), match.end()
    for match in NAMED_PROVIDER_EMAIL_RE.finditer(folded):
        yield match.start("local"), match.end("local")
    # A name spelled with dot words needs a dot word and a provider: quick substring looks
    # first, then the pattern only around each dot word.
    if named_provider:
        yield from _spelled_preposition_emails(folded)
    yield from _names_told_apart_from_their_domain(text, folded)
    if "@ " in folded:
        yield from _letter_spaced_emails(folded)
    if "@" in folded:
        yield from _reversed_emails(folded)
        yield from _emails_of_any_ending(text, folded)
    if "@" in folded and "+" in folded:
        yield from _names_told_with_a_plus(folded)
    yield from _spelled_out_addresses(text, folded)
    if ", " in folded:
        yield from _comma_spelled_emails(folded)


#: An address written backwards to pass a filter: "moc.liamg@31nosaj" is jason13@gmail.com (r20).
#: Read backwards, the part before the "@" must be a mail provider and a top-level domain.
_REVERSED_EMAIL_RE = re.compile(r"(?<![\w.@])(?P<domain>[a-z]{2,4}(?:\.[a-z0-9-]+)+)@[a-z0-9_.+-]*[a-z0-9](?![\w@])")
_REVERSED_PROVIDERS = frozenset(fold(provider)[::-1] for provider in MAIL_PROVIDERS)


#: Read backwards, an ending no word starts with a dot: "moc.", "on.", "kd." (r22).
_REVERSED_COMMON_ENDINGS = frozenset(tld[::-1] for tld in ("com", "net", "org", "dk", "no", "fr", "uk", "se", "de"))


def _reversed_emails(folded: str) -> Iterator[tuple[int, int]]:
    """Yield addresses written backwards: the provider reversed ("moc.liamg@…"), or, since r22, any
    host of letters behind a common ending reversed ("moc.elpmaxe@yelsniak", "on.elpmaxe@eninots")."""
    for match in _REVERSED_EMAIL_RE.finditer(folded):
        labels = match.group("domain").split(".")
        if labels[0][::-1] in TOP_LEVEL_DOMAINS and labels[-1] in _REVERSED_PROVIDERS:
            yield match.span()
        elif labels[0] in _REVERSED_COMMON_ENDINGS and labels[-1].isalpha() and len(labels[-1]) >= 3:
            yield match.span()


# ---------------------------------------------------------------- any ending behind a written "@" (r22)
#: "hilary.mentor@letterbox.example", "leo_nightsky@@example.com": a name glued to an "@" (typed
#: twice by mistake, at most) and a host of any ending in letters. Nothing but an address is
#: written so, whatever its ending (new endings such as ".shop" or ".email" are many).
_ANY_ENDING_EMAIL_RE = compile_folded(with_name_letters(
    rf"(?<![\w.@])[a-z0-9_+-](?:[a-z0-9_+-]|\.(?=[a-z0-9_+-]))*@@?(?:{_LABEL}\.)+[a-z]{{2,24}}{_END}"
))


def _emails_of_any_ending(text: str, folded: str) -> Iterator[tuple[int, int]]:
    """Yield name@host.ending addresses of any ending (precondition: "@" is in `folded`), except
    a sentence run into the next one ("me@home.Then")."""
    for match in _ANY_ENDING_EMAIL_RE.finditer(folded):
        if not runs_sentences_together(text, *match.span()):
            yield match.span()


# ---------------------------------------------------------------- a name and what to add to it (r22)
#: "poppy + the year I was born (2014) @example.com", "pil + det år jeg blev født (2013) @example.dk":
#: a name, a "+", a few words saying what follows it (a number in brackets at most), then the "@"
#: glued to a host with its dot. The "+" and the glued host say it is one address.
_NAME_PLUS_EMAIL_RE = compile_folded(with_name_letters(
    rf"(?<![\w.@+])[a-z][a-z0-9_.-]*\s*\+\s*(?:[^\s@+]+\s+){{0,8}}?(?:\(\d{{1,4}}\)\s*)?@(?:{_LABEL}\.)+[a-z]{{2,24}}{_END}"
))


def _names_told_with_a_plus(folded: str) -> Iterator[tuple[int, int]]:
    """Yield "name + what to add @host.ending" (precondition: "@" and "+" are in `folded`)."""
    for match in _NAME_PLUS_EMAIL_RE.finditer(folded):
        yield match.span()


# ---------------------------------------------------------------- a name glued across a pictograph (r22)
_NAME_CHAR_RE = re.compile(with_name_letters(r"[a-z0-9_.+-]"))


def _with_name_across_pictograph(folded: str, start: int) -> int:
    """Return `start`, moved back over "lucy💕" when the address starts right after a pictograph
    glued to a name: the heart is part of what the writer typed, the name before it too."""
    if start < 2 or folded[start - 1].isascii() or unicodedata.category(folded[start - 1]) != "So":
        return start
    position = start - 1
    while position > 0 and _NAME_CHAR_RE.match(folded[position - 1]):
        position -= 1
    return position if position < start - 1 else start


# ---------------------------------------------------------------- letters given one at a time with commas (r22)
#: "E, L, L, I, E, dot, G, R, A, N, T, at, example, dot, com": the name one character at a time
#: (three at least), the "@" and the dots as words, every piece set apart by a comma.
_HYPHEN_WORDS = all_contact_words("hyphen_words")
_COMMA_PIECE = rf"(?:[a-z0-9]|{alternation(DOT_WORDS + UNDERSCORE_WORDS + _HYPHEN_WORDS)}|[._-])"
_COMMA_SPELLED_EMAIL_RE = compile_folded(
    rf"(?<![\w,])(?:[a-z0-9], ){{3,}}(?:{_COMMA_PIECE}, ){{0,30}}(?:at|@|{alternation(AT_WORDS)}), "
    rf"[a-z0-9-]+(?:, (?:{alternation(DOT_WORDS)}|\.), (?P<tld>[a-z]{{2,6}}))+(?!\w)"
)
_COMMA_AT_HINT_RE = compile_folded(rf", (?:at|@|{alternation(AT_WORDS)}), ")


def _comma_spelled_emails(folded: str) -> Iterator[tuple[int, int]]:
    """Yield addresses spelled with commas between the pieces, ending in a known top-level domain."""
    if not _COMMA_AT_HINT_RE.search(folded):
        return
    for match in _COMMA_SPELLED_EMAIL_RE.finditer(folded):
        if match.group("tld") in TOP_LEVEL_DOMAINS:
            yield match.span()


# ---------------------------------------------------------------- a name typed as several words (r22)
_JOIN_WORDS = alternation(all_contact_words("mail_name_joins"))
_AT_DESCRIPTIONS = all_contact_words("at_descriptions")
#: The "@" that leaves no doubt: written ("@", "@ then"), in brackets, spelled ("snabel-a",
#: "krøllalfa", "arobase") or described ("the at sign", "le symbole arobase").
_STRONG_AT = (rf"@@?\s*(?:{_JOIN_WORDS}\s+)?|\s+@\s+(?:{_JOIN_WORDS}\s+)?"
              rf"|\s*[(\[{{<]\s*(?:@|at|{alternation(AT_WORDS + BRACKETED_AT_WORDS + _AT_DESCRIPTIONS)})\s*[)\]}}>]\s*"
              rf"|\s*,?\s+(?:{_JOIN_WORDS}\s+)?(?:{alternation(AT_WORDS + _AT_DESCRIPTIONS)})\s*,?\s+")
#: A plain "at" and the prepositions used for it ("chez", "på", "sur"): ordinary words, so the
#: host after them must say more (below).
_WEAK_AT = r"\s+(?:at|chez|på|sur)\s+"
_SPELLED_OUT_ADDRESS_RE = compile_folded(
    rf"(?:(?P<strong>{_STRONG_AT})|(?P<weak>{_WEAK_AT}))"
    rf"(?P<domain>(?:{_LABEL}{_DOT})+{_TLD}|{_PROVIDER}{_PROVIDER_DOMAIN}"
    rf"|(?P<spaced_ending>{_LABEL}\s+{alternation(SPELLED_TOP_LEVEL_DOMAINS)})){_END}"
)
#: A label of digits alone in a host: a time or a price ("5.30"), no host a child writes.
_A_NUMBER_LABEL_RE = re.compile(r"(?<![\w-])\d+(?![\w-])")
#: A host written as a plain domain ("example.com"), where the dots say nothing spelled out.
_PLAIN_HOST_RE = re.compile(r"[a-z0-9._-]+\Z")
#: The hints of such an address: a dot before a letter, a spaced dot, a dot word, a provider or
#: a spelled "@" (the pattern is read only near one, see _matches_near).
#: The providers that are ordinary words ("live", "free") hint at nothing: without a dot after
#: them they make no address here. Folded text is lower case, so no IGNORECASE (much faster).
_ADDRESS_HINT_RE = re.compile("".join(map(strip_accent,
    rf"@|\.[a-z]|\s\.\s|(?<!\w)(?:{alternation(DOT_WORDS + AT_WORDS + _UNMISTAKABLE_PROVIDERS)})(?!\w)")))


def _spelled_out_addresses(text: str, folded: str) -> Iterator[tuple[int, int]]:
    """Yield e-mail addresses whose name was typed as words, digits or letters apart.

    "molly x shelter at outlook dot com", "w i l l a punktum l a e s e r snabel a example
    punktum dk", "aksel og så 2013 snabel-a example punktum com", "jules 2012 chez hotmail point
    fr", "johan (snabel-a tegnet) example.dk", "ollie.birds@ then example.com". The "@" and the
    host are found first; the name is then read backwards from the "@" (_spelled_name_start).
    After a plain "at" or a preposition the host must be spelled out ("example dot com"), or
    an unmistakable provider with a digit in the name ("ghost girl 13 at gmail"), or the name
    must follow words that give an address ("mine is archie at example.co.uk").
    """
    # Read only near a hint: every match holds its host's dot, provider or spelled "@".
    for match in _matches_near(_SPELLED_OUT_ADDRESS_RE, folded, _ADDRESS_HINT_RE):
        domain = match.group("domain")
        if _A_NUMBER_LABEL_RE.search(domain):
            continue  # "see you at 5.30 . no rush": a time, not a host
        if folded.startswith("@", match.start()) and match.start() > 0 and folded[match.start() - 1].isspace():
            continue  # "abonne toi @manga.fr sur insta": an "@" glued to what follows and not to a name is a handle
        at_start = match.start()
        cue_end = _mail_cue_end(folded, at_start)
        if match.group("weak") is not None:
            if match.group("spaced_ending"):
                continue
            if "." not in domain and " " not in domain and "(" not in domain:
                # A provider alone: an unmistakable one, after a name with its number.
                if domain not in _UNMISTAKABLE_PROVIDERS:
                    continue
                start = cue_end if cue_end is not None else _spelled_name_start(folded, at_start)
                if start is None or not any(char.isdigit() for char in folded[start:at_start]):
                    continue
                yield start, match.end()
                continue
            if _PLAIN_HOST_RE.match(domain):
                # "look at chess.com" is a site: a plain host after a plain "at" needs words that give an address.
                if cue_end is None or _a_public_sites_name(folded, match.start("domain"), match.end()):
                    continue
                yield cue_end, match.end()
                continue
        start = cue_end if cue_end is not None else _spelled_name_start(folded, at_start)
        if start is None or start >= at_start:
            continue
        if cue_end is None and match.group("weak") is not None and not match.group("weak").strip() == "at" \
                and not _NAME_PIECE_INSIDE_RE.search(folded, start, at_start):
            # "gå ind på spoegelsespige-13 prik carrd prik co", "va sur …": a page one goes to, unless
            # the name before the preposition is typed in pieces ("tobias 2012 på hotmail prik dk").
            continue
        yield start, match.end()


#: Words that give an address before its name: a mail word and "is" ("my email is", "e-posten
#: min er", "mon mail c'est", "Mum's email:"), or an offer ("email me", "mine is", "min er").
_MAIL_GIVEN_RE = compile_folded(
    rf"(?<!\w)(?:{alternation(all_contact_words('mail_cues'))}(?:'s(?!\w)|(?:\s+(?:min|mit|mitt))?\s*(?:is|er|c'est|cest|est|=|:|,))"
    rf"|{alternation(all_contact_words('mail_offer_cues'))})(?!\w)[\s:!,-]*"
)
#: The name between those words and the "@": a few words, no end of a sentence among them.
_NAME_AFTER_CUE_RE = re.compile(r"(?:[^\s.,!?;:]+(?:[.,][^\s.,!?;:]+)*\s+){0,6}[^\s.,!?;:]+(?:[.,][^\s.,!?;:]+)*\s*\Z")
MAIL_CUE_REACH = 70


def _mail_cue_end(folded: str, at_start: int) -> int | None:
    """Return where the name starts when words that give an address stand before it, else None.

    The name runs from the end of the last such words within MAIL_CUE_REACH characters before
    the "@" at `at_start`, when it is at most seven words and holds no end of a sentence.
    """
    low = max(0, at_start - MAIL_CUE_REACH)
    last = None
    for cue in _MAIL_GIVEN_RE.finditer(folded, low, at_start):
        last = cue
    if last is None or last.end() >= at_start:
        return None
    if not _NAME_AFTER_CUE_RE.match(folded, last.end(), at_start):
        return None
    return last.end()


#: The pieces of a name typed apart: one letter or digit, digits, a dot, a dot, "_" or "-" word,
#: a word that joins ("then", "og så", "puis") or a small number word ("twenty ten").
_NAME_NUMBER_WORDS = tuple(
    word for language in ("en", "da", "nb", "fr") for key in ("number_units", "number_teens", "number_tens")
    for word in contact_words(language, key)
)
_NAME_PIECE_RE = compile_folded(
    rf"(?<![\w.@'’])(?:[a-z0-9]|\d{{1,4}}|(?<=\s)\.|{alternation(DOT_WORDS + UNDERSCORE_WORDS + _HYPHEN_WORDS + _NAME_NUMBER_WORDS)}"
    rf"|{_JOIN_WORDS}|[(\[]\s*{alternation(DOT_WORDS + UNDERSCORE_WORDS + _HYPHEN_WORDS)}\s*[)\]])\s*\Z"
)
_NAME_WORD_RE = re.compile(with_name_letters(r"(?<![\w.@'’])(?P<word>[a-z0-9](?:[a-z0-9_.+-]*[a-z0-9_])?)\s*\Z"))
#: A top-level domain ends the address before, never starts a name ("… dot com daniel underscore t at …").
_ENDING_WORDS = frozenset(SPELLED_TOP_LEVEL_DOMAINS)
#: At most this many plain words in a row in a name typed apart ("ghost girl 13", "loup garou").
NAME_WORDS_IN_A_ROW = 2
#: A piece that only a name typed apart holds: a digit, a lone letter, a dot, "_" or "-" word.
_NAME_PIECE_INSIDE_RE = compile_folded(
    rf"\d|(?<!\w)[a-z](?!\w)|\s\.\s|(?<!\w){alternation(DOT_WORDS + UNDERSCORE_WORDS + _HYPHEN_WORDS)}(?!\w)")
NAME_REACH = 60


def _spelled_name_start(folded: str, at_start: int) -> int | None:
    """Return where the name typed apart before the "@" at `at_start` starts, or None if none.

    Read backwards: pieces (_NAME_PIECE_RE) are taken as they come, plain words two in a row at
    most; a word that is never a name ("to", "my", "til", "sur": `not_a_name_words`) stops it,
    even when it is a piece in another language (Danish "to" is 2), and so does anything else
    (punctuation, a quote). Within NAME_REACH characters. A name glued to its "@" is one word.
    """
    position, in_a_row, start = at_start, 0, None
    low = max(0, at_start - NAME_REACH)
    if folded.startswith("@", at_start) and at_start > 0 and not folded[at_start - 1].isspace():
        # A name glued to its "@" is that one word ("ollie.birds@ then example.com").
        word = _NAME_WORD_RE.search(folded, low, at_start)
        return word.start() if word and word.end() == at_start and _A_LETTER_RE.search(word.group()) else None
    while position > low:
        piece = _NAME_PIECE_RE.search(folded, low, position)
        if piece and piece.group().strip() not in _NOT_A_NAME_WORD:
            position, in_a_row, start = piece.start(), 0, piece.start()
            continue
        word = _NAME_WORD_RE.search(folded, low, position)
        if (not word or word.group("word") in _NOT_A_NAME_WORD or word.group("word") in _ENDING_WORDS
                or in_a_row >= NAME_WORDS_IN_A_ROW):
            break
        position, in_a_row, start = word.start(), in_a_row + 1, word.start()
    if start is None or not _A_LETTER_RE.search(folded, start, at_start):
        return None
    return start


# ---------------------------------------------------------------- an address spelled one character at a time (r16)
#: "r o s a . b e a t s @ g m a i l . c o m", "c l a r a 1 1 @ gmail . com": the name one character
#: at a time (three at least), an "@" set apart, and a domain spelled so or written whole, with a dot.
_SPACED_LABEL = r"(?:(?:[a-z0-9-] )+[a-z0-9-]|[a-z0-9-]+)"
_LETTER_SPACED_EMAIL_RE = re.compile(
    rf"(?<![\w@.])(?P<name>(?:[a-z0-9._-] ){{3,}})@ ?{_SPACED_LABEL}(?: ?\. ?{_SPACED_LABEL})*? ?\. ?(?P<tld>{_SPACED_LABEL})(?![\w@])"
)


def _letter_spaced_emails(folded: str) -> Iterator[tuple[int, int]]:
    """Yield addresses spelled one character at a time whose name has three letters and whose
    domain ends in a known top-level domain ("1 2 3 @ home . yes" is a sum, not an address)."""
    for match in _LETTER_SPACED_EMAIL_RE.finditer(folded):
        letters = sum(char.isalpha() for char in match.group("name"))
        if letters >= 3 and match.group("tld").replace(" ", "") in TOP_LEVEL_DOMAINS:
            yield match.span()


# ---------------------------------------------------------------- a name and its domain told apart (r11)
#: What gives the domain of an address whose name came first: "@hotmail.com", "@ yahoo",
#: "arobase free.fr", "krøllalfa", "gmail", "online.no". An "@" glued to a word or a slash
#: belongs to a whole address or a link ("youtube.com/@name").
_DOMAIN_PART_RE = compile_folded(
    # An "@" glued to a name that is no mail domain starts a handle ("min insta @sofiepixelkunst",
    # "my acc is @its.nadia.k"), not the domain of the name before it (r14).
    rf"(?<![\w/.])@(?=\s|{alternation(MAIL_PROVIDERS)}|[\w.-]*\.{_TLD}(?!\w))|(?<!\w)(?:{alternation(AT_WORDS)}|{alternation(_UNMISTAKABLE_PROVIDERS + all_contact_words('split_mail_providers'))}"
    rf"|{alternation(MAIL_PROVIDERS)}\.{_TLD})(?!\w)"
)
#: A name no ordinary word looks like: a letter, and a digit, dot or underscore inside
#: (_no_ordinary_word). The look-ahead passes over a word without any of the three at once,
#: which finditer would otherwise match only for the test to throw it away.
_TOLD_APART_NAME_RE = re.compile(r"(?<![\w.@/])(?=[a-z0-9_+.-]*[0-9_.])[a-z0-9_+-]+(?:\.[a-z0-9_+-]+)*(?![\w@/]|\.\w)")
_NOT_A_WORD_RE = re.compile(r"[0-9_.]")
_A_LETTER_RE = re.compile(r"[a-z]")
_MAIL_CUE_RE = compile_folded(rf"(?<!\w){alternation(all_contact_words('mail_cues'))}(?!\w)")
#: The domain may follow the name this far when a mail word stands before the name …
DOMAIN_AFTER_NAMED = 300
#: … and this far when nothing names the address ("ines.lecture (et ensuite @free.fr").
DOMAIN_AFTER_UNNAMED = 40
MAIL_CUE_BEFORE = 70


def _names_told_apart_from_their_domain(text: str, folded: str) -> Iterator[tuple[int, int]]:
    """Yield the name of an e-mail address written apart from its domain.

    "its bookworm.izzy\nand then its @icloud.com", "mailen min er sigrid_lofoten, den er på
    outlook", "mon adresse mail commence par nathan.dragon … (a paragraph) … la fin de
    l'adresse c'est @orange.fr". The name has a digit, dot or underscore in it, and the domain
    part (an "@", an at-word, an unmistakable provider, or a provider with its domain) follows
    within `DOMAIN_AFTER_UNNAMED` characters, or within `DOMAIN_AFTER_NAMED` when a mail word
    (`mail_cues`) stands before the name. Two sentences run together ("laptop.It has
    Outlook") are not a name.
    """
    # The names first: most letters hold none, and then the domain parts are not looked for.
    names = [match.span() for match in _TOLD_APART_NAME_RE.finditer(folded)
             if _no_ordinary_word(match.group()) and not runs_sentences_together(text, *match.span())]
    if not names:
        return
    domains = list(_DOMAIN_PART_RE.finditer(folded))
    if not domains:
        return
    for index, (start, end) in enumerate(names):
        domain = next((match for match in domains if match.start() >= end), None)
        if domain is None:
            break
        if index + 1 < len(names) and names[index + 1][0] < domain.start():
            continue  # another name stands nearer the domain
        gap = domain.start() - end
        if gap <= DOMAIN_AFTER_UNNAMED:
            # Close by, the words between ("og så på gmail") are hidden with the name.
            yield start, domain.end()
        elif gap <= DOMAIN_AFTER_NAMED and _MAIL_CUE_RE.search(folded, max(0, start - MAIL_CUE_BEFORE), start):
            yield start, end


def _no_ordinary_word(token: str) -> bool:
    return bool(_A_LETTER_RE.search(token) and _NOT_A_WORD_RE.search(token))


#: "følg mig @emmaaa.dk på tiktok": a word, a space, "@" glued to a dotted name, then the
#: platform it lives on. That is a handle, not the e-mail "mig@emmaaa.dk" (r7).
_SPACE_THEN_AT_RE = re.compile(r"[^\s@]+\s+@(?=\S)")
_ON_A_PLATFORM_RE = compile_folded(
    rf"\s+(?:on|pa|sur|i|in|via)\s+{alternation(all_contact_words('platforms') + all_contact_words('game_platforms'))}(?!\w)"
)


def _handle_on_a_platform(folded: str, start: int, end: int) -> bool:
    """True if the e-mail-shaped match at [start, end) is "word @name.tld on <platform>"."""
    return bool(_SPACE_THEN_AT_RE.match(folded, start, end) and _ON_A_PLATFORM_RE.match(folded, end))


def _spelled_preposition_emails(folded: str) -> Iterator[tuple[int, int]]:
    """Yield "nora punktum bakke ti på icloud punktum com" e-mails, read only near a dot word."""
    places = sorted(
        position for word in _FOLDED_DOT_WORDS for position in _find_all(folded, word)
    )
    searched_to = 0
    for position in places:
        if position < searched_to:
            continue
        low, high = max(searched_to, position - 40), min(len(folded), position + _REACH)
        for match in SPELLED_PREPOSITION_EMAIL_RE.finditer(folded, low, high):
            if match.end() >= high and high < len(folded):
                match = SPELLED_PREPOSITION_EMAIL_RE.match(folded, match.start()) or match
            searched_to = max(searched_to, match.end())
            yield match.start(), match.end()
        searched_to = max(searched_to, position + 1)


def _find_all(text: str, word: str) -> Iterator[int]:
    """Yield every offset of `word` in `text` (a plain substring search, much cheaper than a regex scan)."""
    position = text.find(word)
    while position >= 0:
        yield position
        position = text.find(word, position + 1)


# "at the lake.It was", "hjemme.No", "chez moi.Le": a full stop with its space forgotten,
# then a capitalised word. A real bare domain is written in lower case (or all capitals).
_MISSING_SPACE_RE = re.compile(r"[^\W\d_]*[a-zæøåéèàç]\.[A-ZÆØÅÉÈÀ][a-zæøåéèàç]*\Z")


_HOST_END_RE = re.compile(r"[/:]")
_KNOWN_TLD_HOST_RE = compile_folded(rf"(?:[^./:]*\.)+{_TLD}\Z")


#: Endings of file names, never of a host a child links to ("essay.docx/old", "song.mp3/…").
_FILE_ENDINGS = frozenset(("doc", "docx", "pdf", "jpg", "jpeg", "png", "gif", "txt", "mp3", "mp4", "mov", "wav", "exe",
                           "zip", "ppt", "pptx", "xls", "xlsx", "csv", "odt", "py", "js", "htm", "html", "psd", "heic"))
#: A path that reads as a page, not a word after a slash: a digit, a capital, "-", "_", "?", "="
#: or a second segment ("kahoot.it/challenge/…", "is.gd/theoSky", "anchor.fm/teen-talks").
_PAGE_LIKE_PATH_RE = re.compile(r"[0-9A-Z_?=-]|/[^/]+/")


def _not_a_page(text: str, start: int, end: int) -> bool:
    """True if the link at [start, end) has a host of an unknown ending and is no page (r22).

    Hosts of a known ending keep the older tests. For any other ending, "lake.It/…" or
    "done.Then/…" (a capital after a dot) are sentences run together, a file's ending is a file,
    and "ok.bye/see" (a short first label and one plain word after the slash) is chat.
    """
    host_end = _HOST_END_RE.search(text, start, end)
    host_end = host_end.start() if host_end else end
    host = fold(text[start:host_end])
    if _KNOWN_TLD_HOST_RE.match(host):
        return False
    labels = host.split(".")
    if runs_sentences_together(text, start, host_end) or labels[-1] in _FILE_ENDINGS:
        return True
    return len(labels) == 2 and len(labels[0]) < 4 and not _PAGE_LIKE_PATH_RE.search(text, host_end, end)


def find_urls(text: str, folded: str) -> Iterator[tuple[int, int]]:
    for match in _matches_near(URL_RE, folded, _URL_HINT_RE):
        end = _trim_trailing_punctuation(text, match.start(), match.end())
        if end > match.start() and not _MISSING_SPACE_RE.match(text, match.start(), end):
            if _a_public_sites_name(folded, match.start(), end) or _not_a_page(text, match.start(), end):
                continue
            yield match.start(), end
    if "h t t p" in folded:
        yield from _letter_spaced_links(folded)
    if " . " in folded:
        yield from _space_dotted_hosts(folded)


# ---------------------------------------------------------------- links written with spaces (r22)
#: "h t t p s : / / bit . ly / harrypics", written so that the letter does not make it a link:
#: the scheme spelled one letter at a time, then a host of two labels or more with spaced dots
#: (any ending: the scheme says it is a link) and spaced slashes before the words of the path.
_LETTER_SPACED_LINK_RE = re.compile(
    r"(?<!\w)h ?t ?t ?p ?s? ?: ?/ ?/ ?[a-z0-9-]+(?: \. |\.)[a-z0-9-]+(?:(?: \. |\.)[a-z0-9-]+)*(?: / |/)?(?:[a-z0-9_-]+(?: / |/))*[a-z0-9_-]*"
)


def _letter_spaced_links(folded: str) -> Iterator[tuple[int, int]]:
    """Yield links whose scheme is spelled "h t t p s : / /" (precondition: "h t t p" is in `folded`)."""
    for match in _LETTER_SPACED_LINK_RE.finditer(folded):
        yield match.span()


#: "wrenblog . example . net", "gaerdesmutteblog . example . net": a host of three labels or more
#: with a space on each side of its dots and a known ending. Two labels are not enough: "ok . no"
#: and "the end . me" are sentences.
_SPACE_DOTTED_HOST_RE = compile_folded(
    rf"(?<![\w.@])[a-z][a-z0-9-]{{2,62}}(?: \. {_LABEL}){{1,3}} \. {alternation(SPELLED_TOP_LEVEL_DOMAINS)}{_END}"
)


def _space_dotted_hosts(folded: str) -> Iterator[tuple[int, int]]:
    """Yield hosts written with spaced dots (precondition: " . " is in `folded`)."""
    for match in _SPACE_DOTTED_HOST_RE.finditer(folded):
        yield match.span()


#: A bare domain that is a public site's name ("dr.dk", "Finn.no", "Chess.com", "roblox.com"):
#: a site a child mentions, not a page of their own (r7). Either a platform or game of the
#: lexicon's lists with its domain, or one of each country's `public_sites` (broadcasters,
#: classifieds, libraries), like the public helplines of `public_numbers`.
_BARE_DOMAIN_RE = re.compile(r"([a-z0-9-]+)\.([a-z]{2,3})\Z")
_PLATFORM_LABELS = frozenset(
    fold(name).replace(" ", "") for name in all_contact_words("platforms") + all_contact_words("game_platforms")
)
_PUBLIC_SITES = frozenset(fold(site) for site in all_contact_words("public_sites"))
#: "my site is …", "min blog", "notre page": words that make a site the writer's own
#: (`own_site_words` of each lexicon).
_OWN_SITE_RE = compile_folded(r"(?<!\w)" + alternation(all_contact_words("own_site_words")) + r"(?!\w)")


def _a_public_sites_name(folded: str, start: int, end: int) -> bool:
    """True for a bare public site's domain that nothing just before calls the writer's own."""
    domain = _BARE_DOMAIN_RE.match(folded, start, end)
    if not domain or not ({domain.group(1), domain.group()} & _PLATFORM_LABELS or domain.group() in _PUBLIC_SITES):
        return False
    return not _OWN_SITE_RE.search(folded, max(0, start - 25), start)
