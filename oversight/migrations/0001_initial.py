"""The models that moved here from the programs app, added to Django's picture only.

Their tables already exist under their old names (programs_*; see each model's
Meta.db_table), made by the programs app's migrations, so this migration creates no table.
It also moves the models' content types (and so their permissions) to this app.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


MOVED_MODELS = ['pairhealthrecord', 'report']


def move_content_types(apps, schema_editor, *, source="programs", target="oversight"):
    """Relabel the moved models' content types, unless the target already has its own."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    for model in MOVED_MODELS:
        if not ContentType.objects.filter(app_label=target, model=model).exists():
            ContentType.objects.filter(app_label=source, model=model).update(app_label=target)


def move_content_types_back(apps, schema_editor):
    move_content_types(apps, schema_editor, source="oversight", target="programs")


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('programs', '0007_move_models_to_oversight_and_privacy'),
        ('contenttypes', '0002_remove_content_type_name'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='PairHealthRecord',
                    fields=[
                        ('pair', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, primary_key=True, related_name='health_record', serialize=False, to='programs.pair')),
                        ('level', models.CharField(choices=[('at_risk', 'At risk'), ('needs_attention', 'Needs attention'), ('on_track', 'On track')], max_length=20)),
                        ('level_rank', models.PositiveSmallIntegerField()),
                        ('reasons', models.JSONField(default=list)),
                        ('reason_count', models.PositiveSmallIntegerField(default=0)),
                        ('last_letter_at', models.DateTimeField(blank=True, null=True)),
                        ('quiet_since', models.DateTimeField()),
                        ('judged_at', models.DateTimeField()),
                        ('program', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='programs.program')),
                    ],
                    options={
                        'db_table': 'programs_pairhealthrecord',
                        'indexes': [models.Index(fields=['program', 'level_rank', '-reason_count'], name='pairhealth_worst_first'), models.Index(fields=['program', 'quiet_since'], name='pairhealth_quietest_first')],
                        'constraints': [models.CheckConstraint(condition=models.Q(('level__in', ['at_risk', 'needs_attention', 'on_track'])), name='pairhealth_level_valid')],
                    },
                ),
                migrations.CreateModel(
                    name='Report',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('kind', models.CharField(choices=[('pair_booklet', 'Booklet of one pair'), ('program_booklets', 'Booklets of every pair in a program'), ('program_report', 'Program report')], max_length=24, verbose_name='kind')),
                        ('period_start', models.DateField(blank=True, null=True, verbose_name='from')),
                        ('period_end', models.DateField(blank=True, null=True, verbose_name='to')),
                        ('status', models.CharField(choices=[('queued', 'Waiting to start'), ('running', 'Being made'), ('done', 'Ready'), ('failed', 'Failed')], default='queued', max_length=16, verbose_name='status')),
                        ('file', models.FileField(blank=True, upload_to='reports/%Y/%m/', verbose_name='file')),
                        ('error', models.TextField(blank=True, verbose_name='what went wrong')),
                        ('attempts', models.PositiveSmallIntegerField(default=0)),
                        ('created_at', models.DateTimeField(auto_now_add=True)),
                        ('started_at', models.DateTimeField(blank=True, null=True)),
                        ('finished_at', models.DateTimeField(blank=True, null=True)),
                        ('pair', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='reports', to='programs.pair')),
                        ('program', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='reports', to='programs.program')),
                        ('requested_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='reports', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'db_table': 'programs_report',
                        'ordering': ['-created_at', '-pk'],
                        'constraints': [models.CheckConstraint(condition=models.Q(('kind__in', ['pair_booklet', 'program_booklets', 'program_report'])), name='report_kind_valid'), models.CheckConstraint(condition=models.Q(('status__in', ['queued', 'running', 'done', 'failed'])), name='report_status_valid'), models.CheckConstraint(condition=models.Q(models.Q(('kind', 'pair_booklet'), _negated=True), ('pair__isnull', False), _connector='OR'), name='report_booklet_has_pair'), models.CheckConstraint(condition=models.Q(models.Q(('kind', 'program_report'), _negated=True), models.Q(('period_end__isnull', False), ('period_start__isnull', False)), _connector='OR'), name='report_program_report_has_period')],
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(move_content_types, move_content_types_back),
    ]
