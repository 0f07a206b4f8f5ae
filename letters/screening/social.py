"""Social media and game handles, and invitations to another platform."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterator

from letters.screening.contact_lexicon import LANGUAGES, all_contact_words, contact_words, with_english
from letters.screening.links import TOP_LEVEL_DOMAINS
from letters.screening.tokens import is_dictionary_word
from letters.screening.text import (
    IS_WORDS,
    alternation,
    compile_folded,
    fold,
    runs_sentences_together,
    start_before_words,
    with_name_letters,
)

#: Platform names as children write them, every language's forms together ("snappen",
#: "instaen"). Each is also an ordinary word or mention somewhere, which is why a mention
#: alone is not enough (see `find_social`).
PLATFORMS = all_contact_words("platforms")

#: Games with chat, where children meet strangers. "I have Minecraft" is an ordinary
#: sentence, so these count only next to a handle, never on a contact cue alone.
GAME_PLATFORMS = all_contact_words("game_platforms")

#: Small words allowed between a cue and the platform ("add me on my snap", "har du
#: også insta"). Content words are not, so "I have no signal" does not read as "I have signal".
CUE_FILLERS = all_contact_words("cue_fillers")

#: Phrases right before a platform that turn it into an invitation to move off-platform.
SOCIAL_CUES_BEFORE = {language: contact_words(language, "social_cues") for language in LANGUAGES}

#: Words after a platform that introduce the handle: "my snap is", "snapen min er", "mon snap c'est".
HANDLE_INTRODUCERS = all_contact_words("handle_introducers")

#: "mine is X", "jeg hedder X": a handle announced without naming the platform again.
NAME_INTRODUCERS = all_contact_words("name_introducers")

#: Words that announce a user name whatever the platform: "my username is …", "mon pseudo c'est …".
USERNAME_WORDS = all_contact_words("username_words")

#: Possessive cues ("my", "min", "mon"): "my snap" is contact only if it goes on "is …".
POSSESSIVE_CUES = frozenset({"my", "your", "ur", "mit", "min", "mitt", "mon", "ton", "on my", "på min"})

# A token that has a letter and a digit, dot or underscore ("sivert.ski", "lucy_b2011"): after
# a platform and a word or two ("snappen min e sivert.ski") it is a handle without an introducer.
# The dot must stand inside the token: "er jeg single." ends a sentence (r9).
_HANDLE_LIKE = with_name_letters(r"(?=[\w.]*[a-z])(?=[\w.]*(?:[\d_]|\.\w))[a-z0-9][\w.]{1,29}(?<![.])(?!\w)")
# A handle-shaped token; `_is_handle` decides whether it really is one.
_HANDLE = with_name_letters(r"[a-z0-9][\w.]{1,29}(?<![.])")
# A handle may begin with "_" ("@_chloe.dessine_").
# A dot may open it ("@.sadpoems"), and a hyphen or a dot and a line break stand inside it as
# children write them ("@leo-builds", "@maya.<line break>porto.28") (r16).
AT_HANDLE_RE = compile_folded(with_name_letters(r"(?<![\w@/.])@\.?[a-z_](?:\w|[.-](?=\w)|\.\n(?=\w)){1,29}"))
# A tag's name may be a first name and an initial: "jaylen h#4471" (r9).
DISCORD_TAG_RE = compile_folded(r"(?<![\w@])(?:[a-z][\w.]{1,20} )?[a-z][\w.]{0,31}#\d{4}(?!\w)")

def _tree(words) -> str:
    """The alternation of `words` folded, for patterns that read folded text."""
    return alternation({fold(word) for word in words})


#: Sites and apps where a person has a public name: a channel, a runner's profile, a payment tag.
#: Like games, they count only next to a name.
PROFILE_SITES = all_contact_words("profile_sites")

_PLATFORM = _tree(PLATFORMS)
#: Every place a name can live: platforms, games and profile sites ("mon UID Genshin c'est …").
_NAME_PLACE = _tree(PLATFORMS + GAME_PLATFORMS + PROFILE_SITES)
_ANY_PLATFORM = _tree(PLATFORMS + GAME_PLATFORMS)

_WORD_RUN_RE = re.compile(r"\w+")


def _by_first_word(names) -> dict[str, list[frozenset[str]]]:
    """The runs of word characters of each folded name, filed under its first run.

    "tik tok" gives {"tik", "tok"} under "tik"; "chess.com" gives {"chess", "com"} under "chess".
    """
    filed: dict[str, list[frozenset[str]]] = {}
    for name in names:
        runs = _WORD_RUN_RE.findall(fold(name))
        if not runs:
            raise ValueError(f"a platform's name needs a letter or digit: {name!r}")
        filed.setdefault(runs[0], []).append(frozenset(runs))
    return filed


#: A pattern that finds one of these names with no word character on either side finds each
#: of the name's runs as a whole word of the letter; where no name's runs all are, the pattern
#: is not run (_may_name).
_PLATFORM_RUNS = _by_first_word(PLATFORMS)
_ANY_PLATFORM_RUNS = _by_first_word(PLATFORMS + GAME_PLATFORMS)
_NAME_PLACE_RUNS = _by_first_word(PLATFORMS + GAME_PLATFORMS + PROFILE_SITES)


@lru_cache(maxsize=8)
def _words_of(folded: str) -> frozenset[str]:
    """The whole words of a folded letter; kept for the few letters being screened at once."""
    return frozenset(_WORD_RUN_RE.findall(folded))


def _may_name(folded: str, names: dict[str, list[frozenset[str]]]) -> bool:
    """False if no name of `names` (from _by_first_word) can stand as whole words in `folded`.

    A cheap look before a pattern of those names is run over the letter: most letters name no
    platform. Folded text is in lower case, as the names are. Precondition of its use: the
    pattern finds a name with no word character on either side ("snapnavn" holds no whole
    "snap"), over the whole letter (a search cut short may end in the middle of a word).
    """
    words = _words_of(folded)
    return any(runs <= words for first in names.keys() & words for runs in names[first])


#: A handle of several words ending in a number ("Night Owl 42"), or one handle-shaped token.
_MULTI_WORD_NAME = r"(?:[a-z][\w.]*\s+){1,2}\d{1,4}(?![\w%])"
_NAME = rf"{_MULTI_WORD_NAME}|@?{_HANDLE}(?!\w)"
_INTRODUCER = _tree(HANDLE_INTRODUCERS)
#: After an introducer: the end of a word, so that "is" is not read at the start of "iskrigeren".
_WORD_END = r"(?:(?<=\W)|(?!\w))"
#: What may follow a platform or a possessive cue to introduce the name: "is", "er", ":", "=".
_NAME_AFTER_RE = compile_folded(rf"[\s,]*(?:{_INTRODUCER}\s*[:=]?|[:=])\s*(?P<handle>{_NAME})")

#: Words that follow "snap:" or "my insta is" in ordinary sentences; never read as a handle.
_NOT_HANDLES = frozenset(
    "yes no yeah nope ja nej nei oui non i it the a an my so too also really private down broken not "
    "blocked new old er ikke pas cool fun sjov gøy nul null mon ma mes ton ta min mit mitt din dit ditt "
    "le la les un une en et juste bare kun only just same samme pareil plus pluss "
    # Words that describe a name rather than give it: "my gamertag is kinda embarrassing".
    "kinda sorta pretty very quite embarrassing cringe weird silly stupid dumb secret hemmelig hemmeligt pinlig "
    "flaut teit dum trop tres assez bizarre nul nulle genant lidt litt ret ganske".split()
)


def _is_name(token: str) -> bool:
    """Return True if `token`, announced as a handle ("my ig is …", "sc: …"), can be one."""
    token = token.strip()
    return len(token) >= 3 and token not in _NOT_HANDLES and not token.isdigit()


@lru_cache(maxsize=None)
def _add_me_pattern(language: str) -> re.Pattern:
    """"add me, I'm Night Owl 42", "tilføj mig: natugle_42": a name offered without a platform."""
    cues = _tree(with_english(language, "add_me_cues"))
    # "ajoute moi sur disc : enzo_lgd": a place named in a word of its own and a ":" (r7).
    return compile_folded(
        # The cue ends a word: "søknadsfristen" does not start with "søk" (r9).
        rf"(?<!\w){cues}(?!\w)(?P<place>\s+(?:on|sur|pa|in|i)\s+[a-z][\w.]{{1,15}}\s*:)?"
        # The name may stand in quotation marks: "cherche « axel edits 93 » sur TikTok" (r9).
        rf"[\s,:!.«“\"-]*(?:{_INTRODUCER}{_WORD_END}\s*[:=]?\s*)?(?P<handle>{_NAME})"
    )


@lru_cache(maxsize=None)
def _social_patterns(language: str) -> tuple[re.Pattern, re.Pattern]:
    cues = with_english(language, "social_cues")
    cued = compile_folded(
        rf"(?<!\w){_tree(cues)}[\s:,]+(?:{_tree(CUE_FILLERS)}\s+){{0,2}}?(?P<platform>{_PLATFORM})(?!\w)"
    )
    # A platform followed, within a few words, by something shaped like a handle.
    handled = compile_folded(
        rf"(?<!\w)(?P<platform>{_ANY_PLATFORM})(?!\w)[\s?:,!-]*"
        rf"(?:(?:[\w'’]+\s+){{0,3}}?(?P<introducer>{_INTRODUCER})\s*:?\s*|:\s*"
        rf"|(?:[\w'’]+,?\s+){{0,2}}?(?=@|{_HANDLE_LIKE}))?"
        rf"(?P<handle>{_MULTI_WORD_NAME}|@?{_HANDLE})(?!\w)"
    )
    return cued, handled


def find_social(text: str, folded: str, *, language: str) -> Iterator[tuple[int, int]]:
    """Yield spans of handles and invitations to another platform in `text` (`folded` is its fold()).

    A handle's span goes on over the platforms named right after it ("@lunadraws_2013 på
    insta", "lea_danse2012 sur insta et tiktok"), so the finding shows where the name lives.
    """
    for start, end in _social_spans(text, folded, language):
        if _FILE_EXTENSION_RE.match(folded, end):
            continue  # "Ansøgning_Ida_2025.pdf" names a file, not an account (r17)
        end = _cut_off_tail(folded, end)
        platforms = _PLATFORMS_AFTER_RE.match(folded, end)
        end = platforms.end() if platforms else end
        yield _widen(folded, start, end, language)


#: A file's extension right after a name: "Ansøgning_Ida_2025.pdf", "min_tegning.png".
_FILE_EXTENSION_RE = re.compile(r"\.(?:pdf|docx?|odt|txt|jpe?g|png|gif|heic|mp[34]|mov|pptx?|xlsx?)(?!\w)")


#: "på insta", "on snap and tiktok", "sur insta et tiktok" right after a handle.
_PLATFORMS_AFTER_RE = compile_folded(
    rf"\s+(?:on|pa|sur|in|i|via)\s+{_ANY_PLATFORM}(?:\s*(?:,|and|og|et|&|\+)\s*{_ANY_PLATFORM})*(?!\w)"
)


#: A handle that ends in "_" and a short piece after a space ("ellie.draws_ x"): a name typed
#: with a space in it, whose last piece redaction must hide too.
_CUT_OFF_TAIL_RE = re.compile(r" [a-z0-9]{1,3}(?![\w@])")


def _cut_off_tail(folded: str, end: int) -> int:
    """Return `end`, moved past a handle's cut-off last piece when the handle ends in "_"."""
    if end and folded[end - 1] == "_" and (tail := _CUT_OFF_TAIL_RE.match(folded, end)):
        return tail.end()
    return end


