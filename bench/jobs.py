"""Time one background job alone, at the benchmark's size, without a whole `make bench`.

    python -m bench.jobs seed [--pairs 10000 --assignments 20 --letters 200000]
    python -m bench.jobs time award [--repeat 3] [--stamps FILE] [--debug-cursor]
    python -m bench.jobs time sweep [--repeat 3]

`seed` fills a database once, as `make bench` seeds its own (the benchmark program and the
report's tenth-size program): the SQLite file var/bench/bench-jobs-seed.sqlite3, or, with
DATABASE_URL, that PostgreSQL database (its name must contain "bench": it is wiped). `time`
copies the seed before each measurement, so that every run starts from the same state (on
PostgreSQL a new database `<name>_run` made from the seed as its template), migrates the copy
to the code's schema (not timed) and times the job as `make bench` does:

- `award`: the letter passport's award job (bench.scenarios.measure_award_job). Its first run
  reads every letter event since the seed, the second must give no stamp. It prints the wall
  and CPU seconds of both and their statements. `--stamps` writes the stamps of the first run
  to FILE, one "membership kind source earned_at" a line, sorted, so that two versions of the
  job can be compared on the same data.
- `sweep`: the reminder sweep (bench.scenarios.measure_sweep): the first run, which plans the
  seed's backlog, and the next, ten minutes later, each split into planning and sending.
"""

import argparse
import os
import shutil
import sys
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED_FILE = ROOT / "var" / "bench" / "bench-jobs-seed.sqlite3"
COPY_FILE = ROOT / "var" / "bench" / "bench-jobs-run.sqlite3"


