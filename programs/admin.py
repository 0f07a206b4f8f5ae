"""Admin for operators. Pair status is read-only here: changes go through programs.services."""

from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext_lazy as _

from programs import accounts, services
from programs.exceptions import error_messages
from programs.models import Invitation, Membership, Pair, PairEvent, Program, User


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


@admin.register(Invitation)
class InvitationAdmin(ReadOnlyAdmin):
    list_display = ("membership", "created_by", "created_at", "expires_at", "used_at")
    exclude = ("token_hash",)


#: Changing any of these on a membership may make its person a coordinator.
ROLE_FIELDS = {"role", "status", "user"}


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    fields = ("user", "role", "pseudonym", "status")
    autocomplete_fields = ("user",)


@admin.register(Program)
class ProgramAdmin(admin.ModelAdmin):
    list_display = ("name", "slug", "language", "starts_on", "ends_on", "review_policy", "retention_days", "erased_letters")
    prepopulated_fields = {"slug": ("name",)}
    search_fields = ("name", "slug")
    inlines = [MembershipInline]

    def save_formset(self, request, form, formset, change):
        """Save the memberships, then revoke the API tokens of anyone this made a coordinator."""
        granting = [f for f in formset.forms if formset.model is Membership and ROLE_FIELDS & set(f.changed_data)]
        super().save_formset(request, form, formset, change)
        for membership_form in granting:
            if membership_form.instance.pk is not None:
                services.record_coordinator_granted(request.user, membership=membership_form.instance)


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ("pseudonym", "program", "role", "status")
    list_filter = ("program", "role", "status")
    search_fields = ("pseudonym",)
    autocomplete_fields = ("user",)

    def save_model(self, request, obj, form, change):
        """Save the membership; if it now makes its person a coordinator, revoke their API tokens."""
        super().save_model(request, obj, form, change)
        if not change or ROLE_FIELDS & set(form.changed_data):
            services.record_coordinator_granted(request.user, membership=obj)


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
