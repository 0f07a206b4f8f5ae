"""Readings (shared texts) and their assignment to a program with opening and due dates."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from programs.models import LANGUAGE_CHOICES, Pair, Program, choices_constraint


class ReadingQuerySet(models.QuerySet):
    def visible_to(self, user) -> "ReadingQuerySet":
        """Return readings of `user`'s programs plus the shared library; all for an operator."""
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self.all()
        return self.filter(Q(program__isnull=True) | Q(program__in=Program.objects.visible_to(user).values("pk")))


class Reading(models.Model):
    """A text the pairs read and write about. `body` is sanitised HTML (readings.services)."""

    program = models.ForeignKey(
        Program, on_delete=models.CASCADE, null=True, blank=True, related_name="readings",
        help_text=_("Leave empty for the shared library that every program may use."),
    )
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("text"))
    language = models.CharField(_("language"), max_length=8, choices=LANGUAGE_CHOICES, default="en")
    credit = models.CharField(_("credit or source"), max_length=300, blank=True)
    reading_level = models.CharField(_("reading level"), max_length=40, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ReadingQuerySet.as_manager()

    class Meta:
        ordering = ["title"]
        constraints = [choices_constraint("language", LANGUAGE_CHOICES, "reading_language_valid")]

    def __str__(self) -> str:
        return self.title


class AssignmentQuerySet(models.QuerySet):
    def visible_to(self, user) -> "AssignmentQuerySet":
        """Return the assignments of programs `user` belongs to; all for an operator."""
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self.all()
        return self.filter(program__in=Program.objects.visible_to(user).values("pk"))

    def for_pair(self, pair: Pair) -> "AssignmentQuerySet":
        """Return the assignments that apply to `pair`: program-wide ones and those targeting it."""
        return self.filter(program_id=pair.program_id).filter(Q(targets_all_pairs=True) | Q(pairs=pair)).distinct()


class Assignment(models.Model):
    """A reading scheduled for a program: letters about it are due at `due_at` (UTC)."""

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="assignments")
    reading = models.ForeignKey(Reading, on_delete=models.PROTECT, related_name="assignments")
    prompt = models.TextField(_("prompt for the letter"), blank=True)
    opens_at = models.DateTimeField(_("opens at"))
    due_at = models.DateTimeField(_("due at"))
    targets_all_pairs = models.BooleanField(_("for every pair"), default=True)
    pairs = models.ManyToManyField(Pair, blank=True, related_name="assignments", verbose_name=_("only these pairs"))
    created_at = models.DateTimeField(auto_now_add=True)

    objects = AssignmentQuerySet.as_manager()

    class Meta:
        ordering = ["program", "due_at", "pk"]
        constraints = [models.CheckConstraint(condition=Q(due_at__gt=models.F("opens_at")), name="assignment_due_after_open")]

    def __str__(self) -> str:
        return f"{self.reading.title} ({self.due_at:%Y-%m-%d})"
