"""How fast `screen()` is on 2,000-character letters, and a guard that its findings never change.

Run from the project root:

    .venv/bin/python -m bench.screening_speed              # measure, compare the fingerprint
    .venv/bin/python -m bench.screening_speed --record     # (re)write the fingerprint file

Letters are built per language by joining development-corpus letters
(tests/letters/screening_corpus/*.jsonl only, never the unseen split) and cutting the result
into 2,000-character pieces. Speed is letters per second of CPU time (`time.process_time`,
so other work on a shared machine weighs less), for the whole of screen(): contact details,
rules and the learned model. The best of `--repeat` passes is reported, after one pass
that fills the per-process caches (compiled lexicons, the model, lemma look-ups), as they
are filled in a running server.

The fingerprint is every finding (kind, start, end, severity, concept) of every
development-corpus letter and of every built letter. A speed-up must leave it identical:
the command exits with status 1 and names the letters whose findings changed.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
import time
from pathlib import Path

CORPUS_DIR = Path(__file__).resolve().parent.parent / "tests" / "letters" / "screening_corpus"
FINGERPRINT_FILE = Path(__file__).resolve().parent / "screening_fingerprint.json"
LETTER_LENGTH = 2000
LANGUAGES = ("en", "da", "nb", "fr")


def load_corpus() -> list[dict]:
    """Return the development-corpus cases (the *.jsonl files directly in CORPUS_DIR)."""
    cases = []
    for path in sorted(CORPUS_DIR.glob("*.jsonl")):  # glob is not recursive: unseen/ stays out
        cases += [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return cases


def long_letters(cases: list[dict], language: str) -> list[dict]:
    """Return LETTER_LENGTH-character letters made of the corpus letters of `language`, in order."""
    of_language = [case for case in cases if case["language"] == language]
    joined = "\n\n".join(case["text"] for case in of_language)
    region = of_language[0].get("region") or None
    return [
        {"id": f"{language}-long-{number:02d}", "text": joined[start:start + LETTER_LENGTH],
         "language": language, "region": region, "author": "mentor"}
        for number, start in enumerate(range(0, len(joined) - LETTER_LENGTH + 1, LETTER_LENGTH))
    ]


def screen_case(case: dict):
    """Return the findings of one case, screened the way a submit would."""
    from letters.screening import screen

    return screen(case["text"], language=case["language"], region=case.get("region") or None,
                  author_role=case.get("author"))


def fingerprint(cases: list[dict]) -> dict[str, list[list]]:
    """Return {case id: [[kind, start, end, severity, concept], ...]} for `cases`."""
    return {
        case["id"]: [[f.kind, f.start, f.end, f.severity, f.concept] for f in screen_case(case)]
        for case in cases
    }


def speed(letters: list[dict], repeat: int) -> float:
    """Return letters per second of CPU time for screening `letters`, the best of `repeat` passes."""
    best = float("inf")
    for _ in range(repeat):
        started = time.process_time()
        for case in letters:
            screen_case(case)
        best = min(best, time.process_time() - started)
    return len(letters) / best if best else float("inf")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--record", action="store_true", help="write the fingerprint file instead of comparing")
    parser.add_argument("--repeat", type=int, default=5, help="timed passes per language (best is shown)")
    parser.add_argument("--no-speed", action="store_true", help="only check the fingerprint")
    args = parser.parse_args(argv)

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    import django

    django.setup()

    cases = load_corpus()
    letters = {language: long_letters(cases, language) for language in LANGUAGES}
    everything = cases + [letter for language in LANGUAGES for letter in letters[language]]
    # This first pass also fills the caches before anything is timed.
    current = fingerprint(everything)
    digest = hashlib.sha256(json.dumps(current, sort_keys=True).encode()).hexdigest()[:16]
    findings = sum(len(found) for found in current.values())
    print(f"fingerprint {digest}: {findings} findings in {len(current)} letters")

    status = 0
    if args.record:
        FINGERPRINT_FILE.write_text(json.dumps(current, indent=0, sort_keys=True) + "\n", encoding="utf-8")
        print(f"recorded in {FINGERPRINT_FILE.name}")
    else:
        recorded = json.loads(FINGERPRINT_FILE.read_text(encoding="utf-8"))
        changed = sorted(key for key in recorded.keys() | current.keys() if recorded.get(key) != current.get(key))
        if changed:
            status = 1
            print(f"FINDINGS CHANGED in {len(changed)} letters: {', '.join(changed[:20])}")
        else:
            print("fingerprint unchanged")

    if not args.no_speed:
        for language in LANGUAGES:
            rate = speed(letters[language], args.repeat)
            print(f"{language}: {rate:6.1f} letters/s CPU  ({len(letters[language])} letters of {LETTER_LENGTH} chars)")
    return status


if __name__ == "__main__":
    sys.exit(main())
