"""Background tasks of the oversight app (django-q2): PDF reports, the pair-health refresh and the
statistics' stored letter counts.

Tasks are thin: they take ids, reload the row, return early when the work is done, and
call the domain code. Each is recorded in the outbox (jobs.outbox) with the change that asks
for it and enqueued after commit with an explicit timeout below Q_CLUSTER["retry"]
(180 s), so a slow task is never handed to a second worker; the Report row keeps its own
attempt count, so nothing retries for ever. SCHEDULES is read by `manage.py setup_schedules`.
"""

from django.utils import timezone
from django_q.models import Schedule
from jobs.outbox import defer
from oversight import health

#: Seconds.
REPORT_TIMEOUT = 150
WEEKLY_REPORTS_TIMEOUT = 90

SCHEDULES = [
    {
        "name": "Weekly program reports to coordinators",
        "func": "oversight.tasks.send_weekly_program_reports",
        # Weekly from the first start; the task reports on the last full Monday-to-Sunday week
        # and makes each program's report once, so the day it runs on does not matter.
        "schedule_type": Schedule.WEEKLY,
        "q_options": {"timeout": WEEKLY_REPORTS_TIMEOUT},
    },
    {
        "func": "oversight.tasks.refresh_changed_pair_health",
        "name": "oversight.refresh_changed_pair_health",
        "schedule_type": Schedule.MINUTES,
        "minutes": 1,
        "q_options": {"timeout": 50},
    },
    {
        "func": "oversight.tasks.recount_changed_letter_counts",
        "name": "oversight.recount_changed_letter_counts",
        "schedule_type": Schedule.MINUTES,
        "minutes": 1,
        "q_options": {"timeout": 50},
    },
    {
        "func": "oversight.tasks.refresh_all_pair_health",
        "name": "oversight.refresh_all_pair_health",
        "schedule_type": Schedule.MINUTES,
        "minutes": health.REFRESH_EVERY_MINUTES,
        # Seconds; below Q_CLUSTER["retry"] (180) so a slow run is never handed to a second worker.
        "q_options": {"timeout": 150},
    },
]


def build_report(report_id: int) -> str:
    """Make the PDF of report `report_id` unless it is already made or being made."""
    from oversight.reports import run_report  # WeasyPrint loads only in the worker that prints

    return run_report(report_id)


def enqueue_report(report_id: int) -> None:
    """Record the build of report `report_id` in the current transaction; it is queued once that commits."""
    defer("oversight.tasks.build_report", report_id, timeout=REPORT_TIMEOUT, task_name=f"report-{report_id}")


def send_weekly_program_reports() -> int:
    """Queue last week's report for every running program; each is built once per week."""
    from oversight.reports import request_weekly_reports

    return request_weekly_reports(timezone.localdate())


def refresh_all_pair_health() -> int:
    """Re-judge the health of every open pair for the coordinator dashboards; return how many."""
    return health.refresh_all_pair_health()


def refresh_changed_pair_health() -> int:
    """Judge the pairs that changed since they were last judged; return how many (0 when there are none)."""
    return health.refresh_changed_pair_health()


def recount_changed_letter_counts() -> int:
    """Count again the letters of the pairs that changed since they were last counted; return how many pairs."""
    from oversight import letter_counts

    return letter_counts.recount_outdated()
