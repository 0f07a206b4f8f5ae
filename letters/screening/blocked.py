"""The program's own blocked terms."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterable, Iterator

from letters.screening.text import alternation, fold


@lru_cache(maxsize=256)
def _blocked_term_re(term: str) -> re.Pattern:
    # Whole words: the term may not continue into a neighbouring letter or digit. Spaces
    # inside a phrase match any run of whitespace, line breaks included.
    return re.compile(rf"(?<!\w){alternation([fold(term)])}(?!\w)")


def find_blocked_terms(folded: str, terms: Iterable[str]) -> Iterator[tuple[int, int]]:
    # One search per term, so that overlapping terms ("red apple", "apple pie") are both
    # found and then merged; programs keep these lists short.
    for term in {t.strip() for t in terms if t and t.strip()}:
        for match in _blocked_term_re(term).finditer(folded):
            yield match.start(), match.end()
