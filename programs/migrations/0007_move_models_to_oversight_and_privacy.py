"""Pair health and reports moved to the oversight app, the privacy records to the privacy app.

Only Django's picture of the models changes: their tables keep their names (each model's
Meta.db_table), so no table is dropped or renamed. The new apps' first migrations add the
models back to the picture under their new app and depend on this one.
"""

from django.db import migrations

MOVED = ["PairHealthRecord", "Report", "DataExport", "ErasureRecord", "ProgramStatistics", "RetentionRun"]


class Migration(migrations.Migration):

    dependencies = [
        ("programs", "0006_pair_health_record"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name=name) for name in MOVED],
            database_operations=[],
        ),
    ]
