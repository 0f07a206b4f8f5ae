"""Admin for operators: the privacy records (read-only) and the erasure action on users."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _

from privacy import services
from privacy.models import DataExport, ErasureRecord, ExportAuditEntry, ProgramStatistics, RetentionRun
from programs.admin import BrevvenUserAdmin, ReadOnlyAdmin
from programs.exceptions import error_messages
from programs.models import User


# programs registers the user admin and may not import this app, so the erasure action is
# added here by registering that admin again with it (this app comes after programs in
# INSTALLED_APPS, so its admin module is loaded later).
admin.site.unregister(User)


@admin.register(User)
class PrivacyUserAdmin(BrevvenUserAdmin):
    actions = [*BrevvenUserAdmin.actions, "erase_selected"]

    @admin.action(description=_("Erase the selected people (cannot be undone)"))
    def erase_selected(self, request, queryset):
        """Ask for confirmation, then call privacy.services.erase_person for each selected person."""
        if request.POST.get("confirm_erasure") != "yes":
            return TemplateResponse(request, "admin/programs/user/erase_confirmation.html", {
                **self.admin_site.each_context(request), "people": queryset, "opts": self.model._meta,
                "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME, "title": _("Erase people"),
            })
        done = 0
        for user in queryset:
            try:
                services.erase_person(request.user, user=user)
                done += 1
            except (ValidationError, PermissionDenied) as error:
                self.message_user(request, f"{user.pk}: {' '.join(error_messages(error))}", messages.WARNING)
        if done:
            self.message_user(request, _("%(count)d person(s) erased.") % {"count": done}, messages.SUCCESS)
        return None


@admin.register(DataExport)
class DataExportAdmin(ReadOnlyAdmin):
    list_display = ("pk", "subject", "requested_by", "status", "created_at", "finished_at")
    exclude = ("file_path",)


@admin.register(ErasureRecord)
class ErasureRecordAdmin(ReadOnlyAdmin):
    list_display = ("erased_user_id", "actor", "memberships", "letters_emptied", "letters_kept", "letters_held", "created_at")


@admin.register(RetentionRun)
class RetentionRunAdmin(ReadOnlyAdmin):
    list_display = ("started_at", "programs", "letters_emptied", "findings_deleted", "notes_cleared")


@admin.register(ProgramStatistics)
class ProgramStatisticsAdmin(ReadOnlyAdmin):
    list_display = ("program", "pairs", "mentees", "mentors", "letters", "letters_delivered", "letters_withheld")


@admin.register(ExportAuditEntry)
class ExportAuditEntryAdmin(ReadOnlyAdmin):
    list_display = ("created_at", "program", "actor", "membership", "reason")
    list_filter = ("program",)
