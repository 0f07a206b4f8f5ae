"""The tools that check a writers' batch and put it together as an unseen split."""

import json

from tests.letters.screening_batch import assemble, check_file, label_problems

PHONE_LETTER = {"id": "w1-en-0001", "text": "ring me on 07700 900461 after school", "language": "en",
                "region": "GB", "author": "mentee", "category": "contact.phone",
                "expected": [{"kind": "contact.phone", "fragment": "07700 900461", "severity": "hold"}]}


def test_a_well_formed_letter_has_no_problem():
    assert label_problems(PHONE_LETTER) == []


def test_a_fragment_that_is_not_in_the_text_is_reported():
    letter = {**PHONE_LETTER, "expected": [{"kind": "contact.phone", "fragment": "07700 900 461", "severity": "hold"}]}
    assert any("not verbatim" in problem for problem in label_problems(letter))


def test_a_grooming_letter_needs_a_mentor_and_two_moves():
    letter = {**PHONE_LETTER, "text": "you're so mature, keep it between us", "category": "safeguarding.grooming",
              "expected": [{"kind": "safeguarding", "concept": "grooming.secrecy",
                            "fragment": "keep it between us", "severity": "urgent"}]}
    assert any("two to five moves" in problem for problem in label_problems(letter))


def test_an_ordinary_letter_with_a_label_is_reported():
    letter = {**PHONE_LETTER, "category": "ordinary.numbers"}
    assert "an ordinary letter has labels" in label_problems(letter)


def test_a_file_is_checked_line_by_line_and_against_the_brief_s_counts(tmp_path):
    path = tmp_path / "en.jsonl"
    path.write_text(json.dumps(PHONE_LETTER) + "\n{not json\n", encoding="utf-8")
    problems = check_file(path, "en")
    assert any(problem.startswith("en.jsonl:2: not JSON") for problem in problems)
    assert "en.jsonl: contact.phone has 1, the brief asks 157" in problems


def _writer(directory, *texts):
    directory.mkdir()
    for language in ("en", "da", "nb", "fr"):
        letters = [{**PHONE_LETTER, "text": text, "language": language} for text in texts]
        (directory / f"{language}.jsonl").write_text("\n".join(json.dumps(letter) for letter in letters) + "\n")
    return directory


def test_assembling_drops_known_texts_and_every_copy_of_a_shared_one(tmp_path):
    first = _writer(tmp_path / "w1", "only the first writer's", "both wrote this", "already in the corpus")
    second = _writer(tmp_path / "w2", "only the second writer's", "both wrote this")
    split, dropped = assemble("u99", [first, second], known={"already in the corpus"})
    assert sorted(letter["text"] for letter in split["da"]) == ["only the first writer's", "only the second writer's"]
    assert dropped == {"already in the corpus": 4, "written by two writers": 8}
    assert sorted(letter["id"] for letter in split["nb"]) == ["u99-nb-0001", "u99-nb-0002"]
