"""`letters.screening.text.alternation`: the one way every word list becomes a pattern.

Since every list is built as a prefix tree, these are the promises the matchers rely on,
written as a flat list of alternatives would keep them.
"""

import re

import pytest

from letters.screening.text import alternation


def whole_word(words) -> re.Pattern:
    return re.compile(rf"(?<!\w){alternation(words)}(?!\w)", re.IGNORECASE)


@pytest.mark.parametrize("text, expected", [
    ("12 Oak street", "street"),  # the longest word that fits
    ("12 Oak str. and", "str"),  # a shorter one when the longer does not
    ("12 Oak st", "st"),
    ("the strait", None),  # no word of the list stands whole here
])
def test_the_longest_whole_word_is_found(text, expected):
    found = whole_word(["st", "str", "street"]).search(text)
    assert (found.group() if found else None) == expected


def test_a_shorter_word_is_tried_when_what_follows_needs_it():
    # "abc" is in the list, yet "ab" then "c" is the only way to read "abcc".
    pattern = re.compile(rf"{alternation(['ab', 'abc'])}cc")
    assert pattern.fullmatch("abcc")
    assert pattern.fullmatch("abccc")


def test_a_space_in_a_word_matches_any_whitespace():
    assert whole_word(["rue de"]).search("15 rue  de la Paix")
    assert whole_word(["rue de"]).search("15 rue\nde la Paix")


def test_characters_with_a_meaning_in_patterns_are_read_as_written():
    pattern = whole_word(["n°", "a.b", "c++"])
    assert pattern.search("le n° 4") and pattern.search("a.b") and pattern.search("c++ ")
    assert not pattern.search("axb")


def test_repeated_and_unordered_words_make_the_same_pattern():
    assert alternation(["road", "rd", "road", "avenue"]) == alternation(["avenue", "rd", "road"])
