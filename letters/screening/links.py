"""E-mail addresses and links, including "at" and "dot" spelled out in the four languages."""

from __future__ import annotations

import re
from typing import Iterator

from letters.screening.contact_lexicon import all_contact_words, contact_words
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

#: The shorter list for domains spelled out without an "at": "point de vue" and "dot me"
#: are ordinary phrases, "point com" and "punktum dk" are not.
SPELLED_TOP_LEVEL_DOMAINS = ("com", "net", "org", "info", "io", "uk", "dk", "no", "fr", "se", "eu")

_LABEL = r"[a-z0-9](?:[a-z0-9_-]{0,62}[a-z0-9])?"
_DOT = (rf"(?:\.|\s+\.\s+|\s+\.(?=[a-z])|\s*[(\[{{]\s*(?:{alternation(DOT_WORDS)}|\.)\s*[)\]}}]\s*"
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
#: The code of a short link: letters and digits mixed, five or more (r20).
_SHORT_LINK_CODE = r"(?=[a-z]*\d)(?=\d*[a-z])[a-z0-9]{5,}(?![\w/])"
URL_RE = compile_folded(
    rf"(?:\bhttps?://[^\s<>\"']+"
    rf"|\bwww\d?\.[^\s<>\"']+"
    rf"|(?<![\w@./-])(?:{_LABEL}\.)+{_TLD}(?![\w-]){_PATH}"
    # A short link of any ending with its code after it: "pin.it/5Zk9aBr", "forms.gle/9StRx3wMn" (r20).
    rf"|(?<![\w@./-])(?:{_LABEL}\.)+[a-z]{{2,4}}/{_SHORT_LINK_CODE}"
    rf"|(?<![\w@.])(?:{_LABEL}\s+{alternation(DOT_WORDS)}\s+)+{alternation(SPELLED_TOP_LEVEL_DOMAINS)}(?!\w)"
    rf"(?:\s+{alternation(SLASH_WORDS)}\s+@?[\w.-]+)*)"
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


#: An address written backwards to pass a filter: "moc.liamg@31nosaj" is jason13@gmail.com (r20).
#: Read backwards, the part before the "@" must be a mail provider and a top-level domain.
_REVERSED_EMAIL_RE = re.compile(r"(?<![\w.@])(?P<domain>[a-z]{2,4}(?:\.[a-z0-9-]+)+)@[a-z0-9_.+-]*[a-z0-9](?![\w@])")
_REVERSED_PROVIDERS = frozenset(fold(provider)[::-1] for provider in MAIL_PROVIDERS)


def _reversed_emails(folded: str) -> Iterator[tuple[int, int]]:
    for match in _REVERSED_EMAIL_RE.finditer(folded):
        labels = match.group("domain").split(".")
        if labels[0][::-1] in TOP_LEVEL_DOMAINS and labels[-1] in _REVERSED_PROVIDERS:
            yield match.span()


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
#: Providers whose name is never an ordinary word ("free", "live", "orange" and "online" are,
#: so they count only with their domain: "free.fr", "online.no").
_UNMISTAKABLE_PROVIDERS = ("gmail", "googlemail", "hotmail", "outlook", "yahoo", "icloud", "msn", "aol",
                           "protonmail", "gmx", "laposte", "wanadoo", "jubii")
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


def find_urls(text: str, folded: str) -> Iterator[tuple[int, int]]:
    for match in _matches_near(URL_RE, folded, _URL_HINT_RE):
        end = _trim_trailing_punctuation(text, match.start(), match.end())
        if end > match.start() and not _MISSING_SPACE_RE.match(text, match.start(), end):
            if _a_public_sites_name(folded, match.start(), end):
                continue
            yield match.start(), end


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
