"""The corpus measure in screening_eval counts what docs/screening.md says it counts."""

from letters.screening import Finding
import pytest

from tests.letters.screening_eval import Report, detail_span, format_report, score_case


def _finding(kind: str, start: int, end: int, severity: str = "hold") -> Finding:
    return Finding(kind=kind, start=start, end=end, severity=severity, excerpt="")


CASE = {
    "id": "t-1", "language": "en", "region": "GB", "author": "mentor",
    "text": "ring 0612 then 884201. keep it our secret.",
    "expected": [
        {"kind": "contact.phone", "fragment": "0612 then 884201", "severity": "hold"},
        {"kind": "safeguarding", "fragment": "keep it our secret", "severity": "urgent", "concept": "grooming.secrecy"},
    ],
}


def test_contact_counts_only_when_every_character_is_covered_by_contact_findings():
    report = Report()
    # Two findings of different contact kinds that together cover the fragment count as caught.
    score_case(CASE, [_finding("contact.phone", 5, 14), _finding("contact.social", 14, 21)], report)
    assert (report.contact_recall["all"].hits, report.contact_recall["all"].total) == (1, 1)
    partial = Report()
    score_case(CASE, [_finding("contact.phone", 5, 9)], partial)
    assert partial.contact_recall["all"].hits == 0
    assert any("missed  t-1: contact.phone" in line for line in partial.misses)


@pytest.mark.parametrize("kind, fragment, detail", [
    ("contact.social", "my snap is ellie.bxo add me", "ellie.bxo"),
    ("contact.phone", "Mon numéro : 06 72 19 84 30.", "06 72 19 84 30"),
    ("contact.phone", "The first bit is 07542. The rest is 608 119.", "07542. The rest is 608 119"),
    ("contact.social", "Jeg heter BondeBjarne.", "BondeBjarne"),
    ("contact.phone", "så MobilePay 60 41 22 85", "60 41 22 85"),
    ("contact.social", "Kanalen heter @FiskeOnkelen på YouTube", "@FiskeOnkelen"),
    ("contact.email", "skriv til (mette.h@example.dk)", "mette.h@example.dk"),
    ("contact.phone", "toogtyve femogfyrre nulsyv treogtres", "toogtyve femogfyrre nulsyv treogtres"),
    ("contact.address", "Jeg bor på Bækkevej 42, 8000 Aarhus", "Jeg bor på Bækkevej 42, 8000 Aarhus"),
])
def test_the_detail_of_a_contact_item_leaves_out_the_words_around_it(kind, fragment, detail):
    case = {"text": f"Hej! {fragment} Vi ses.", "expected": [{"kind": kind, "fragment": fragment}]}
    start, end = detail_span(case, case["expected"][0])
    assert case["text"][start:end] == detail


def test_a_finding_that_covers_the_detail_but_not_the_words_around_it_counts_only_in_the_detail_measure():
    case = {"id": "t-3", "language": "en", "region": "GB", "text": "my snap is ellie.bxo add me",
            "expected": [{"kind": "contact.social", "fragment": "my snap is ellie.bxo add me", "severity": "hold"}]}
    report = Report()
    score_case(case, [_finding("contact.social", 0, 20)], report)
    assert report.contact_recall["all"].hits == 0 and report.detail_recall["all"].hits == 1
    assert report.misses == ["wider   t-3: contact.social 'my snap is ellie.bxo add me'"]
    short = Report()
    score_case(case, [_finding("contact.social", 11, 16)], short)  # "ellie" alone
    assert short.detail_recall["all"].hits == 0


def test_urgent_recall_needs_an_urgent_safeguarding_finding_overlapping_the_fragment():
    held = Report()
    score_case(CASE, [_finding("safeguarding", 23, 30, "hold")], held)
    assert held.look_recall["concept grooming.secrecy"].hits == 1
    assert held.urgent_recall["concept grooming.secrecy"].hits == 0
    urgent = Report()
    score_case(CASE, [_finding("safeguarding", 23, 30, "urgent")], urgent)
    assert urgent.urgent_recall["author mentor"].hits == 1


def test_ordinary_letters_count_contact_and_urgent_false_alarms_by_category():
    ordinary = {"id": "t-2", "language": "da", "region": "DK", "text": "Vi vandt 21-18 i 2024-2025.",
                "category": "ordinary.numbers", "expected": []}
    report = Report()
    score_case(ordinary, [_finding("contact.phone", 9, 14)], report)
    assert report.contact_false_alarms["category ordinary.numbers"].hits == 1
    assert report.urgent_false_alarms["lang da"].hits == 0
    assert any(line.startswith("alarm   t-2") for line in report.misses)
    assert "contact false alarms (ordinary letters):" in format_report(report)


def test_a_letter_counts_as_caught_when_any_urgent_finding_holds_it_even_away_from_its_items():
    two_items = {**CASE, "expected": [
        {"kind": "safeguarding", "fragment": "ring 0612", "severity": "urgent", "concept": "grooming.platform"},
        {"kind": "safeguarding", "fragment": "keep it our secret", "severity": "urgent", "concept": "grooming.secrecy"},
    ]}
    report = Report()
    score_case(two_items, [_finding("safeguarding", 23, 30, "urgent")], report)
    assert (report.urgent_recall["all"].hits, report.urgent_recall["all"].total) == (1, 2)
    assert (report.urgent_letters["all"].hits, report.urgent_letters["all"].total) == (1, 1)
    held_only = Report()
    score_case(two_items, [_finding("safeguarding", 23, 30, "hold")], held_only)
    assert (held_only.urgent_letters["author mentor"].hits, held_only.urgent_letters["author mentor"].total) == (0, 1)
    ordinary = Report()
    score_case({**CASE, "expected": []}, [], ordinary)
    assert ordinary.urgent_letters["all"].total == 0
