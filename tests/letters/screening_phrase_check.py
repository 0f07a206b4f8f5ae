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

With `--contact`, each command reads contact details instead of urgent safeguarding: `misses`
writes the contact items that the findings do not cover entirely (as the evaluation counts
them), `snapshot` and `against` the ordinary letters with any contact finding. Contact rules
live in code as well as in the lexicon files, and a change to a matcher can alarm in any
language: run `against --contact` for all four.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from tests.letters.screening_eval import CONTACT_PREFIX, CORPUS_DIR, covered, fragment_span, load_split, overlaps

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


def contact_spans(text: str, language: str, region: str = "") -> list[tuple[int, int, str]]:
    """The (start, end, kind) of each contact finding of `text` (the safeguarding rules and model are off).

    `region` is the letter's country, as the corpus gives it; the language's own country by default.
    """
    from letters.screening import screen

    return [(f.start, f.end, f.kind) for f in screen(text, language=language, region=region or REGION[language],
                                                     use_rules=False, use_model=False)
            if f.kind.startswith(CONTACT_PREFIX)]


def _spans(letter: dict, *, contact: bool, use_model: bool) -> list[tuple[int, int, str]]:
    """The findings a round is about in `letter`: its contact details, or its urgent safeguarding."""
    if contact:
        return contact_spans(letter["text"], letter["language"], letter.get("region", ""))
    return urgent_spans(letter["text"], letter["language"], letter.get("author", "mentee"), use_model=use_model)


def _found(spans: list[tuple[int, int, str]], span: tuple[int, int], *, contact: bool = False) -> bool:
    """Whether `spans` find an item at `span`: overlap it (urgent), or cover all of it (contact)."""
    bare = [(start, end) for start, end, _ in spans]
    return covered(span, bare) if contact else overlaps(span, bare)


def _is_item(item: dict, *, contact: bool) -> bool:
    return item["kind"].startswith(CONTACT_PREFIX) if contact else item["kind"] == "safeguarding"


def write_misses(batch: str, language: str, out: Path, *, contact: bool = False) -> int:
    """Write the batch's items the detector misses (urgent: rules and model both); return how many."""
    misses = []
    for letter in _letters(language, batch):
        items = [item for item in letter["expected"] if _is_item(item, contact=contact)]
        if not items:
            continue
        spans = _spans(letter, contact=contact, use_model=True)
        misses += [{"id": letter["id"], "language": language, "region": letter.get("region", ""),
                    "author": letter.get("author", "mentee"),
                    "kind": item["kind"], "concept": item.get("concept"), "fragment": item["fragment"],
                    "text": letter["text"]}
                   for item in items if not _found(spans, fragment_span(letter, item), contact=contact)]
    out.write_text("".join(json.dumps(miss, ensure_ascii=False) + "\n" for miss in misses), encoding="utf-8")
    return len(misses)


def ordinary_alarms(language: str, *, contact: bool = False) -> dict[str, list[str]]:
    """Each ordinary development letter of `language` the rules alone alarm on, with the words."""
    alarms = {}
    for letter in _letters(language):
        if letter["expected"]:
            continue
        spans = _spans(letter, contact=contact, use_model=False)
        if spans:
            alarms[letter["id"]] = [f"{label}: {letter['text'][s:e]}" for s, e, label in spans]
    return alarms


def found_by_rules(misses_path: Path, language: str, *, contact: bool = False) -> tuple[int, int]:
    """How many of the written misses the rules alone now find, of how many."""
    misses = [json.loads(line) for line in misses_path.read_text(encoding="utf-8").splitlines() if line.strip()]
    found = sum(_found(_spans({**m, "language": language}, contact=contact, use_model=False), fragment_span(m, m),
                       contact=contact)
                for m in misses)
    return found, len(misses)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    misses = commands.add_parser("misses", help="write a batch's items that the detector misses")
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
    for command in (misses, snapshot, against):
        command.add_argument("--contact", action="store_true", help="contact details rather than urgent safeguarding")
    args = parser.parse_args(argv)
    _setup()
    what = "contact" if args.contact else "urgent"
    if args.command == "misses":
        count = write_misses(args.batch, args.language, args.out, contact=args.contact)
        print(f"{count} missed {what} items written to {args.out}")
        return 0
    alarms = ordinary_alarms(args.language, contact=args.contact)
    if args.command == "snapshot":
        args.out.write_text(json.dumps(alarms, ensure_ascii=False), encoding="utf-8")
        print(f"{len(alarms)} ordinary {args.language} letters with a {what} alarm recorded")
        return 0
    before = json.loads(args.snapshot.read_text(encoding="utf-8"))
    new = {letter: words for letter, words in alarms.items() if letter not in before}
    print(f"ordinary {args.language} letters with a {what} alarm: {len(before)} -> {len(alarms)} (new {len(new)})")
    for letter, words in new.items():
        print("NEW ALARM", letter, words)
    if args.misses:
        found = found_by_rules(args.misses, args.language, contact=args.contact)
        print("missed items now found by the rules: {}/{}".format(*found))
    return 1 if new else 0


if __name__ == "__main__":
    sys.exit(main())
