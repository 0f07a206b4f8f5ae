"""Make the django-q2 schedules in the database match the SCHEDULES lists in the code.

Every installed app of this project may have `tasks.py` with a `SCHEDULES` list of dicts
(name, func, schedule_type, and minutes/cron/q_options as needed). Running the command
twice leaves one schedule of each; a schedule whose function belongs to one of our apps
but is no longer listed is deleted. Schedules of other code (made by hand in the admin
for some other function) are left alone.
"""

import importlib
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django_q.models import Schedule


def project_apps() -> list:
    """Return the app configs whose code lives in this repository (not Django or libraries)."""
    # A top-level package in the checkout; the virtualenv may live inside the checkout too.
    return [config for config in apps.get_app_configs() if Path(config.path).parent == Path(settings.BASE_DIR)]


def declared_schedules() -> list[dict]:
    """Return every SCHEDULES entry of every project app's tasks module."""
    declared = []
    for config in project_apps():
        # Only apps that have the file: a tasks module of the same name found elsewhere on
        # the path (an older installed copy whose tasks have since moved) is not this app's.
        if not (Path(config.path) / "tasks.py").is_file():
            continue
        module = importlib.import_module(f"{config.name}.tasks")
        declared.extend(getattr(module, "SCHEDULES", []))
    return declared


def _fields(entry: dict) -> dict:
    options = entry.get("q_options")
    return {
        "func": entry["func"],
        "schedule_type": entry["schedule_type"],
        "minutes": entry.get("minutes"),
        "cron": entry.get("cron"),
        "kwargs": f"q_options={options!r}" if options else None,
        "repeats": -1,
    }


@transaction.atomic
def sync_schedules() -> tuple[int, int, int]:
    """Create, update and delete schedules to match the code; return (created, updated, deleted)."""
    declared = {entry["name"]: entry for entry in declared_schedules()}
    ours = Q()
    for config in project_apps():
        ours |= Q(func__startswith=f"{config.name}.")
    created = updated = 0
    for name, entry in declared.items():
        fields = _fields(entry)
        existing = Schedule.objects.select_for_update().filter(name=name).order_by("pk")
        schedule = existing.first()
        if schedule is None:
            Schedule.objects.create(name=name, next_run=timezone.now(), **fields)
            created += 1
            continue
        existing.exclude(pk=schedule.pk).delete()
        if any(getattr(schedule, key) != value for key, value in fields.items()):
            for key, value in fields.items():
                setattr(schedule, key, value)
            schedule.save()
            updated += 1
    stale = Schedule.objects.filter(ours).exclude(name__in=list(declared))
    deleted, _ = stale.delete()
    return created, updated, deleted


class Command(BaseCommand):
    help = "Create, update and delete background-job schedules to match the SCHEDULES lists in the code."

    def handle(self, *args, **options):
        created, updated, deleted = sync_schedules()
        self.stdout.write(f"Schedules: {created} created, {updated} updated, {deleted} deleted.")
