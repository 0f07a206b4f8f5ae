"""Brevven against django-postman in one run: CPU time per request for the same three jobs.

Precondition: Django is set up with bench.settings and bench.seed has filled the database
(`data` is what it returned). The peer is started in a child process (bench.peer.worker),
seeded with as many pairs and messages as Brevven has pairs and letters, of the same length;
then the two projects take turns, a few requests of one job at a time, so that whatever else
the machine is doing weighs on both alike. Every figure is the median CPU time of a request
in the process that served it (Django's test client, the database client included; on
PostgreSQL the server's own work is not in either figure).
"""

import json
import os
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

ROOT = Path(__file__).resolve().parent.parent.parent
WRITE_CHARS = 1700
#: The aims of the performance work: Brevven ÷ postman at most this, job by job.
AIMS = {"inbox / home": 1.2, "20-letter thread": 1.0, "write ~1,700 chars": 2.0}
#: Brevven's job and postman's job of the same name.
JOBS = {"bare page": ("bare", "bare"), "inbox / home": ("home", "inbox"), "20-letter thread": ("thread", "thread"),
        "write ~1,700 chars": ("write", "write")}


@dataclass
class Side:
    cpu_ms: list
    queries: int = 0

    @property
    def median(self) -> float:
        return statistics.median(self.cpu_ms)


class PostmanWorker:
    """The child process that seeds postman and answers job requests (bench.peer.worker)."""

    def __init__(self, *, pairs: int, messages: int, body_chars: int, env: dict | None = None):
        env = {**os.environ, **(env or {}), "DJANGO_SETTINGS_MODULE": "bench.peer.settings", "PYTHONPATH": str(ROOT)}
        self.process = subprocess.Popen(
            [sys.executable, "-m", "bench.peer.worker", "--pairs", str(pairs), "--messages", str(messages),
             "--body-chars", str(body_chars)],
            cwd=ROOT, env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
        )
        ready = self.process.stdout.readline()
        if not ready:
            raise RuntimeError("the postman peer did not start (is django-postman installed? pip install '.[bench]')")
        self.offset = 0

    def run(self, job: str, runs: int) -> dict:
        self.process.stdin.write(json.dumps({"job": job, "runs": runs, "offset": self.offset}) + "\n")
        self.process.stdin.flush()
        self.offset += runs
        answer = self.process.stdout.readline()
        if not answer:
            raise RuntimeError(f"the postman peer stopped during {job!r}")
        return json.loads(answer)

    def close(self) -> None:
        self.process.stdin.close()
        self.process.wait(timeout=60)


def brevven_jobs(data, *, drafts_needed: int):
    """Return {job: function of the request number} for Brevven, as its mentee would do them."""
    from bench.scenarios import letter_text
    from bench.seed import booklet_pair
    from letters import services as letter_services
    from programs.models import Pair

    # The page scenarios wrote into data.pair and the booklet pair has 40 letters: the reader
    # and the writer are the next two pairs, which have the seeded 20 letters each. Writes go
    # to a pair of their own, so the thread that is read does not grow during the run.
    reader_pair, writer_pair = (
        Pair.objects.filter(program=data.program).exclude(pk__in=[data.pair.pk, booklet_pair(data.program).pk])
        .select_related("mentee__user").order_by("pk")[:2]
    )
    client = Client()
    client.force_login(reader_pair.mentee.user)
    writer = Client()
    writer.force_login(writer_pair.mentee.user)
    drafts = [letter_services.save_draft(writer_pair.mentee.user, pair=writer_pair, body="") for _ in range(drafts_needed)]

    def expect(response, status):
        if response.status_code != status:
            raise AssertionError(f"{response.request['PATH_INFO']} answered {response.status_code}, not {status}")

    return {
        "bare": lambda i: expect(client.get(reverse("bench-baseline")), 200),
        "home": lambda i: expect(client.get(reverse("home")), 200),
        "thread": lambda i: expect(client.get(reverse("pair-thread", args=[reader_pair.pk])), 200),
        "write": lambda i: expect(writer.post(reverse("letter-edit", args=[drafts[i].pk]),
                                              {"body": letter_text(WRITE_CHARS, 50_000 + i), "action": "send"}), 302),
    }


