"""The phrase check a tuning round runs after each change to a lexicon file."""

import json

from tests.letters.screening_phrase_check import contact_spans, found_by_rules, urgent_spans


def _misses_file(directory, items: list[dict]):
    """Write `items` as the check's misses file (one JSON line each) in `directory`; return its path."""
    misses = directory / "misses.jsonl"
    misses.write_text("".join(json.dumps(item) + "\n" for item in items), encoding="utf-8")
    return misses


def test_a_missed_item_counts_as_found_once_an_urgent_rule_overlaps_it(tmp_path):
    items = [
        {"id": "x-1", "author": "mentee", "concept": "suicidal", "text": "I want to kill myself tonight.",
         "fragment": "I want to kill myself"},
        {"id": "x-2", "author": "mentee", "concept": "suicidal", "text": "We went to the zoo on Sunday.",
         "fragment": "the zoo"},
    ]
    assert found_by_rules(_misses_file(tmp_path, items), "en") == (1, 2)


def test_urgent_spans_name_the_concept_and_leave_ordinary_words_alone():
    assert [concept for _, _, concept in urgent_spans("I want to kill myself.", "en", "mentee", use_model=False)] \
        == ["suicidal"]
    assert urgent_spans("We went to the zoo on Sunday.", "en", "mentee", use_model=False) == []


def test_a_contact_miss_counts_as_found_only_once_the_findings_cover_all_of_it(tmp_path):
    items = [
        {"id": "c-1", "author": "mentee", "kind": "contact.email", "text": "Write to ellie.b@example.com tonight",
         "fragment": "ellie.b@example.com"},
        # The finding covers the address but not the words around it that the writer labelled too.
        {"id": "c-2", "author": "mentee", "kind": "contact.email", "text": "Write to ellie.b@example.com tonight",
         "fragment": "to ellie.b@example.com"},
        {"id": "c-3", "author": "mentee", "kind": "contact.phone", "text": "We scored 3 goals in 2 games.",
         "fragment": "3 goals"},
    ]
    assert found_by_rules(_misses_file(tmp_path, items), "en", contact=True) == (1, 3)


def test_contact_spans_name_the_kind_and_leave_safeguarding_alone():
    spans = contact_spans("Mail me at ellie.b@example.com, I want to kill myself.", "en")
    assert [kind for _, _, kind in spans] == ["contact.email"]
    assert contact_spans("We scored 3 goals in 2 games on 12 May.", "en") == []