def _social_spans(text: str, folded: str, language: str) -> Iterator[tuple[int, int]]:
    """Yield the spans `find_social` reports, before a cut-off last piece is added."""
    cued, handled = _social_patterns(language)
    # Both patterns need a platform's name: most letters name none, and are not scanned.
    for match in cued.finditer(folded) if _may_name(folded, _PLATFORM_RUNS) else ():
        cue = folded[match.start():match.start("platform")].strip(" \t\n:,")
        if cue in POSSESSIVE_CUES and not _possessive_reads_as_contact(folded, match.end()):
            continue
        if _first_person(cue) and _reported_question_before(folded, match.start(), language):
            continue
        if _someone_elses_group(folded, match.start(), match.start("platform")):
            continue
        # "my ig is night owl 42": the name after the platform is part of the finding.
        name = _NAME_AFTER_RE.match(folded, match.end())
        named = bool(name and _is_name(name.group("handle")))
        if cue in POSSESSIVE_CUES and not named:
            continue  # "My Instagram is so dead": "my" and "is" but no name
        yield match.start(), name.end() if named else match.end()
    for match in handled.finditer(folded) if _may_name(folded, _ANY_PLATFORM_RUNS) else ():
        handle = match.group("handle")
        if " " in handle:
            # "on roblox as Captain Pickle 99": several words count only after "as", "is", "er"…
            # and when no count word follows ("on fortnite as well 3 times").
            if (match.group("introducer") and not _COUNTED_WORD_RE.match(folded, match.end("handle"))
                    and _plain_name_words(handle)):
                yield match.start("platform"), match.end("handle")
        elif handle.startswith("@") or (_is_handle(handle) and not _NOT_A_NAME_RE.match(handle)):
            # "Roblox till 1am", "on snap at 10pm": a time or an ordinal is not a name (r7).
            yield match.start("platform"), match.end("handle")
    # An @handle needs an "@" and a name#1234 tag a "#": a substring test skips a scan.
    for pattern, needed in ((AT_HANDLE_RE, "@"), (DISCORD_TAG_RE, "#")):
        if needed in folded:
            for match in pattern.finditer(folded):
                yield match.start(), match.end()
    for match in _INTRODUCER_RE.finditer(folded):
        # "Har du Snapchat? Så kan vi skrive … Mit er henrik.b74": the platform may be asked about a
        # sentence before the name (r9: 100 characters, was 60).
        if _is_handle(match.group("handle")) and _platform_nearby(folded, match.start(), window=100):
            yield match.start("handle"), match.end("handle")
    yield from _platform_and_name(folded)
    if any(word in folded for word in _USERNAME_FIRST_WORDS):
        for match in _USERNAME_RE.finditer(folded):
            handle = match.group("handle")
            # A plain word needs "is", "er", "c'est", ":" before it: "mon pseudo sur le jeu" is not one.
            announced = match.group("separator") or ":" in match.group() or "=" in match.group()
            if " " in handle and not _plain_name_words(handle):
                continue  # "mit gamertag har tallene 0707": a sentence about the name, not the name
            if _is_handle(handle) or handle[-1].isdigit() or (announced and _is_name(handle)):
                yield match.start(), match.end()
    yield from _handles_near_platforms(folded)
    if "." in folded:
        yield from _dotted_names_near_platforms(text, folded)
    for start, end in _spaced_dotted_names(folded):
        yield _spelled_name_span(folded, start, end, language)
    if "@" in folded:
        yield from _spaced_names_after_at(folded)
    yield from _names_with_underscore_words(folded)
    yield from _names_spelled_letter_by_letter(folded)
    yield from _handle_before_platform(folded)
    yield from _called_names(folded, language)
    yield from _names_after_own_platform(folded, language)
    yield from _offered_names(text, folded, language)
    yield from _names_there(text, folded, language)
    yield from _spelled_out_names(folded, language)
    yield from _same_names(folded, language)
    if "#" in folded:
        yield from _friend_codes(folded, language)
    yield from _game_ids(folded, language)
    yield from _announced_names(text, folded, language)
    yield from _marked_names_right_after_a_place(text, folded)
    yield from _handles_after_a_spaced_or_spelled_at(text, folded, language)
    yield from _names_with_bracketed_underscores(folded)
    yield from _names_given_for_accounts(text, folded, language)
    yield from _names_listed_and_spaced(folded)
    if any(cue in folded for cue in _add_me_cues(language)):
        for match in _add_me_pattern(language).finditer(folded):
            handle = match.group("handle")
            if match.group("place") and not (handle.startswith("@") or _is_handle(handle)):
                continue
            if " " in handle and (not _plain_name_words(handle) or _COUNTED_WORD_RE.match(folded, match.end())):
                continue  # "on l'a cherché pendant 20 minutes"
            if handle.startswith("@") or _is_handle(handle) or handle[-1].isdigit():
                yield match.start(), match.end()


# A word right before ":" or "=" ("sc:", "insta ="), and the platforms' last words to look for.
_WORD_BEFORE_SEPARATOR_RE = re.compile(r"(?<![\w'’])([^\W\d_][\w'’]*)[ \t]*[:=]")
_PLATFORM_LAST_WORDS = frozenset(fold(platform).split()[-1] for platform in PLATFORMS + GAME_PLATFORMS)


def _platform_and_name(folded: str) -> Iterator[tuple[int, int]]:
    """"sc: lunabear", "insta = pixie.moon": a platform and a name with ":" or "=" between.

    Only the words right before a ":" or "=" are looked up, which is much cheaper than
    trying every platform name at every position of the letter.
    """
    if ":" not in folded and "=" not in folded:
        return
    for before in _WORD_BEFORE_SEPARATOR_RE.finditer(folded):
        if before.group(1) not in _PLATFORM_LAST_WORDS:
            continue
        # "tik tok:" starts a word earlier than "tok:".
        previous_word = folded.rfind(" ", 0, max(0, before.start() - 1)) + 1
        for start in (previous_word, before.start()):
            match = _PLATFORM_NAME_RE.match(folded, start)
            if match and _is_name(match.group("handle")):
                yield match.start(), match.end()
                break


@lru_cache(maxsize=None)
def _name_offer_pattern(language: str) -> tuple[re.Pattern, tuple[str, ...]]:
    """The pattern of a name offered after a name-offer cue, and the longest word of each cue for a cheap look."""
    cues = with_english(language, "name_offer_cues")
    # "look me up, I'm Ninja Toast 7": "I'm", "is", ":" may stand between the cue and the name.
    pattern = compile_folded(
        rf"(?<!\w){_tree(cues)}[\s,:!.-]*(?:{_INTRODUCER}{_WORD_END}\s*[:=]?\s*)?(?P<handle>{_NAME})"
    )
    return pattern, tuple({max(fold(cue).split(), key=len) for cue in cues})


#: First words of a capitalised word and number that are a page, a level or a TV channel,
#: not a user name ("search for Level 12", "kanalen hedder TV 2").
_NOT_NAME_STARTS = frozenset(
    "page side chapter kapitel chapitre level bane niveau class klasse classe year room rom salle tv dr nrk tf1 "
    "france bbc itv channel kanal chaine season saeson sesong saison part del partie episode afsnit".split()
)


#: Words that are never part of a user name of several words (r9): prepositions, verbs and count
#: words, as in "min minecraft verden er på dag 212", "my island has 3", "cherché pendant 20".
_NOT_IN_A_NAME = frozenset(
    "pa i in on at to til for med with og and et ou but men mais has have har hat er is was var est sont are am "
    "only kun bare juste us os oss nous we vi there dag dage dagen day days jour jours uge week uke semaine pendant "
    "during under efter after etter apres avant before pour par since siden depuis about om the den det le la les "
    "tallene numbers nummer numero number".split()
)


def _plain_name_words(handle: str) -> bool:
    """True if the words of a name of several words ("Night Owl 42") can all be a user name's:
    its first is no page, level or channel word and none is a small word of the sentence."""
    words = handle.split()[:-1]
    return bool(words) and words[0] not in _NOT_NAME_STARTS and not _NOT_IN_A_NAME.intersection(words)


#: Words after a number that make it a count ("2 ganger", "3 times", "12 ans").
_COUNTED_WORD_RE = re.compile(
    r"\s+(?:times|gange|ganger|gang|fois|years?|ar|ans|kr|km|min|minutes?|minutter|timer|hours?|heures?|euros?|pounds?)(?!\w)"
)


def _offered_names(text: str, folded: str, language: str) -> Iterator[tuple[int, int]]:
    """"I'm on there as Grey Wolf 47", "søg på Lyn Ulven 12", "mon pseudo c Loup Noir 47".

    The cue says a name follows but not that it is one, so the name must look like a user
    name: an @, a digit, dot or underscore inside a word, or words ending in a number whose
    first is written with a capital and which no count word follows ("Grey Wolf 47";
    "search for page 12" and "der som Julenisse 2 ganger" stay quiet).
    `text` is the unfolded view, read only for that capital.
    """
    pattern, cue_words = _name_offer_pattern(language)
    if not any(word in folded for word in cue_words):
        return
    for match in pattern.finditer(folded):
        handle = match.group("handle")
        words = handle.split()
        if len(words) == 1:
            if handle.startswith("@") or _is_handle(handle):
                yield match.start("handle"), match.end("handle")
            continue
        # "Julenisse 2 ganger", "Page 12": a count or a page, not a name.
        counted = _COUNTED_WORD_RE.match(folded, match.end("handle"))
        if text[match.start("handle")].isupper() and words[0] not in _NOT_NAME_STARTS and not counted:
            yield match.start("handle"), match.end("handle")


@lru_cache(maxsize=None)
def _add_me_cues(language: str) -> tuple[str, ...]:
    """The add-me cues as folded text, for a cheap look before the full pattern runs."""
    return tuple(fold(cue) for cue in with_english(language, "add_me_cues"))


def _is_handle(token: str) -> bool:
    """Return True if `token` has letters and a digit, dot or underscore ("lucy_b2011", "ines.lcr").

    Plain words after a platform ("snap too", "tiktok videos") are not handles.
    """
    return any(c.isalpha() for c in token) and any(c.isdigit() or c in "._" for c in token)


_USERNAME_RE = compile_folded(
    rf"(?<!\w){_tree(USERNAME_WORDS)}(?:\s+(?:min|mit|mitt|my|mon))?(?P<separator>\s*(?:{_INTRODUCER}))?\s*[:=]?\s*"
    rf"(?P<handle>{_NAME})"
)

#: The first word of each username phrase, for a cheap look before the full pattern runs.
_USERNAME_FIRST_WORDS = frozenset(fold(phrase).split()[0] for phrase in USERNAME_WORDS)

_SENTENCE_END_RE = re.compile(r"[.!?\n](?:\s|\Z)")

#: A token no ordinary word looks like: letters joined by "_" ("tom_reads_88", "maelys_0412").
_STRONG_HANDLE_RE = re.compile(with_name_letters(r"(?<![\w@./])[a-z][a-z0-9]*(?:_[a-z0-9]+)+(?![\w@])"))


def _handles_near_platforms(folded: str, window: int = 100) -> Iterator[tuple[int, int]]:
    """Yield "maelys_0412"-shaped names with a platform named shortly before them, or with a digit.

    "mon insta c'est mon prénom + ma date de naissance : maelys_0412": the name is some
    way from the platform, but an underscore name is a user name, not a word. When the
    platform is in the same sentence and close ("snap si tu veux c lulu_ptitcoeur08"), the
    finding runs from the platform to the name. An underscore name with a digit is a user
    name even with no platform named ("jonas_kg07", "Stormbringer_88"): no ordinary word,
    date or file a child writes about has that shape.
    """
    if "_" not in folded:
        return
    for match in _STRONG_HANDLE_RE.finditer(folded):
        platforms = list(_PLATFORM_RE.finditer(folded, max(0, match.start() - window), match.start()))
        if platforms:
            platform = platforms[-1]
            close = match.start() - platform.end() <= _PLATFORM_TO_HANDLE and not _SENTENCE_END_RE.search(
                folded, platform.end(), match.start())
            # The name alone too: a span from a platform inside a link ("chess.com") gives way to the link.
            yield match.start(), match.end()
            if close:
                yield platform.start(), match.end()
        elif any(char.isdigit() for char in match.group()) or _platform_or_account_around(folded, *match.span()):
            # r11: "If you or your mom are on there, I'm karenreadsalot_tx", "mit brugernavn
            # derinde er nannaskriver_x": a platform or an account word on either side.
            yield match.start(), match.end()


#: Longest stretch between a platform and an underscore name that the finding spans.
_PLATFORM_TO_HANDLE = 40

# ---------------------------------------------------------------- dotted names beside a platform (r11)
#: "skriv på snap … jeg er ida.bida13", "Find mig under jesper.reads", "im on disc as voidfrog.exe":
#: a word of three letters or more, a dot, and more letters or digits, no space after the dot.
#: Letters and digits a dotted name has at least: "kap.3", "vol.12", "chap.3" are chapters and volumes.
MIN_DOTTED_NAME = 6
_DOTTED_NAME_RE = re.compile(with_name_letters(r"(?<![\w@./])[a-z][a-z0-9]{2,}(?:\.[a-z0-9]+)+(?![\w@]|\.[a-z0-9])"))
#: Last pieces that make a dotted word a web address, which links.py reads.
_DOMAIN_ENDINGS = frozenset(TOP_LEVEL_DOMAINS)
#: How far from a platform or account word a dotted or underscore name may stand, either side.
NAME_AROUND_PLATFORM = 120
_ACCOUNT_OR_PLATFORM_RE = compile_folded(
    rf"(?<!\w)(?:{_tree(all_contact_words('account_words'))}|{_ANY_PLATFORM})(?!\w)"
)


def _platform_or_account_around(folded: str, start: int, end: int) -> bool:
    return bool(_ACCOUNT_OR_PLATFORM_RE.search(folded, max(0, start - NAME_AROUND_PLATFORM), start)
                or _ACCOUNT_OR_PLATFORM_RE.search(folded, end, end + NAME_AROUND_PLATFORM))


