"""Pairs: a mentor and a mentee of one program, their status history and coordinators' notes."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from programs.models.base import choices_constraint
from programs.models.people import Membership
from programs.models.programs import Program


class PairQuerySet(models.QuerySet):
    def visible_to(self, user) -> "PairQuerySet":
        """Return the pairs `user` belongs to or coordinates; all pairs for an operator."""
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self.all()
        coordinated = Program.objects.coordinated_by(user).values("pk")
        return self.filter(Q(mentor__user=user) | Q(mentee__user=user) | Q(program__in=coordinated))

    def open(self) -> "PairQuerySet":
        """Return pairs that are not closed (active or paused)."""
        return self.exclude(status=Pair.Status.CLOSED)


class PairStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    PAUSED = "paused", _("Paused")
    CLOSED = "closed", _("Closed")


class Pair(models.Model):
    """A mentor and a mentee who write to each other within one program."""

    Status = PairStatus

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="pairs")
    mentor = models.ForeignKey(Membership, on_delete=models.PROTECT, related_name="pairs_as_mentor")
    mentee = models.ForeignKey(Membership, on_delete=models.PROTECT, related_name="pairs_as_mentee")
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.ACTIVE)
    status_reason = models.TextField(_("reason for the last pause or closure"), blank=True)
    started_at = models.DateTimeField(_("started at"))
    paused_at = models.DateTimeField(_("paused at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)

    objects = PairQuerySet.as_manager()

    class Meta:
        ordering = ["program", "pk"]
        # The dashboard counts a program's open and active pairs from this index alone.
        indexes = [models.Index(fields=["program", "status"], name="pair_program_status")]
        constraints = [
            choices_constraint("status", PairStatus.choices, "pair_status_valid"),
            models.CheckConstraint(condition=~Q(mentor=models.F("mentee")), name="pair_two_different_people"),
            models.CheckConstraint(
                condition=Q(status="closed", closed_at__isnull=False) | ~Q(status="closed"), name="pair_closed_has_date"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.mentor.pseudonym} & {self.mentee.pseudonym}"

    def member_for(self, user) -> Membership | None:
        """Return the membership of `user` in this pair, or None if they are not in it."""
        for membership in (self.mentor, self.mentee):
            if membership.user_id == user.pk:
                return membership
        return None

    def partner_of(self, membership: Membership) -> Membership:
        """Return the other side of the pair. Precondition: `membership` is in the pair."""
        return self.mentee if membership.pk == self.mentor_id else self.mentor


class PairEvent(models.Model):
    """Append-only audit of a pair's status changes."""

    pair = models.ForeignKey(Pair, on_delete=models.CASCADE, related_name="events")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True)
    from_status = models.CharField(max_length=20, blank=True)
    to_status = models.CharField(max_length=20, choices=Pair.Status.choices)
    note = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(from_status="") | Q(from_status__in=Pair.Status.values), name="pairevent_from_valid"
            ),
            choices_constraint("to_status", Pair.Status.choices, "pairevent_to_valid"),
        ]


class PairNote(models.Model):
    """A coordinator's private note about a pair; never shown to the pair itself."""

    pair = models.ForeignKey(Pair, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True)
    text = models.TextField(_("note"), max_length=4000)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["created_at", "pk"]