def _brevven_round(action, first: int, runs: int) -> dict:
    samples, queries = [], 0
    for i in range(first, first + runs):
        with CaptureQueriesContext(connection) as captured:
            started = time.process_time()
            action(i)
            samples.append((time.process_time() - started) * 1000)
        queries = len(captured)
    return {"cpu_ms": samples, "queries": queries}


def compare_with_postman(data, *, rounds: int = 10, runs_per_round: int = 5, warmup: int = 3,
                         env: dict | None = None) -> dict:
    """Seed the peer, take turns job by job, and return each side's figures and the ratios.

    `env` is added to the peer process's environment (DATABASE_URL, BENCH_PEER_SQLITE).
    """
    from bench.seed import LETTER_TEXT

    per_job = warmup + rounds * runs_per_round
    peer = PostmanWorker(pairs=data.sizes["pairs"], messages=data.sizes["letters"], body_chars=len(LETTER_TEXT), env=env)
    try:
        mine = brevven_jobs(data, drafts_needed=per_job)
        sides = {name: {"brevven": Side([]), "postman": Side([])} for name in JOBS}
        for my_job, peer_job in JOBS.values():
            _brevven_round(mine[my_job], 0, warmup)
            peer.run(peer_job, warmup)
        done = warmup
        for _round in range(rounds):
            for name, (my_job, peer_job) in JOBS.items():
                ours, theirs = _brevven_round(mine[my_job], done, runs_per_round), peer.run(peer_job, runs_per_round)
                sides[name]["brevven"].cpu_ms += ours["cpu_ms"]
                sides[name]["brevven"].queries = ours["queries"]
                sides[name]["postman"].cpu_ms += theirs["cpu_ms"]
                sides[name]["postman"].queries = theirs["queries"]
            done += runs_per_round
    finally:
        peer.close()
    return _summary(sides, samples=rounds * runs_per_round)


def _summary(sides: dict, *, samples: int) -> dict:
    bare = sides["bare page"]
    rows = []
    for name, pair in sides.items():
        brevven, postman = pair["brevven"], pair["postman"]
        ratio = brevven.median / postman.median
        rows.append({
            "job": name, "postman_cpu_ms": round(postman.median, 2), "postman_queries": postman.queries,
            "brevven_cpu_ms": round(brevven.median, 2), "brevven_queries": brevven.queries,
            "ratio": round(ratio, 2), "aim": AIMS.get(name),
            "meets_aim": None if name not in AIMS else ratio <= AIMS[name],
            "postman_per_bare": round(postman.median / bare["postman"].median, 2),
            "brevven_per_bare": round(brevven.median / bare["brevven"].median, 2),
        })
    return {"samples_per_job": samples, "rows": rows}


def format_comparison(result: dict) -> str:
    """The table `make bench` prints under the product's own."""
    header = (f"{'job (CPU ms per request, median)':<34} {'postman':>8} {'q':>3} {'Brevven':>8} {'q':>3} "
              f"{'B ÷ p':>6} {'aim':>5} {'ok':>4} {'p÷bare':>7} {'B÷bare':>7}")
    lines = [f"Brevven and django-postman, interleaved, {result['samples_per_job']} requests a job each", header,
             "-" * len(header)]
    for row in result["rows"]:
        aim = f"{row['aim']:g}" if row["aim"] else "—"
        ok = {True: "yes", False: "NO", None: ""}[row["meets_aim"]]
        lines.append(f"{row['job']:<34} {row['postman_cpu_ms']:>8.2f} {row['postman_queries']:>3} "
                     f"{row['brevven_cpu_ms']:>8.2f} {row['brevven_queries']:>3} {row['ratio']:>6.2f} {aim:>5} {ok:>4} "
                     f"{row['postman_per_bare']:>7.2f} {row['brevven_per_bare']:>7.2f}")
    return "\n".join(lines)