def _dotted_names_near_platforms(text: str, folded: str) -> Iterator[tuple[int, int]]:
    """Yield dotted user names ("ida.bida13", "hevi.tegner", "frøkongen.exe") near a platform or account word.

    A sentence run into the next one without a space ("at the lake.It was", "hjemme.No") has
    a capital after its dot in the letter as written, a web address ends in a domain, and a
    chapter or volume ("chap.3") is shorter than `MIN_DOTTED_NAME`: none of them is a name.
    The platform or account word may stand on either side, within `NAME_AROUND_PLATFORM`
    characters.
    """
    for match in _DOTTED_NAME_RE.finditer(folded):
        start, end = match.span()
        if match.group().rsplit(".", 1)[1] in _DOMAIN_ENDINGS:
            continue
        if runs_sentences_together(text, start, end) or end - start - match.group().count(".") < MIN_DOTTED_NAME:
            continue
        if _platform_or_account_around(folded, start, end):
            yield start, end


#: A name spelled with dots as words or set apart ("maja dot k dot 2011", "@ sol . vik . 2010"):
#: with two dots or more and a number at its end, found after an "@" or shortly after a platform;
#: with fewer or no number, see `_names_a_dotted_handle` (r20). The dot words may stand in brackets,
#: and the "@" be a word in brackets: "(at) poppy (dot) dances (dot) 11", "lucas (punktum) fisk (punktum) 2" (r20).
_DOT_WORD = alternation(all_contact_words("dot_words"))
_SPACED_DOT = rf"(?:\s+(?:{_DOT_WORD})\s+|\s+\.\s+|\s*\(\s*(?:{_DOT_WORD})\s*\)\s*)"
# r22: with Danish and Norwegian letters ("sofie punktum førstehjælp").
_SPACED_DOTTED_NAME_RE = compile_folded(with_name_letters(
    rf"(?<![\w.])(?P<at>@\s*|\(\s*(?:at|{alternation(all_contact_words('at_words'))})\s*\)\s*)?"
    rf"[a-z][a-z0-9_]*(?P<dots>(?:{_SPACED_DOT}[a-z0-9_]+){{1,3}})(?![\w.])"
))


#: One dot of such a name, as a word or set apart, for counting them; and the same with its spaces, for splitting.
_ONE_DOT_RE = re.compile(rf"(?<!\w)(?:{_DOT_WORD})(?!\w)|\s\.\s")
_SPACED_DOT_RE = re.compile(_SPACED_DOT)
#: The "@" as a word in brackets right before such a name: "(at) ", "(snabel) ", "(arobase) " (r20).
_BRACKETED_AT_BEFORE_RE = compile_folded(rf"\(\s*(?:at|{alternation(all_contact_words('at_words'))})\s*\)\s*\Z")
#: Where such a name can be: a dot with spaces around it or a dot word, followed by more.
_SPACED_DOT_HINT_RE = compile_folded(rf"\s\.\s|(?<!\w)(?:{_DOT_WORD})[\s)]")
#: A platform and the word that gives the name on it, right before a name: "min insta er", "snap c'est",
#: "add me on snap its" (r20).
_PLATFORM_THEN_INTRODUCER_RE = compile_folded(
    rf"(?<!\w){_ANY_PLATFORM}\s*(?:(?:{_INTRODUCER}){_WORD_END}\s*[:=]?|[:=])\s*\Z")
#: How far before or after a name without digits its platform may stand, in the same sentence (r20).
_DOTTED_NAME_PLATFORM_REACH = 40
_FOLDED_DOT_WORDS = tuple({fold(word) + end for word in all_contact_words("dot_words") for end in " )"})
#: The first part of such a name, with an "@" before it: "@ sol", "maja".
_PART_BEFORE_RE = re.compile(with_name_letters(r"(?<![\w.])(?:@\s*)?[a-z][a-z0-9_]*\Z"))
#: How far before its first dot such a name may start ("@ " and a name of up to 30 characters).
_DOTTED_NAME_REACH = 34


def _spaced_dotted_names(folded: str, window: int = 100) -> Iterator[tuple[int, int]]:
    """Yield names spelled with dots as words or with spaces around them, after an "@" or a platform.

    The pattern is tried only at the word just before each spaced dot or dot word.
    """
    # Quick substring looks first: most letters have neither a spaced dot nor a dot word.
    if " . " not in folded and not any(word in folded for word in _FOLDED_DOT_WORDS):
        return
    searched_to = 0
    for hint in _SPACED_DOT_HINT_RE.finditer(folded):
        # The name's first part ends right before the space (or bracket) in front of the hint.
        part_end = hint.start() if folded[hint.start()].isspace() else hint.start() - 1
        while part_end > 0 and folded[part_end - 1] in " (":
            part_end -= 1
        if part_end < searched_to:
            continue
        first = _PART_BEFORE_RE.search(folded, max(0, part_end - _DOTTED_NAME_REACH), part_end)
        # "(at) poppy (dot) …": the "@" as a word in brackets opens the name (r20).
        at_before = first and _BRACKETED_AT_BEFORE_RE.search(folded, max(0, first.start() - 16), first.start())
        match = first and _SPACED_DOTTED_NAME_RE.match(folded, at_before.start() if at_before else first.start())
        if not match:
            continue
        searched_to = match.end()
        dots = len(_ONE_DOT_RE.findall(match.group("dots")))
        if dots >= 2 and match.group().rstrip()[-1].isdigit():
            if match.group("at") or _PLATFORM_RE.search(folded, max(0, match.start() - window), match.start()):
                yield match.start(), match.end()
        elif _names_a_dotted_handle(folded, match, dots):
            yield match.start(), match.end()


def _names_a_dotted_handle(folded: str, match: re.Match, dots: int) -> bool:
    """True for a name spelled with dot words and no number that its platform gives (r20).

    Right after a platform and the word that gives the name ("min insta er mikkel punktum lystfisker",
    "snap c'est paul point pieces"), one dot is enough; with two or more ("tilly dot b dot twins on
    insta"), a platform close before or after it in the sentence, or an "@" word before it, is.
    "the point is" has one dot word and no platform before it.
    """
    start, end = match.span()
    parts = _SPACED_DOT_RE.split(match.group()[len(match.group("at") or ""):])
    if dots < 2:
        return _names_a_one_dot_handle(folded, start, end, parts)
    if _PLATFORM_THEN_INTRODUCER_RE.search(folded, max(0, start - 40), start):
        return True
    if match.group("at"):
        return True
    return _place_around(folded, start, end, places=_PLATFORM_RE, before_reach=_DOTTED_NAME_PLATFORM_REACH,
                         after_reach=_DOTTED_NAME_PLATFORM_REACH)


def _names_a_one_dot_handle(folded: str, start: int, end: int, parts: list[str]) -> bool:
    """True for a name spelled with one dot word that a platform or an "@" word gives (r20, r22).

    Right after a platform and the word that gives the name ("min insta er mikkel punktum lystfisker"), or
    (r22) after a platform or an "@" word earlier in its sentence ("add mig på ig, det er bertram prik
    fuglenyt", "I'm at sophie dot firstaid"), both parts of three letters or more: "c'est un point de
    vue", "the point is" stay quiet. Right after a platform and its word a number after the name lets a
    part be an initial ("min snapchat er yasmin punktum k 2010"); a dot word in brackets ("charlie (dot)
    astro") is enough with a platform within `ONE_DOT_NAME_REACH` characters before it.
    """
    right_after = bool(_PLATFORM_THEN_INTRODUCER_RE.search(folded, max(0, start - 40), start))
    long_parts = all(len(part.strip()) >= 3 for part in parts)
    if right_after and (long_parts or _A_NUMBER_AFTER_RE.match(folded, end)):
        return True
    at_word = _AT_WORD_BEFORE_RE.search(folded, max(0, start - 12), start)
    # A spelled "@" ("snabel-a", "arobase") is enough; the English "at" is a word too ("at one point which").
    near = (_place_around(folded, start, end, places=_PLATFORM_RE, before_reach=ONE_DOT_NAME_REACH, after_reach=0)
            or (at_word and at_word.group().strip() != "at"))
    if near and _BRACKETED_DOT_RE.search(folded, start, end):
        return True
    return bool(near) and long_parts


_A_NUMBER_AFTER_RE = re.compile(r"\s+\d")


#: After an "@", a name whose dots have spaces around them needs no number: "@ amelia . skates",
#: "@ clara . dessine . la . neige" (r14). One spaced dot at least; a glued "@name" is AT_HANDLE_RE's.
#: Also an "@" set apart from a handle with a dot or an underscore in it, or with its underscores spaced:
#: "@ springersyn.skak", "@ jess _ puzzles _ 09" (r20).
_AT_SPACED_NAME_RE = compile_folded(
    r"(?<![\w@/.])@\s*[a-z][a-z0-9_]*(?:\s*\.\s*[a-z0-9_]+)*\s+\.\s+[a-z0-9_]+(?:\s*\.\s*[a-z0-9_]+)*(?![\w.])"
    r"|(?<![\w@/.])@\s+[a-z][a-z0-9]*(?:[._][a-z0-9]+)+(?![\w@]|\.\w)"
    r"|(?<![\w@/.])@\s*[a-z][a-z0-9]*(?:\s+_\s+[a-z0-9]+)+(?![\w@])"
)


def _spaced_names_after_at(folded: str) -> Iterator[tuple[int, int]]:
    """Yield "@ name . name" handles, an "@" and a name with spaced dots."""
    for match in _AT_SPACED_NAME_RE.finditer(folded):
        yield match.span()


#: A name told with words for "_": "sophie underscore birds underscore uk", "emma understrek fugler
#: understrek nord", "manon tiret bas papillons tiret bas 31" (r14). With one such word only, a
#: platform must be near: "to underscore the point" is English.
_UNDERSCORE_NAME_RE = compile_folded(
    rf"(?<![\w.@])[a-z0-9]+(?P<joins>(?:\s+{alternation(all_contact_words('underscore_words'))}\s+[a-z0-9]+)+)(?![\w@])"
)
_UNDERSCORE_WORD_RE = compile_folded(rf"(?<!\w){alternation(all_contact_words('underscore_words'))}(?!\w)")


def _names_with_underscore_words(folded: str) -> Iterator[tuple[int, int]]:
    """Yield names whose underscores are written as words, two of them or one near a platform."""
    if not _UNDERSCORE_WORD_RE.search(folded):
        return
    for match in _UNDERSCORE_NAME_RE.finditer(folded):
        if len(_UNDERSCORE_WORD_RE.findall(match.group("joins"))) >= 2 or _platform_nearby(folded, match.start(), 100):
            yield match.span()


#: A name spelled one character at a time: "b e l l a . r o s e . 1 1", "t o b i a s . k 2 0 1 1"
#: (r14). Six characters at least, three of them letters; one or two spaces between them (r15).
#: A dot word may stand for one of the characters: "j o s h dot k 2 0 1 2", "m a g n u s prik h 2 0 1 2" (r22).
_LETTER_BY_LETTER_RE = compile_folded(rf"(?<!\S)(?:(?:[a-z0-9._@]|{_DOT_WORD})  ?){{5,}}[a-z0-9._@](?!\S)")
_ONE_CHARACTER_DOT_WORD_RE = compile_folded(rf"(?<!\S){_DOT_WORD}(?!\S)")


def _names_spelled_letter_by_letter(folded: str) -> Iterator[tuple[int, int]]:
    """Yield a name spelled one character at a time near a platform: "l u n a . b 0 9".

    Besides a dot, underscore or "@", four letters and a digit also make a name (r15: "m a j a
    x 1 1", "k a t i e b 0 9"); spaced digits alone stay a phone number's business.
    """
    for match in _LETTER_BY_LETTER_RE.finditer(folded):
        spelled = _ONE_CHARACTER_DOT_WORD_RE.sub(".", match.group())
        letters = sum(char.isalpha() for char in spelled)
        marked = any(char in "._@" for char in spelled) or (letters >= 4 and any(char.isdigit() for char in spelled))
        # r22: "add me on snap: l e o n i g h t s k y": right after a platform and ":" or "is", letters alone do.
        given = letters >= 5 and _PLATFORM_THEN_INTRODUCER_RE.search(folded, max(0, match.start() - 40), match.start())
        if (letters >= 3 and marked or given) and _platform_nearby(folded, match.start(), 100):
            yield match.span()


_PLATFORM_NAME_RE = compile_folded(rf"(?<!\w){_ANY_PLATFORM}\s*[:=]\s*(?P<handle>{_NAME})")

_INTRODUCER_RE = compile_folded(rf"(?<!\w){_tree(NAME_INTRODUCERS)}\s*:?\s*(?P<handle>{_HANDLE})(?!\w)")

_POSSESSIVE_FOLLOW = compile_folded(r"\s*(?:is|er|c'est|est|:|=|name|username|handle|account|konto|profil)")


def _possessive_reads_as_contact(folded: str, end: int) -> bool:
    """Return True if "my snap" goes on like "my snap is ..." rather than "my snap judgement"."""
    return bool(_POSSESSIVE_FOLLOW.match(folded, end))


# With the small word before it that says the contact goes through it ("on", "via", "use").
_PLATFORM_RE = compile_folded(
    rf"(?<!\w)(?:(?:on|sur|på|via|over|par|use|bruge|bruger|bruke|bruker|utilise|utiliser)\s+)?{_ANY_PLATFORM}(?!\w)"
)


