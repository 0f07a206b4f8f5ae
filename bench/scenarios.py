"""What `make bench` measures, on a database that bench.seed has filled.

Each scenario drives the product the way a person or a task does (pages through the
Django test client, the sweep and the PDFs through their own functions) and returns
numbers; bench.run prints and stores them. The same code runs at a tiny size in
tests/bench, so it cannot rot.
"""

import random
import time
from datetime import date, timedelta
from unittest import mock

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from bench import spaces
from bench.harness import Measurement, measure, with_ratios
from bench.seed import LETTER_TEXT, Seeded, booklet_pair
from letters import screening
from letters import services as letter_services
from letters.models import Letter, LetterStatus
from oversight import health, letter_counts, reports

#: p95 targets in milliseconds on the project's 2-core machine, SQLite, default sizes. The
#: statistics page reads a few stored rows per pair (oversight.letter_counts) in three grouped
#: queries, so it keeps twice the dashboard's.
PAGE_TARGETS_MS = {"coordinator dashboard": 150.0, "submit (2,000 chars)": 60.0, "statistics": 300.0}
DEFAULT_PAGE_TARGET_MS = 50.0
#: Targets in seconds for the background work.
SWEEP_TARGET_S = 10.0
BOOKLET_TARGET_S = 3.0
REPORT_TARGET_S = 15.0

SENTENCES = [
    "Today I read the part where the keeper climbs the stairs in the storm.",
    "My sister thinks the cat is the real hero of the story, and maybe she is right.",
    "I would like to ask you what you did when you were my age on rainy weekends.",
    "The picture of the boat reminded me of our trip to the harbour last summer.",
    "Sometimes I find long chapters hard, but this one went quickly because of the dialogue.",
    "Our teacher says we should write down three new words each week, so here are mine.",
    "Do you think the keeper was lonely, or did he like being on his own out there?",
    "Write back soon, I want to know which book you are reading next and why.",
]


def letter_text(length: int, seed: int) -> str:
    """Return a plausible letter of exactly `length` characters, different for each `seed`."""
    rng = random.Random(seed)
    parts = []
    while sum(len(p) + 1 for p in parts) < length:
        parts.append(rng.choice(SENTENCES))
    return " ".join(parts)[:length]


def _expect(status: int):
    """Return a check that stops the benchmark when a response is not `status`."""
    def check(response) -> None:
        if response.status_code != status:
            raise AssertionError(f"{response.request['PATH_INFO']} answered {response.status_code}, not {status}")
    return check


def _client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _target(name: str) -> float:
    return PAGE_TARGETS_MS.get(name, DEFAULT_PAGE_TARGET_MS)


def measure_pages(data: Seeded, *, runs: int, warmup: int = 3, space: dict | None = None) -> list[Measurement]:
    """Measure every page scenario and the baseline; return them with ratios to the baseline.

    `space` is what bench.spaces.seed_space returned, if a peer space was seeded.

    Reads come first and writes last, so that one scenario's writes do not change the data
    another scenario reads (the submit scenario's letters join the review queue after it
    was measured).
    """
    mentee, coordinator, pair, program = data.mentee_user, data.coordinator, data.pair, data.program
    as_mentee, as_coordinator = _client_for(mentee), _client_for(coordinator)
    total = warmup + runs

    def page(name, client, url, status=200, **params):
        return measure(name, lambda i: client.get(url, params), runs=runs, warmup=warmup,
                       target_p95_ms=None if name == "baseline" else _target(name), check=_expect(status))

    baseline = page("baseline", as_mentee, reverse("bench-baseline"))
    results = [
        page("mentee home", as_mentee, reverse("home")),
        page("exchange thread", as_mentee, reverse("pair-thread", args=[pair.pk])),
        page("coordinator dashboard", as_coordinator, reverse("coordinator-dashboard", args=[program.pk]),
             sort="health"),
        page("review queue", as_coordinator, reverse("review-queue", args=[program.pk])),
        page("statistics", as_coordinator, reverse("coordinator-statistics", args=[program.pk])),
    ]
    if space is not None:
        results += spaces.measure_space_pages(data, space, runs=runs, warmup=warmup, client=as_mentee,
                                              target_ms=_target("space"))

    waiting = list(
        Letter.objects.filter(pair__program=program, status=LetterStatus.IN_REVIEW).order_by("pk")
        .values_list("pk", flat=True)[:total]
    )
    if len(waiting) < total:
        raise AssertionError(f"the approve scenario needs {total} letters in review; seed more (--waiting)")
    results.append(measure(
        "approve", lambda i: as_coordinator.post(reverse("review-letter", args=[waiting[i]]), {"action": "approve"}),
        runs=runs, warmup=warmup, target_p95_ms=_target("approve"), check=_expect(302),
    ))

    draft = letter_services.save_draft(mentee, pair=pair, body="")
    results.append(measure(
        "draft save", lambda i: as_mentee.post(reverse("letter-draft-save", args=[draft.pk]),
                                               {"body": letter_text(800, i)}),
        runs=runs, warmup=warmup, target_p95_ms=_target("draft save"), check=_expect(200),
    ))

    drafts = [letter_services.save_draft(mentee, pair=pair, body="") for _ in range(total)]
    results.append(measure(
        "submit (2,000 chars)", lambda i: as_mentee.post(reverse("letter-edit", args=[drafts[i].pk]),
                                                         {"body": letter_text(2000, i), "action": "send"}),
        runs=runs, warmup=warmup, target_p95_ms=_target("submit (2,000 chars)"), check=_expect(302),
    ))
    return [baseline, *with_ratios(results, baseline)]


