"""`make load`'s two halves: prepare a seeded database with signed-in users, and drive the site.

    python -m bench.load prepare --pairs 2000 --users 400 --out var/load/users.json
    python -m bench.load drive --base http://127.0.0.1:8765 --users var/load/users.json --seconds 60

`prepare` runs with the product's settings against DATABASE_URL (its name must contain
"bench": it is wiped). `drive` is the load generator: asyncio + aiohttp, a closed loop of
`--concurrency` virtual users, each request picked at random from the mix (80% reads of
the home and thread pages, 15% draft saves, 5% submits). It only ever connects to
127.0.0.1 and stops after `--seconds` or `--max-requests`, whichever comes first.
"""

import argparse
import asyncio
import json
import random
import secrets
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
DRAFTS_TO_SUBMIT = 4


# ---------------------------------------------------------------------------- prepare


def prepare(args) -> None:
    """Wipe and seed the load database; write the users the generator plays, with their sessions."""
    import os

    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from django.test import Client

    from bench.run import fresh_database
    from bench.seed import refresh_planner_statistics, seed
    from letters import services as letter_services
    from programs.models import Pair

    fresh_database()
    data = seed(pairs=args.pairs, assignments=args.assignments, letters=args.letters, waiting=500)
    refresh_planner_statistics()
    rng = random.Random(11)
    pairs = list(Pair.objects.filter(program=data.program).select_related("mentor__user", "mentee__user"))
    users = []
    for pair in rng.sample(pairs, min(args.users, len(pairs))):
        user = pair.mentee.user
        client = Client()
        client.force_login(user)  # a real session row, as signing in makes
        users.append({
            "session": client.cookies["sessionid"].value,
            "pair": pair.pk,
            "draft": letter_services.save_draft(user, pair=pair, body="").pk,
            "to_submit": [letter_services.save_draft(user, pair=pair, body="").pk for _ in range(DRAFTS_TO_SUBMIT)],
        })
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps({"sizes": data.sizes, "users": users}))
    print(f"Seeded {data.sizes['pairs']:,} pairs and {data.sizes['letters']:,} letters; "
          f"{len(users)} signed-in mentees in {args.out}")


# ---------------------------------------------------------------------------- drive

MIX = [("home", 0.40), ("thread", 0.40), ("draft save", 0.15), ("submit", 0.05)]
BODY = ("Today I read the chapter about the storm and the lighthouse keeper. I think he was brave, and I "
        "wonder what you would have done. ")


def pick_action(rng: random.Random) -> str:
    roll, total = rng.random(), 0.0
    for action, share in MIX:
        total += share
        if roll < total:
            return action
    return MIX[0][0]


class Recorder:
    """Latencies (ms) and failures per action."""

    def __init__(self):
        self.samples: dict[str, list[float]] = {}
        self.errors: dict[str, int] = {}
        self.error_examples: list[str] = []

    def ok(self, action: str, ms: float) -> None:
        self.samples.setdefault(action, []).append(ms)

    def failed(self, action: str, ms: float, reason: str) -> None:
        self.samples.setdefault(action, []).append(ms)
        self.errors[action] = self.errors.get(action, 0) + 1
        if len(self.error_examples) < 5:
            self.error_examples.append(f"{action}: {reason}")


def _percentile(ordered: list[float], fraction: float) -> float:
    return ordered[min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))]


def summarise(recorder: Recorder, seconds: float) -> dict:
    def stats(samples: list[float]) -> dict:
        ordered = sorted(samples)
        return {"requests": len(ordered), "p50_ms": round(statistics.median(ordered), 1),
                "p95_ms": round(_percentile(ordered, 0.95), 1), "p99_ms": round(_percentile(ordered, 0.99), 1)}

    everything = [ms for samples in recorder.samples.values() for ms in samples]
    return {
        "seconds": round(seconds, 1), "requests_per_second": round(len(everything) / seconds, 1),
        "errors": sum(recorder.errors.values()), "error_examples": recorder.error_examples,
        "all": stats(everything),
        "by_action": {action: {**stats(samples), "errors": recorder.errors.get(action, 0)}
                      for action, samples in sorted(recorder.samples.items())},
    }


