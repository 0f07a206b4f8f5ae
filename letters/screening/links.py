"""E-mail addresses and links, including "at" and "dot" spelled out in the four languages."""

from __future__ import annotations

import re
from typing import Iterator

from letters.screening.contact_lexicon import all_contact_words
from letters.screening.text import alternation, compile_folded, strip_accent

#: Ways children write "@" and "." so that filters miss it, all languages together (from the
#: [contact] lists at_words and dot_words): the words are distinctive enough not to collide
#: with one another's ordinary vocabulary. A bare English "at" is handled apart, because
#: "my blog at example.com" is a link, not a mail.
AT_WORDS = all_contact_words("at_words")
DOT_WORDS = all_contact_words("dot_words")
#: "_" and "/" spelled out: "ruby underscore fox", "youtube point com slash @zoe".
UNDERSCORE_WORDS = all_contact_words("underscore_words")
SLASH_WORDS = all_contact_words("slash_words")

#: Top-level domains we accept at the end of a spelled-out or bare domain.
TOP_LEVEL_DOMAINS = ("com", "net", "org", "info", "io", "co", "uk", "dk", "no", "fr", "se", "de", "eu", "be",
                     "ch", "nl", "me", "tv", "app", "gg", "ly", "be", "us", "ca", "xyz", "online", "site",
                     "blog", "biz", "edu", "gov", "ac")

#: Mail providers children name without a top-level domain ("emma at gmail").
MAIL_PROVIDERS = ("gmail", "googlemail", "hotmail", "outlook", "live", "yahoo", "icloud", "msn", "aol",
                  "proton", "protonmail", "gmx", "orange", "free", "laposte", "sfr", "wanadoo", "online",
                  "jubii", "mail")

#: The shorter list for domains spelled out without an "at": "point de vue" and "dot me"
#: are ordinary phrases, "point com" and "punktum dk" are not.
SPELLED_TOP_LEVEL_DOMAINS = ("com", "net", "org", "info", "io", "uk", "dk", "no", "fr", "se", "eu")

_LABEL = r"[a-z0-9](?:[a-z0-9_-]{0,62}[a-z0-9])?"
_DOT = (rf"(?:\.|\s+\.\s+|\s*[(\[{{]\s*(?:{alternation(DOT_WORDS)}|\.)\s*[)\]}}]\s*"
        rf"|\s+{alternation(DOT_WORDS)}\s+)")
_TLD = alternation(TOP_LEVEL_DOMAINS)
_AT = (rf"(?:\s*@\s*|\s*[(\[{{<]\s*(?:@|at|{alternation(AT_WORDS)})\s*[)\]}}>]\s*"
       rf"|\s+{alternation(AT_WORDS)}\s+|\s*-\s*{alternation(AT_WORDS)}\s*-\s*)")
# Spelled out, the digits at the end of a name are often set apart by a space: "lily dot
# hart 11 at outlook dot com", "freja punktum holm 12 snabel-a hotmail punktum dk".
# Only a name spelled out in pieces may end so: "were 12 at free swim" is a count.
_LOCAL = (rf"[a-z0-9_+-](?:[a-z0-9_+-]|\.(?=[a-z0-9_+-]))*"
          rf"(?:(?:(?:{_DOT}|\s+{alternation(UNDERSCORE_WORDS)}\s+)[a-z0-9_+-]+)+(?:\s+\d{{1,4}})?)?")
