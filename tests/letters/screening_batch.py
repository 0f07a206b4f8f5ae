"""Check a writers' batch of labelled letters and put it together as an unseen split.

A fresh unseen split is written by people who have not read the detector, from the brief in
`tests/letters/screening_corpus/WRITING_BRIEF.md`, each writer into a directory of their own
holding `en.jsonl`, `da.jsonl`, `nb.jsonl` and `fr.jsonl`. Run from the project root:

    python -m tests.letters.screening_batch check WRITER_DIR            # the writers run this too
    python -m tests.letters.screening_batch assemble u21 WRITER_DIR...  # figures only
    python -m tests.letters.screening_batch assemble u21 WRITER_DIR... --write

`check` looks at the shape of each letter (fields, labels, fragments verbatim, the brief's
count per category, long letters), never at whether a label is right. `assemble` drops a
letter whose text is already in the corpus and every copy of a text two writers wrote,
shuffles each language with a fixed seed, numbers the letters `<batch>-<language>-NNNN`, and
with `--write` writes `tests/letters/screening_corpus/unseen/<language>.jsonl`; it prints the
figures the split's README gives. It never runs screening.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
from collections import Counter, defaultdict
from pathlib import Path

CORPUS_DIR = Path(__file__).resolve().parent / "screening_corpus"
LANGUAGES = ("en", "da", "nb", "fr")
FIELDS = {"id", "text", "language", "region", "author", "category", "expected"}
REGIONS = {"en": {"GB", "US"}, "da": {"DK"}, "nb": {"NO"}, "fr": {"FR"}}
CONTACT_KINDS = {"contact.phone", "contact.email", "contact.social", "contact.address", "contact.url"}
GROOMING_MOVES = {"grooming.secrecy", "grooming.flattery", "grooming.meeting", "grooming.gift",
                  "grooming.photo", "grooming.platform", "grooming.personal_info"}
#: A child's disclosures; "other" is the brief's label for what the detector reads as exploitation.
DISCLOSURES = {"suicidal", "self_harm", "abuse", "neglect", "sexual", "other", "exploitation"}
#: The brief's mix per writer and language (2,170 letters, as for u20).
MIX = {
    "ordinary.numbers": 445, "ordinary.emotional": 225, "ordinary.plain": 103, "ordinary.platforms": 102,
    "contact.phone": 157, "contact.email": 118, "contact.social": 102, "contact.address": 75, "contact.url": 53,
    "safeguarding.suicidal": 154, "safeguarding.self_harm": 118, "safeguarding.abuse": 153,
    "safeguarding.neglect": 66, "safeguarding.sexual": 66, "safeguarding.other": 28, "safeguarding.grooming": 205,
}
LONG = 400
LONG_SHARE = 10  # one letter in ten is LONG characters or more


def label_problems(letter: dict) -> list[str]:
    """Return what is wrong with one letter's fields and labels (empty when its shape is right)."""
    if set(letter) != FIELDS:
        return [f"fields {sorted(letter)}"]
    text, category, expected = letter["text"], letter["category"], letter["expected"]
    problems = []
    if letter["region"] not in REGIONS.get(letter["language"], ()):
        problems.append(f"region {letter['region']} for language {letter['language']}")
    if letter["author"] not in ("mentee", "mentor"):
        problems.append(f"author {letter['author']}")
    if category not in MIX:
        return problems + [f"category {category}"]
    if category.startswith("ordinary.") and expected:
        problems.append("an ordinary letter has labels")
    if not category.startswith("ordinary.") and not expected:
        problems.append(f"{category} has no label")
    labelled = set()
    for item in expected:
        if not item.get("fragment") or item["fragment"] not in text:
            problems.append(f"fragment not verbatim in the text: {item.get('fragment')!r}")
        kind = item.get("kind")
        if kind in CONTACT_KINDS and set(item) == {"kind", "fragment", "severity"} and item["severity"] == "hold":
            labelled.add(kind)
        elif kind == "safeguarding" and set(item) == {"kind", "concept", "fragment", "severity"} \
                and item["severity"] == "urgent" and item["concept"] in GROOMING_MOVES | DISCLOSURES:
            labelled.add(item["concept"])
        else:
            problems.append(f"bad label {item}")
    if category.startswith("contact.") and category not in labelled:
        problems.append(f"{category} letter without a {category} label")
    if category == "safeguarding.grooming":
        moves = [item for item in expected if item.get("concept") in GROOMING_MOVES]
        if letter["author"] != "mentor" or not 2 <= len(moves) <= 5:
            problems.append("a grooming letter is a mentor's, with two to five moves labelled")
    elif category.startswith("safeguarding.") and category.removeprefix("safeguarding.") not in labelled:
        problems.append(f"{category} letter without that concept labelled")
    return problems


