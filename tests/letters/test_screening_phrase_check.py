"""The phrase check a tuning round runs after each change to a lexicon file."""

import json

from tests.letters.screening_phrase_check import found_by_rules, urgent_spans


def test_a_missed_item_counts_as_found_once_an_urgent_rule_overlaps_it(tmp_path):
    misses = tmp_path / "misses.jsonl"
    items = [
        {"id": "x-1", "author": "mentee", "concept": "suicidal", "text": "I want to kill myself tonight.",
         "fragment": "I want to kill myself"},
        {"id": "x-2", "author": "mentee", "concept": "suicidal", "text": "We went to the zoo on Sunday.",
         "fragment": "the zoo"},
    ]
    misses.write_text("".join(json.dumps(item) + "\n" for item in items), encoding="utf-8")
    assert found_by_rules(misses, "en") == (1, 2)


def test_urgent_spans_name_the_concept_and_leave_ordinary_words_alone():
    assert [concept for _, _, concept in urgent_spans("I want to kill myself.", "en", "mentee", use_model=False)] \
        == ["suicidal"]
    assert urgent_spans("We went to the zoo on Sunday.", "en", "mentee", use_model=False) == []
