"""Admin for readings and assignments."""

from django.contrib import admin

from readings.models import Assignment, Reading


@admin.register(Reading)
class ReadingAdmin(admin.ModelAdmin):
    list_display = ("title", "program", "language", "reading_level")
    list_filter = ("language", "program")
    search_fields = ("title",)
    # The body is sanitised by readings.services; the admin shows it but never writes it raw.
    readonly_fields = ("body", "created_by", "created_at", "updated_at")


@admin.register(Assignment)
class AssignmentAdmin(admin.ModelAdmin):
    list_display = ("reading", "program", "opens_at", "due_at", "targets_all_pairs")
    list_filter = ("program",)
    filter_horizontal = ("pairs",)
