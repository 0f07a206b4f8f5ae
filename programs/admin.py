"""Admin for operators. Pair status is read-only here: changes go through programs.services."""

from django import forms
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from programs import accounts, services
from programs.exceptions import error_messages
from programs.models import (
    REGION_CHOICES, Invitation, Membership, Pair, PairEvent, Program, ProgramAuditEntry, User, WatchWord,
)


@admin.register(User)
class BrevvenUserAdmin(UserAdmin):
    fieldsets = UserAdmin.fieldsets + ((_("Preferences"), {"fields": ("language", "time_zone")}),)
    # privacy.admin adds the erasure action.
    actions = ["unlock_selected"]

    @admin.action(description=_("Unlock sign-in for the selected people"))
    def unlock_selected(self, request, queryset):
        for user in queryset:
            accounts.unlock_sign_in(request.user, user=user)
        self.message_user(request, _("%(count)d account(s) unlocked.") % {"count": len(queryset)}, messages.SUCCESS)


class ReadOnlyAdmin(admin.ModelAdmin):
    """Records written only by services: operators may look, never edit."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class ServiceOnlyAdmin(ReadOnlyAdmin):
    """Rows that only services add, change or delete: operators look, and act through admin actions."""

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Invitation)
class InvitationAdmin(ReadOnlyAdmin):
    list_display = ("membership", "created_by", "created_at", "expires_at", "used_at")
    exclude = ("token_hash",)


class ReadOnlyInline(admin.TabularInline):
    """A history shown beside its object (a pair's or a letter's): nothing can be added, changed or deleted here."""

    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class ServiceRefused(Exception):
    """A service refused what an admin form asked; carries the service's error out of the admin's transaction."""

    def __init__(self, error: ValidationError | PermissionDenied):
        super().__init__(error)
        self.error = error


def pointer(text, url_name: str, *args) -> str:
    """Return a link to the coordinator page where something shown read-only here is changed."""
    return format_html('<a href="{}">{}</a>', reverse(url_name, args=args), text)


class MembershipInline(ReadOnlyInline):
    """A program's members, to look at: people join through invitations and imports (programs.services)."""

    model = Membership
    fields = ("user", "role", "pseudonym", "country", "status")
    readonly_fields = fields


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
    # Read-only: a membership that grants a role is made by programs.services.add_member,
    # which also revokes the API tokens of a new coordinator.
    inlines = [MembershipInline]


@admin.register(WatchWord)
class WatchWordAdmin(ServiceOnlyAdmin):
    """Coordinators keep watch words on the program's settings page, where every change is audited."""

    list_display = ("term", "severity", "program", "created_by", "created_at")
    list_filter = ("program", "severity")
    exclude = ("match_key",)


@admin.register(ProgramAuditEntry)
class ProgramAuditEntryAdmin(ServiceOnlyAdmin):
    list_display = ("created_at", "program", "actor", "action", "detail")
    list_filter = ("program", "action")


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    """Memberships are read-only here. Adding one (an operator appointing a coordinator) calls
    programs.services.add_member; changes are made on the program's People page."""

    list_display = ("pseudonym", "program", "role", "status")
    list_filter = ("program", "role", "status")
    search_fields = ("pseudonym",)
    autocomplete_fields = ("user",)
    add_fields = ("user", "program", "role", "pseudonym")
    shown_fields = ("user", "program", "role", "pseudonym", "status", "joined_at", "where_to_change")

    def get_fields(self, request, obj=None):
        return self.add_fields if obj is None else self.shown_fields

    def get_readonly_fields(self, request, obj=None):
        return () if obj is None else self.shown_fields

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=_("Where to change it"))
    def where_to_change(self, obj) -> str:
        return pointer(_("The program's People page"), "program-people", obj.program_id)

    def save_model(self, request, obj, form, change):
        """Enrol through programs.services.add_member (its checks, not the form's, decide)."""
        try:
            membership = services.add_member(request.user, program=obj.program, user=obj.user, role=obj.role,
                                              pseudonym=obj.pseudonym)
        except (ValidationError, PermissionDenied) as error:
            raise ServiceRefused(error) from error
        obj.pk = membership.pk
        obj._state.adding = False

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        """Show a refusal of add_member as a message on the add page instead of an error page."""
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except ServiceRefused as refusal:
            for message in error_messages(refusal.error):
                self.message_user(request, message, messages.ERROR)
            return HttpResponseRedirect(request.get_full_path())


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
class PairAdmin(ServiceOnlyAdmin):
    """Pairs are read-only here: their members are matched, and their status changed, by
    programs.services (the actions below, and the coordinator's pair page)."""

    list_display = ("__str__", "program", "status", "started_at")
    list_filter = ("program", "status")
    fields = ("program", "mentor", "mentee", "status", "status_reason", "paused_at", "closed_at", "started_at",
              "where_to_change")
    readonly_fields = fields
    inlines = [PairEventInline]
    actions = ["pause_selected", "resume_selected", "close_selected"]

    @admin.display(description=_("Where to change it"))
    def where_to_change(self, obj) -> str:
        return pointer(_("The coordinator's page of this pair"), "coordinator-pair", obj.pk)

    @admin.action(description=_("Pause selected pairs"))
    def pause_selected(self, request, queryset):
        _run_on_each(self, request, queryset, services.pause_pair, reason=_("Paused by an operator in the admin."))

    @admin.action(description=_("Resume selected pairs"))
    def resume_selected(self, request, queryset):
        _run_on_each(self, request, queryset, services.resume_pair, note=_("Resumed by an operator in the admin."))

    @admin.action(description=_("Close selected pairs"))
    def close_selected(self, request, queryset):
        _run_on_each(self, request, queryset, services.close_pair, reason=_("Closed by an operator in the admin."))
