from django.contrib import admin

from jobs.models import OutboxTask


@admin.register(OutboxTask)
class OutboxTaskAdmin(admin.ModelAdmin):
    """Read-only: operators watch what waits for the broker; the pick-up does the rest."""

    list_display = ("pk", "func", "task_name", "created_at", "enqueued_at", "finished_at", "attempts", "last_error")
    list_filter = ("func",)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
