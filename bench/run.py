"""`make bench`: seed a large program into a fresh database, measure, print a table, write JSON.

    python -m bench.run [--pairs 10000 --assignments 20 --letters 200000 --waiting 500]
                        [--runs 30] [--out bench/results/latest.json] [--compare bench/results/small.json]

The database is the SQLite file var/bench/bench.sqlite3, or PostgreSQL when DATABASE_URL
is set; either way it is wiped first, so a PostgreSQL database whose name does not
contain "bench" is refused.
"""

import argparse
import json
import os
import platform
import subprocess
import sys
import time
import warnings
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def parse_args(argv=None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pairs", type=int, default=10_000)
    parser.add_argument("--assignments", type=int, default=20)
    parser.add_argument("--letters", type=int, default=200_000)
    parser.add_argument("--waiting", type=int, default=500, help="letters in the review queue")
    parser.add_argument("--runs", type=int, default=30, help="measured requests per page")
    parser.add_argument("--screening-letters", type=int, default=500)
    parser.add_argument("--out", default=str(ROOT / "bench" / "results" / "latest.json"))
    parser.add_argument("--compare", default="", help="a result file whose query counts must match")
    parser.add_argument("--no-peer", action="store_true", help="skip the comparison with django-postman")
    return parser.parse_args(argv)


# ---------------------------------------------------------------------------- the database


def refuse_unless_bench_database(name: str) -> None:
    """Stop unless database `name` is clearly a benchmark's: the run wipes it."""
    if "bench" not in Path(str(name)).name:
        raise SystemExit(f"Refusing to wipe database {name!r}: its name must contain 'bench'.")


def fresh_database() -> None:
    """Empty the benchmark database (drop and re-create it) and migrate it. Precondition: django.setup()."""
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection

    config = settings.DATABASES["default"]
    refuse_unless_bench_database(config["NAME"])
    connection.close()
    if connection.vendor == "sqlite":
        path = Path(config["NAME"])
        path.parent.mkdir(parents=True, exist_ok=True)
        for leftover in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
            leftover.unlink(missing_ok=True)
    else:
        recreate_postgres_database(config)
    call_command("migrate", verbosity=0, interactive=False)


def recreate_postgres_database(config: dict, *, template: str = "") -> None:
    """Drop and create the PostgreSQL database of `config`, connected to the server's 'postgres' database.

    With `template`, the new database is a copy of that one (bench.jobs copies its seed so).
    """
    import psycopg
    from psycopg import sql

    params = {"host": config.get("HOST") or None, "port": config.get("PORT") or None,
              "user": config.get("USER") or None, "password": config.get("PASSWORD") or None}
    with psycopg.connect(dbname="postgres", autocommit=True, **{k: v for k, v in params.items() if v}) as admin:
        name = sql.Identifier(config["NAME"])
        admin.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(name))
        if template:
            admin.execute(sql.SQL("CREATE DATABASE {} TEMPLATE {}").format(name, sql.Identifier(template)))
        else:
            admin.execute(sql.SQL("CREATE DATABASE {}").format(name))


# ---------------------------------------------------------------------------- the machine


def _command_output(*args: str) -> str:
    try:
        return subprocess.run(args, capture_output=True, text=True, cwd=ROOT, timeout=10).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return ""


def machine() -> dict:
    """Describe where the numbers were taken: CPUs, memory, Python, database, commit."""
    from django.db import connection

    memory = ""
    meminfo = Path("/proc/meminfo")
    if meminfo.exists():
        kib = int(meminfo.read_text().split("MemTotal:")[1].split()[0])
        memory = f"{kib / 1024 / 1024:.1f} GiB"
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("select sqlite_version()")
            database = f"SQLite {cursor.fetchone()[0]}"
        else:
            cursor.execute("show server_version")
            database = f"PostgreSQL {cursor.fetchone()[0].split()[0]}"
    commit = _command_output("git", "rev-parse", "--short", "HEAD")
    if _command_output("git", "status", "--porcelain", "--untracked-files=no"):
        commit += " (with uncommitted changes)"
    return {
        "date": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"), "nproc": os.cpu_count(),
        "memory": memory, "python": platform.python_version(), "database": database, "commit": commit,
    }