def platforms_after_contact(folded: str, contacts: list[tuple[int, int]], window: int = 60) -> Iterator[tuple[int, int]]:
    """Yield platform mentions in the same sentence shortly after a phone number or e-mail.

    "text me 06 44 21 87 09 or on whatsapp", "22 47 81 93 eller messenger", "07911 123456
    is my mum's phone but she lets me use whatsapp on it": the number is the cue.
    """
    for _, contact_end in contacts:
        stretch_end = min(len(folded), contact_end + window)
        sentence_end = re.compile(r"[.!?\n]").search(folded, contact_end, stretch_end)
        stretch_end = sentence_end.start() if sentence_end else stretch_end
        for match in _PLATFORM_RE.finditer(folded, contact_end, stretch_end):
            yield match.start(), match.end()


def _platform_nearby(folded: str, position: int, window: int = 60) -> bool:
    return bool(_PLATFORM_RE.search(folded, max(0, position - window), position + window))


# ---------------------------------------------------------------- names around a platform
# A token with letters and a digit, dot or underscore, right before "on/på/sur <platform>":
# "søg efter freja.fodbold på insta", "I'm lucy_b on tiktok". The preposition and platform
# are found first (few places in a letter), then the token before them is read.
_ON_PLATFORM_RE = compile_folded(rf"(?<=\s)(?:on|pa|sur|i|in|via)\s+{_ANY_PLATFORM}(?!\w)")
_HANDLE_BEFORE_RE = compile_folded(rf"(?<![\w@./])(?P<handle>{_HANDLE_LIKE})\s+\Z")


def _handle_before_platform(folded: str) -> Iterator[tuple[int, int]]:
    """Yield handle-shaped names followed by the platform they live on ("freja.fodbold på insta")."""
    for on in _ON_PLATFORM_RE.finditer(folded) if _may_name(folded, _ANY_PLATFORM_RUNS) else ():
        before = _HANDLE_BEFORE_RE.search(folded, max(0, on.start() - 40), on.start())
        if before:
            yield before.start("handle"), before.end("handle")


#: A token no first name looks like: letters joined by "_", or letters ending in digits
#: ("ragnar_springer", "miavs11", "grisou2013").
_USER_NAME_TOKEN = with_name_letters(r"(?:[a-z][a-z0-9]*(?:_[a-z0-9]+)+_?|[a-z]{2,}[a-z_]*\d{1,4})(?![\w@])")


@lru_cache(maxsize=None)
def _called_pattern(language: str) -> tuple[re.Pattern, tuple[str, ...]]:
    """"jeg heter ragnar_springer der", "jeg hedder bjørnemor på Wordfeud", and their cues' words."""
    cues = with_english(language, "called_words")
    pattern = compile_folded(
        rf"(?<!\w){_tree(cues)}\s+(?:(?P<token>{_USER_NAME_TOKEN})"
        rf"|(?P<word>[a-z][\w.'’-]{{2,29}})\s+(?:on|pa|sur|i|in)\s+{_ANY_PLATFORM}(?!\w))"
    )
    return pattern, tuple({max(fold(cue).split(), key=len) for cue in cues})


def _called_names(folded: str, language: str) -> Iterator[tuple[int, int]]:
    """Yield names a writer says they go by, when the name is a user name or a platform follows.

    A first name after "I'm called" is ordinary; "I'm called ragnar_springer" or "I'm
    called bjørnemor on Wordfeud" is a user name.
    """
    pattern, cue_words = _called_pattern(language)
    if not any(word in folded for word in cue_words):
        return
    for match in pattern.finditer(folded):
        group = "token" if match.group("token") else "word"
        if _is_name(match.group(group)):
            yield match.start(group), match.end(group)


@lru_cache(maxsize=None)
def _own_platform_pattern(language: str) -> re.Pattern:
    """"mon discord", "mit snapnavn", "my insta name": the writer's own account on a platform."""
    name_words = _tree(with_english(language, "platform_name_words"))
    return compile_folded(
        rf"(?<!\w)(?:(?:my|mit|min|mitt|mon|ma)\s+(?:{name_words}\s+)?{_PLATFORM}(?:[\s-]?{name_words})?"
        # r22: "snapen min", "snapchatten min" (the owner after the platform), and "add me on snapchat".
        rf"|{_PLACE_FORM}\s+(?:min|mit|mitt)|{_tree(with_english(language, 'add_me_cues'))}\s+(?:on|pa|sur|i)\s+{_PLATFORM})(?!\w)"
    )


_USER_NAME_TOKEN_RE = re.compile(rf"(?<![\w@./]){_USER_NAME_TOKEN}")
#: A user-name token that is a sentence of its own right after a sentence's end (r22).
_ANSWER_AFTER_RE = re.compile(rf"[.!?]\s+(?P<name>{_USER_NAME_TOKEN})\s*(?:[.!]|\n|\Z)")


def _names_after_own_platform(folded: str, language: str, window: int = 100) -> Iterator[tuple[int, int]]:
    """Yield a user-name token later in the sentence that names the writer's own account.

    "mit snapnavn er det samme som min mors kat plus 11, altså miavs11": the name comes
    after a riddle, but "my snap" and a token like "miavs11" in one sentence is an account.
    """
    for match in _own_platform_pattern(language).finditer(folded):
        stop = min(len(folded), match.end() + window)
        sentence_end = _SENTENCE_END_RE.search(folded, match.end(), stop)
        stop = sentence_end.start() if sentence_end else stop
        for token in _USER_NAME_TOKEN_RE.finditer(folded, match.end(), stop):
            if not _COUNTED_WORD_RE.match(folded, token.end()):
                yield token.start(), token.end()
        # r22: "my snap is the name of my cat plus 2011 haha. biscuit2011": the riddle's answer opens the next
        # sentence, alone on it.
        answer = sentence_end and _ANSWER_AFTER_RE.match(folded, sentence_end.start())
        if answer:
            yield answer.start("name"), answer.end("name")


@lru_cache(maxsize=None)
def _question_pattern(language: str) -> re.Pattern:
    """"whether", "om", "demandé si" at the very end of the text before a cue."""
    return compile_folded(rf"(?<!\w){_tree(with_english(language, 'question_words'))}[\s,]*\Z")


def _reported_question_before(folded: str, start: int, language: str) -> bool:
    """True if the cue at `start` is asked about ("you asked whether I'm on Instagram"), not offered."""
    return bool(_question_pattern(language).search(folded, max(0, start - 20), start))


#: Words for a group, and for the people a group belongs to when it is not the writer's offer:
#: "Min klasse har en gruppe på Messenger", "my friends and I have a group chat on WhatsApp".
_GROUP_RE = compile_folded(r"(?<!\w)(?:group|gruppe|groupe|gruppa|gruppen|groupchat)|(?<=\w-)chat(?!\w)")
#: What a group is for, after the platform: "… on whatsapp for our history project" (r9).
_GROUP_PURPOSE_RE = compile_folded(rf"(?<!\w){_tree(all_contact_words('group_purpose_words'))}(?!\w)")
#: How far after the platform a group's purpose is looked for, within its sentence.
GROUP_PURPOSE_AFTER = 40
_GROUP_OWNER_RE = compile_folded(rf"(?<!\w){_tree(all_contact_words('group_owner_words'))}(?!\w)")


def _someone_elses_group(folded: str, start: int, platform_start: int, window: int = 50) -> bool:
    """True if the cue names a group on the platform that belongs to a class, a team or friends.

    "Min klasse har en gruppe på Messenger" tells; "jeg har oprettet en gruppe på Telegram"
    (the writer's own group) still invites.
    """
    if not _GROUP_RE.search(folded, max(0, start - 15), platform_start):
        return False
    sentence = max(folded.rfind(".", 0, start), folded.rfind("\n", 0, start), start - window)
    if _GROUP_OWNER_RE.search(folded, max(0, sentence), platform_start):
        return True
    after = platform_start + GROUP_PURPOSE_AFTER
    stop = min(i for i in (folded.find(".", platform_start, after), folded.find("\n", platform_start, after), after) if i >= 0)
    return bool(_GROUP_PURPOSE_RE.search(folded, platform_start, stop))


_FIRST_PERSON_RE = re.compile(r"(?:i|i'm|im|jeg|je|moi)(?![\w'])|j'")


def _first_person(cue: str) -> bool:
    """True if the cue speaks of the writer ("I'm on", "jeg har"): "whether you have snap" still asks."""
    return bool(_FIRST_PERSON_RE.match(cue))



# ------------------------------------------------------------ seventh round (r7): words around a handle
@lru_cache(maxsize=None)
def _lead_words(language: str) -> frozenset[str]:
    """Words that may stand before a handle and belong to the offer, with the platforms' names."""
    words = {fold(word) for word in with_english(language, "handle_lead_words")}
    return frozenset(words | _PLATFORM_LAST_WORDS | {fold(w) for w in USERNAME_WORDS if " " not in w})


@lru_cache(maxsize=None)
def _place_after_pattern(language: str) -> re.Pattern:
    """"on there", "derinde", "dessus" right after a handle."""
    return compile_folded(rf"[ \t]+{_tree(with_english(language, 'handle_place_words'))}(?!\w)")


#: How many words a finding is widened over, before it.
_LEAD_REACH = 6


def _widen(folded: str, start: int, end: int, language: str) -> tuple[int, int]:
    """Widen a handle's span over the words of the offer before it and a place word after it.

    "jeg hedder mathias_fcm derinde", "mon snap c kyky.rl", "I'm wolfie_kai on there": the
    name alone was found, but the words around it are part of what the writer gives away, and
    redaction should hide them too. Only small words of the offer (pronouns, being and naming
    verbs, possessives, "add me", platform names: `handle_lead_words`) are taken, never
    across the end of a sentence, so a finding never grows into the letter's other news.
    """
    start = start_before_words(folded, start, _lead_words(language), reach=_LEAD_REACH, window=40)
    place = _place_after_pattern(language).match(folded, end)
    return start, place.end() if place else end


#: A handle after a being or naming verb: letters with a digit, dot or underscore (it may start with "_").
_THERE_HANDLE = rf"_?(?:{_HANDLE_LIKE}|[a-z][a-z0-9]{{5,29}}(?!\w))"
_HANDLE_LIKE_RE = compile_folded(_HANDLE_LIKE)
#: A capital after a small letter inside a word: a user name in mixed case ("xXDragonDrengXx").
_MIXED_CASE_RE = re.compile(r"[a-zæøå][A-ZÆØÅ]")


@lru_cache(maxsize=None)
def _names_there_pattern(language: str) -> re.Pattern:
    """"I'm X on there", "jeg hedder X derinde", "je suis X dessus", "så er jeg X" after a platform."""
    verbs = _tree(with_english(language, "name_there_verbs"))
    places = _tree(with_english(language, "handle_place_words"))
    return compile_folded(
        rf"(?<!\w){verbs}\s+(?P<handle>{_THERE_HANDLE})(?P<place>\s+{places}(?!\w))?"
    )


def _names_there(text: str, folded: str, language: str, window: int = 80) -> Iterator[tuple[int, int]]:
    """Yield a user name a writer says they are, "there" or on a platform named just before.

    "im xX_ghostfrog_Xx on there", "jeg er trollungen_44 derinne", "jsuis _ines.lmp dessus": a
    being or naming verb, a token shaped like a user name, and a word for the place it lives;
    or, without the place word, a platform earlier in the same sentence ("if you have discord,
    I'm pixel.viking07"). A first name or a plain word after "I'm" never counts: the token
    must have a digit, dot or underscore, or (r9) be written in mixed case inside a word
    ("xXDragonDrengXx"), which `text`, the unfolded view, shows.
    """
    for match in _names_there_pattern(language).finditer(folded):
        handle = match.group("handle")
        if _NOT_A_NAME_RE.match(handle.lstrip("_")):
            continue
        if not _HANDLE_LIKE_RE.match(handle.lstrip("_")) and not _MIXED_CASE_RE.search(text, *match.span("handle")):
            continue
        if not match.group("place"):
            sentence = max(folded.rfind(c, 0, match.start()) for c in ".!?\n")
            if not _PLATFORM_RE.search(folded, max(sentence + 1, match.start() - window), match.start()):
                continue
        yield match.start(), match.end()


#: Tokens shaped like a handle that are a time, an ordinal or a measure ("1am", "2nd", "20h", "1.5km").
_NOT_A_NAME_RE = re.compile(
    r"[\d.,]+(?:am|pm|h|st|nd|rd|th|e|er|eme|ieme|ere|k|kg|km|m|cm|mm|min|ml|l|g|kr|p|x)?\Z"
)


@lru_cache(maxsize=None)
def _friend_code_pattern(language: str) -> re.Pattern:
    """A game's friend or player code: "#" and six to ten letters and digits, after a code word."""
    words = _tree(with_english(language, "friend_code_words"))
    return compile_folded(
        rf"(?<!\w){words}(?!\w)[^.!?\n#]{{0,30}}?(?<![\w#])(?P<code>#(?=[0-9a-z]*\d)(?=[0-9a-z]*[a-z])[0-9a-z]{{6,10}})(?!\w)"
    )


