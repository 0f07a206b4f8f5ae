"""Social media and game handles, and invitations to another platform."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterator

from letters.screening.text import alternation, compile_folded

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
AT_HANDLE_RE = compile_folded(r"(?<![\w@/.])@[a-z][\w.]{1,29}(?<![.])")
DISCORD_TAG_RE = compile_folded(r"(?<![\w@])[a-z][\w.]{1,31}#\d{4}(?!\w)")

_PLATFORM = alternation(PLATFORMS)
_ANY_PLATFORM = alternation(PLATFORMS + GAME_PLATFORMS)


@lru_cache(maxsize=None)
def _social_patterns(language: str) -> tuple[re.Pattern, re.Pattern]:
    cues = SOCIAL_CUES_BEFORE["en"] + (SOCIAL_CUES_BEFORE[language] if language != "en" else ())
    cued = compile_folded(
        rf"(?<!\w){alternation(cues)}[\s:,]+(?:{alternation(CUE_FILLERS)}\s+){{0,2}}?(?P<platform>{_PLATFORM})(?!\w)"
    )
    # A platform followed, within a few words, by something shaped like a handle.
    handled = compile_folded(
        rf"(?<!\w)(?P<platform>{_ANY_PLATFORM})(?!\w)[\s?:,!-]*(?:(?:[\w'’]+\s+){{0,3}}?{alternation(HANDLE_INTRODUCERS)}\s*:?\s*|:\s*)?"
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


_INTRODUCER_RE = compile_folded(rf"(?<!\w){alternation(NAME_INTRODUCERS)}\s*:?\s*(?P<handle>{_HANDLE})(?!\w)")

_POSSESSIVE_FOLLOW = compile_folded(r"\s*(?:is|er|c'est|est|:|=|name|username|handle|account|konto|profil)")


def _possessive_reads_as_contact(folded: str, end: int) -> bool:
    """Return True if "my snap" goes on like "my snap is ..." rather than "my snap judgement"."""
    return bool(_POSSESSIVE_FOLLOW.match(folded, end))


_PLATFORM_RE = compile_folded(rf"(?<!\w)(?:(?:on|sur|på|via|over|par)\s+)?{_ANY_PLATFORM}(?!\w)")


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
