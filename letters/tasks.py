"""Background tasks for letters: the reminder sweep, booklets and program reports.

Tasks are thin: they take ids, reload the row, return early when the work is done, and
call the domain code. Each is recorded in the outbox (jobs.outbox) in the transaction that
asks for it and enqueued after commit, with an explicit timeout; django-q2 retries a task
whose worker died (Q_CLUSTER["retry"]) at most Q_CLUSTER["max_attempts"] times, and our
own rows (Reminder, Report) keep their own attempt counts, so nothing retries for ever.

SCHEDULES is read by `manage.py setup_schedules`. Report tasks live here rather than in
programs/tasks.py because what they print is letters.
"""

from django.utils import timezone
from django_q.models import Schedule

from jobs.outbox import defer

#: Seconds. Below Q_CLUSTER["retry"] (180), so a slow task is never handed to a second worker.
SWEEP_TIMEOUT = 90
REPORT_TIMEOUT = 150

SCHEDULES = [
    {
        "name": "Send due reminders",
        "func": "letters.tasks.sweep_reminders",
        "schedule_type": Schedule.MINUTES,
        "minutes": 10,
        "q_options": {"timeout": SWEEP_TIMEOUT},
    },
    {
        "name": "Weekly program reports to coordinators",
        "func": "letters.tasks.send_weekly_program_reports",
        # Weekly from the first start; the task reports on the last full Monday-to-Sunday week
        # and makes each program's report once, so the day it runs on does not matter.
        "schedule_type": Schedule.WEEKLY,
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


def build_report(report_id: int) -> str:
    """Make the PDF of report `report_id` unless it is already made or being made."""
    from letters.reports import run_report

    return run_report(report_id)


def enqueue_report(report_id: int) -> None:
    """Record the build of report `report_id` in the current transaction; it is queued once that commits."""
    defer("letters.tasks.build_report", report_id, timeout=REPORT_TIMEOUT, task_name=f"report-{report_id}")


def send_weekly_program_reports() -> int:
    """Queue last week's report for every running program; each is built once per week."""
    from letters.reports import request_weekly_reports

    return request_weekly_reports(timezone.localdate())
