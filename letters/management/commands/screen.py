"""Screen letters read from standard input, for operators and for tuning the word lists.

    python manage.py screen --jsonl < letters.jsonl

Each input line is a JSON object {"text", "language", "region"} with an optional
"blocked_terms" list (watch words that hold the letter), an optional "watch_terms" list
of [term, severity] pairs (severity "hold" or "urgent"), an optional "regions" list (the
program's other countries), an optional "author_role" ("mentor" or "mentee"; a line with the
corpus's "author" field is read the same way) and optional "use_rules"/"use_model" booleans
that switch the two safeguarding signals (both on by default). Each output line is
{"findings": [...]} for the input line at the
same position, or {"error": "line N: <reason>"} when the line cannot be screened. The
command carries on after a bad line and exits with status 1 at the end if any failed.
"""

import json
import sys
from dataclasses import asdict

from django.core.management.base import BaseCommand, CommandError

from letters.screening import LANGUAGES, screen


class LineError(ValueError):
    """An input line that cannot be screened; the message says why."""


def _parse_line(line: str) -> dict:
    """Return the screening arguments in one input line, or raise LineError."""
    try:
        item = json.loads(line)
    except json.JSONDecodeError as exc:
        raise LineError(f"not valid JSON ({exc.msg} at column {exc.colno})") from None
    if not isinstance(item, dict):
        raise LineError("expected a JSON object")
    text, language, region = item.get("text"), item.get("language"), item.get("region")
    if not isinstance(text, str):
        raise LineError('"text" must be a string')
    if language not in LANGUAGES:
        raise LineError(f'"language" must be one of {", ".join(LANGUAGES)}')
    if not isinstance(region, str) or not region:
        raise LineError('"region" must be a country code such as "DK"')
    blocked = item.get("blocked_terms", [])
    if not isinstance(blocked, list) or not all(isinstance(t, str) for t in blocked):
        raise LineError('"blocked_terms" must be a list of strings')
    watch = item.get("watch_terms", [])
    if not isinstance(watch, list) or not all(
        isinstance(pair, list) and len(pair) == 2 and isinstance(pair[0], str) and pair[1] in ("hold", "urgent")
        for pair in watch
    ):
        raise LineError('"watch_terms" must be a list of [term, "hold" or "urgent"] pairs')
    regions = item.get("regions", [])
    if not isinstance(regions, list) or not all(isinstance(code, str) and code for code in regions):
        raise LineError('"regions" must be a list of country codes such as ["DK", "NO"]')
    author_role = item.get("author_role", item.get("author"))
    if author_role not in (None, "mentor", "mentee"):
        raise LineError('"author_role" must be "mentor" or "mentee"')
    switches = {key: item.get(key, True) for key in ("use_rules", "use_model")}
    if not all(isinstance(value, bool) for value in switches.values()):
        raise LineError('"use_rules" and "use_model" must be true or false')
    return {"text": text, "language": language, "region": region, "regions": regions, "blocked_terms": blocked,
            "watch_terms": [tuple(pair) for pair in watch], "author_role": author_role, **switches}


class Command(BaseCommand):
    help = "Screen letters given as JSON lines on standard input; write one JSON line of findings per letter."
    # call_command(..., stdin=StringIO(...)) lets tests feed the command without a pipe.
    stealth_options = ("stdin",)

    def add_arguments(self, parser):
        parser.add_argument(
            "--jsonl", action="store_true", help="Read JSON lines from standard input (the only mode for now)."
        )

    def handle(self, *args, jsonl: bool = False, **options):
        if not jsonl:
            raise CommandError("Give --jsonl and the letters as JSON lines on standard input.")
        stdin = options.get("stdin") or sys.stdin
        failures = 0
        for number, line in enumerate(stdin, start=1):
            if not line.strip():
                # Keep output aligned with input even for blank lines.
                result = {"error": f"line {number}: empty line"}
                failures += 1
            else:
                try:
                    args = _parse_line(line)
                except LineError as exc:
                    result = {"error": f"line {number}: {exc}"}
                    failures += 1
                else:
                    text = args.pop("text")
                    result = {"findings": [asdict(f) for f in screen(text, **args)]}
            self.stdout.write(json.dumps(result, ensure_ascii=False))
        if failures:
            raise CommandError(f"{failures} of {number} lines could not be screened.", returncode=1)