# ---------------------------------------------------------------------------- one run


def run_benchmark(*, pairs: int, assignments: int, letters: int, waiting: int, runs: int,
                  screening_letters: int, warmup: int = 3, space_posts: int | None = None, peer: bool = True,
                  peer_env: dict | None = None) -> dict:
    """Seed, then measure everything; return the results as a dict. Precondition: an empty, migrated database.

    With `peer`, the same jobs are then timed against django-postman (bench.peer), last,
    because its writes add letters to the review queue. `peer_env` overrides the peer
    process's environment (the tests give it a database of its own).
    Also used by tests/bench at a tiny size, inside the test database.
    """
    from bench import scenarios
    from bench.seed import refresh_planner_statistics, seed

    started = time.perf_counter()
    data = seed(pairs=pairs, assignments=assignments, letters=letters, waiting=waiting)
    report_data = seed(pairs=max(1, pairs // 10), assignments=assignments, letters=max(1, letters // 10),
                       waiting=0, slug="bench-report")
    # A mentees' space of 5,000 posts (fewer at the test suite's tiny sizes), one thread of 200 replies.
    from bench.spaces import LONG_THREAD_REPLIES, SPACE_POSTS, seed_space

    posts = SPACE_POSTS if space_posts is None else space_posts
    space = seed_space(data, posts=posts, replies=min(LONG_THREAD_REPLIES, posts // 2))
    refresh_planner_statistics()
    seeding_s = time.perf_counter() - started
    health_refresh = scenarios.measure_health_refresh()
    counting = scenarios.measure_letter_counts()
    pages = scenarios.measure_pages(data, runs=runs, warmup=warmup, space=space)
    results = {
        "sizes": data.sizes, "report_sizes": report_data.sizes, "seeding_s": round(seeding_s, 1),
        "space": {"posts": space["posts"], "long_thread_replies": space["replies"]},
        "pages": [m.as_dict() for m in pages], "health_refresh": health_refresh,
        "letter_counts": counting,
        "sweep": scenarios.measure_sweep(),
        "awards": scenarios.measure_award_job(),
        "screening": scenarios.measure_screening(letters=screening_letters),
        "pdfs": scenarios.measure_pdfs(data, report_data),
    }
    if peer:
        from bench.peer.compare import compare_with_postman

        results["peer"] = compare_with_postman(data, rounds=max(1, runs // 5), warmup=warmup, env=peer_env)
    return results


def query_counts(results: dict) -> dict[str, int]:
    return {page["name"]: page["queries"] for page in results["pages"]}


def compare_query_counts(results: dict, other: dict) -> list[str]:
    """Return one line per page whose query count differs between two runs (empty: all equal)."""
    mine, theirs = query_counts(results), query_counts(other)
    return [f"{name}: {mine[name]} queries here, {theirs.get(name)} at {other['sizes']['pairs']:,} pairs"
            for name in mine if mine[name] != theirs.get(name)]


def format_report(results: dict) -> str:
    """Return the tables `make bench` prints (and docs/performance.md keeps)."""
    from bench.harness import Measurement, format_table
    from oversight.health import REFRESH_EVERY_MINUTES

    meta, sizes = results["machine"], results["sizes"]
    rows = [Measurement(**{k: v for k, v in page.items() if k != "meets_target"}) for page in results["pages"]]
    sweep, screening, refresh = results["sweep"], results["screening"], results["health_refresh"]
    awards = results["awards"]
    lines = [
        f"Brevven benchmark — {meta['date']}, commit {meta['commit']}",
        f"{meta['nproc']} CPUs, {meta['memory']}, Python {meta['python']}, {meta['database']}",
        f"{sizes['pairs']:,} pairs, {sizes['assignments']} assignments, {sizes['letters']:,} letters "
        f"({sizes['waiting']} waiting for review); seeded in {results['seeding_s']} s",
        f"a mentees' space of {results['space']['posts']:,} posts; its long thread has "
        f"{results['space']['long_thread_replies']} replies",
        "",
        format_table(rows),
        "",
        f"{'background work':<34} {'seconds':>9} {'detail':<40} {'target':>8} {'ok':>4}",
        f"{'reminder sweep (all pairs)':<34} {sweep['seconds']:>9.2f} "
        f"{str(sweep['queries']) + ' queries; ' + json.dumps(sweep['result']):<40} {sweep['target_s']:>8g} "
        f"{'yes' if sweep['meets_target'] else 'NO':>4}",
        f"{'  of which planning / sending':<34} {sweep['planning_s']:>9.2f} {sweep['delivery_s']:>6.2f} s",
        f"{'the next sweep (' + format(sweep['next']['minutes_later'], 'g') + ' min later)':<34} "
        f"{sweep['next']['seconds']:>9.2f} "
        f"{str(sweep['next']['queries']) + ' queries; ' + json.dumps(sweep['next']['result']):<40}",
        f"{'  of which planning / sending':<34} {sweep['next']['planning_s']:>9.2f} {sweep['next']['delivery_s']:>6.2f} s",
        f"{'passport award job (all pairs)':<34} {awards['seconds']:>9.2f} "
        f"{str(awards['queries']) + ' queries; ' + str(awards['result']['stamps']) + ' stamps; ' + str(awards.get('cpu_seconds', '?')) + ' s CPU; re-run ' + str(awards['rerun_stamps']):<40} "
        f"{awards['target_s']:>8g} {'yes' if awards['meets_target'] else 'NO':>4}",
        f"{'pair health (all pairs)':<34} {refresh['seconds']:>9.2f} "
        f"{str(refresh['pairs']) + ' pairs, ' + str(refresh['queries']) + f' queries (every {REFRESH_EVERY_MINUTES} min)':<40}",
    ]
    if "letter_counts" in results:
        counting = results["letter_counts"]
        lines.append(f"{'statistics counts (all pairs)':<34} {counting['seconds']:>9.2f} "
                     f"{str(counting['pairs']) + ' pairs, ' + str(counting['queries']) + ' queries (changed: every min)':<40}")
    for pdf in results["pdfs"]:
        detail = f"{pdf['pages']} pages; WeasyPrint alone {pdf['weasyprint_alone_s']} s (×{pdf['ratio']})"
        lines.append(f"{pdf['name']:<34} {pdf['seconds']:>9.2f} {detail:<40} {pdf['target_s']:>8g} "
                     f"{'yes' if pdf['meets_target'] else 'NO':>4}")
    lines.append(f"{'screening':<34} {screening['seconds']:>9.2f} "
                 f"{str(screening['letters_per_second']) + ' letters/s (2,000 chars each)':<40}")
    if "peer" in results:
        from bench.peer.compare import format_comparison

        lines += ["", format_comparison(results["peer"])]
    if "query_check" in results:
        lines += ["", results["query_check"]]
    return "\n".join(lines)


def main(argv=None) -> int:
    args = parse_args(argv)
    # WhiteNoise warns that `collectstatic` never ran; in-process requests do not need it.
    warnings.filterwarnings("ignore", message="No directory at")
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    import django

    django.setup()
    fresh_database()
    results = run_benchmark(pairs=args.pairs, assignments=args.assignments, letters=args.letters,
                            waiting=args.waiting, runs=args.runs, screening_letters=args.screening_letters,
                            peer=not args.no_peer)
    results["machine"] = machine()
    if args.compare and Path(args.compare).exists():
        other = json.loads(Path(args.compare).read_text())
        differences = compare_query_counts(results, other)
        results["query_check"] = (
            f"Query counts are the same as at {other['sizes']['pairs']:,} pairs ({args.compare})."
            if not differences else "Query counts DIFFER from " + args.compare + ": " + "; ".join(differences)
        )
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, indent=2, default=str))
    print(format_report(results))
    print(f"\nWritten to {out}")
    return 1 if results.get("query_check", "").startswith("Query counts DIFFER") else 0


if __name__ == "__main__":
    raise SystemExit(main())
