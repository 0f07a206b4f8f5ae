"""Timing and query counting for the benchmark: percentiles, ratios to a baseline, the table.

Every request is made in-process with Django's test client after a warm-up, so what is
measured is Brevven's own work (views, queries, templates), not a network or a server.
"""

import statistics
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field

from django.db import connection
from django.test.utils import CaptureQueriesContext


@dataclass
class Measurement:
    name: str
    p50_ms: float
    p95_ms: float
    queries: int
    runs: int
    ratio_p50: float | None = None
    target_p95_ms: float | None = None
    extra: dict = field(default_factory=dict)

    @property
    def meets_target(self) -> bool | None:
        return None if self.target_p95_ms is None else self.p95_ms <= self.target_p95_ms

    def as_dict(self) -> dict:
        data = asdict(self)
        data["meets_target"] = self.meets_target
        return data


def percentile(samples: list[float], fraction: float) -> float:
    """Return the `fraction` percentile of `samples` (nearest rank on the sorted list)."""
    ordered = sorted(samples)
    index = min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))
    return ordered[index]


def measure(name: str, action: Callable[[int], object], *, runs: int, warmup: int = 3,
            target_p95_ms: float | None = None, check: Callable[[object], None] | None = None) -> Measurement:
    """Call `action(i)` `warmup` times, then `runs` times under the clock; return the percentiles.

    The query count is that of the last measured run (the pages' counts do not vary
    between runs; the test suite asserts that they do not grow with the data either).
    `check` is called on every result, so a scenario that silently fails (a 302 to the
    login page, a 404) stops the benchmark instead of producing fast, wrong numbers.
    """
    for i in range(warmup):
        result = action(i)
        if check:
            check(result)
    samples = []
    queries = 0
    for i in range(warmup, warmup + runs):
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            result = action(i)
            samples.append((time.perf_counter() - started) * 1000)
        if check:
            check(result)
        queries = len(captured)
    return Measurement(name=name, p50_ms=round(statistics.median(samples), 2), p95_ms=round(percentile(samples, 0.95), 2),
                       queries=queries, runs=runs, target_p95_ms=target_p95_ms)


def with_ratios(measurements: list[Measurement], baseline: Measurement) -> list[Measurement]:
    """Set each measurement's p50 ratio to the baseline's p50 (same run, same machine)."""
    for m in measurements:
        m.ratio_p50 = round(m.p50_ms / baseline.p50_ms, 1) if baseline.p50_ms else None
    return measurements


def format_table(rows: list[Measurement]) -> str:
    header = f"{'scenario':<34} {'p50 ms':>9} {'p95 ms':>9} {'× base':>7} {'queries':>8} {'target':>8} {'ok':>4}"
    lines = [header, "-" * len(header)]
    for m in rows:
        target = f"{m.target_p95_ms:g}" if m.target_p95_ms is not None else "—"
        ok = {True: "yes", False: "NO", None: ""}[m.meets_target]
        ratio = f"{m.ratio_p50:g}" if m.ratio_p50 is not None else "—"
        lines.append(f"{m.name:<34} {m.p50_ms:>9.2f} {m.p95_ms:>9.2f} {ratio:>7} {m.queries:>8} {target:>8} {ok:>4}")
    return "\n".join(lines)