def _friend_codes(folded: str, language: str) -> Iterator[tuple[int, int]]:
    """Yield "my brawl stars code is #8QJ…"-shaped friend codes: the code word through the code."""
    for match in _friend_code_pattern(language).finditer(folded):
        yield match.start(), match.end()


@lru_cache(maxsize=None)
def _game_id_pattern(language: str) -> re.Pattern:
    """A player id after its word (`game_id_words`): eight to ten digits, alone or in groups of three
    or four, a Switch code, or name#TAG. The game may stand between the word and the id (r15: "mon
    UID Genshin c'est 712 450 893", "vennekoden min i Pokémon GO er 4412 8890 3321")."""
    words = _tree(with_english(language, "game_id_words"))
    return compile_folded(
        rf"(?<!\w){words}(?!\w)(?:\s+(?:min|mit|mitt|mon|my))?(?:\s+(?:(?:i|in|pa|sur|on|for|pour)\s+)?{_NAME_PLACE}(?!\w))?"
        rf"[\s:=]*{IS_WORDS}"
        r"(?P<id>(?:sw-)?\d{4}(?P<sep>[- ])\d{4}(?P=sep)\d{4}|\d{3}(?P<sep3>[- ])\d{3}(?P=sep3)\d{3}(?!\s?\d)"
        r"|\d{8,10}|[a-z][\w.]{2,20}#[a-z0-9]{2,5})(?![\w-])"
    )


#: A Nintendo Switch friend code needs no word before it: nothing else is written "SW-" and
#: three groups of four digits.
_SWITCH_CODE_RE = compile_folded(r"(?<![\w-])sw-\d{4}-\d{4}-\d{4}(?![\w-])")
_A_DIGIT_RE = re.compile(r"\d")


def _game_ids(folded: str, language: str) -> Iterator[tuple[int, int]]:
    """Yield a game's player id named by its word: "my friend code is SW-6081-4472-9135",
    "mon UID c'est 712458903", "riot id-en min er sjokomelk#NOR" (r9), a trainer code "trænerkoden
    er 4417 2093 8865" (r13). Only the id is held; "the code on the box was 12345678" has no
    player-id word. A Switch code is held without its word (r13)."""
    # Every id holds a digit or a "#", and a Switch code "sw-": without them, nothing to scan.
    if "#" in folded or _A_DIGIT_RE.search(folded):
        for match in _game_id_pattern(language).finditer(folded):
            yield match.span("id")
    if "sw-" in folded:
        for match in _SWITCH_CODE_RE.finditer(folded):
            yield match.span()


# ------------------------------------------------------------ ninth round (r9): names told how to write
@lru_cache(maxsize=None)
def _spelling_patterns(language: str) -> tuple[re.Pattern, re.Pattern, re.Pattern]:
    """(a spelling instruction, a name's introducer right before it, an account or platform word)."""
    instruction = compile_folded(rf"(?<!\w){_tree(with_english(language, 'spelling_instructions'))}(?!\w)")
    introducer = compile_folded(
        r"(?:(?<!\w)(?:is|it's|its|er|c'est|cest|c|est|called|named|hedder|heter|s'appelle|suis|am|i'm|im|opp|efter|etter"
        # r22: after a spelled "@" or "på": "snabel-a kagekaos i aarhus i ét ord", "snap mig på freja goth ribe i ét ord".
        rf"|cherche|search|up|at|pa|{alternation(all_contact_words('at_words'))})|[:=«\"])"
        r"\s*(?P<name>(?:[\w.'’#-]+\s+){0,4}?[\w.'’#-]+)"
        r"(?:\s*[»\"]?\s*(?:[(,]|\bbut\b|\bmen\b|\bmais\b)?\s*(?:(?:all|alt|tout|when|u|you|type|it|with|the)\s+){0,4})\Z"
    )
    account = compile_folded(
        rf"(?<!\w)(?:{_tree(with_english(language, 'account_words'))}|{_ANY_PLATFORM})(?!\w)"
    )
    return instruction, introducer, account


#: How far before a spelled-out name its account or platform word is looked for.
SPELLED_NAME_ACCOUNT_WINDOW = 150


def _spelled_out_names(folded: str, language: str) -> Iterator[tuple[int, int]]:
    """Yield a user name that the writer says how to write: "den hedder sofie læser ting men i ét ord
    uden mellemrum", "my roblox user is Lil Dragon Boi 09 (no spaces when u type it)", "mon pseudo c'est
    Le Roi Des Loups 13 (avec les espaces)".

    A spelling instruction (`spelling_instructions`) after up to five words that follow an introducer
    ("is", "er", "c'est", "heter", "søk opp", a colon or a quotation mark) makes those words a name, when
    an account or platform word stands shortly before (`account_words`, a platform, a game). The span
    runs from the name to the end of the instruction.
    """
    instruction_re, introducer_re, account_re = _spelling_patterns(language)
    for instruction in instruction_re.finditer(folded):
        introduced = introducer_re.search(folded, max(0, instruction.start() - 70), instruction.start())
        if not introduced:
            continue
        start = introduced.start("name")
        at_word = _AT_WORD_BEFORE_RE.search(folded, max(0, start - 12), start)
        start = at_word.start() if at_word else start
        if "\n" in folded[start:instruction.start()] or not account_re.search(
                folded, max(0, start - SPELLED_NAME_ACCOUNT_WINDOW), start):
            continue
        # The instruction goes on to the end of its clause: "… with underscores instead of the spaces".
        clause_end = _INSTRUCTION_END_RE.search(folded, instruction.end())
        end = min(clause_end.start() if clause_end else len(folded), instruction.end() + 60)
        # "(uten mellomrom)": the bracket that closes the instruction is part of it.
        yield start, end + 1 if folded[end:end + 1] == ")" else end


_INSTRUCTION_END_RE = re.compile(r"[.,;:!?)\n]")


@lru_cache(maxsize=None)
def _same_name_pattern(language: str) -> re.Pattern:
    """A platform, its introducer and "the same": "my discord is the same", "sur discord c'est le même"."""
    return compile_folded(
        # The writer's own account ("my discord", "snappen min", "sur insta"), not "snap is the same as insta".
        rf"(?<!\w)(?:(?:my|min|mit|mitt|mon|ma|on|pa|sur)\s+{_ANY_PLATFORM}|{_ANY_PLATFORM}\s+(?:min|mit|mitt))"
        rf"\s+(?:{_INTRODUCER}){_WORD_END}\s*"
        rf"(?:{_tree(with_english(language, 'same_name_words'))})(?!\w)(?!\s+(?:as|som|que|qu'|comme)(?!\w))"
    )


_CLAUSE_END_RE = re.compile(r"[.!?\n]|\Z")


def _same_names(folded: str, language: str) -> Iterator[tuple[int, int]]:
    """Yield "my discord is the same but all one word", "min tiktok er det samme bare med små bogstaver":
    a handle given by pointing at the one just given, from the platform to the end of its sentence."""
    for match in _same_name_pattern(language).finditer(folded) if _may_name(folded, _ANY_PLATFORM_RUNS) else ():
        end = _CLAUSE_END_RE.search(folded, match.end()).start()
        yield match.start(), min(end, match.end() + 120)


# ------------------------------------------------------------ fifteenth round (r15): a name announced on a platform
#: Any place a name can live, with a word boundary on both sides.
_NAME_PLACE_RE = compile_folded(rf"(?<!\w){_NAME_PLACE}(?!\w)")
#: How far before an announcing word the platform may be named, and how far after the name.
PLACE_BEFORE_NAME = 100
PLACE_AFTER_NAME = 40
#: The end of a sentence: a mark with a space or the end after it, or a line break.
_SENTENCE_BREAK_RE = re.compile(r"[.!?](?=\s|\Z)|\n")
_PARAGRAPH_BREAK_RE = re.compile(r"\n\s*\n")
#: One token as written: a leading "$", "@" or "#" allowed, a "#tag", dots, dashes and "/" inside.
_WRITTEN_TOKEN_RE = re.compile(r"[$@#]?\w[\w.#/'’-]*")
#: The fewest letters of a coined lower-case name: the dictionaries lack some shorter everyday
#: words ("toujours", "vraiment"), and coined names run long ("petetakesphotos").
MIN_COINED_NAME = 10
#: Words that may join the capitalised words of a name ("T1D with Tilly", "Fiske med Arne").
_NAME_JOINERS = frozenset("with med og and of the de du des la le av i".split())


@lru_cache(maxsize=None)
def _announcer_pattern(language: str) -> re.Pattern:
    """An announcing word (`name_announcers`) and the separator after it, before the name."""
    # "heter jeg BloodbathBjarne": Danish and Norwegian put the pronoun after the verb.
    return compile_folded(
        rf"(?<![\w'’])(?:{_tree(with_english(language, 'name_announcers'))})(?:\s+jeg)?(?:\s*[:=]\s*|\s+)(?=\S)|:\s+"
    )


def _user_name_shaped(token: str, language: str) -> bool:
    """True if one written token (`token`, as written) could only be a user name.

    A "$", "@" or "u/" before it; a tag after "#"; letters with a digit, dot or underscore;
    a capital inside a word ("BigChungusFC"); or a lower-case word of `MIN_COINED_NAME` letters
    or more that neither the letter's language nor English knows ("petetakesphotos"), unless
    it is a platform's own name. Initials ("J.K") and codes with more digits than letters are not.
    """
    if token[:1] in "$@" or token[:2] == "u/":
        return len(token) > 3
    bare = token.strip("'’-")
    folded = fold(bare)
    if len(bare) < 3 or _NOT_A_NAME_RE.match(folded):
        return False
    if bare.startswith("#"):
        return len(bare) >= 7 and any(c.isdigit() for c in bare) and any(c.isalpha() for c in bare)
    if sum(c.isdigit() for c in bare) > sum(c.isalpha() for c in bare):
        return False  # "8J00412298771": a parcel's or a booking's code, not a name
    if "#" in bare:
        return bare[0].isalpha()
    if "." in bare and len(bare) < 6:
        return False  # "J.K", "p.s": initials, not a name
    if _is_handle(folded) or _MIXED_CASE_RE.search(bare):
        return True
    return bare.isalpha() and bare.islower() and _coined(bare, language)


def _coined(word: str, language: str) -> bool:
    """True if `word` (lower-case letters) is long, known to no dictionary of the letter's language or
    English, and no platform's own name: a coined name ("petetakesphotos", "kakekritikeren")."""
    return (len(word) >= MIN_COINED_NAME and not is_dictionary_word(word, language)
            and not _NAME_PLACE_RE.fullmatch(fold(word)))


def _capitalised_name_end(text: str, start: int) -> int:
    """Return where a name of two to five capitalised words at `start` ends, or `start` if none.

    "Poul Løber Langsomt", "Beatbox Bastien 59", "T1D with Tilly": the first word begins with a
    capital, the others with a capital or a digit, small joining words between them; a name
    all in capitals is a shout ("ER DU HENNE ANTON"), not a name.
    """
    end = last = start
    words = 0
    for match in _WRITTEN_TOKEN_RE.finditer(text, start):
        if text[last:match.start()].strip(" ") or words == 5:
            break  # a comma, a bracket or a line break ends the name
        word = match.group().rstrip(".'’")
        last = match.start() + len(word)
        if word[:1].isupper() or (words and word[:1].isdigit()):
            words, end = words + 1, last
        elif word.lower() not in _NAME_JOINERS:
            break
    return end if words >= 2 and not text[start:end].isupper() else start


#: Announcing words that tell the reader to look the name up.
_SEARCH_WORDS_RE = compile_folded(r"(?:search|look|s[oø]g|s[oø]k|cherche|tape)")
#: The writer's own account, named before the name: "my channel", "min kanal", "mon compte", "mit youtube".
_OWN_ACCOUNT_RE = compile_folded(
    rf"(?<!\w)(?:my|mit|min|mitt|mon|ma|our|vores|var|notre|(?:i have|i've got|i've started|i started|i've made|i made"
    rf"|jeg har|vi har|j'ai|on a|nous avons)(?:\s+\w+)?\s+(?:a|an|en|et|ei|un|une))\s+"
    # One word may stand between ("my new channel", "une petite chaîne"), but not someone's ("my brother's").
    rf"(?:(?![\w-]*['’]s?\s)[\w-]+\s+)?"
    rf"(?:{_tree(all_contact_words('account_words'))}|{_NAME_PLACE})(?!\w)"
)


def _own_account_before(folded: str, position: int) -> bool:
    """True if the writer names an account of their own in the sentence before `position`."""
    start = max(0, position - PLACE_BEFORE_NAME)
    for sentence_break in _SENTENCE_BREAK_RE.finditer(folded, start, position):
        start = sentence_break.end()
    return bool(_OWN_ACCOUNT_RE.search(folded, start, position))


