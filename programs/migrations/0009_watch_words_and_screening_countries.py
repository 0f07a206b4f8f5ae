"""Watch words, the program's screening countries, a member's country, and the program audit log.

The old Program.blocked_terms and Program.region are copied over in 0008 and removed in 0009.
"""

import django.db.models.deletion
import programs.models
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('programs', '0008_erased_letters_help_text'),
    ]

    operations = [
        migrations.CreateModel(
            name='ProgramAuditEntry',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('action', models.CharField(choices=[('watch_word_added', 'Watch word added'), ('watch_word_removed', 'Watch word removed'), ('screening_countries_changed', 'Screening countries changed')], max_length=40)),
                ('detail', models.TextField(blank=True)),
                ('created_at', models.DateTimeField(auto_now_add=True)),
            ],
            options={
                'ordering': ['created_at', 'pk'],
            },
        ),
        migrations.CreateModel(
            name='WatchWord',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('term', models.TextField(verbose_name='word or phrase')),
                ('match_key', models.TextField(editable=False)),
                ('severity', models.CharField(choices=[('hold', 'Hold: the letter waits for a coordinator'), ('urgent', 'Urgent: alert the coordinators at once')], default='hold', max_length=10, verbose_name='severity')),
                ('created_at', models.DateTimeField(auto_now_add=True)),
            ],
            options={
                'ordering': ['program', 'match_key', 'pk'],
            },
        ),
        migrations.AddField(
            model_name='membership',
            name='country',
            field=models.CharField(blank=True, choices=[('US', 'United States'), ('GB', 'United Kingdom'), ('DK', 'Denmark'), ('NO', 'Norway'), ('FR', 'France')], help_text="Optional. Screening also looks for this country's phone numbers and addresses in their letters.", max_length=2, verbose_name='country'),
        ),
        migrations.AddField(
            model_name='program',
            name='screening_countries',
            field=models.JSONField(blank=True, default=list, help_text="Used to recognise local phone numbers and addresses in letters. Leave empty to use the usual country of the program's language.", validators=[programs.models.validate_screening_countries], verbose_name='screening countries'),
        ),
        migrations.AddConstraint(
            model_name='membership',
            constraint=models.CheckConstraint(condition=models.Q(('country', ''), ('country__in', ['US', 'GB', 'DK', 'NO', 'FR']), _connector='OR'), name='membership_country_valid'),
        ),
        migrations.AddField(
            model_name='programauditentry',
            name='actor',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL),
        ),
        migrations.AddField(
            model_name='programauditentry',
            name='program',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='audit_entries', to='programs.program'),
        ),
        migrations.AddField(
            model_name='watchword',
            name='created_by',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL),
        ),
        migrations.AddField(
            model_name='watchword',
            name='program',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='watch_words', to='programs.program'),
        ),
        migrations.AddConstraint(
            model_name='programauditentry',
            constraint=models.CheckConstraint(condition=models.Q(('action__in', ['watch_word_added', 'watch_word_removed', 'screening_countries_changed'])), name='programaudit_action_valid'),
        ),
        migrations.AddConstraint(
            model_name='watchword',
            constraint=models.CheckConstraint(condition=models.Q(('severity__in', ['hold', 'urgent'])), name='watchword_severity_valid'),
        ),
        migrations.AddConstraint(
            model_name='watchword',
            constraint=models.UniqueConstraint(fields=('program', 'match_key'), name='watchword_one_per_key_in_program'),
        ),
    ]
