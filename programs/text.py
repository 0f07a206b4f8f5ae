"""Folding text so that words compare without regard to case or accents.

It lives in the lowest app because both a program's watch words (programs) and screening
(letters.screening) must fold text the same way: a watch word's key is what screening will
match.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache


@lru_cache(maxsize=4096)
def strip_accent(char: str) -> str:
    """Return `char` without its accent, as exactly one character."""
    decomposed = unicodedata.normalize("NFD", char)
    return decomposed[0] if decomposed else char


@lru_cache(maxsize=4096)
def _fold_char(char: str) -> str:
    base = strip_accent(char)
    lower = base.lower()
    # A few characters lower-case to two ("İ" → "i̇"); keep one so offsets stay aligned.
    return lower if len(lower) == 1 else base


def fold(text: str) -> str:
    """Return `text` lower-cased and without accents, with the same length as `text`."""
    return "".join(map(_fold_char, text))