# A local part that could not be an ordinary word: it has a digit, dot or underscore in it.
_HANDLE_LIKE_LOCAL = r"(?=[a-z0-9_+-]*[0-9._])[a-z0-9_+-](?:[a-z0-9_+-]|\.(?=[a-z0-9_+-]))*"
_PROVIDER = alternation(MAIL_PROVIDERS)
_DOMAIN = rf"(?:(?:{_LABEL}{_DOT})+{_TLD}|{_PROVIDER})"
_END = r"(?![\w@])(?!\.[a-z0-9])"
EMAIL_RE = compile_folded(rf"(?<![\w.@]){_LOCAL}{_AT}{_DOMAIN}{_END}")
# "emma at gmail", "jake dot turner at hotmail dot com": a plain "at" needs a mail provider
# after it, or a local part no English word looks like ("noah.b at live.dk").
# "clara.dupuis sur gmail", "ida.k på hotmail": a preposition for "at" only with a handle-like name.
PREPOSITION_AT_EMAIL_RE = compile_folded(rf"(?<![\w.@]){_HANDLE_LIKE_LOCAL}\s+(?:sur|på|on|chez)\s+{_PROVIDER}{_END}")
# "my gmail is rosie.plays2013": the provider named first, then the name.
NAMED_PROVIDER_EMAIL_RE = compile_folded(
    rf"(?<!\w)(?:my|mon|ma|min|mit|mitt)\s+(?:{_PROVIDER}|e-?mail|mailadresse|epost|e-post)\s*(?:is|er|c'est|est|:)\s*"
    rf"(?P<local>{_HANDLE_LIKE_LOCAL}){_END}"
)
# The name before a plain "at" has a letter: "12 at free swim" and "3 at live music" are counts.
PLAIN_AT_EMAIL_RE = compile_folded(
    rf"(?<![\w.@])(?=[\w.+-]*[a-z])(?:{_LOCAL}\s+at\s+{_PROVIDER}(?:{_DOT}{_LABEL})*|{_HANDLE_LIKE_LOCAL}\s+at\s+{_DOMAIN}){_END}"
)

_PATH = r"(?:/[^\s<>\"']*)?"
URL_RE = compile_folded(
    rf"(?:\bhttps?://[^\s<>\"']+"
    rf"|\bwww\d?\.[^\s<>\"']+"
    rf"|(?<![\w@./-])(?:{_LABEL}\.)+{_TLD}(?![\w-]){_PATH}"
    rf"|(?<![\w@.])(?:{_LABEL}\s+{alternation(DOT_WORDS)}\s+)+{alternation(SPELLED_TOP_LEVEL_DOMAINS)}(?!\w)"
    rf"(?:\s+{alternation(SLASH_WORDS)}\s+@?[\w.-]+)*)"
)


def _trim_trailing_punctuation(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1] in ".,;:!?)]}'\"»":
        if text[end - 1] == ")" and text.count("(", start, end) >= text.count(")", start, end):
            break
        end -= 1
    return end


# EMAIL_RE cannot match without an "@" of _AT: "@", "at" just inside a bracket ("(at)"), or
# a spelled-out at-word, whose first piece ("snabel" of "snabel-a") is then in the text.
# Checking for these with `in` and one tiny pattern costs a few microseconds; EMAIL_RE
# itself tries every position of the letter and is the dearest of the e-mail patterns.
_AT_WORD_PIECES = tuple({re.split(r"[\s-]", "".join(map(strip_accent, word)).lower())[0] for word in AT_WORDS})
_BRACKET_AT_RE = re.compile(r"[(\[{<]\s*at", re.IGNORECASE)


def _may_hold_at(folded: str) -> bool:
    """False only if `folded` has no "@", spelled-out at-word or bracketed "at" (so no EMAIL_RE match)."""
    return ("@" in folded or any(piece in folded for piece in _AT_WORD_PIECES)
            or _BRACKET_AT_RE.search(folded) is not None)


def find_emails(text: str, folded: str) -> Iterator[tuple[int, int]]:
    patterns = (EMAIL_RE, PLAIN_AT_EMAIL_RE, PREPOSITION_AT_EMAIL_RE) if _may_hold_at(folded) \
        else (PLAIN_AT_EMAIL_RE, PREPOSITION_AT_EMAIL_RE)
    for pattern in patterns:
        for match in pattern.finditer(folded):
            yield match.start(), match.end()
    for match in NAMED_PROVIDER_EMAIL_RE.finditer(folded):
        yield match.start("local"), match.end("local")


# "at the lake.It was", "hjemme.No", "chez moi.Le": a full stop with its space forgotten,
# then a capitalised word. A real bare domain is written in lower case (or all capitals).
_MISSING_SPACE_RE = re.compile(r"[^\W\d_]*[a-zæøåéèàç]\.[A-ZÆØÅÉÈÀ][a-zæøåéèàç]*\Z")


def find_urls(text: str, folded: str) -> Iterator[tuple[int, int]]:
    for match in URL_RE.finditer(folded):
        end = _trim_trailing_punctuation(text, match.start(), match.end())
        if end > match.start() and not _MISSING_SPACE_RE.match(text, match.start(), end):
            yield match.start(), end
