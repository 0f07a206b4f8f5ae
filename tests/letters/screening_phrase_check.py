"""Check new safeguarding phrases of one language against the development letters.

A tuning round reads the urgent items that a spent batch's letters hid from both the rules and
the model, and writes phrases for them into `letters/screening/lexicon/<language>.toml`. A
phrase is only kept if no ordinary development letter of its language gains an urgent alarm
from it, which only a run over all of them shows: a word of six letters or more also matches
one letter off, so a new word changes what the whole lexicon reads. Run from the project root:

    python -m tests.letters.screening_phrase_check misses u19_ da misses_da.jsonl   # once, before
    python -m tests.letters.screening_phrase_check snapshot da alarms_da.json      # once, before
    python -m tests.letters.screening_phrase_check against da alarms_da.json --misses misses_da.jsonl

`misses` writes the urgent items of the development files `<batch><language>.jsonl` that the
rules and the model both miss (with the letter, for reading); `snapshot` records which ordinary
development letters of the language the rules alone alarm on; `against` lists each ordinary
letter that has gained an alarm since (the phrase that did it must go or be narrowed) and how
many of the missed items the rules now find. Only development letters are read, never the
unseen split. English phrases also read the other languages' letters (as written or by their
lemma): check those languages too after changing `en.toml`.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from tests.letters.screening_eval import CORPUS_DIR, fragment_span, load_split, overlaps

REGION = {"en": "GB", "da": "DK", "nb": "NO", "fr": "FR"}


def _setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()


def _letters(language: str, batch: str = "") -> list[dict]:
    """The development letters of `language`, of the files whose name starts with `batch`."""
    return [letter for letter in load_split(CORPUS_DIR, batch) if letter["language"] == language]


def urgent_spans(text: str, language: str, author: str, *, use_model: bool) -> list[tuple[int, int, str]]:
    """The (start, end, concept) of each urgent safeguarding finding of `text`."""
    from letters.screening import screen

    return [(f.start, f.end, f.concept) for f in screen(text, language=language, region=REGION[language],
                                                        author_role=author, use_model=use_model)
            if f.kind == "safeguarding" and f.severity == "urgent"]


def _found(spans: list[tuple[int, int, str]], span: tuple[int, int]) -> bool:
    return overlaps(span, [(start, end) for start, end, _ in spans])


def write_misses(batch: str, language: str, out: Path) -> int:
    """Write the batch's urgent items that rules and model both miss; return how many."""
    misses = []
    for letter in _letters(language, batch):
        items = [item for item in letter["expected"] if item["kind"] == "safeguarding"]
        if not items:
            continue
        spans = urgent_spans(letter["text"], language, letter.get("author", "mentee"), use_model=True)
        misses += [{"id": letter["id"], "author": letter.get("author", "mentee"), "concept": item.get("concept"),
                    "fragment": item["fragment"], "text": letter["text"]}
                   for item in items if not _found(spans, fragment_span(letter, item))]
    out.write_text("".join(json.dumps(miss, ensure_ascii=False) + "\n" for miss in misses), encoding="utf-8")
    return len(misses)


def ordinary_alarms(language: str) -> dict[str, list[str]]:
    """Each ordinary development letter of `language` the rules alone alarm on, with the words."""
    alarms = {}
    for letter in _letters(language):
        if letter["expected"]:
            continue
        spans = urgent_spans(letter["text"], language, letter.get("author", "mentee"), use_model=False)
        if spans:
            alarms[letter["id"]] = [f"{concept}: {letter['text'][s:e]}" for s, e, concept in spans]
    return alarms


def found_by_rules(misses_path: Path, language: str) -> tuple[int, int]:
    """How many of the written misses the rules alone now find, of how many."""
    misses = [json.loads(line) for line in misses_path.read_text(encoding="utf-8").splitlines() if line.strip()]
    found = sum(_found(urgent_spans(m["text"], language, m["author"], use_model=False), fragment_span(m, m))
                for m in misses)
    return found, len(misses)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    misses = commands.add_parser("misses", help="write a batch's urgent items that rules and model miss")
    misses.add_argument("batch", help='a development file prefix, e.g. "u19_"')
    misses.add_argument("language", choices=sorted(REGION))
    misses.add_argument("out", type=Path)
    snapshot = commands.add_parser("snapshot", help="record the ordinary letters the rules alarm on")
    snapshot.add_argument("language", choices=sorted(REGION))
    snapshot.add_argument("out", type=Path)
    against = commands.add_parser("against", help="new alarms since a snapshot, and misses now found")
    against.add_argument("language", choices=sorted(REGION))
    against.add_argument("snapshot", type=Path)
    against.add_argument("--misses", type=Path)
    args = parser.parse_args(argv)
    _setup()
    if args.command == "misses":
        print(f"{write_misses(args.batch, args.language, args.out)} missed urgent items written to {args.out}")
        return 0
    alarms = ordinary_alarms(args.language)
    if args.command == "snapshot":
        args.out.write_text(json.dumps(alarms, ensure_ascii=False), encoding="utf-8")
        print(f"{len(alarms)} ordinary {args.language} letters with an urgent alarm recorded")
        return 0
    before = json.loads(args.snapshot.read_text(encoding="utf-8"))
    new = {letter: words for letter, words in alarms.items() if letter not in before}
    print(f"ordinary {args.language} letters with an urgent alarm: {len(before)} -> {len(alarms)} (new {len(new)})")
    for letter, words in new.items():
        print("NEW ALARM", letter, words)
    if args.misses:
        print("missed items now found by the rules: {}/{}".format(*found_by_rules(args.misses, args.language)))
    return 1 if new else 0


if __name__ == "__main__":
    sys.exit(main())
