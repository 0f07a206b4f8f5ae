"""Program.blocked_terms and Program.region are gone: 0010 copied them to watch words and screening countries."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('programs', '0010_blocked_terms_to_watch_words'),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name='program',
            name='program_region_valid',
        ),
        migrations.RemoveField(
            model_name='program',
            name='blocked_terms',
        ),
        migrations.RemoveField(
            model_name='program',
            name='region',
        ),
    ]
