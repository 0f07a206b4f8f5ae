"""Admin for letters: bodies are read-only and status changes go through letters.services."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext_lazy as _

from letters import services
from letters.models import Finding, Letter, LetterEvent, Redaction, Reminder, ReviewAuditEntry
from programs.admin import ReadOnlyInline, ServiceOnlyAdmin
from programs.exceptions import error_messages


class LetterEventInline(ReadOnlyInline):
    model = LetterEvent
    readonly_fields = ("created_at", "actor", "from_status", "to_status", "note")


class FindingInline(ReadOnlyInline):
    model = Finding
    readonly_fields = ("kind", "severity", "start", "end", "excerpt")


class RedactionInline(ReadOnlyInline):
    model = Redaction
    readonly_fields = ("start", "end", "created_by", "created_at")


class ReviewAuditInline(ReadOnlyInline):
    model = ReviewAuditEntry
    readonly_fields = ("at", "actor", "action", "detail")


@admin.register(ReviewAuditEntry)
class ReviewAuditEntryAdmin(ServiceOnlyAdmin):
    """Read-only: the review audit log is append-only, here as everywhere."""

    list_display = ("at", "letter", "actor", "action")
    list_filter = ("action", "letter__pair__program")
    readonly_fields = ("at", "letter", "actor", "action", "detail")


@admin.register(Letter)
class LetterAdmin(admin.ModelAdmin):
    list_display = ("pk", "pair", "author", "status", "submitted_at", "delivered_at", "is_late")
    list_filter = ("status", "pair__program", "is_late")
    readonly_fields = [f.name for f in Letter._meta.fields]
    inlines = [FindingInline, RedactionInline, LetterEventInline, ReviewAuditInline]
    actions = ["approve_selected"]

    def get_queryset(self, request):
        # Operators never see another person's draft, here as everywhere else.
        return Letter.objects.visible_to(request.user).select_related("pair__mentor", "pair__mentee", "author")

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.action(description=_("Approve selected letters without findings (deliver them unread)"))
    def approve_selected(self, request, queryset):
        """Deliver the selected letters through letters.services, program by program, as the review queue does.

        The service approves only letters in review without findings that no other
        coordinator holds; each letter it skips is named with the reason.
        """
        by_program: dict = {}
        for letter in queryset.select_related("pair__program"):
            by_program.setdefault(letter.pair.program, []).append(letter.pk)
        done = 0
        for program, ids in by_program.items():
            try:
                result = services.bulk_approve_letters_explained(request.user, program=program, letter_ids=ids)
            except (ValidationError, PermissionDenied) as error:
                self.message_user(request, f"{program}: {' '.join(error_messages(error))}", messages.ERROR)
                continue
            done += len(result.approved)
            for pk, reason in sorted(result.skipped.items()):
                self.message_user(request, _("Letter %(id)d was not delivered: %(reason)s") % {"id": pk, "reason": reason},
                                  messages.WARNING)
        self.message_user(request, _("%(count)d letter(s) delivered.") % {"count": done}, messages.SUCCESS)


@admin.register(Reminder)
class ReminderAdmin(admin.ModelAdmin):
    """Read-only: reminders are planned and sent by letters.reminders; here operators watch them."""

    list_display = ("kind", "object_key", "recipient", "due_at", "send_after", "status", "attempts", "last_error")
    list_filter = ("status", "kind", "program")
    date_hierarchy = "due_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
