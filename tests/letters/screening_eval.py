"""Measure screening on a labelled corpus split, the way docs/screening.md reports it.

Run from the project root:

    .venv/bin/python -m tests.letters.screening_eval --split dev
    .venv/bin/python -m tests.letters.screening_eval --split unseen --mode rules

`--split dev` reads tests/letters/screening_corpus/*.jsonl, the cases screening is tuned on.
`--split unseen` reads tests/letters/screening_corpus/unseen/*.jsonl, written by people who had
not read the detector and never used for tuning: its numbers are the honest ones. Printing
its misses (`--misses`) spends it: whoever has read them must write a fresh unseen split
and move this one into the development corpus (tests/letters/screening_corpus/unseen/README.md).

What is counted (one row per language, category, kind or concept):

* contact recall: expected contact fragments entirely covered by the union of the
  letter's contact findings (what redaction would hide), whatever contact kind found them;
* contact recall, the detail itself: the same, for the detail within the fragment
  (`detail_span`): writers often label the words around a detail too ("my snap is
  ellie.bxo add me"), and a finding that hides the whole detail but not "add me" has not
  missed it. Both are reported; the first stays the strict one;
* contact false alarms: ordinary letters (nothing expected) with any contact finding;
* urgent recall: expected safeguarding items marked urgent that an urgent safeguarding
  finding overlaps; "look" recall: any safeguarding item that any safeguarding finding overlaps;
* urgent false alarms: ordinary letters with any urgent finding.

Cases without the newer fields count as written by a mentee, with contact items "hold" and
safeguarding items "urgent".
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

CORPUS_DIR = Path(__file__).resolve().parent / "screening_corpus"
SPLITS = {"dev": CORPUS_DIR, "unseen": CORPUS_DIR / "unseen"}
MODES = {"both": (True, True), "rules": (True, False), "model": (False, True)}
CONTACT_PREFIX = "contact."
SAFEGUARDING = "safeguarding"
URGENT = "urgent"


def load_split(directory: Path, batch: str = "") -> list[dict]:
    """Return every case of the *.jsonl files directly in `directory`, checking fragments.

    With `batch` (a file-name prefix such as "w5_"), only that batch's files are read: a batch
    just added to the development split can be measured on its own before anything is tuned
    on it.

    Raises ValueError naming the file and line of a case whose fragment is not in its text.
    """
    cases = []
    for path in sorted(directory.glob(f"{batch}*.jsonl")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if not line.strip():
                continue
            case = json.loads(line)
            for expected in case["expected"]:
                if expected["fragment"] not in case["text"]:
                    raise ValueError(f"{path.name}:{number}: fragment {expected['fragment']!r} is not in the text")
            cases.append(case)
    return cases


def fragment_span(case: dict, expected: dict) -> tuple[int, int]:
    """Return the span of an expected item's fragment in its letter's text."""
    start = case["text"].index(expected["fragment"])
    return start, start + len(expected["fragment"])


#: A word of a contact fragment that is part of the detail: it holds a digit or one of @ # _ /,
#: a dot between letters ("ellie.bxo"), or a capital after a small letter ("BondeBjarne"). In a
#: phone number, only a word with a digit.
_DETAIL_WORD = re.compile(r"[0-9@#_/]|\w\.\w|[a-zæøåé][A-ZÆØÅ]")
_PHONE_DETAIL_WORD = re.compile(r"[0-9]")
#: Names of apps and sites written with an inner capital: the place, not the detail.
_BRANDS = frozenset({"whatsapp", "tiktok", "youtube", "mobilepay", "playstation", "facetime", "linkedin", "snapchat",
                     "paypal", "soundcloud", "deviantart", "github", "onlyfans", "wechat", "bereal"})
#: What a word is stripped of before it is judged and measured: the punctuation around it.
_AROUND_WORD = "\"'()[],.;:!?«»“”…"


def detail_span(case: dict, expected: dict) -> tuple[int, int]:
    """Return the span of the detail itself within a contact item's fragment.

    From the first to the last word that looks like part of a detail (_DETAIL_WORD), so
    that the words around it ("my number is", "add me", a full stop) are left out. A home
    address keeps its whole fragment (its street name is part of it and looks like any
    word), as does a fragment with no such word (a number told in words).
    """
    start, end = fragment_span(case, expected)
    if expected["kind"] == "contact.address":
        return start, end
    words = [(match.start(), match.end()) for match in re.finditer(r"\S+", case["text"][start:end])]
    detail = []
    for word_start, word_end in words:
        word = case["text"][start + word_start:start + word_end]
        stripped = word.strip(_AROUND_WORD)
        shape = _PHONE_DETAIL_WORD if expected["kind"] == "contact.phone" else _DETAIL_WORD
        if stripped and shape.search(stripped) and stripped.lower() not in _BRANDS:
            lead = len(word) - len(word.lstrip(_AROUND_WORD))
            detail.append((start + word_start + lead, start + word_start + lead + len(stripped)))
    if not detail:
        return start, end
    return detail[0][0], detail[-1][1]


def covered(span: tuple[int, int], spans: list[tuple[int, int]]) -> bool:
    """True if the union of `spans` covers every character of `span`."""
    position, end = span
    for start, stop in sorted(spans):
        if start > position:
            break
        position = max(position, stop)
        if position >= end:
            return True
    return position >= end


def overlaps(span: tuple[int, int], spans: list[tuple[int, int]]) -> bool:
    return any(start < span[1] and span[0] < stop for start, stop in spans)


@dataclass
class Tally:
    """Hits out of a total, printed as "hits/total rate"."""

    hits: int = 0
    total: int = 0

    def add(self, hit: bool) -> None:
        self.hits += bool(hit)
        self.total += 1

    @property
    def rate(self) -> float | None:
        return self.hits / self.total if self.total else None

    def __str__(self) -> str:
        return "—" if not self.total else f"{self.hits}/{self.total} {self.rate:.2f}"


@dataclass
class Report:
    """Every tally of one run, keyed by the row it belongs to, and the notes on each miss."""

    contact_recall: dict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))
    detail_recall: dict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))
    contact_false_alarms: dict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))
    urgent_recall: dict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))
    urgent_letters: dict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))
    look_recall: dict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))
    urgent_false_alarms: dict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))
    misses: list[str] = field(default_factory=list)


def _rows(case: dict, *more: str) -> list[str]:
    """The rows a case counts in: everything, its language, and the rows named in `more`."""
    return ["all", f"lang {case['language']}", *more]


def _score_letter(case: dict, urgent: list[tuple[int, int]], report: Report) -> None:
    """Count whether a letter with urgent safeguarding items got any urgent finding at all.

    Item recall (above) asks that every marked sentence be found; this asks what decides
    whether a coordinator reads the letter before it is delivered: one urgent finding holds
    the whole letter. Both are reported; neither replaces the other.
    """
    items = [e for e in case["expected"] if e["kind"] == SAFEGUARDING and e.get("severity", URGENT) == URGENT]
    if items:
        for row in _rows(case, f"author {case.get('author', 'mentee')}"):
            report.urgent_letters[row].add(bool(urgent))


def score_case(case: dict, findings: list, report: Report) -> None:
    """Add one case's expected items and `findings` (screen()'s output for it) to `report`."""
    contact = [(f.start, f.end) for f in findings if f.kind.startswith(CONTACT_PREFIX)]
    safeguarding = [(f.start, f.end) for f in findings if f.kind == SAFEGUARDING]
    urgent = [(f.start, f.end) for f in findings if f.kind == SAFEGUARDING and f.severity == URGENT]
    for expected in case["expected"]:
        span = fragment_span(case, expected)
        if expected["kind"].startswith(CONTACT_PREFIX):
            detail_found = covered(detail_span(case, expected), contact)
            hit = covered(span, contact)
            for row in _rows(case, f"kind {expected['kind']}"):
                report.contact_recall[row].add(hit)
                report.detail_recall[row].add(detail_found)
            if detail_found and not hit:
                report.misses.append(f"wider   {case['id']}: {expected['kind']} {expected['fragment']!r}")
                continue
        elif expected["kind"] == SAFEGUARDING:
            concept = f"concept {expected.get('concept', 'unlabelled')}"
            hit = overlaps(span, safeguarding)
            for row in _rows(case, concept, f"author {case.get('author', 'mentee')}"):
                report.look_recall[row].add(hit)
            if expected.get("severity", URGENT) == URGENT:
                hit = overlaps(span, urgent)
                for row in _rows(case, concept, f"author {case.get('author', 'mentee')}"):
                    report.urgent_recall[row].add(hit)
        else:
            continue
        if not hit:
            report.misses.append(f"missed  {case['id']}: {expected['kind']} {expected['fragment']!r}")
    _score_letter(case, urgent, report)
    if not case["expected"]:
        category = f"category {case.get('category', 'ordinary')}"
        for row in _rows(case, category):
            report.contact_false_alarms[row].add(bool(contact))
            report.urgent_false_alarms[row].add(bool(urgent))
        for finding in findings:
            if finding.kind.startswith(CONTACT_PREFIX) or finding.severity == URGENT:
                excerpt = case["text"][finding.start:finding.end]
                report.misses.append(f"alarm   {case['id']}: {finding.kind}/{finding.severity} {excerpt!r}")


def evaluate(cases: list[dict], *, mode: str = "both") -> Report:
    """Screen every case with the rules and/or the model (`mode`) and return the tallies."""
    from letters.screening import screen

    use_rules, use_model = MODES[mode]
    report = Report()
    for case in cases:
        findings = screen(
            case["text"],
            language=case["language"],
            region=case["region"],
            author_role=case.get("author", "mentee"),
            use_rules=use_rules,
            use_model=use_model,
        )
        score_case(case, findings, report)
    return report


def _sorted_rows(tallies: dict[str, Tally]) -> list[str]:
    return sorted(tallies, key=lambda row: (row != "all", row))


def format_report(report: Report) -> list[str]:
    """Return the report as lines of text, one table per measure."""
    tables = [
        ("contact recall", report.contact_recall),
        ("contact recall, the detail itself", report.detail_recall),
        ("contact false alarms (ordinary letters)", report.contact_false_alarms),
        ("urgent safeguarding recall", report.urgent_recall),
        ("letters with urgent items that got an urgent finding", report.urgent_letters),
        ("safeguarding recall, any severity", report.look_recall),
        ("urgent false alarms (ordinary letters)", report.urgent_false_alarms),
    ]
    lines = []
    for title, tallies in tables:
        lines.append(f"{title}:")
        lines.extend(f"  {row:<32} {tallies[row]}" for row in _sorted_rows(tallies))
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Measure screening on a labelled corpus split.")
    parser.add_argument("--split", choices=sorted(SPLITS), default="dev")
    parser.add_argument("--mode", choices=sorted(MODES), default="both")
    parser.add_argument("--batch", default="", help='only the files whose name starts with this, e.g. "w5_"')
    parser.add_argument("--misses", action="store_true", help="also list every miss and false alarm")
    parser.add_argument("--json", action="store_true", help="print the tallies as JSON")
    args = parser.parse_args(argv)

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ.setdefault("DEBUG", "1")
    import django

    django.setup()
    cases = load_split(SPLITS[args.split], args.batch)
    report = evaluate(cases, mode=args.mode)
    if args.json:
        tables = {name: {row: [t.hits, t.total] for row, t in getattr(report, name).items()}
                  for name in ("contact_recall", "detail_recall", "contact_false_alarms", "urgent_recall", "urgent_letters", "look_recall",
                               "urgent_false_alarms")}
        print(json.dumps({"split": args.split, "mode": args.mode, "cases": len(cases), **tables}, indent=1))
    else:
        print(f"{len(cases)} cases, split {args.split}{' batch ' + args.batch if args.batch else ''}, mode {args.mode}")
        print("\n".join(format_report(report)))
    if args.misses:
        print("\n".join(report.misses))
    return 0


if __name__ == "__main__":
    sys.exit(main())
