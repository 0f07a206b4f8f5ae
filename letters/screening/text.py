"""Folding text for matching, and the small regex helpers every matcher uses."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Iterable


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


def compile_folded(pattern: str, flags: int = 0) -> re.Pattern:
    """Compile a pattern written with accents so that it matches folded text."""
    return re.compile("".join(map(_strip_accent, pattern)), flags | re.IGNORECASE)


def alternation(words: Iterable[str]) -> str:
    """Return a regex alternation of `words`, longest first, spaces matching any whitespace."""
    escaped = (re.escape(w).replace(r"\ ", r"\s+") for w in sorted(set(words), key=len, reverse=True))
    return "(?:" + "|".join(escaped) + ")"

def has_cue_before(folded: str, start: int, cues_re: re.Pattern, window: int = 40) -> bool:
    return bool(cues_re.search(folded[max(0, start - window):start]))