def _timed(action) -> tuple[object, float, int]:
    """Return (result, seconds, queries) of one call of `action`."""
    with CaptureQueriesContext(connection) as captured:
        started = time.perf_counter()
        result = action()
        seconds = time.perf_counter() - started
    return result, seconds, len(captured)


def measure_sweep() -> dict:
    """Run the reminder sweep over every pair twice, ten minutes apart as scheduled; time each run and its halves.

    The first run meets the seed's backlog: every reminder owed since the seed is planned at
    once (about 50,000 rows at 10,000 pairs) and the first batch is sent. The next run, at the
    next scheduled moment, plans what came due meanwhile and sends the next batch: what every
    sweep of a running installation costs. The target is the first run's; the second is
    reported beside it (docs/performance.md).
    """
    from letters.tasks import SCHEDULES

    every = timedelta(minutes=next(s["minutes"] for s in SCHEDULES if s["func"] == "letters.tasks.sweep_reminders"))
    first_at = timezone.now()
    first = _timed_sweep(first_at)
    later = _timed_sweep(first_at + every)
    return {**first, "target_s": SWEEP_TARGET_S, "meets_target": first["seconds"] <= SWEEP_TARGET_S,
            "next": {**later, "minutes_later": every.total_seconds() / 60}}


def _timed_sweep(now) -> dict:
    """Run the sweep's two halves at `now`, as letters.reminders.sweep does; return their times and queries."""
    from letters.reminders import deliver_due_reminders
    from letters.reminders.planning import plan_reminders

    cancelled, plan_s, plan_queries = _timed(lambda: plan_reminders(now))
    sent, deliver_s, deliver_queries = _timed(lambda: deliver_due_reminders(now))
    return {"seconds": round(plan_s + deliver_s, 2), "queries": plan_queries + deliver_queries,
            "result": {"sent": sent, "cancelled": cancelled},
            "planning_s": round(plan_s, 2), "delivery_s": round(deliver_s, 2)}


def _timed_quietly(action) -> tuple[object, float, float, int]:
    """Return (result, wall seconds, CPU seconds of this process, statements) of one call of `action`.

    Statements are counted by an execute wrapper, not CaptureQueriesContext: Django's debug
    cursor writes out every statement with its parameters (on SQLite with one more query per
    999 of them), which for a first award run, a million parameters, cost a fifth of the
    job's CPU, and which a production run never pays.
    """
    statements = 0

    def count(execute, sql, params, many, context):
        nonlocal statements
        statements += 1
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        wall, cpu = time.perf_counter(), time.process_time()
        result = action()
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    return result, wall, cpu, statements


def measure_award_job(*, debug_cursor: bool = False) -> dict:
    """Run the passport's award job over every pair's letters (its first run reads them all), then again.

    The first run is the worst case: every letter event since the seed is new to it. The
    second finds nothing new and must give no stamp (goals.rewards). Both within the
    sweep's target. `debug_cursor` times it under CaptureQueriesContext instead, as the
    benchmark did before (see _timed_quietly), to compare with its older figures.
    """
    from goals.rewards import award_stamps

    def timed(action):
        if not debug_cursor:
            return _timed_quietly(action)
        cpu = time.process_time()
        result, seconds, queries = _timed(action)
        return result, seconds, time.process_time() - cpu, queries

    first, seconds, cpu, queries = timed(award_stamps)
    again, again_seconds, again_cpu, again_queries = timed(award_stamps)
    return {"seconds": round(seconds, 2), "cpu_seconds": round(cpu, 2), "queries": queries, "result": first,
            "rerun_seconds": round(again_seconds, 2), "rerun_cpu_seconds": round(again_cpu, 2),
            "rerun_queries": again_queries, "rerun_stamps": again["stamps"],
            "target_s": SWEEP_TARGET_S, "meets_target": seconds <= SWEEP_TARGET_S and again["stamps"] == 0}


