"""Admin for the toolbox: read-only. Articles are written on the coordinators' and operators' toolbox pages,
through toolbox.services, which sanitise the text and record the audit entry."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from programs.admin import ReadOnlyInline, ServiceOnlyAdmin, pointer
from toolbox.models import Article, ArticleVersion


class VersionInline(ReadOnlyInline):
    model = ArticleVersion
    fields = ("language", "title", "summary")
    readonly_fields = fields


@admin.register(Article)
class ArticleAdmin(ServiceOnlyAdmin):
    list_display = ("__str__", "program", "audience", "kind", "moment")
    list_filter = ("audience", "kind", "moment", "program")
    fields = ("program", "audience", "kind", "moment", "created_at", "where_to_change")
    readonly_fields = fields
    inlines = [VersionInline]

    @admin.display(description=_("Where to change it"))
    def where_to_change(self, obj) -> str:
        if obj.program_id is None:
            return pointer(_("The operators' toolbox page"), "operator-toolbox")
        return pointer(_("The program's Toolbox page"), "coordinator-toolbox", obj.program_id)
