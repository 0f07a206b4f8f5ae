"""Background work that survives a broker outage: record it with the change, enqueue it after.

Every place that asks for background work calls `defer` inside the transaction of the
change that causes it. `defer` writes an OutboxTask row in that transaction and asks for
it to be handed to django-q2 once the transaction commits. If the broker (Redis, or the
database queue) cannot take it, the failure is logged without personal data and the
request that caused it carries on: the row waits. `pick_up` (a scheduled task, also run
when a worker starts) hands waiting rows to the broker again, and hands again any row the
broker took but no worker ran within STUCK_AFTER (a broker that lost its queue).

Because a row can reach the broker twice (enqueued, then the process died before it
recorded so; or picked up as stuck while a slow queue still held it), every deferred
task is idempotent: it reloads its rows by id and returns early when the work is done.
`run` (what the worker executes) also returns early for a row already finished.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from functools import partial

from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.module_loading import import_string

from jobs.models import OutboxTask

logger = logging.getLogger(__name__)

#: A row younger than this may still be enqueued by the request that made it; the pick-up leaves it alone.
ENQUEUE_GRACE = timedelta(minutes=1)
#: A row the broker took but no worker ran within this long is handed to the broker again.
#: Well above a task's longest life (timeout 150 s, retried by django-q2 at most 3 times).
STUCK_AFTER = timedelta(minutes=15)
#: Hand-overs of one row before the pick-up gives up on it (and says so in the log).
MAX_ENQUEUES = 5
#: Rows handed over per pick-up; the rest wait for the next one.
PICKUP_BATCH = 500
#: Finished rows are deleted after this long.
KEEP_FINISHED = timedelta(days=7)

#: The function every outbox row runs through in the worker (see `run`).
RUNNER = "jobs.tasks.run_outbox_task"


def defer(func: str, *args: int | str, task_name: str = "", timeout: int | None = None) -> OutboxTask:
    """Record background work `func(*args)` now and enqueue it once the current transaction commits.

    Call it inside the transaction of the change that causes the work, so the two are
    saved together or not at all. `func` is the dotted path of an idempotent task; `args`
    are ids (JSON), never personal data. Outside a transaction the row is saved and
    enqueued at once. Never raises because the broker is down.
    """
    task = OutboxTask.objects.create(func=func, args=list(args), task_name=task_name[:100], timeout=timeout)
    transaction.on_commit(partial(enqueue, task.pk))
    return task


def enqueue(task_id: int, *, now: datetime | None = None) -> bool:
    """Hand outbox row `task_id` to the broker; return True if the broker took it.

    On failure the row is left waiting for `pick_up`, the error's class is recorded and
    logged (with the row's id and function, nothing personal), and nothing is raised: the
    caller is usually a request whose own work is already committed.
    """
    from django_q.tasks import async_task  # looked up at call time, so tests can stand in for the broker

    try:
        task = OutboxTask.objects.filter(pk=task_id, finished_at__isnull=True).first()
        if task is None:
            return False
        options = {"task_name": task.task_name or None}
        if task.timeout:
            options["timeout"] = task.timeout
        try:
            async_task(RUNNER, task.pk, **options)
        except Exception as error:  # noqa: BLE001 - any broker failure leaves the row for the pick-up
            _record_failure(task, error)
            return False
        OutboxTask.objects.filter(pk=task.pk).update(
            enqueued_at=now or timezone.now(), attempts=F("attempts") + 1, last_error=""
        )
        return True
    except Exception as error:  # noqa: BLE001 - e.g. the database went away after the commit
        logger.warning("background job %s could not be queued: %s", task_id, type(error).__name__)
        return False


def _record_failure(task: OutboxTask, error: Exception) -> None:
    logger.warning("background job %s (%s) not queued, the broker failed: %s; it will be picked up later",
                   task.pk, task.func, type(error).__name__)
    OutboxTask.objects.filter(pk=task.pk).update(attempts=F("attempts") + 1, last_error=type(error).__name__[:200])


def run(task_id: int):
    """Run outbox row `task_id`'s function (in a worker) unless it has run already; return its result.

    The row is marked finished whether the function returns or raises: a task that fails
    records its own failure (a report shows why and can be retried), and running it again
    here would repeat the failure. A worker killed mid-task leaves the row unfinished, and
    `pick_up` hands it over again after STUCK_AFTER.
    """
    task = OutboxTask.objects.filter(pk=task_id).first()
    if task is None or task.finished_at is not None:
        return None
    try:
        return import_string(task.func)(*task.args)
    finally:
        OutboxTask.objects.filter(pk=task_id, finished_at__isnull=True).update(finished_at=timezone.now())


def pick_up(now: datetime | None = None) -> int:
    """Hand to the broker the rows that never reached it, or that it took but never ran; return how many.

    Rows asking for the same function with the same arguments are handed over once (ten
    letters delivered during an outage need one reminder sweep, not ten); the others are
    marked finished with it. Stops at the first hand-over the broker refuses: it is still
    down, and the next pick-up tries again. Also gives up on rows handed over MAX_ENQUEUES
    times, and deletes finished rows older than KEEP_FINISHED.
    """
    now = now or timezone.now()
    _give_up_on_exhausted(now)
    OutboxTask.objects.filter(finished_at__lt=now - KEEP_FINISHED).delete()
    due = list(
        OutboxTask.objects.filter(finished_at__isnull=True, attempts__lt=MAX_ENQUEUES)
        .filter(Q(enqueued_at__isnull=True, created_at__lte=now - ENQUEUE_GRACE) | Q(enqueued_at__lte=now - STUCK_AFTER))
        .order_by("created_at", "pk")[:PICKUP_BATCH]
    )
    handed = 0
    seen: dict[tuple, int] = {}
    for task in due:
        key = (task.func, repr(task.args))
        if key in seen:
            OutboxTask.objects.filter(pk=task.pk, finished_at__isnull=True).update(finished_at=now, last_error=f"same as {seen[key]}")
            continue
        if not enqueue(task.pk, now=now):
            break
        seen[key] = task.pk
        handed += 1
    return handed


def _give_up_on_exhausted(now: datetime) -> None:
    """Finish the rows that were handed over MAX_ENQUEUES times and still did not run, and log each."""
    exhausted = OutboxTask.objects.filter(finished_at__isnull=True, attempts__gte=MAX_ENQUEUES).filter(
        Q(enqueued_at__isnull=True) | Q(enqueued_at__lte=now - STUCK_AFTER)
    )
    for task_id, func in exhausted.values_list("pk", "func"):
        logger.error("background job %s (%s) given up after %s hand-overs", task_id, func, MAX_ENQUEUES)
    exhausted.update(finished_at=now, last_error="given up")


def pick_up_on_worker_start(sender=None, proc_name: str = "", **kwargs) -> None:
    """django-q2's post_spawn receiver: a new worker first picks up what was left behind.

    Never raises: a worker must start even if the database or the broker is not there yet.
    """
    try:
        handed = pick_up()
    except Exception as error:  # noqa: BLE001 - the scheduled pick-up will try again
        logger.warning("background jobs not picked up at worker start: %s", type(error).__name__)
        return
    if handed:
        logger.info("worker %s handed %s waiting background jobs to the broker", proc_name, handed)
