"""Admin for operators. Pair status is read-only here: changes go through programs.services."""

from django import forms
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin
from django.core.exceptions import PermissionDenied, ValidationError
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _

from programs import accounts, privacy, services
from programs.exceptions import error_messages
from programs.models import (
    REGION_CHOICES, DataExport, ErasureRecord, Invitation, Membership, Pair, PairEvent, Program, ProgramAuditEntry,
    ProgramStatistics, RetentionRun, User, WatchWord,
)


@admin.register(User)
class BrevvenUserAdmin(UserAdmin):
    fieldsets = UserAdmin.fieldsets + ((_("Preferences"), {"fields": ("language", "time_zone")}),)
    actions = ["unlock_selected", "erase_selected"]

    @admin.action(description=_("Unlock sign-in for the selected people"))
    def unlock_selected(self, request, queryset):
        for user in queryset:
            accounts.unlock_sign_in(request.user, user=user)
        self.message_user(request, _("%(count)d account(s) unlocked.") % {"count": len(queryset)}, messages.SUCCESS)

    @admin.action(description=_("Erase the selected people (cannot be undone)"))
    def erase_selected(self, request, queryset):
        """Ask for confirmation, then call programs.privacy.erase_person for each selected person."""
        if request.POST.get("confirm_erasure") != "yes":
            return TemplateResponse(request, "admin/programs/user/erase_confirmation.html", {
                **self.admin_site.each_context(request), "people": queryset, "opts": self.model._meta,
                "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME, "title": _("Erase people"),
            })
        done = 0
        for user in queryset:
            try:
                privacy.erase_person(request.user, user=user)
                done += 1
            except (ValidationError, PermissionDenied) as error:
                self.message_user(request, f"{user.pk}: {' '.join(error_messages(error))}", messages.WARNING)
        if done:
            self.message_user(request, _("%(count)d person(s) erased.") % {"count": done}, messages.SUCCESS)
        return None


class ReadOnlyAdmin(admin.ModelAdmin):
    """Records written only by services: operators may look, never edit."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Invitation)
class InvitationAdmin(ReadOnlyAdmin):
    list_display = ("membership", "created_by", "created_at", "expires_at", "used_at")
    exclude = ("token_hash",)


@admin.register(DataExport)
class DataExportAdmin(ReadOnlyAdmin):
    list_display = ("pk", "subject", "requested_by", "status", "created_at", "finished_at")
    exclude = ("file_path",)


@admin.register(ErasureRecord)
class ErasureRecordAdmin(ReadOnlyAdmin):
    list_display = ("erased_user_id", "actor", "memberships", "letters_emptied", "letters_kept", "created_at")


@admin.register(RetentionRun)
class RetentionRunAdmin(ReadOnlyAdmin):
    list_display = ("started_at", "programs", "letters_emptied", "findings_deleted", "notes_cleared")


@admin.register(ProgramStatistics)
class ProgramStatisticsAdmin(ReadOnlyAdmin):
    list_display = ("program", "pairs", "mentees", "mentors", "letters", "letters_delivered", "letters_withheld")


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    fields = ("user", "role", "pseudonym", "country", "status")
    autocomplete_fields = ("user",)


class ProgramAdminForm(forms.ModelForm):
    # Ticked boxes rather than the JSON list the column holds.
    screening_countries = forms.MultipleChoiceField(
        label=_("screening countries"), required=False, choices=REGION_CHOICES, widget=forms.CheckboxSelectMultiple,
        help_text=Program._meta.get_field("screening_countries").help_text,
    )

    class Meta:
        model = Program
        fields = "__all__"

    def clean_screening_countries(self):
        chosen = set(self.cleaned_data["screening_countries"])
        return [code for code, _label in REGION_CHOICES if code in chosen]


@admin.register(Program)
class ProgramAdmin(admin.ModelAdmin):
    form = ProgramAdminForm
    list_display = ("name", "slug", "language", "starts_on", "ends_on", "review_policy", "retention_days", "erased_letters")
    prepopulated_fields = {"slug": ("name",)}
    search_fields = ("name", "slug")
    inlines = [MembershipInline]


@admin.register(WatchWord)
class WatchWordAdmin(ReadOnlyAdmin):
    """Coordinators keep watch words on the program's settings page, where every change is audited."""

    list_display = ("term", "severity", "program", "created_by", "created_at")
    list_filter = ("program", "severity")
    exclude = ("match_key",)

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ProgramAuditEntry)
class ProgramAuditEntryAdmin(ReadOnlyAdmin):
    list_display = ("created_at", "program", "actor", "action", "detail")
    list_filter = ("program", "action")

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ("pseudonym", "program", "role", "status")
    list_filter = ("program", "role", "status")
    search_fields = ("pseudonym",)
    autocomplete_fields = ("user",)


class ReadOnlyInline(admin.TabularInline):
    """A history shown beside its object (a pair's or a letter's): nothing can be added, changed or deleted here."""

    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class PairEventInline(ReadOnlyInline):
    model = PairEvent
    readonly_fields = ("created_at", "actor", "from_status", "to_status", "note")


def _run_on_each(modeladmin, request, queryset, action, **kwargs) -> None:
    """Call a pair service for every selected pair and report each refusal by name."""
    done = 0
    for pair in queryset:
        try:
            action(request.user, pair=pair, **kwargs)
            done += 1
        except (ValidationError, PermissionDenied) as error:
            modeladmin.message_user(request, f"{pair}: {' '.join(error_messages(error))}", messages.WARNING)
    if done:
        modeladmin.message_user(request, _("%(count)d pair(s) changed.") % {"count": done}, messages.SUCCESS)


@admin.register(Pair)
class PairAdmin(admin.ModelAdmin):
    list_display = ("__str__", "program", "status", "started_at")
    list_filter = ("program", "status")
    readonly_fields = ("status", "status_reason", "paused_at", "closed_at", "started_at")
    raw_id_fields = ("mentor", "mentee")
    inlines = [PairEventInline]
    actions = ["pause_selected", "resume_selected", "close_selected"]

    def has_add_permission(self, request):
        # Pairs are made by create_pair, which checks roles and pair limits.
        return False

    @admin.action(description=_("Pause selected pairs"))
    def pause_selected(self, request, queryset):
        _run_on_each(self, request, queryset, services.pause_pair, reason=_("Paused by an operator in the admin."))

    @admin.action(description=_("Resume selected pairs"))
    def resume_selected(self, request, queryset):
        _run_on_each(self, request, queryset, services.resume_pair, note=_("Resumed by an operator in the admin."))

    @admin.action(description=_("Close selected pairs"))
    def close_selected(self, request, queryset):
        _run_on_each(self, request, queryset, services.close_pair, reason=_("Closed by an operator in the admin."))
