"""Coordinators' watch words: a program's own words and phrases, each with the severity they chose.

The older "blocked terms" (a plain list of words that hold a letter) are watch words of
severity hold; `screen()` accepts both.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterable, Iterator

from letters.models import FindingSeverity
from letters.screening.text import alternation, fold

#: Finding.concept of every watch-word finding, so a coordinator sees why the words were marked.
WATCH_WORD_CONCEPT = "watch_word"

_RANK = {str(FindingSeverity.HOLD): 0, str(FindingSeverity.URGENT): 1}


@lru_cache(maxsize=256)
def _blocked_term_re(term: str) -> re.Pattern:
    # Whole words: the term may not continue into a neighbouring letter or digit. Spaces
    # inside a phrase match any run of whitespace, line breaks included.
    return re.compile(rf"(?<!\w){alternation([fold(term)])}(?!\w)")


@lru_cache(maxsize=256)
def _first_word(term: str) -> str:
    return fold(term).split()[0]


def find_blocked_terms(folded: str, terms: Iterable[str]) -> Iterator[tuple[int, int]]:
    # One search per term, so that overlapping terms ("red apple", "apple pie") are both
    # found and then merged. A plain substring test first skips the regular expression for
    # the many terms a letter does not contain: a program may keep dozens of watch words.
    for term in {t.strip() for t in terms if t and t.strip()}:
        if _first_word(term) not in folded:
            continue
        for match in _blocked_term_re(term).finditer(folded):
            yield match.start(), match.end()


def find_watch_words(folded: str, watch_terms: Iterable[tuple[str, str]]) -> list[tuple[int, int, str]]:
    """Return (start, end, severity) for every watch word found in `folded`, sorted by start.

    `watch_terms` are (term, severity) pairs, severity "hold" or "urgent" (ValueError
    otherwise). Matches that overlap or touch become one span, urgent if any of them is:
    a coordinator must not miss an urgent word inside a longer hold phrase.
    """
    terms_by_severity: dict[str, set[str]] = {}
    for term, severity in watch_terms:
        if severity not in _RANK:
            raise ValueError(f"watch word severity must be hold or urgent, not {severity!r}")
        terms_by_severity.setdefault(severity, set()).add(term)
    found = sorted(
        (start, end, severity)
        for severity, terms in terms_by_severity.items()
        for start, end in find_blocked_terms(folded, terms)
    )
    merged: list[tuple[int, int, str]] = []
    for start, end, severity in found:
        if merged and start <= merged[-1][1]:
            last_start, last_end, last_severity = merged[-1]
            worst = max(severity, last_severity, key=_RANK.__getitem__)
            merged[-1] = (last_start, max(last_end, end), worst)
        else:
            merged.append((start, end, severity))
    return merged
