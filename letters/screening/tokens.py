"""Words of a letter with their character offsets and lemmas.

Concept matching (letters.screening.concepts) and the learned model
(letters.screening.model) read letters as tokens rather than characters, so that verb
forms ("shoves", "slog", "fortæller") and plural or definite forms ("billederne",
"hemmeligheten") meet the one dictionary form a translator writes in the lexicon.

A token keeps `start`/`end` into the original text (end exclusive), so a finding built from
tokens points at what the author wrote. `norm` is the folded surface form (lower case,
accents stripped, apostrophes dropped inside English and Scandinavian words so "don't" and
"dont" are one word); `lemma` is the folded dictionary form from simplemma in the letter's
language. Lemmas are cached per process: letters repeat the same few hundred words.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

import simplemma

from letters.screening.text import fold

# A word is a run of letters and digits, with inner apostrophes ("don't", "aujourd'hui").
# French elisions ("j'ai", "l'école", "m'a") are split after the apostrophe below, because
# the elided article or pronoun is a word of its own there.
_WORD_RE = re.compile(r"\w+(?:['’]\w+)*")
_FRENCH_ELISION_RE = re.compile(r"^(?:[cdjlmnst]|qu|jusqu|lorsqu|puisqu)['’]", re.IGNORECASE)
_APOSTROPHES = str.maketrans("", "", "'’")


class Token(NamedTuple):
    """One word of a letter, at text[start:end]."""

    start: int
    end: int
    lower: str  # the word as written, lower-cased (accents kept: lemmas need them)
    norm: str
    lemma: str


@lru_cache(maxsize=65536)
def is_dictionary_word(word: str, language: str) -> bool:
    """True if `word` (lower-case) is a word simplemma knows in `language` or in English.

    English counts for every language because children mix it in. A coined name such as
    "petetakesphotos" or "kakekritikeren" is in neither dictionary; "private" and "fyldt" are.
    """
    for dictionary in dict.fromkeys((language, "en")):
        try:
            if simplemma.is_known(word, lang=dictionary):
                return True
        except ValueError:  # a language simplemma does not have
            continue
    return False


@lru_cache(maxsize=65536)
def lemma_of(word: str, language: str) -> str:
    """Return the folded dictionary form of `word` (already lower-case) in `language`.

    Words simplemma does not know come back unchanged, which is what matching wants:
    names and slang are matched as written.
    """
    try:
        lemma = simplemma.lemmatize(word, lang=language)
    except ValueError:  # a language simplemma does not have: match surface forms only
        lemma = word
    return fold(lemma.lower()).translate(_APOSTROPHES)


def _pieces(match: re.Match, language: str):
    """Yield (start, end, word) for one regex word, splitting French elisions."""
    word, start = match.group(), match.start()
    if language == "fr":
        elision = _FRENCH_ELISION_RE.match(word)
        if elision and elision.end() < len(word):
            yield start, start + elision.end(), word[: elision.end() - 1]
            start, word = start + elision.end(), word[elision.end():]
    yield start, start + len(word), word


@lru_cache(maxsize=65536)
def _word_forms(word: str, language: str) -> tuple[str, str, str]:
    """Return (lower, norm, lemma) of one word as written (cached: letters repeat words)."""
    lower = word.lower()
    return lower, fold(lower).translate(_APOSTROPHES), lemma_of(lower, language)


def tokenize(text: str, language: str) -> list[Token]:
    """Return the words of `text` with their offsets, folded forms and lemmas in `language`."""
    tokens = []
    append = tokens.append
    for match in _WORD_RE.finditer(text):
        if language == "fr":
            for start, end, word in _pieces(match, language):
                append(Token(start, end, *_word_forms(word, language)))
        else:
            append(Token(match.start(), match.end(), *_word_forms(match.group(), language)))
    return tokens


_SENTENCE_END_RE = re.compile(r"[.!?…]+(?=\s|$)|\n+")


# Cached for the last few letters: the model and widen_to_sentences() both split the same
# letter, one right after the other. A tuple, so no caller can change the cached answer.
@lru_cache(maxsize=8)
def sentence_bounds(text: str) -> tuple[tuple[int, int], ...]:
    """Return [start, end) of each sentence or line of `text`, blank ones left out.

    The learned model classifies one sentence at a time; a sentence ends at ., !, ? or a
    line break (children's run-on sentences stay whole, which is what we want).
    """
    bounds = []
    start = 0
    for match in _SENTENCE_END_RE.finditer(text):
        if text[start:match.end()].strip():
            bounds.append((start, match.end()))
        start = match.end()
    if text[start:].strip():
        bounds.append((start, len(text)))
    return tuple(bounds)
