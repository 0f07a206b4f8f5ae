"""Operators see which tokens exist (prefix, owner, dates) and may delete them; never a key."""

from django.contrib import admin

from apitokens.models import ApiToken


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ("prefix", "user", "created_at", "last_used_at")
    fields = ("prefix", "user", "created_at", "last_used_at")
    readonly_fields = fields
    search_fields = ("prefix",)
    list_select_related = ("user",)

    def has_add_permission(self, request):
        # A token is made by its owner on the API tokens page, where the key is shown once.
        return False

    def has_change_permission(self, request, obj=None):
        return False