def _place_around(folded: str, start: int, end: int, *, across_sentences: bool = False,
                  places: re.Pattern = _NAME_PLACE_RE, before_reach: int = PLACE_BEFORE_NAME,
                  after_reach: int = PLACE_AFTER_NAME) -> bool:
    """True if one of `places` (a platform, game or profile site) is named before `start`, within
    `before_reach` characters, or after `end`, within `after_reach`, in the same sentence.

    Before the name, the place may stand in an earlier sentence if `across_sentences` ("vi har
    en klan i Clash Royale! … mit navn er KingMohaa"); never across a blank line.
    """
    before = max(0, start - before_reach)
    breaks = _PARAGRAPH_BREAK_RE if across_sentences else _SENTENCE_BREAK_RE
    for sentence_break in breaks.finditer(folded, before, start):
        before = sentence_break.end()
    if places.search(folded, before, start):
        return True
    after = _SENTENCE_BREAK_RE.search(folded, end, end + after_reach)
    return bool(places.search(folded, end, after.start() if after else end + after_reach))


def _announced_names(text: str, folded: str, language: str) -> Iterator[tuple[int, int]]:
    """Yield a name the writer announces on a platform named in the same sentence.

    "mit navn er KingMohaa" after Clash Royale, "sur Yubo je suis zoe.bzh.29", "search
    petetakesphotos on Instagram", "søg på Henning Bach Sørensen" on Messenger, "my Cash App
    is $TylerMows": an announcing word, then a token that could only be a user name
    (`_user_name_shaped`) or two to five capitalised words, with a platform, game or profile
    site (`profile_sites`) named before it in its sentence or right after it; a name with a
    mark no word has may follow its platform a sentence later. `text` is read for capitals and
    the written token; `folded` for words.
    """
    if not (_may_name(folded, _NAME_PLACE_RUNS) and _NAME_PLACE_RE.search(folded)):
        return  # most letters name no platform: the announcing words are not looked at
    for announcer in _announcer_pattern(language).finditer(folded):
        start = announcer.end()
        token = _WRITTEN_TOKEN_RE.match(text, start)
        if not token:
            continue
        written = token.group().rstrip(".'’")
        end = start + len(written)
        searched = bool(_SEARCH_WORDS_RE.match(folded, announcer.start()))
        if _user_name_shaped(written, language):
            marked = _marked_name(written)
        else:
            # Capitalised words are also a game's, a show's or a YouTuber's name ("it's called
            # Stardew Valley", "called Mark Rober"): they count when the reader is told to search
            # for them or the writer gives the account as their own.
            if not (searched or _own_account_before(folded, announcer.start())
                    or _FIRST_PERSON_ANNOUNCER_RE.search(folded, max(0, announcer.start() - 4), announcer.end())):
                continue
            end = _capitalised_name_end(text, start)
            if end == start and _coined_capitalised(written, language):
                end = start + len(written)
            if end == start:
                continue
            marked = False
        # A name no word could be ("KingMohaa", "#2PQ8YL9") may follow its game a sentence later.
        if _place_around(folded, announcer.start(), end, across_sentences=marked or searched):
            yield start, end


#: A platform or a game, not a profile site: "YouTube MrBeast" is someone else's channel (r20).
_PLATFORM_OR_GAME_RE = compile_folded(rf"(?<!\w){_ANY_PLATFORM}(?!\w)")
_ACCOUNT_WORDS = frozenset(fold(word) for word in all_contact_words("account_words"))
#: Between the platform and the name, at most one small word ("me", "mig", "est") or a ":" (r20).
_PLACE_TO_NAME_WORDS = CUE_FILLERS + ("is", "er", "est", "c'est", "me")
_RIGHT_AFTER_PLACE_RE = compile_folded(rf"\s*(?:[:=]\s*|(?:{_tree(_PLACE_TO_NAME_WORDS)})\s*[:=]?\s+)?(?=\S)")


def _marked_names_right_after_a_place(text: str, folded: str) -> Iterator[tuple[int, int]]:
    """Yield a name with a mark no word has, written right after the platform it lives on (r20).

    "add me xbox NightShiftNoodle", "steam IlyesSneakerShop", "tilføj mig på roblox SkifteholdsBarn",
    "snap me jjmurray2011": no announcing word, but a capital inside a word, a digit or an
    underscore (`_marked_name`) in a token that could only be a user name. A brand written with
    a capital inside ("iPad", "PlayStation", "BookTok") is not one: its first letter is small, or
    it is a place or an account word. Only platforms and games count: after a profile site the
    name is often someone else's ("YouTube MrBeast").
    """
    if not _may_name(folded, _ANY_PLATFORM_RUNS):
        return
    for place in _PLATFORM_OR_GAME_RE.finditer(folded):
        gap = _RIGHT_AFTER_PLACE_RE.match(folded, place.end())
        token = gap and _WRITTEN_TOKEN_RE.match(text, gap.end())
        if not token:
            continue
        written = token.group().rstrip(".'’")
        if (written[:1].isalpha() and _marked_name(written) and _user_name_shaped(written, "en")
                and not (written[:1].islower() and written[1:2].isupper())
                and not _a_places_own_word(fold(written))):
            yield gap.end(), gap.end() + len(written)


#: A platform's or site's name at the start of a word: "youtube" in "YouTuber" (r20).
_NAME_PLACE_START_RE = compile_folded(_NAME_PLACE)


def _a_places_own_word(folded: str) -> bool:
    """True for a platform's name, a word made of one ("YouTuber", "TikTokers") or an account word ("BookTok")."""
    if folded in _ACCOUNT_WORDS or _NAME_PLACE_RE.fullmatch(folded):
        return True
    start = _NAME_PLACE_START_RE.match(folded)
    return bool(start and len(folded) - start.end() <= 3 and folded[start.end():].isalpha())


#: A first-person announcer, or one right after "jeg", "I" or "je": the writer's own name.
_FIRST_PERSON_ANNOUNCER_RE = compile_folded(r"(?<!\w)(?:jeg|i|je|j'|i'm|im|jsuis|m'appelle)(?!\w)")


def _marked_name(token: str) -> bool:
    """True if `token` carries a mark no ordinary word has: "$", "@", "#", a digit, "_" or mixed case."""
    return bool(token[:1] in "$@#" or token[:2] == "u/" or "#" in token or "_" in token
                or any(c.isdigit() for c in token) or _MIXED_CASE_RE.search(token))


def _coined_capitalised(token: str, language: str) -> bool:
    """True if `token` is one capitalised coined word ("Kakekritikeren") that no dictionary knows."""
    rest = token[1:]
    return token[:1].isupper() and rest.isalpha() and rest.islower() and _coined(token.lower(), language)


# ---------------------------------------------------------------- sixteenth round: an "@" apart (r16)
# u14's writers set the "@" apart from the name ("@ MakeupWithMia"), spelled it as a word before a
# coined name ("arobase patisseriesdeclara", "krøllalfa bakstmedtiril", "at bakedbysam") or wrote
# the underscore as a word in brackets ("gymnast(underscore)karla(underscore)2012").

#: "@ " and a name with a capital inside a word ("@ MakeupWithMia"): "meet @ the park" has none.
_SPACED_AT_CAMEL_RE = re.compile(r"(?<![\w@/.])@ (?=[A-Za-z]*[a-z][A-Z])[A-Za-z][\w.]{2,29}(?<!\.)")
#: A word for "@" in any language ("snabel-a", "krøllalfa", "arobase"), then a name.
_SPELLED_AT_RE = compile_folded(
    rf"(?<!\w)(?P<at>{alternation(all_contact_words('at_words'))}|at)\s*,?\s+(?P<name>[a-z][a-z0-9_.]{{3,29}})(?![\w@])"
)
#: A name with "(underscore)", "(understreg)", "(tiret bas)" for its underscores.
_BRACKETED_UNDERSCORE_RE = compile_folded(
    rf"(?<![\w.@])[^\W_]+(?:\s?\(\s?{alternation(all_contact_words('underscore_words'))}\s?\)\s?[^\W_]+)+(?![\w@])"
)


def _handles_after_a_spaced_or_spelled_at(text: str, folded: str, language: str) -> Iterator[tuple[int, int]]:
    """Yield "@ CamelName", and a name after a spelled "@" that is a handle or a coined word.

    After the English "at", in an English letter only (it is "that" in Danish and Norwegian), only
    a name in lower case that is a coined word of `MIN_COINED_NAME` letters or more, or has a
    digit or an underscore, counts: "at school", "at grandmas", "at Waterstones" are places.
    """
    if "@ " in text:
        for match in _SPACED_AT_CAMEL_RE.finditer(text):
            yield match.span()
    for match in _SPELLED_AT_RE.finditer(folded):
        name = match.group("name").rstrip(".")
        spelled_at = match.group("at") != "at"
        if not spelled_at and (language != "en" or not text[match.start("name")].islower()):
            continue
        marked = any(char.isdigit() or char == "_" for char in name)
        if spelled_at:
            counts = marked or "." in name or not is_dictionary_word(name, language)
        else:
            counts = marked or _coined(name.replace(".", ""), language)
        if counts:
            yield match.start(), match.start("name") + len(name)


def _names_with_bracketed_underscores(folded: str) -> Iterator[tuple[int, int]]:
    """Yield names whose underscores are a word in brackets: "gymnast(underscore)karla(underscore)2012"."""
    if "(" in folded:
        for match in _BRACKETED_UNDERSCORE_RE.finditer(folded):
            yield match.span()


# ------------------------------------------------------------ twenty-second round (r22): a name of any shape given for an account
# u19's writers gave an account's name in the shape it has, not in the shape of a handle: plain words
# ("my snapchat is maisie x twinkle", "min yt er ditte stjerner"), capitalised words ("YouTube-kanalen
# hedder Skater Villads DK", "add me on fortnite, TheHomeworkDodger"), a real name on Facebook ("add my
# sister on fb, Courtney Jade Wilson"), and a name after "on <place> as" ("find me on insta as willow
# reads things", "je suis sur Strava sous Jade Court"). What makes these contact details is the lead:
# the writer's own account and a naming word, an add-me cue and a place, a find-me cue and "as". A name
# is then read in one of two ways (`_name_end`): capitalised or marked words only, or, after the
# strongest leads, plain words up to the end of their clause that hold no word of a description
# ("my insta is full of cats", "min snap er mit navn med 2 l'er").

_ACCOUNT_HEADS = all_contact_words("account_heads")
#: Account words that are a user name's own word: after them a name needs no "is" ("gamertag Kyle The Legend 09").
_USERNAME_HEADS = frozenset(fold(word) for word in USERNAME_WORDS if " " not in word) | {
    "gamertag", "gamertaggen", "gamertagget", "pseudo"}
_ALL_PLACES = PLATFORMS + GAME_PLATFORMS + PROFILE_SITES


def _definite_forms(places) -> set[str]:
    """The places with a Danish or Norwegian definite ending: "snapchatten", "youtuben", "xboxen", "steam-en".

    Only places of four letters or more: "ig" and "en" make "igen" ("again").
    """
    forms = set()
    for place in map(fold, places):
        if len(place) >= 4 and place.isalpha():
            forms |= {place + "en", place + "et", place + "-en", place + place[-1] + "en"}
            if place[-1] in "aeiouy":
                forms.add(place + "n")
    return forms


_PLACE_FORM = _tree(set(map(fold, _ALL_PLACES)) | _definite_forms(_ALL_PLACES))
_HEAD_WORD = _tree(_ACCOUNT_HEADS)
#: The account: a place, maybe with an account word glued or after it ("YouTube-kanalen", "xbox gamertag",
#: "fortnite-navnet"), or an account word, maybe with its place after it ("ma chaîne yt", "mon pseudo Babelio").
_ACCOUNT = (
    rf"(?:{_PLACE_FORM}(?:[\s-]?(?:{_HEAD_WORD}|{_tree(all_contact_words('platform_name_words'))}))?"
    rf"|{_HEAD_WORD}(?:\s+{_PLACE_FORM})?)"
)
#: "my", "min", "mon" before the account; Danish and Norwegian may put it after ("kanalen min").
_OWNER_BEFORE = r"(?:my|our|your|ur|mit|min|mitt|vores|din|dit|ditt|mon|ma|notre|ton|ta|votre)"
_OWNER_AFTER = r"(?:min|mit|mitt|mi)"
#: Where the account is, between it and its naming word: "on PS5", "på Switch", "sur la switch", "on the maths game".
_ACCOUNT_WHERE = (r"(?:\s+(?:on|in|pa|i|sur|for|pour|til|med|with|about|om)\s+(?:(?:the|la|le|min|my|mon|ma)\s+)?"
                  r"[\w'-]+(?:\s+[\w-]+)?)")
#: Naming words that say what the account is called, as opposed to what it is ("is", "er"): enough without an owner.
_CALLING_WORDS = r"(?:is called|called|is named|named|hedder|heter|s'appelle|s'apelle)"


