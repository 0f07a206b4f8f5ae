"""Background tasks of the programs app (django-q2). Thin: reload by id, then call a service.

`SCHEDULES` lists the recurring jobs; the `setup_schedules` command collects every app's
list and syncs django-q2's Schedule rows (each entry takes Schedule's own field names).
"""

from programs import health, privacy
from programs.models import DataExport

SCHEDULES = [
    {
        "func": "programs.tasks.apply_retention",
        "name": "programs.apply_retention",
        "schedule_type": "D",  # Schedule.DAILY
    },
    {
        "func": "programs.tasks.refresh_all_pair_health",
        "name": "programs.refresh_all_pair_health",
        "schedule_type": "I",  # Schedule.MINUTES
        "minutes": health.REFRESH_EVERY_MINUTES,
        # Seconds; below Q_CLUSTER["retry"] (180) so a slow run is never handed to a second worker.
        "q_options": {"timeout": 150},
    },
]


def build_data_export(export_id: int) -> None:
    """Build the ZIP of a queued data export; nothing happens if it is gone or already built."""
    export = DataExport.objects.filter(pk=export_id).first()
    if export is None or export.status != DataExport.Status.QUEUED:
        return
    privacy.build_data_export(export)


def apply_retention() -> int:
    """Run the daily retention sweep; return the id of the RetentionRun it recorded."""
    return privacy.apply_retention().pk


def refresh_all_pair_health() -> int:
    """Re-judge the health of every open pair for the coordinator dashboards; return how many."""
    return health.refresh_all_pair_health()
