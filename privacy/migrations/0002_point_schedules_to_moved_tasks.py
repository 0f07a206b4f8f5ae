"""Point django-q2's stored schedules at the task functions' new module.

The tasks moved here from the programs and letters apps. `manage.py setup_schedules` would
replace the old schedules too, but an installation whose worker starts before that command
runs would otherwise call functions that no longer exist.
"""

from django.db import migrations

#: Old dotted path -> new dotted path.
MOVED_FUNCS = {
    "programs.tasks.apply_retention": "privacy.tasks.apply_retention",
    "programs.tasks.build_data_export": "privacy.tasks.build_data_export",
}
#: Old schedule name -> new schedule name (names that said which app they belonged to).
RENAMED = {
    "programs.apply_retention": "privacy.apply_retention",
}


def _move(apps, funcs: dict, names: dict) -> None:
    Schedule = apps.get_model("django_q", "Schedule")
    for old, new in funcs.items():
        Schedule.objects.filter(func=old).update(func=new)
    for old, new in names.items():
        if not Schedule.objects.filter(name=new).exists():
            Schedule.objects.filter(name=old).update(name=new)


def forwards(apps, schema_editor):
    _move(apps, MOVED_FUNCS, RENAMED)


def backwards(apps, schema_editor):
    _move(apps, {new: old for old, new in MOVED_FUNCS.items()}, {new: old for old, new in RENAMED.items()})


class Migration(migrations.Migration):

    dependencies = [
        ("privacy", "0001_initial"),
        ("django_q", "0019_alter_task_options_alter_ormq_key_alter_ormq_lock_and_more"),
    ]

    operations = [
        migrations.RunPython(forwards, backwards),
    ]