def parse_args(argv=None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("action", choices=("seed", "time"))
    parser.add_argument("job", nargs="?", choices=("award", "sweep"), help="the job to time (with `time`)")
    parser.add_argument("--pairs", type=int, default=10_000)
    parser.add_argument("--assignments", type=int, default=20)
    parser.add_argument("--letters", type=int, default=200_000)
    parser.add_argument("--seed-file", default=str(SEED_FILE), help="the seeded SQLite file, kept between runs")
    parser.add_argument("--repeat", type=int, default=1, help="measurements, each on a fresh copy")
    parser.add_argument("--stamps", default="", help="award: write the first run's stamps to this file")
    parser.add_argument("--debug-cursor", action="store_true",
                        help="award: count queries with Django's debug cursor, as make bench did before (slower)")
    args = parser.parse_args(argv)
    if args.action == "time" and not args.job:
        parser.error("say which job to time: award or sweep")
    return args


def _postgres_url() -> str:
    """Return DATABASE_URL (a PostgreSQL seed database), or "" to work on SQLite files."""
    url = os.environ.get("DATABASE_URL", "")
    if url and not url.startswith(("postgres://", "postgresql://")):
        raise SystemExit("DATABASE_URL must name a PostgreSQL database (or be unset for SQLite).")
    return url


def _setup(*, sqlite_file: Path | None = None, database_url: str = "") -> None:
    """Point the benchmark's settings at `sqlite_file` or at `database_url`, and set Django up."""
    warnings.filterwarnings("ignore", message="No directory at")
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    if database_url:
        os.environ["DATABASE_URL"] = database_url
    else:
        os.environ["BENCH_SQLITE"] = str(sqlite_file)
        os.environ.pop("DATABASE_URL", None)
    import django

    django.setup()


def _close_cleanly() -> None:
    """Close the connection; on SQLite, fold the write-ahead log into the main file first, so that the file alone is the database."""
    from django.db import connection

    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    connection.close()


def seed_database(args: argparse.Namespace) -> None:
    """Create and fill the seed database, as bench.run.run_benchmark does before measuring."""
    url = _postgres_url()
    _setup(sqlite_file=Path(args.seed_file), database_url=url)
    from bench.run import fresh_database
    from bench.seed import refresh_planner_statistics, seed
    from django.db import connection

    fresh_database()
    started = time.perf_counter()
    seed(pairs=args.pairs, assignments=args.assignments, letters=args.letters)
    seed(pairs=max(1, args.pairs // 10), assignments=args.assignments, letters=max(1, args.letters // 10),
         waiting=0, slug="bench-report")
    refresh_planner_statistics()
    name = connection.settings_dict["NAME"]
    _close_cleanly()
    print(f"seeded {name} in {time.perf_counter() - started:.1f} s")


def _copy_sqlite(seed_file: Path, copy: Path) -> None:
    if not seed_file.exists():
        raise SystemExit(f"{seed_file} does not exist: run `python -m bench.jobs seed` first.")
    copy.parent.mkdir(parents=True, exist_ok=True)
    for leftover in (copy, Path(f"{copy}-wal"), Path(f"{copy}-shm")):
        leftover.unlink(missing_ok=True)
    shutil.copyfile(seed_file, copy)


def _copy_postgres(seed_url: str) -> str:
    """Make `<seed>_run` anew from the seed database as its template; return its URL."""
    import dj_database_url

    from bench.run import recreate_postgres_database, refuse_unless_bench_database

    config = dj_database_url.parse(seed_url)
    refuse_unless_bench_database(config["NAME"])
    run_name = f"{config['NAME']}_run"
    recreate_postgres_database({**config, "NAME": run_name}, template=config["NAME"])
    return seed_url.rsplit("/", 1)[0] + "/" + run_name


def _fresh_copy(args: argparse.Namespace, seed_url: str, *, first: bool) -> None:
    """Give the job a fresh copy of the seed (`seed_url`, or args.seed_file when it is empty), migrated to the code's schema.

    Django is set up on the copy the first time; later copies replace it under the same name.
    """
    from_url = seed_url
    if not first:
        from django.db import connection

        connection.close()
    if from_url:
        run_url = _copy_postgres(from_url)
        if first:
            _setup(database_url=run_url)
    else:
        _copy_sqlite(Path(args.seed_file), COPY_FILE)
        if first:
            _setup(sqlite_file=COPY_FILE)
    from django.core.management import call_command

    # The seed may be older than the code's schema; the migrations are not timed.
    call_command("migrate", verbosity=0, interactive=False)


def _report_award(args: argparse.Namespace) -> None:
    from bench.scenarios import measure_award_job

    run = measure_award_job(debug_cursor=args.debug_cursor)
    print(f"first run {run['seconds']:.2f} s wall, {run['cpu_seconds']:.2f} s CPU, {run['queries']} queries, "
          f"{run['result']['stamps']} stamps, {run['result']['pairs']} pairs | "
          f"re-run {run['rerun_seconds']:.2f} s wall, {run['rerun_cpu_seconds']:.2f} s CPU, "
          f"{run['rerun_queries']} queries, {run['rerun_stamps']} stamps", flush=True)


def _report_sweep(args: argparse.Namespace) -> None:
    from bench.scenarios import measure_sweep

    run = measure_sweep()
    for label, part in (("first sweep", run), (f"next sweep ({run['next']['minutes_later']:g} min later)", run["next"])):
        print(f"{label}: {part['seconds']:.2f} s (planning {part['planning_s']:.2f} s, sending {part['delivery_s']:.2f} s), "
              f"{part['queries']} queries, {part['result']}", flush=True)


def time_job(args: argparse.Namespace) -> None:
    """Measure `args.job` `args.repeat` times, each on a fresh copy of the seed."""
    seed_url = _postgres_url()  # read once: setting Django up points DATABASE_URL at the copy
    for attempt in range(args.repeat):
        _fresh_copy(args, seed_url, first=attempt == 0)
        (_report_award if args.job == "award" else _report_sweep)(args)
    if args.stamps and args.job == "award":
        from goals.models import Stamp

        rows = Stamp.objects.values_list("membership_id", "kind", "source", "earned_at")
        Path(args.stamps).write_text("".join(f"{m} {k} {s} {e.isoformat()}\n" for m, k, s, e in sorted(rows)))
    _close_cleanly()


def main(argv=None) -> int:
    args = parse_args(argv)
    (seed_database if args.action == "seed" else time_job)(args)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