@lru_cache(maxsize=None)
def _account_lead_pattern(language: str) -> re.Pattern:
    """The writer's (or someone's) account and the word that gives its name, right before the name (r22).

    "my snapchat is", "snappen min er", "min yt er", "mit gamertag på PS5:", "YouTube-kanalen hedder",
    "ma chaîne yt c'est", "mon pseudo Babelio c'est", "min youtube" (no naming word: `verb` is empty).
    """
    verbs = _tree(with_english(language, "account_name_verbs"))
    return compile_folded(
        rf"(?<![\w'’])(?:(?P<owner>{_OWNER_BEFORE})\s+(?:{_tree(with_english(language, 'account_adjectives'))}\s+)?)?"
        rf"(?P<account>{_ACCOUNT})(?!\w)"
        rf"(?P<after>\s+{_OWNER_AFTER}(?!\w))?{_ACCOUNT_WHERE}?"
        rf"(?P<verb>\s*[:=]|[\s,]+(?:{verbs})(?![\w'’])\s*:?)?\s*(?=\S)"
    )


#: A pronoun for an account named just before, and its naming word: "It's called …", "Den hedder …", "Elle s'appelle …".
_PRONOUN_CALLED_RE = compile_folded(
    r"(?<![\w'’])(?P<pronoun>it|it's|its|den|det|elle|il|som|der|which|that|qui)\s+(?:is\s+)?"
    r"(?:called|named|hedder|heter|s'appelle)\s+(?=\S)"
)
#: Relative pronouns ("min YouTube-kanal, som hedder …"): the account must stand right before them.
_RELATIVE_PRONOUNS = frozenset({"som", "der", "which", "that", "qui"})
ACCOUNT_BEFORE_RELATIVE = 40
#: A place with its owner after it: "youtuben min", "snappen min" (r22).
_OWNER_AFTER_PLACE_RE = compile_folded(rf"(?<!\w){_PLACE_FORM}\s+{_OWNER_AFTER}(?!\w)")
_ACCOUNT_HEAD_RE = compile_folded(rf"(?<!\w){_HEAD_WORD}(?!\w)")
_PLACE_FORM_RE = compile_folded(rf"(?<!\w){_PLACE_FORM}(?!\w)")
#: How far before a pronoun the account it stands for may be named (within the paragraph).
ACCOUNT_BEFORE_PRONOUN = 150


@lru_cache(maxsize=None)
def _add_lead_pattern(language: str, any_place: bool = False) -> re.Pattern:
    """An add-me cue, up to two words ("my sister", "min mor") and a place: "add me on fortnite,", "tilføj mig i Roblox".

    With `any_place`, the cue right before "on"/"på"/"sur" and one short word of any place ("add mig på ps").
    """
    cues = _tree(with_english(language, "add_me_cues") + ("add", "tilføj", "legg til", "ajoute"))
    if any_place:
        return compile_folded(rf"(?<!\w){cues}\s+(?:on|pa|sur|i|in)\s+[a-z0-9]{{2,12}}\s*[,:]?\s+(?=\S)")
    return compile_folded(
        rf"(?<!\w){cues}(?:\s+[\w'’-]+){{0,2}}?\s+(?:(?:on|pa|i|in|sur|til|to)\s+)?{_PLACE_FORM}(?!\w)"
        rf"(?:\s*[,:=—–-]\s*|\s+)(?=\S)"
    )


@lru_cache(maxsize=None)
def _as_lead_pattern(language: str) -> re.Pattern:
    """A find-me cue, then "on <place> as": "find me on insta as", "jeg er på Strava som", "me trouver sur insta sous"."""
    cues = _tree(with_english(language, "find_me_cues"))
    return compile_folded(
        rf"(?<![\w'’]){cues}(?!\w)[^.!?\n]{{0,40}}?(?<!\w)(?:on|pa|i|in|sur)\s+{_PLACE_FORM}\s+"
        r"(?:as|som|sous(?:\s+le\s+nom(?:\s+de)?)?|under(?:\s+navnet)?)\s+(?=\S)"
    )


@lru_cache(maxsize=None)
def _as_then_place_pattern(language: str) -> re.Pattern:
    """A find-me cue and "as" before a name that its place follows: "find me at Carol Atkins on Facebook"."""
    cues = _tree(with_english(language, "find_me_cues"))
    return compile_folded(rf"(?<![\w'’]){cues}(?!\w)[^.!?\n]{{0,30}}?(?<!\w)(?:as|at|som|sous)\s+(?=\S)")


#: What stands before an account without an owner that is the subject of its sentence: the start of the
#: sentence or clause, or a definite article ("The channel is called", "La chaîne s'appelle", "kanalen hedder").
_SUBJECT_BEFORE_RE = compile_folded(r"(?:\A|[.!?:,;\n(]|(?<!\w)(?:the|la|le|l'|den|det))\s*\Z")
#: An account made or followed, then its name set apart by commas: "Jeg har en YouTube-kanal om stjernekigning,
#: Sørens Nattehimmel, tjek den ud", "follow my mum's tutoring page on facebook, Jenny Price Maths Tuition, she …".
_APPOSITIVE_RE = compile_folded(
    r"(?<!\w)(?:have|has|got|made|started|follow|subscribe to|har|lavet|laget|startet|fulgt|følg|folg|abonner på|ai|a|fait"
    r"|cree|suis|abonne-toi a)\s+(?:[\w]+['’]s\s+)?(?:(?:a|an|my|her|his|our|en|et|ei|min|mit|sin|vores|un|une|ma|mon|sa|son"
    rf"|notre)\s+)?(?:[\w-]+\s+)?{_ACCOUNT}(?:\s+(?:om|about|sur|on|pa|for|til|de|med|with)\s+(?:[\w'’-]+\s+){{0,3}}?[\w'’-]+)?"
    r"\s*[,:]\s*(?=\S)"
)
#: What follows such a name: a comma, the end of the sentence or of the letter.
_APPOSITIVE_END_RE = re.compile(r"\s*(?:[,.!?;\n]|\Z)")
#: A place, then a word for "search" in its sentence: "follow me on tiktok, search harvey builds haunted",
#: "følg mig på tiktok, søg på villads bygger hjemsøgt", "suis-moi sur TikTok, cherche maxime construit …" (r22).
_SEARCH_AFTER_PLACE_RE = compile_folded(
    rf"(?<!\w){_PLACE_FORM}(?!\w)[^.!?\n]{{0,20}}?(?<!\w)(?:search(?:\s+for)?|look\s+up|s[oø]g(?:\s+(?:pa|efter))?"
    r"|s[oø]k(?:\s+(?:pa|etter|opp))?|cherche|tape)\s+(?=\S)"
)
#: The writer's name on a platform named or pointed at: "My name on there is …", "Mit navn derinde er …", "Navnet
#: mitt der er …", "Mon nom dessus c'est …" (r22).
_NAME_THERE_IS_RE = compile_folded(
    rf"(?<!\w)(?:my name|mit navn|navnet mitt|mitt navn|mon nom)\s+(?:on there|in there|there|derinde|der inde|der|dessus"
    rf"|la-bas|(?:on|pa|sur|i)\s+{_PLACE_FORM})\s*(?:is|er|c'est|cest|est|:)\s+(?=\S)"
)
_COINED_WORD_RE = re.compile(r"[a-zæøå]+(?![\w@.])")
_PLACE_AFTER_NAME_RE = compile_folded(rf"\s+(?:on|pa|sur|i|in)\s+{_PLACE_FORM}(?!\w)")
#: "I'm there as …", "J'y suis sous le nom de …", "Jeg hedder … derinde", "Han heter … der", "Je suis … là-dessus".
_THERE_AS_RE = compile_folded(
    r"(?<!\w)(?:there|derinde|der\s+inde|y\s+suis|dessus)\s+(?:as|som|sous\s+le\s+nom\s+de|sous\s+le\s+nom|sous)\s+(?=\S)"
)
_NAME_THEN_THERE_LEAD_RE = compile_folded(
    r"(?<![\w'’])(?:i'm|im|i am|jeg hedder|jeg heter|hedder jeg|heter jeg|je suis|han hedder|han heter|hun hedder"
    r"|hun heter|il s'appelle|elle s'appelle|he's|she's)\s+(?=[A-ZÆØÅÉ0-9])", 0
)
_THERE_AFTER_NAME_RE = compile_folded(r"\s+(?:on there|there|derinde|der\s+inde|derinne|der|dessus|la-dessus|la-bas)(?!\w)")

#: Words that may stand between the capitalised words of a name ("Sagn fra Grænsen", "Expériences avec Franck").
_NAME_JOINS = frozenset(fold(word) for word in (
    "with med og and of the de du des la le les av i fra for af på paa en dans avec par til & et d' von".split()))
#: Words that open the letter going on after a plain name: "daisy stars, i post …", "ditte stjerner jeg lægger".
_CLAUSE_OPENERS = frozenset(fold(word) for word in (
    "i jeg je j' if hvis si lol haha mdr and og et but men mais so she he hun han il elle we vi you du tu add tilføj "
    "legg ajoute follow følg abonne please plz x xx which who der som qui hvor où".split()))
#: Articles that never open a name written in lower case: "my insta is a mess", "c'est une blague".
_ARTICLES = frozenset("a an the un une ei en et den det".split())
#: The most words a name given for an account has ("Les Oiseaux de Sacha Tous les Jours" has seven).
MAX_NAME_WORDS = 8
#: First words of a console's model after its name, not a user name: "my Xbox One", "min Switch Lite".
_MODEL_WORDS = frozenset("one series lite pro slim oled portal edition plus elite".split())
#: Punctuation that ends a name written in words.
_AFTER_NAME = ",.;:!?)\"»”…"


@lru_cache(maxsize=None)
def _not_name_words(language: str) -> frozenset[str]:
    return frozenset(fold(word) for word in with_english(language, "not_name_words"))


def _name_end(text: str, start: int, language: str, *, plain: bool, min_words: int = 2) -> int:
    """Return where a name given for an account at `start` ends, or `start` if none stands there (r22).

    Without `plain`: capitalised, mixed-case or marked words, initials and numbers ("Skater Villads DK",
    "SnowyOwl Tobi", "Molly J reads" stops at "reads"), small joining words between them ("Sagn fra
    Grænsen 6B") and a town in brackets after them ("Mark W (Leeds)"): `min_words` such words at
    least (not counting joins), the first capitalised, or one marked word. With `plain`, the words up to
    the end of their clause also count in lower case ("maisie x twinkle", "willow reads things"), two to
    five of them and none a word of a description (`not_name_words`), or one coined word
    ("ellakalundborg"). `text` is the letter as written (capitals and marks count).
    """
    words: list[tuple[int, int, str]] = []
    position, closed = start, False
    for match in re.finditer(r"\S+", text[start:start + 120]):
        if words and ("\n" in text[position:start + match.start()] or len(words) == MAX_NAME_WORDS):
            break
        raw = match.group()
        if not words and raw in ("«", "\"", "“"):
            continue  # « Perrin Ciel Profond »
        word = raw.strip("\"«“'’") if not words else raw.rstrip("\"'’»”")
        if not words and word.startswith("(") or not word:
            break
        if words and raw.startswith("(") and raw.rstrip(",.;:!?").endswith(")") and raw[1:2].isupper():
            words.append((start + match.start(), start + match.end(), "(town)"))
            break  # "Mark W (Leeds)": the town in brackets closes the name
        bare = word.rstrip(_AFTER_NAME)
        closed = len(bare) < len(word)
        if not bare:
            break
        offset = start + match.start() + raw.index(bare[0])
        words.append((offset, offset + len(bare), bare))
        position = start + match.end()
        if closed:
            break
    return _plain_name_end(words, start, language) if plain else _marked_name_end(words, start, min_words)


def _kind_of_word(word: str) -> str:
    """"marked", "capital", "initial", "number", "join", "plain" or "other" (a word no name has)."""
    if word == "(town)":
        return "town"
    if _marked_name(word) or re.search(r"\w\.\w", word):
        # "4€", "1m78", "10B": a price, a height or a class, not a name; a name has three letters or more.
        letters = sum(char.isalpha() for char in word)
        return "marked" if letters >= 3 and letters >= sum(char.isdigit() for char in word) else "number"
    if not re.fullmatch(r"[\w'’&-]+", word):
        return "other"
    if len(word) == 1 and word.isalpha():
        return "initial"
    if fold(word) in _NAME_JOINS:
        return "join"
    return "capital" if word[:1].isupper() else "plain"