async def one_request(session, base: str, user: dict, action: str, rng: random.Random) -> tuple[int, str]:
    """Make one request of `action` as `user`; return (status, expected description) for checking."""
    cookies = {"sessionid": user["session"], "csrftoken": user["csrf"]}
    headers = {"X-CSRFToken": user["csrf"]}
    if action == "submit" and user["to_submit"]:
        letter = user["to_submit"].pop()
        async with session.post(f"{base}/letters/{letter}/edit/", cookies=cookies, headers=headers,
                                data={"body": BODY * 8, "action": "send"}, allow_redirects=False) as response:
            await response.read()
            return response.status, "302"
    if action in ("submit", "draft save"):
        async with session.post(f"{base}/letters/{user['draft']}/draft/", cookies=cookies, headers=headers,
                                data={"body": BODY * rng.randint(1, 6)}) as response:
            await response.read()
            return response.status, "200"
    path = "/" if action == "home" else f"/pairs/{user['pair']}/"
    async with session.get(base + path, cookies=cookies, allow_redirects=False) as response:
        await response.read()
        return response.status, "200"


async def virtual_user(number: int, session, base: str, users: list[dict], recorder: Recorder,
                       deadline: float, budget: list[int]) -> None:
    rng = random.Random(number)
    while time.monotonic() < deadline and budget[0] > 0:
        budget[0] -= 1
        user, action = rng.choice(users), pick_action(rng)
        started = time.perf_counter()
        try:
            status, expected = await one_request(session, base, user, action, rng)
        except Exception as error:  # a refused or reset connection is a failed request, not a crash
            recorder.failed(action, (time.perf_counter() - started) * 1000, type(error).__name__)
            continue
        ms = (time.perf_counter() - started) * 1000
        if str(status) == expected:
            recorder.ok(action, ms)
        else:
            recorder.failed(action, ms, f"HTTP {status}")


async def drive(args) -> dict:
    import aiohttp

    host = urlsplit(args.base).hostname
    if host != "127.0.0.1":
        raise SystemExit("The load generator only talks to 127.0.0.1.")
    users = json.loads(Path(args.users).read_text())["users"]
    for user in users:
        user["csrf"] = secrets.token_hex(16)  # 32 characters: Django accepts an unmasked secret
    recorder = Recorder()
    budget = [args.max_requests]
    connector = aiohttp.TCPConnector(limit=args.concurrency)
    timeout = aiohttp.ClientTimeout(total=30)
    # The cookies are sent explicitly per request; the jar must not mix users up.
    async with aiohttp.ClientSession(connector=connector, timeout=timeout,
                                     cookie_jar=aiohttp.DummyCookieJar()) as session:
        started = time.monotonic()
        deadline = started + args.seconds
        await asyncio.gather(*(virtual_user(n, session, args.base, users, recorder, deadline, budget)
                               for n in range(args.concurrency)))
        elapsed = time.monotonic() - started
    return summarise(recorder, elapsed)


def format_summary(result: dict) -> str:
    lines = [
        f"{result['requests_per_second']} requests/s over {result['seconds']} s, {result['errors']} errors",
        f"{'action':<12} {'requests':>9} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'errors':>7}",
    ]
    for action, stats in [*result["by_action"].items(), ("all", {**result["all"], "errors": result["errors"]})]:
        lines.append(f"{action:<12} {stats['requests']:>9} {stats['p50_ms']:>8} {stats['p95_ms']:>8} "
                     f"{stats['p99_ms']:>8} {stats['errors']:>7}")
    lines += [f"  e.g. {example}" for example in result["error_examples"]]
    return "\n".join(lines)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="Prepare and drive Brevven's load test.")
    commands = parser.add_subparsers(dest="command", required=True)
    p = commands.add_parser("prepare")
    p.add_argument("--pairs", type=int, default=2000)
    p.add_argument("--assignments", type=int, default=20)
    p.add_argument("--letters", type=int, default=40_000)
    p.add_argument("--users", type=int, default=400, help="signed-in mentees the generator plays")
    p.add_argument("--out", required=True)
    d = commands.add_parser("drive")
    d.add_argument("--base", required=True)
    d.add_argument("--users", required=True)
    d.add_argument("--seconds", type=float, default=60)
    d.add_argument("--concurrency", type=int, default=8)
    d.add_argument("--max-requests", type=int, default=200_000)
    d.add_argument("--out", default="")
    args = parser.parse_args(argv)
    if args.command == "prepare":
        prepare(args)
        return 0
    result = asyncio.run(drive(args))
    result["concurrency"] = args.concurrency
    print(format_summary(result))
    if args.out:
        Path(args.out).parent.mkdir(parents=True, exist_ok=True)
        Path(args.out).write_text(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
