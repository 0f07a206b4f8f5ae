"""`make bench` end to end at a tiny size, so the benchmark code cannot rot.

Structure only, never speed: every scenario is there with numbers, the pages answered
as expected (the harness stops otherwise), and no page costs more queries when the
program is twice as large.
"""

import pytest
from django.db import transaction

from bench.run import compare_query_counts, format_report, run_benchmark

PAGES = ["baseline", "mentee home", "exchange thread", "coordinator dashboard", "review queue", "statistics",
         "space thread list", "long thread", "approve", "draft save", "submit (2,000 chars)"]


def run_tiny(pairs: int, peer_database=None) -> dict:
    """Run the whole benchmark at `pairs` pairs inside a savepoint that is rolled back afterwards.

    With `peer_database` (a SQLite path), django-postman is seeded there and compared too.
    """
    peer_env = {"DATABASE_URL": "", "BENCH_PEER_SQLITE": str(peer_database)} if peer_database else None
    with transaction.atomic():
        results = run_benchmark(pairs=pairs, assignments=4, letters=pairs * 10, waiting=8, runs=2, warmup=1,
                                screening_letters=3, space_posts=pairs * 10, peer=peer_database is not None,
                                peer_env=peer_env)
        transaction.set_rollback(True)
    return results


@pytest.fixture
def bench_urls(settings):
    settings.ROOT_URLCONF = "bench.urls"


def test_every_scenario_runs_and_no_page_grows_with_the_program(db, bench_urls, tmp_path):
    small, large = run_tiny(20, peer_database=tmp_path / "bench_postman.sqlite3"), run_tiny(40)

    assert [page["name"] for page in small["pages"]] == PAGES
    for page in small["pages"]:
        assert page["runs"] == 2 and page["p50_ms"] > 0 and page["queries"] > 0
        assert page["ratio_p50"] is not None or page["name"] == "baseline"
    assert compare_query_counts(large, small) == []
    assert set(small["sweep"]) >= {"seconds", "queries", "result", "meets_target", "planning_s", "delivery_s"}
    # The first sweep plans the seed's backlog and sends; the next, at the next scheduled moment, is timed too.
    assert small["sweep"]["result"]["sent"] > 0 and small["sweep"]["next"]["minutes_later"] == 10
    assert set(small["sweep"]["next"]) >= {"seconds", "queries", "result", "planning_s", "delivery_s"}
    # The award job reads every pair's letters on its first run, gives stamps, and none on a re-run,
    # in a number of queries that grows with the batches, not with the pairs of a batch.
    assert small["awards"]["result"]["stamps"] > 0 and small["awards"]["rerun_stamps"] == 0
    # Both programs' open pairs are judged before the dashboard is measured (22 = 20 + 2).
    assert small["health_refresh"]["pairs"] == 22 and large["health_refresh"]["pairs"] == 44
    assert small["screening"]["letters"] == 3 and small["screening"]["letters_per_second"] > 0
    booklet, report = small["pdfs"]
    assert booklet["name"] == "booklet (40 letters)" and booklet["pages"] >= 1
    assert report["name"] == "program report (2 pairs)" and report["pages"] >= 1
    assert small["sizes"] == {"pairs": 20, "assignments": 4, "letters": 200, "waiting": 8}
    assert small["space"] == {"posts": 200, "long_thread_replies": 100}
    assert large["space"] == {"posts": 400, "long_thread_replies": 200}

    small["machine"] = {"date": "today", "commit": "abc", "nproc": 2, "memory": "1 GiB", "python": "3.11",
                        "database": "SQLite"}
    table = format_report(small)
    assert "coordinator dashboard" in table and "reminder sweep" in table and "screening" in table
    assert "passport award job" in table
    assert "pair health (all pairs)" in table

    # The peer: the same four jobs timed in both projects, each with its queries and both ratios.
    peer = small["peer"]
    assert [row["job"] for row in peer["rows"]] == ["bare page", "inbox / home", "20-letter thread",
                                                     "write ~1,700 chars"]
    for row in peer["rows"]:
        assert row["postman_cpu_ms"] > 0 and row["brevven_cpu_ms"] > 0
        assert row["postman_queries"] > 0 and row["brevven_queries"] > 0
        assert row["ratio"] == pytest.approx(row["brevven_cpu_ms"] / row["postman_cpu_ms"], rel=0.02)
    assert peer["samples_per_job"] == 5
    assert "django-postman" in table and "20-letter thread" in table


def test_a_database_without_bench_in_its_name_is_never_wiped():
    from bench.run import refuse_unless_bench_database

    with pytest.raises(SystemExit):
        refuse_unless_bench_database("brevven")
    refuse_unless_bench_database("brevven_bench")
    refuse_unless_bench_database("/tmp/var/bench/bench.sqlite3")