def measure_health_refresh() -> dict:
    """Judge every open pair's health and store it, as the scheduled task does; time it.

    Runs before the pages: the dashboard reads these records (oversight.health), and in a
    running installation the task has filled them long before anyone opens it.
    """
    stored, seconds, queries = _timed(health.refresh_all_pair_health)
    return {"seconds": round(seconds, 2), "queries": queries, "pairs": stored}


def measure_letter_counts() -> dict:
    """Count every pair's letters per month for the statistics (oversight.letter_counts); time it.

    Runs before the pages, like the health refresh: the seed writes letters in bulk, as an
    import would, and the statistics page reads these counts. In a running installation the
    minute task counts each changed pair again; this is the cost of counting all of them.
    """
    counted, seconds, queries = _timed(letter_counts.recount_outdated)
    return {"seconds": round(seconds, 2), "queries": queries, "pairs": counted}


def measure_screening(*, letters: int) -> dict:
    """Screen `letters` different 2,000-character letters; return letters per second."""
    texts = [letter_text(2000, 10_000 + i) + " " + LETTER_TEXT for i in range(letters)]
    screening.screen(texts[0], language="en", region="GB")  # compile the patterns outside the clock
    started = time.perf_counter()
    for text in texts:
        screening.screen(text, language="en", region="GB")
    seconds = time.perf_counter() - started
    return {"letters": letters, "seconds": round(seconds, 2), "letters_per_second": round(letters / seconds, 1)}


def _pdf_with_html(render) -> tuple[float, str]:
    """Call `render()` (which ends in oversight.reports._pdf); return its seconds and the HTML it printed."""
    captured = {}
    real_pdf = reports._pdf

    def keep_html(html: str) -> bytes:
        captured["html"] = html
        return real_pdf(html)

    with mock.patch.object(reports, "_pdf", keep_html):
        _result, seconds, _queries = _timed(render)
    return seconds, captured["html"]


def _weasyprint_alone(html: str) -> tuple[float, int]:
    """Return (seconds, pages) for WeasyPrint turning finished `html` into a PDF with our print CSS."""
    from weasyprint import CSS, HTML

    from letters.pdf_fetcher import StaticFilesOnlyFetcher, pdf_base_url

    started = time.perf_counter()
    fetcher = StaticFilesOnlyFetcher()
    document = HTML(string=html, base_url=pdf_base_url(), url_fetcher=fetcher).render(
        stylesheets=[CSS(filename=str(reports.PRINT_CSS), url_fetcher=fetcher)])
    document.write_pdf()
    return time.perf_counter() - started, len(document.pages)


def _pdf_result(name: str, render, target_s: float) -> dict:
    seconds, html = _pdf_with_html(render)
    alone, pages = _weasyprint_alone(html)
    return {"name": name, "seconds": round(seconds, 2), "pages": pages, "weasyprint_alone_s": round(alone, 2),
            "ratio": round(seconds / alone, 2) if alone else None, "target_s": target_s,
            "meets_target": seconds <= target_s}


def measure_pdfs(data: Seeded, report_data: Seeded) -> list[dict]:
    """Time a 40-letter pair booklet and a program report over the report program's pairs.

    A throw-away booklet first loads WeasyPrint's fonts, so neither number includes that
    one-off start-up (a worker pays it once per process).
    """
    pair = booklet_pair(data.program)
    reports.render_booklets(data.program, [pair])
    booklet_letters = len(reports.booklet_letters(pair))
    booklet = _pdf_result(f"booklet ({booklet_letters} letters)",
                          lambda: reports.render_booklets(data.program, [pair]), BOOKLET_TARGET_S)
    program = report_data.program
    report = _pdf_result(
        f"program report ({report_data.sizes['pairs']:,} pairs)",
        lambda: reports.render_program_report(program, program.starts_on, date.today()), REPORT_TARGET_S,
    )
    return [booklet, report]
