"""Time the letter passport's award job alone, at the benchmark's size, without a whole `make bench`.

    python -m bench.award_job seed [--pairs 10000 --assignments 20 --letters 200000]
    python -m bench.award_job time [--repeat 3] [--stamps FILE] [--debug-cursor]

`seed` fills var/bench/bench-award-seed.sqlite3 once, as `make bench` seeds its database (the
benchmark program and the report's tenth-size program). `time` copies that file before each
measurement, so that every run starts from the same never-awarded state, migrates the copy to
the code's schema (not timed), and runs bench.scenarios.measure_award_job on it, as `make
bench` does: the first run reads every letter event since the seed, the second must give no
stamp. It prints the wall and CPU seconds of both and their statements. `--stamps` writes
the stamps of the first run to FILE, one "membership kind source earned_at" a line, sorted, so
that two versions of the job can be compared on the same data. SQLite only (a file copy).
"""

import argparse
import os
import shutil
import sys
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED_FILE = ROOT / "var" / "bench" / "bench-award-seed.sqlite3"
COPY_FILE = ROOT / "var" / "bench" / "bench-award-run.sqlite3"


def parse_args(argv=None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("action", choices=("seed", "time"))
    parser.add_argument("--pairs", type=int, default=10_000)
    parser.add_argument("--assignments", type=int, default=20)
    parser.add_argument("--letters", type=int, default=200_000)
    parser.add_argument("--seed-file", default=str(SEED_FILE), help="the seeded database, kept between runs")
    parser.add_argument("--repeat", type=int, default=1, help="measurements, each on a fresh copy")
    parser.add_argument("--stamps", default="", help="write the first run's stamps to this file")
    parser.add_argument("--debug-cursor", action="store_true",
                        help="count queries with Django's debug cursor, as make bench did before (slower)")
    return parser.parse_args(argv)


def _setup(database: Path) -> None:
    """Point the benchmark's settings at the SQLite file `database` and set Django up."""
    warnings.filterwarnings("ignore", message="No directory at")
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    os.environ["BENCH_SQLITE"] = str(database)
    os.environ.pop("DATABASE_URL", None)
    import django

    django.setup()


def _close_cleanly() -> None:
    """Fold SQLite's write-ahead log into the main file and close, so that the file alone is the database."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    connection.close()


def seed_database(args: argparse.Namespace) -> None:
    """Create and fill the seed file, as bench.run.run_benchmark does before measuring."""
    path = Path(args.seed_file)
    _setup(path)
    from bench.run import fresh_database
    from bench.seed import seed

    fresh_database()
    started = time.perf_counter()
    seed(pairs=args.pairs, assignments=args.assignments, letters=args.letters)
    seed(pairs=max(1, args.pairs // 10), assignments=args.assignments, letters=max(1, args.letters // 10),
         waiting=0, slug="bench-report")
    _close_cleanly()
    print(f"seeded {path} in {time.perf_counter() - started:.1f} s")


def _copy(seed_file: Path, copy: Path) -> None:
    for leftover in (copy, Path(f"{copy}-wal"), Path(f"{copy}-shm")):
        leftover.unlink(missing_ok=True)
    shutil.copyfile(seed_file, copy)


def time_award_job(args: argparse.Namespace) -> None:
    """Measure the award job `args.repeat` times, each on a fresh copy of the seed file."""
    seed_file = Path(args.seed_file)
    if not seed_file.exists():
        raise SystemExit(f"{seed_file} does not exist: run `python -m bench.award_job seed` first.")
    _copy(seed_file, COPY_FILE)
    _setup(COPY_FILE)
    from django.core.management import call_command
    from django.db import connection

    from bench.scenarios import measure_award_job
    from goals.models import Stamp

    for attempt in range(args.repeat):
        if attempt:
            connection.close()
            _copy(seed_file, COPY_FILE)
        # The seed may be older than the code's schema; the migrations are not timed.
        call_command("migrate", verbosity=0, interactive=False)
        run = measure_award_job(debug_cursor=args.debug_cursor)
        print(f"first run {run['seconds']:.2f} s wall, {run['cpu_seconds']:.2f} s CPU, {run['queries']} queries, "
              f"{run['result']['stamps']} stamps, {run['result']['pairs']} pairs | "
              f"re-run {run['rerun_seconds']:.2f} s wall, {run['rerun_cpu_seconds']:.2f} s CPU, "
              f"{run['rerun_queries']} queries, {run['rerun_stamps']} stamps", flush=True)
    if args.stamps:
        rows = Stamp.objects.values_list("membership_id", "kind", "source", "earned_at")
        Path(args.stamps).write_text("".join(f"{m} {k} {s} {e.isoformat()}\n" for m, k, s, e in sorted(rows)))
    connection.close()


def main(argv=None) -> int:
    args = parse_args(argv)
    (seed_database if args.action == "seed" else time_award_job)(args)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