def check_file(path: Path, language: str) -> list[str]:
    """Return the problems of one writer's file of `language`, each with its line number."""
    problems, categories, texts, long_letters = [], Counter(), set(), 0
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        try:
            letter = json.loads(line)
        except ValueError as error:
            problems.append(f"{path.name}:{number}: not JSON ({error})")
            continue
        if letter.get("language") != language:
            problems.append(f"{path.name}:{number}: language {letter.get('language')}")
        problems += [f"{path.name}:{number}: {problem}" for problem in label_problems(letter)]
        categories[letter.get("category")] += 1
        long_letters += len(letter.get("text", "")) >= LONG
        if letter.get("text") in texts:
            problems.append(f"{path.name}:{number}: the same text twice in this file")
        texts.add(letter.get("text"))
    problems += [f"{path.name}: {category} has {categories[category]}, the brief asks {wanted}"
                 for category, wanted in MIX.items() if categories[category] != wanted]
    wanted_long = sum(MIX.values()) // LONG_SHARE
    if long_letters < wanted_long:
        problems.append(f"{path.name}: {long_letters} letters of {LONG} characters or more, the brief asks {wanted_long}")
    return problems


def check(directory: Path) -> list[str]:
    """Return the problems of one writer's four files."""
    problems = []
    for language in LANGUAGES:
        path = directory / f"{language}.jsonl"
        problems += check_file(path, language) if path.exists() else [f"{path.name}: missing"]
    return problems


def _read(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def corpus_texts() -> set[str]:
    """Every text already in the corpus: development, spent and unseen letters."""
    paths = [*CORPUS_DIR.glob("*.jsonl"), *CORPUS_DIR.glob("spent/**/*.jsonl"), *CORPUS_DIR.glob("unseen/*.jsonl")]
    return {letter["text"].strip() for path in paths for letter in _read(path)}


def assemble(batch: str, directories: list[Path], known: set[str]) -> tuple[dict[str, list[dict]], Counter]:
    """Return each language's letters of the batch, numbered, and how many were dropped why.

    A letter whose text is in `known` is dropped, and so is every copy of a text that more than
    one writer wrote (neither writer can be said to have written it alone).
    """
    dropped, split = Counter(), {}
    for language in LANGUAGES:
        letters = [(directory, letter) for directory in directories
                   for letter in _read(directory / f"{language}.jsonl")]
        writers = defaultdict(set)
        for directory, letter in letters:
            writers[letter["text"].strip()].add(directory)
        kept = []
        for _directory, letter in letters:
            text = letter["text"].strip()
            if text in known:
                dropped["already in the corpus"] += 1
            elif len(writers[text]) > 1:
                dropped["written by two writers"] += 1
            else:
                kept.append(letter)
        random.Random(batch).shuffle(kept)
        width = max(4, len(str(len(kept))))
        split[language] = [{**letter, "id": f"{batch}-{language}-{n:0{width}d}"} for n, letter in enumerate(kept, 1)]
    return split, dropped


def _has_urgent(letter: dict) -> bool:
    return any(item["kind"] == "safeguarding" for item in letter["expected"])


def figures(split: dict[str, list[dict]], development_letters: int) -> list[str]:
    """The lines of figures a split's README gives."""
    letters = [letter for language in LANGUAGES for letter in split[language]]
    categories = Counter(letter["category"] for letter in letters)
    items = [item for letter in letters for item in letter["expected"]]
    urgent = [item for item in items if item["kind"] == "safeguarding"]
    lengths = [len(letter["text"]) for letter in letters]
    return [
        f"letters {len(letters)}: " + ", ".join(f"{language} {len(split[language])}" for language in LANGUAGES),
        f"share of the corpus {len(letters) / (len(letters) + development_letters):.3f}",
        "ordinary " + ", ".join(f"{c} {n}" for c, n in sorted(categories.items()) if c.startswith("ordinary.")),
        "contact items " + ", ".join(f"{k} {n}" for k, n in sorted(Counter(i["kind"] for i in items).items())
                                     if k.startswith("contact.")),
        f"urgent items {len(urgent)} in {sum(_has_urgent(letter) for letter in letters)} letters: "
        + ", ".join(f"{c} {n}" for c, n in sorted(Counter(i["concept"] for i in urgent).items())),
        f"mentor letters {sum(letter['author'] == 'mentor' for letter in letters)}, "
        f"set in the US {sum(letter['region'] == 'US' for letter in letters)}",
        f"median length {statistics.median(lengths)}, {sum(n >= LONG for n in lengths)} of {LONG} or more",
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    check_command = commands.add_parser("check", help="check one writer's four files")
    check_command.add_argument("directory", type=Path)
    assemble_command = commands.add_parser("assemble", help="put the writers' files together as the unseen split")
    assemble_command.add_argument("batch", help='the batch name, e.g. "u21"')
    assemble_command.add_argument("directories", type=Path, nargs="+")
    assemble_command.add_argument("--write", action="store_true", help="write the unseen split's files")
    args = parser.parse_args(argv)
    if args.command == "check":
        problems = check(args.directory)
        print("\n".join(problems[:60]) if problems else "OK")
        return 1 if problems else 0
    split, dropped = assemble(args.batch, args.directories, corpus_texts())
    development = sum(len(_read(path)) for path in CORPUS_DIR.glob("*.jsonl"))
    print("\n".join(figures(split, development)))
    print("dropped: " + (", ".join(f"{why} {n}" for why, n in dropped.items()) or "none"))
    if args.write:
        (CORPUS_DIR / "unseen").mkdir(exist_ok=True)
        for language, letters in split.items():
            lines = [json.dumps({field: letter[field] for field in ("id", "text", "language", "region", "author",
                                                                     "category", "expected")}, ensure_ascii=False)
                     for letter in letters]
            (CORPUS_DIR / "unseen" / f"{language}.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
