"""Background tasks of the privacy app (django-q2). Thin: reload by id, then call a service.

`SCHEDULES` lists the recurring jobs; the `setup_schedules` command collects every app's
list and syncs django-q2's Schedule rows (each entry takes Schedule's own field names).
"""

from privacy import services
from privacy.models import DataExport

SCHEDULES = [
    {
        "func": "privacy.tasks.apply_retention",
        "name": "privacy.apply_retention",
        "schedule_type": "D",  # Schedule.DAILY
    },
]


def build_data_export(export_id: int) -> None:
    """Build the ZIP of a queued data export; nothing happens if it is gone or already built."""
    export = DataExport.objects.filter(pk=export_id).first()
    if export is None or export.status != DataExport.Status.QUEUED:
        return
    services.build_data_export(export)


def apply_retention() -> int:
    """Run the daily retention sweep; return the id of the RetentionRun it recorded."""
    return services.apply_retention().pk
