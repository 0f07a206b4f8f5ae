"""Folding text for matching, and the small regex helpers every matcher uses."""

from __future__ import annotations

import re
from typing import Iterable

from programs.text import fold, strip_accent

__all__ = ["NAME_LETTERS", "alternation", "compile_folded", "fold", "has_cue_after", "has_cue_before", "runs_sentences_together",
           "start_before_words", "with_name_letters"]


# fold() comes from programs.text: screening and the watch words' keys must fold alike.


def compile_folded(pattern: str, flags: int = 0) -> re.Pattern:
    """Compile a pattern written with accents so that it matches folded text."""
    return re.compile("".join(map(strip_accent, pattern)), flags | re.IGNORECASE)


#: The letters of a user name or an e-mail name once folded: fold() takes the accent off "é" and
#: "å" but keeps the letters that have none to take off, and Danish, Norwegian and French names
#: hold them ("snøuglen2012@gmail.com", "byttebørsen_odense", "cœur.de.lion"; r17).
NAME_LETTERS = "a-zæøœß"


def with_name_letters(pattern: str) -> str:
    """Return `pattern` with each "a-z" range of its character classes widened to NAME_LETTERS."""
    return pattern.replace("a-z", NAME_LETTERS)


#: The optional words that say "this is" before a value a writer gives ("is", "er", "c'est",
#: "c", "="), with a colon after them: shared by the patterns that read a labelled number or id.
IS_WORDS = r"(?:(?:is|are|er|c'est|cest|c|est|=)\s*:?\s*)?"


def alternation(words: Iterable[str]) -> str:
    """Return a regex matching any of `words`, the longest first, shaped as a prefix tree.

    A flat alternation ("street|strada|road") tries every word at every position of a letter;
    the tree tries one branch per letter, which made screening about a tenth faster without
    changing one finding (docs/performance.md). A word and its longer forms share a branch
    whose rest is optional and greedy, so where several words match the longest is preferred,
    and the shorter ones are still tried when what follows needs them. A space matches any
    whitespace.
    """
    tree: dict = {}
    for word in set(words):
        node = tree
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}
    return "(?:" + _tree_pattern(tree) + ")"


def _tree_pattern(node: dict) -> str:
    branches = [(r"\s+" if char == " " else re.escape(char)) + _tree_pattern(child)
                for char, child in sorted(node.items()) if char]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if "" in node else body


def has_cue_before(folded: str, start: int, cues_re: re.Pattern, window: int = 40) -> bool:
    return bool(cues_re.search(folded[max(0, start - window):start]))


def has_cue_after(folded: str, end: int, cues_re: re.Pattern, window: int = 30) -> bool:
    """True if a cue stands within `window` characters after `end`, in the same sentence or line.

    A full stop, a dash or a colon right after the number may stand before the cue: "07700,
    900, 861. whatsapp me", "53, 67, 12, 08 - det er mit nummer".
    """
    after = folded[end:end + window]
    lead = re.match(r"[\s.,:;\-–—]{0,3}", after).end()
    stop = re.search(r"[.!?\n]", after[lead:])
    if stop:
        after = after[:lead + stop.start()]
    return bool(cues_re.search(after))


#: The word right before a position, with the spaces and a comma or colon after it.
_WORD_BEFORE_RE = re.compile(r"([\w'’-]+)[ \t]*[,:]?[ \t]*\Z")


def start_before_words(folded: str, start: int, words: frozenset[str], *, reach: int, window: int) -> int:
    """Return `start`, moved back over up to `reach` of `words` that stand right before it.

    Used to widen a finding over the words that offer it ("mon snap c kyky.rl", "første del er
    52 71 …"): each step takes the one word ending within `window` characters before the
    current start, a comma or colon after it allowed, if it is one of `words` (folded).
    """
    for _ in range(reach):
        before = _WORD_BEFORE_RE.search(folded, max(0, start - window), start)
        if not before or before.group(1) not in words:
            break
        start = before.start()
    return start


def runs_sentences_together(text: str, start: int, end: int) -> bool:
    """True if a dot inside `text[start:end]` has a capital right after it: "lake.It", "hjemme.No".

    Read on the letter as written (folding lowers every letter): a sentence run into the next
    one without a space, not a dotted name or address, which children write in lower case.
    """
    return any(text[dot + 1:dot + 2].isupper() for dot in range(start, end) if text[dot] == ".")
