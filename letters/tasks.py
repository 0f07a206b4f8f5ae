"""Background tasks for letters: the reminder sweep, and the notices about one letter.

Tasks are thin: they take ids, reload the row, return early when the work is done, and
call the domain code. Each is recorded in the outbox (jobs.outbox) in the transaction that
asks for it and enqueued after commit, with an explicit timeout; django-q2 retries a task
whose worker died (Q_CLUSTER["retry"]) at most Q_CLUSTER["max_attempts"] times, and our
own Reminder rows keep their own attempt counts, so nothing retries for ever.

SCHEDULES is read by `manage.py setup_schedules`. The PDF reports' tasks are in
oversight/tasks.py.
"""

from django.utils import timezone
from django_q.models import Schedule

from jobs.outbox import defer

#: Seconds. Below Q_CLUSTER["retry"] (180), so a slow task is never handed to a second worker.
SWEEP_TIMEOUT = 90

SCHEDULES = [
    {
        "name": "Send due reminders",
        "func": "letters.tasks.sweep_reminders",
        "schedule_type": Schedule.MINUTES,
        "minutes": 10,
        "q_options": {"timeout": SWEEP_TIMEOUT},
    },
]


def sweep_reminders() -> dict:
    """Plan and send every reminder owed now (see letters.reminders)."""
    from letters.reminders import sweep

    return sweep(timezone.now())


def enqueue_sweep() -> None:
    """Record a reminder sweep in the current transaction; it is queued once that commits (jobs.outbox)."""
    defer("letters.tasks.sweep_reminders", timeout=SWEEP_TIMEOUT, task_name="sweep_reminders")


def notify_letter(letter_id: int) -> dict:
    """Plan and send the notices and reminders owed now about letter `letter_id` alone (see letters.reminders)."""
    from letters.reminders import notify_for_letter

    return notify_for_letter(letter_id, timezone.now())


def enqueue_letter_notices(letter_id: int) -> None:
    """Record the per-letter notice task in the current transaction; it is queued once that commits.

    What a letter's delivery, return or urgent finding causes is planned for that letter
    only; the periodic sweep stays the safety net for anything this misses.
    """
    defer("letters.tasks.notify_letter", letter_id, timeout=SWEEP_TIMEOUT, task_name=f"notify_letter_{letter_id}")
