"""The models that moved here from the programs app, added to Django's picture only.

Their tables already exist under their old names (programs_*; see each model's
Meta.db_table), made by the programs app's migrations, so this migration creates no table.
It also moves the models' content types (and so their permissions) to this app.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


MOVED_MODELS = ['dataexport', 'erasurerecord', 'programstatistics', 'retentionrun']


def move_content_types(apps, schema_editor, *, source="programs", target="privacy"):
    """Relabel the moved models' content types, unless the target already has its own."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    for model in MOVED_MODELS:
        if not ContentType.objects.filter(app_label=target, model=model).exists():
            ContentType.objects.filter(app_label=source, model=model).update(app_label=target)


def move_content_types_back(apps, schema_editor):
    move_content_types(apps, schema_editor, source="privacy", target="programs")


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
                    name='RetentionRun',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('started_at', models.DateTimeField()),
                        ('finished_at', models.DateTimeField()),
                        ('programs', models.PositiveIntegerField(default=0)),
                        ('letters_emptied', models.PositiveIntegerField(default=0)),
                        ('findings_deleted', models.PositiveIntegerField(default=0)),
                        ('notes_cleared', models.PositiveIntegerField(default=0)),
                    ],
                    options={
                        'db_table': 'programs_retentionrun',
                        'ordering': ['-started_at', 'pk'],
                    },
                ),
                migrations.CreateModel(
                    name='ErasureRecord',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('erased_user_id', models.PositiveBigIntegerField()),
                        ('memberships', models.PositiveIntegerField(default=0)),
                        ('letters_emptied', models.PositiveIntegerField(default=0)),
                        ('letters_kept', models.PositiveIntegerField(default=0)),
                        ('created_at', models.DateTimeField(auto_now_add=True)),
                        ('actor', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'db_table': 'programs_erasurerecord',
                        'ordering': ['-created_at', 'pk'],
                    },
                ),
                migrations.CreateModel(
                    name='ProgramStatistics',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('pairs', models.PositiveIntegerField(default=0)),
                        ('mentees', models.PositiveIntegerField(default=0)),
                        ('mentors', models.PositiveIntegerField(default=0)),
                        ('letters', models.PositiveIntegerField(default=0)),
                        ('letters_delivered', models.PositiveIntegerField(default=0)),
                        ('letters_withheld', models.PositiveIntegerField(default=0)),
                        ('updated_at', models.DateTimeField(auto_now=True)),
                        ('program', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='statistics', to='programs.program')),
                    ],
                    options={
                        'verbose_name_plural': 'program statistics',
                        'db_table': 'programs_programstatistics',
                    },
                ),
                migrations.CreateModel(
                    name='DataExport',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('status', models.CharField(choices=[('queued', 'Queued'), ('running', 'Being prepared'), ('done', 'Ready to download'), ('failed', 'Failed')], default='queued', max_length=10)),
                        ('file_path', models.CharField(blank=True, max_length=300)),
                        ('error', models.TextField(blank=True)),
                        ('created_at', models.DateTimeField(auto_now_add=True)),
                        ('finished_at', models.DateTimeField(blank=True, null=True)),
                        ('requested_by', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('subject', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='data_exports', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'db_table': 'programs_dataexport',
                        'ordering': ['-created_at', 'pk'],
                        'constraints': [models.CheckConstraint(condition=models.Q(('status__in', ['queued', 'running', 'done', 'failed'])), name='dataexport_status_valid')],
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(move_content_types, move_content_types_back),
    ]
