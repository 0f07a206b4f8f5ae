"""`make load`'s Python halves: prepare a seeded database with signed-in users, and report.

    python -m bench.load prepare --pairs 2000 --users 400 --out var/load
    python -m bench.load report --bare var/load/bare.json --mix var/load/mix.json --out bench/results/load.json

`prepare` runs with the product's settings against DATABASE_URL (its name must contain
"bench": it is wiped) and writes the users wrk plays (`users.lua`, read by bench/wrk/*.lua).
The load itself comes from wrk, a load generator in C that costs the server's two cores
almost nothing (a Python generator took 1.3–2.7 ms of CPU per request from the same cores):
first the one-query page, then the members' mix (80 % reads of the home and thread pages,
15 % draft saves, 5 % submits). `report` prints both and the mix's throughput as a share of
the bare page's: the part of the server's capacity that Brevven's own work leaves.
"""

import argparse
import json
import random
import secrets
import sys
from pathlib import Path

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
            # 32 characters: Django accepts an unmasked CSRF secret in the cookie and the header.
            "csrf": secrets.token_hex(16),
            "pair": pair.pk,
            "draft": letter_services.save_draft(user, pair=pair, body="").pk,
            "to_submit": [letter_services.save_draft(user, pair=pair, body="").pk for _ in range(DRAFTS_TO_SUBMIT)],
        })
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    write_wrk_users(users, out / "users.lua")
    print(f"Seeded {data.sizes['pairs']:,} pairs and {data.sizes['letters']:,} letters; "
          f"{len(users)} signed-in mentees in {out / 'users.lua'}")


# ---------------------------------------------------------------------------- wrk's users

BODY = ("Today I read the chapter about the storm and the lighthouse keeper. I think he was brave, and I "
        "wonder what you would have done. ")


def _lua_string(text: str) -> str:
    """`text` as a Lua string literal (the form bodies are URL-encoded, so only quotes need care)."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def write_wrk_users(users: list[dict], path: Path) -> None:
    """Write the Lua table bench/wrk/common.lua reads: sessions, CSRF secrets, pairs, drafts, bodies."""
    from urllib.parse import quote_plus

    rows = []
    for user in users:
        to_submit = ", ".join(str(pk) for pk in user["to_submit"])
        rows.append(f'  {{session = {_lua_string(user["session"])}, csrf = {_lua_string(user["csrf"])}, '
                    f'pair = {user["pair"]}, draft = {user["draft"]}, to_submit = {{{to_submit}}}}},')
    draft_bodies = ", ".join(_lua_string(quote_plus(BODY * n)) for n in range(1, 7))
    path.write_text("-- Written by `python -m bench.load prepare`; read by bench/wrk/common.lua.\nreturn {\n"
                    f" submit_body = {_lua_string(quote_plus(BODY * 8))},\n"
                    f" draft_bodies = {{{draft_bodies}}},\n"
                    " users = {\n" + "\n".join(rows) + "\n }\n}\n")


# ---------------------------------------------------------------------------- report


def load_phase(path: Path) -> dict:
    """Read the JSON line wrk's done() printed for one phase; add its throughput."""
    lines = [line for line in path.read_text().splitlines() if line.startswith("{")]
    if not lines:
        raise SystemExit(f"{path} holds no result from wrk")
    phase = json.loads(lines[-1])
    phase["requests_per_second"] = round(phase["requests"] / phase["seconds"], 1)
    return phase


def summarise(bare: dict, mix: dict) -> dict:
    return {"bare": bare, "mix": mix,
            "mix_per_bare": round(mix["requests_per_second"] / bare["requests_per_second"], 2)}


def format_summary(result: dict) -> str:
    lines = [f"{'phase':<22} {'requests/s':>11} {'requests':>9} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'errors':>7}"]
    for name, key in (("bare page", "bare"), ("members' mix", "mix")):
        phase = result[key]
        errors = phase["errors"] + phase["socket_errors"]
        lines.append(f"{name:<22} {phase['requests_per_second']:>11} {phase['requests']:>9} {phase['p50_ms']:>8} "
                     f"{phase['p95_ms']:>8} {phase['p99_ms']:>8} {errors:>7}")
    lines.append(f"mix ÷ bare page: {result['mix_per_bare']} (aim ≥ 0.5; p99 aim ≤ 250 ms, no errors)")
    return "\n".join(lines)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="Prepare Brevven's load test and report on it.")
    commands = parser.add_subparsers(dest="command", required=True)
    p = commands.add_parser("prepare")
    p.add_argument("--pairs", type=int, default=2000)
    p.add_argument("--assignments", type=int, default=20)
    p.add_argument("--letters", type=int, default=40_000)
    p.add_argument("--users", type=int, default=400, help="signed-in mentees wrk plays")
    p.add_argument("--out", required=True, help="the folder for users.lua")
    r = commands.add_parser("report")
    r.add_argument("--bare", required=True, help="what wrk printed for the bare page")
    r.add_argument("--mix", required=True, help="what wrk printed for the mix")
    r.add_argument("--out", default="")
    args = parser.parse_args(argv)
    if args.command == "prepare":
        prepare(args)
        return 0
    result = summarise(load_phase(Path(args.bare)), load_phase(Path(args.mix)))
    print(format_summary(result))
    if args.out:
        Path(args.out).parent.mkdir(parents=True, exist_ok=True)
        Path(args.out).write_text(json.dumps(result, indent=2))
    failed = result["mix"]["errors"] + result["mix"]["socket_errors"] + result["bare"]["errors"]
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
