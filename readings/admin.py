"""Admin for readings and assignments."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from programs.admin import ServiceOnlyAdmin, pointer

from readings.models import Assignment, Reading


@admin.register(Reading)
class ReadingAdmin(admin.ModelAdmin):
    list_display = ("title", "program", "language", "reading_level")
    list_filter = ("language", "program")
    search_fields = ("title",)
    # The body is sanitised by readings.services; the admin shows it but never writes it raw.
    readonly_fields = ("body", "created_by", "created_at", "updated_at")


@admin.register(Assignment)
class AssignmentAdmin(ServiceOnlyAdmin):
    """Read-only: readings are scheduled by readings.services.schedule_assignment, on the
    program's Readings page, which checks the dates and the pairs."""

    list_display = ("reading", "program", "opens_at", "due_at", "targets_all_pairs")
    list_filter = ("program",)
    fields = ("program", "reading", "prompt", "opens_at", "due_at", "targets_all_pairs", "pairs", "where_to_change")
    readonly_fields = fields

    @admin.display(description=_("Where to change it"))
    def where_to_change(self, obj) -> str:
        return pointer(_("The program's Readings page"), "coordinator-readings", obj.program_id)
