"""The outbox: background work recorded in the database with the change that causes it."""

from django.db import models
from django.db.models import Q
from django.utils import timezone


class OutboxTask(models.Model):
    """One piece of background work to hand to django-q2: `func(*args)`.

    Written by jobs.outbox only: created in the caller's transaction, so the work exists
    exactly when the change that asked for it does; `enqueued_at` is set once the broker
    took it, `finished_at` once a worker ran it. `args` hold ids only, never personal data.
    """

    func = models.CharField(max_length=200)
    args = models.JSONField(default=list, blank=True)
    task_name = models.CharField(max_length=100, blank=True)
    #: Seconds a worker may spend on it (django-q2's per-task timeout); None for the cluster's.
    timeout = models.PositiveIntegerField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    enqueued_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    #: How many times it was handed to the broker, or tried to be.
    attempts = models.PositiveSmallIntegerField(default=0)
    #: The class of the last error only (an exception's message could quote data).
    last_error = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [
            # The pick-up reads only unfinished rows; finished ones are kept a week, then deleted.
            models.Index(fields=["created_at"], condition=Q(finished_at__isnull=True), name="outbox_unfinished"),
        ]

    def __str__(self) -> str:
        return f"{self.func}{tuple(self.args)} ({'finished' if self.finished_at else 'waiting'})"
