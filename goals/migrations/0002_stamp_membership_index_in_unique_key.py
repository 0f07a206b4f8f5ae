import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('goals', '0001_goals_steps_stamps'),
        ('programs', '0018_audit_actions_for_spaces'),
    ]

    operations = [
        migrations.AlterField(
            model_name='stamp',
            name='membership',
            field=models.ForeignKey(db_index=False, on_delete=django.db.models.deletion.CASCADE, related_name='stamps', to='programs.membership'),
        ),
    ]
