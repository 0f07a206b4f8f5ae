"""Folding text for matching, and the small regex helpers every matcher uses."""

from __future__ import annotations

import re
from typing import Iterable

from programs.text import fold, strip_accent

__all__ = ["alternation", "compile_folded", "fold", "has_cue_before"]


# fold() comes from programs.text: screening and the watch words' keys must fold alike.


def compile_folded(pattern: str, flags: int = 0) -> re.Pattern:
    """Compile a pattern written with accents so that it matches folded text."""
    return re.compile("".join(map(strip_accent, pattern)), flags | re.IGNORECASE)


def alternation(words: Iterable[str]) -> str:
    """Return a regex alternation of `words`, longest first, spaces matching any whitespace."""
    escaped = (re.escape(w).replace(r"\ ", r"\s+") for w in sorted(set(words), key=len, reverse=True))
    return "(?:" + "|".join(escaped) + ")"

def has_cue_before(folded: str, start: int, cues_re: re.Pattern, window: int = 40) -> bool:
    return bool(cues_re.search(folded[max(0, start - window):start]))