def _marked_name_end(words: list[tuple[int, int, str]], start: int, min_words: int) -> int:
    """The end of the capitalised or marked words at the start of `words` (see `_name_end`)."""
    kept: list[tuple[int, int, str]] = []
    for word_start, word_end, word in words:
        kind = _kind_of_word(word)
        if kind == "town":
            if kept:
                kept.append((word_start, word_end, kind))
            break
        if kind in ("plain", "other") or (kind == "join" and not kept and not word[:1].isupper()):
            break  # "Le Journal des Pattes de Zoé", "The Best Bakes": a capitalised article may open a name
        kept.append((word_start, word_end, kind))
    while kept and kept[-1][2] in ("join", "initial"):
        kept.pop()  # "ellie.draws x": a kiss after the name, not a part of it
    if not kept:
        return start
    kinds = [kind for *_, kind in kept]
    name_words = [kind for kind in kinds if kind not in ("join", "town")]
    if "marked" in kinds or (len(name_words) >= min_words and name_words[0] == "capital"):
        first = words[0][2]
        if fold(first) in _NOT_NAME_STARTS or fold(first) in _MODEL_WORDS or (first.isupper() and len(first) > 1 and "marked" not in kinds):
            return start  # "Level 12", "TV 2"; a shout in capitals ("ADD ME NOW")
        return kept[-1][1]
    return start


def _plain_name_end(words: list[tuple[int, int, str]], start: int, language: str) -> int:
    """The end of a name of plain words up to the end of its clause (see `_name_end`)."""
    kept = []
    for word_start, word_end, word in words:
        if kept and fold(word) in _CLAUSE_OPENERS and len(word) > 1 or _kind_of_word(word) == "other":
            break
        kept.append((word_start, word_end, word))
        if word == "(town)":
            break
    if not kept or len(kept) == MAX_NAME_WORDS or not kept[0][2][:1].isalpha():
        return start  # a sentence, not a name; "90cm by 120cm" is a size
    folded_words = [fold(word) for *_, word in kept if word != "(town)"]
    if _kind_of_word(kept[0][2]) == "marked":
        return _marked_name_end(kept, start, 2)  # "ellie.draws x": a handle takes no plain word after it
    if len(folded_words) == 1:
        word = kept[0][2]
        if word.isalpha() and _coined(word.lower(), language):
            return kept[0][1]
    elif not (_not_name_words(language).intersection(folded_words) or folded_words[0] in _NAME_JOINS
              or folded_words[0] in _ARTICLES
              or (folded_words[0].endswith("ing") and language == "en")  # "my group is doing black holes"
              or folded_words[0] in _NOT_NAME_STARTS or folded_words[-1] in _NAME_JOINS
              or any(word.isdigit() for word in folded_words[:-1])):
        return kept[-1][1]  # "maisie x twinkle", "Molly J reads", "willow reads things"
    return _marked_name_end(kept, start, 2)


def _names_given_for_accounts(text: str, folded: str, language: str) -> Iterator[tuple[int, int]]:
    """Yield names given for an account, with the lead that gives them (r22); see the section's comment.

    The strongest leads (the writer's own account and a naming word, "on <place> as" after a find-me
    cue) take plain names; the others (an account without an owner and a calling word, a pronoun for
    an account named just before, an add-me cue and a place, "as <name> on <place>") take
    capitalised or marked names only. Without a naming word ("min youtube Bertram Bygger Snemænd"),
    three capitalised words or a marked one.
    """
    for lead in _account_lead_pattern(language).finditer(folded):
        owned = bool(lead.group("owner") or lead.group("after"))
        verb = (lead.group("verb") or "").strip(" \t\n,")
        if not verb and not owned:
            # "add me on xbox, gamertag Kyle The Legend 09": a user-name word and a name right after it.
            if fold(lead.group("account")) in _USERNAME_HEADS:
                end = _name_end(text, lead.end(), language, plain=False)
                if end > lead.end():
                    yield lead.end(), end
            continue
        placed = (_PLACE_FORM_RE.search(lead.group()) or fold(lead.group("account")) in _USERNAME_HEADS
                  or _place_before(folded, lead.start(), 2 * ACCOUNT_BEFORE_PRONOUN))
        if not placed:
            continue  # "My channel is called Cool Stuff": no platform, no way to find it (a TV channel, a club's page)
        if owned and verb:
            end = _name_end(text, lead.end(), language, plain=True)
        elif owned:
            end = _name_end(text, lead.end(), language, plain=False, min_words=3)
        elif verb not in ":=" and not _SUBJECT_BEFORE_RE.search(folded, max(0, lead.start() - 8), lead.start()):
            # "a YouTube channel called Mark Rober", "this channel called …", "a playlist on Spotify called …":
            # an account introduced to be recommended, not one named as the subject of its sentence.
            # A ":" gives a name wherever the account stands ("finn meg på YouTube: Vilde Spiller Kornett").
            continue
        elif re.fullmatch(_CALLING_WORDS, verb) or (verb in ":=" and _calls_an_account(lead)):
            end = _name_end(text, lead.end(), language, plain=False)
        else:
            continue
        if end > lead.end():
            yield lead.end(), end
    for lead in _PRONOUN_CALLED_RE.finditer(folded):
        relative = lead.group("pronoun") in _RELATIVE_PRONOUNS
        reach = ACCOUNT_BEFORE_RELATIVE if relative else ACCOUNT_BEFORE_PRONOUN
        paragraph = max(0, lead.start() - reach, folded.rfind("\n\n", 0, lead.start()))
        # "min pinterest er fuld af fuglebilleder, den hedder alfred x fugle": the writer's own account reads a plain name.
        owned = bool(_OWN_ACCOUNT_RE.search(folded, paragraph, lead.start())
                     or _OWNER_AFTER_PLACE_RE.search(folded, paragraph, lead.start()))
        if not (owned or (not relative and _ACCOUNT_HEAD_RE.search(folded, paragraph, lead.start()))):
            continue  # "NASA har en side som heter …", "une chaîne française qui s'appelle …": someone else's
        if folded[lead.end()] in "\"«“":
            continue  # "Den hedder "Ribe 2024"": a title in quotation marks, a playlist's or a video's
        person = lead.group("pronoun") in ("il", "elle")  # also "he" and "she": a person's name needs three words
        end = _name_end(text, lead.end(), language, plain=owned, min_words=3 if person else 2)
        if end > lead.end():
            yield lead.end(), end
    for lead in _APPOSITIVE_RE.finditer(folded):
        end = _name_end(text, lead.end(), language, plain=False)
        if end > lead.end() and _APPOSITIVE_END_RE.match(folded, end):
            yield lead.end(), end
    for lead in _NAME_THERE_IS_RE.finditer(folded):
        # The writer's own name on the account: plain words count ("mitt navn på Strava er Kirsten går langt").
        end = _name_end(text, lead.end(), language, plain=True)
        if end > lead.end():
            yield lead.end(), end
    for lead in _add_lead_pattern(language, any_place=True).finditer(folded):
        # "ajoute-moi sur ps OM_Fan_Yanis": a place we do not know, and a name only a user name has.
        name = _WRITTEN_TOKEN_RE.match(text, lead.end())
        if name and ("_" in name.group() or _MIXED_CASE_RE.search(name.group())) and _kind_of_word(name.group()) == "marked":
            yield name.span()
    if not _may_name(folded, _NAME_PLACE_RUNS) and not _PLACE_FORM_RE.search(folded):
        return
    for lead in _add_lead_pattern(language).finditer(folded):
        end = _name_end(text, lead.end(), language, plain=False)
        coined = _COINED_WORD_RE.match(text, lead.end())
        if end == lead.end() and coined and _coined(coined.group().lower(), language):
            end = coined.end()  # "add me on Discord — markthemodeller —"
        multi = re.compile(_MULTI_WORD_NAME).match(folded, lead.end())
        if multi and _plain_name_words(multi.group()):
            end = max(end, multi.end())  # "add me on snapchat ollie x 09"
        if end > lead.end():
            yield lead.end(), end
    for lead in _SEARCH_AFTER_PLACE_RE.finditer(folded):
        end = _name_end(text, lead.end(), language, plain=True)
        if end > lead.end():
            yield lead.end(), end
    for lead in _as_lead_pattern(language).finditer(folded):
        end = _name_end(text, lead.end(), language, plain=True)
        if end > lead.end():
            yield lead.end(), end
    for lead in _as_then_place_pattern(language).finditer(folded):
        end = _name_end(text, lead.end(), language, plain=False)
        if end > lead.end() and _PLACE_AFTER_NAME_RE.match(folded, end):
            yield lead.end(), end
    for lead in _THERE_AS_RE.finditer(folded):
        end = _name_end(text, lead.end(), language, plain=False)
        if end > lead.end():
            yield lead.end(), end
    for lead in _NAME_THEN_THERE_LEAD_RE.finditer(folded):
        end = _name_end(text, lead.end(), language, plain=False)
        if end > lead.end() and _THERE_AFTER_NAME_RE.match(folded, end) and _place_before(folded, lead.start()):
            yield lead.end(), end


def _calls_an_account(lead: re.Match) -> bool:
    """True if a lead without an owner names a platform or profile site, not a game: "YouTube: Torsteins
    Ishockeyklipp" gives a channel, "Fortnite: Battle Royale" is a game's title."""
    account = lead.group("account")
    return not re.fullmatch(_tree(map(fold, GAME_PLATFORMS)), account.split()[0].split("-")[0])


def _place_before(folded: str, position: int, reach: int = ACCOUNT_BEFORE_PRONOUN) -> bool:
    """True if a platform, game or profile site is named in the paragraph within `reach` characters before `position`."""
    paragraph = max(position - reach, folded.rfind("\n\n", 0, position))
    return bool(_PLACE_FORM_RE.search(folded, max(0, paragraph), position))


# ------------------------------------------------------------ r22: names spelled with one dot word, letter by letter, or in a list
@lru_cache(maxsize=None)
def _spelled_number_re(language: str) -> re.Pattern:
    """Digits or number words right after a spelled name: " k 2010", " 2 0 1 2", " two thousand eleven" (r22)."""
    words = set(with_english(language, "name_number_words"))
    for key in ("number_units", "number_teens", "number_tens", "number_hundreds"):
        words |= {fold(word) for word in contact_words(language, key)} | {fold(word) for word in contact_words("en", key)}
    return compile_folded(rf"(?:\s+\d{{1,4}}(?!\w)|\s+(?:\d\s){{1,3}}\d(?!\w)|(?:\s+{_tree(words)}(?!\w))+)")


def _spelled_name_span(folded: str, start: int, end: int, language: str) -> tuple[int, int]:
    """Widen a spelled name over an "@" word right before it and digits or number words right after (r22).

    "at sophie dot firstaid", "snabel-a sofie punktum førstehjælp", "amira dot k 2010", "mason dot reads
    dot two thousand eleven": the "@" and the number are part of what the writer gives away.
    """
    before = _AT_WORD_BEFORE_RE.search(folded, max(0, start - 12), start)
    number = _spelled_number_re(language).match(folded, end)
    return (before.start() if before else start), (number.end() if number else end)


_AT_WORD_BEFORE_RE = compile_folded(rf"(?<!\w)(?:at|{alternation(all_contact_words('at_words'))})\s+\Z")
#: A dot word in brackets: "charlie (dot) astro", "esther (prik) astro"; no ordinary sentence writes one (r22).
_BRACKETED_DOT_RE = compile_folded(rf"\(\s*(?:{_DOT_WORD})\s*\)")
#: How far before a name spelled with one dot word its platform or "@" word may stand, in its sentence (r22).
ONE_DOT_NAME_REACH = 40


#: Two accounts given in one breath, "<platform> is <name>, <platform> is <name>" (r22): "ig is @niamh.ohh,
#: snap is niamhohh", "sc er rosa_ugler, tiktok er rosaugler". Once one of the two is a handle, the other
#: plain word is the name on its platform too.
_ACCOUNT_LIST_RE = compile_folded(
    rf"(?<!\w){_PLACE_FORM}\s*(?:is|er|c'est|cest|=|:)\s*(?P<first>@?[\w.]{{3,30}})\s*(?:,|;|and|og|et|&)\s*"
    rf"{_PLACE_FORM}\s*(?:is|er|c'est|cest|=|:)\s*(?P<second>@?[\w.]{{3,30}})(?![\w@])"
)
#: "@ " and words ending in a number, after a platform: "my TikTok is @ lukey boy 10" (r22).
_AT_THEN_WORDS_RE = compile_folded(rf"(?<![\w@])@\s+{_MULTI_WORD_NAME}")


def _names_listed_and_spaced(folded: str) -> Iterator[tuple[int, int]]:
    """Yield the plain name of two accounts given in one breath, and "@ words 10" after a platform (r22)."""
    if not _may_name(folded, _NAME_PLACE_RUNS):
        return
    for match in _ACCOUNT_LIST_RE.finditer(folded):
        first, second = match.group("first"), match.group("second")
        names = [name.lstrip("@").rstrip(".") for name in (first, second)]
        if any(name in _NOT_HANDLES or _NOT_A_NAME_RE.match(name) for name in names):
            continue
        if any(name.startswith("@") or _is_handle(name.rstrip(".")) for name in (first, second)):
            yield match.start("first"), match.end("first")
            yield match.start("second"), match.start("second") + len(second.rstrip("."))
    if "@" in folded:
        for match in _AT_THEN_WORDS_RE.finditer(folded):
            if _plain_name_words(match.group()[1:].strip()) and _platform_nearby(folded, match.start(), 40):
                yield match.span()
