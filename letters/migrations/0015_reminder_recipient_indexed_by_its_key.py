"""Drop the reminder's own index on its recipient: the unique key (recipient, kind,
object_key, due_at) begins with the recipient, so its index serves every lookup by
recipient (see Reminder.recipient).

Only the index is dropped. AlterField alone would also drop and re-add the foreign key on
PostgreSQL, checking every reminder again under lock, and rebuild the table on SQLite.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

#: The name Django gave the index (the same on both databases).
INDEX = "letters_reminder_recipient_id_f60262eb"


class Migration(migrations.Migration):

    dependencies = [
        ("letters", "0014_reminder_kinds_for_spaces"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[
                migrations.RunSQL(
                    f'DROP INDEX IF EXISTS "{INDEX}"',
                    reverse_sql=f'CREATE INDEX "{INDEX}" ON "letters_reminder" ("recipient_id")',
                ),
            ],
            state_operations=[
                migrations.AlterField(
                    model_name="reminder",
                    name="recipient",
                    field=models.ForeignKey(db_index=False, on_delete=django.db.models.deletion.CASCADE,
                                            related_name="reminders", to=settings.AUTH_USER_MODEL),
                ),
            ],
        ),
    ]
