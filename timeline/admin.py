"""Admin for program events: read-only. Coordinators add, change and cancel them on the program's
Events page, through timeline.services, which tell the members and record the audit entry."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from programs.admin import ServiceOnlyAdmin, pointer
from timeline.models import Event


@admin.register(Event)
class EventAdmin(ServiceOnlyAdmin):
    list_display = ("title", "program", "kind", "starts_at", "status", "targets_all_pairs")
    list_filter = ("kind", "status", "program")
    fields = ("program", "kind", "title", "starts_at", "ends_at", "place", "description", "targets_all_pairs",
              "status", "cancelled_at", "where_to_change")
    readonly_fields = fields

    @admin.display(description=_("Where to change it"))
    def where_to_change(self, obj) -> str:
        return pointer(_("The program's Events page"), "coordinator-events", obj.program_id)
