"""The program timeline: events coordinators add (a meeting, a closing party, a visit day).

An event is for the whole program or for some of its pairs. Its start and end are stored
in UTC; coordinators enter a date and two times in the program's time zone
(timeline.services). A cancelled event is kept, marked cancelled, so members see it was called off.
"""

from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from programs.models import Membership, Pair, Program, choices_constraint


class EventKind(models.TextChoices):
    MEETING = "meeting", _("Meeting")
    CLOSING_PARTY = "closing_party", _("Closing party")
    VISIT_DAY = "visit_day", _("Visit day")
    OTHER = "other", _("Other event")


class EventStatus(models.TextChoices):
    SCHEDULED = "scheduled", _("Scheduled")
    CANCELLED = "cancelled", _("Cancelled")


class EventQuerySet(models.QuerySet):
    def visible_to(self, user) -> "EventQuerySet":
        """Return the events `user` may see.

        Operators: all. Coordinators: every event of their programs. Mentors and mentees:
        the events they are invited to (for_member).
        """
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self.all()
        coordinated = Program.objects.coordinated_by(user).values("pk")
        return self.filter(Q(program__in=coordinated) | self._member_condition(user))

    def for_member(self, user, *, memberships=None, pairs=None) -> "EventQuerySet":
        """Return the events `user` is invited to as a mentor or mentee: their programs' whole-program
        events (while their membership is active) and the events that target one of their open pairs.

        `memberships` (all of `user`'s active ones) and `pairs` (their open pairs as a member)
        may be given by a page that loaded them already; the rule is then written with their
        ids, which costs no subquery (tests/timeline checks that both ways agree).
        """
        if not user.is_authenticated:
            return self.none()
        if memberships is not None and pairs is not None:
            return self.for_member_ids(*self.member_ids(memberships, pairs))
        return self.filter(self._member_condition(user))

    def for_member_ids(self, program_ids, pair_ids) -> "EventQuerySet":
        """for_member written with the ids member_ids returned (for statements built once, programs.compiled)."""
        targeted = Event.pairs.through.objects.filter(event=OuterRef("pk"), pair_id__in=pair_ids)
        return self.filter(Q(targets_all_pairs=True, program_id__in=program_ids) | Q(Exists(targeted)))

    @staticmethod
    def member_ids(memberships, pairs) -> tuple[list[int], list[int]]:
        """Return (program ids, pair ids) that invite a person to events, from their active memberships
        and open pairs already loaded: _member_condition's rule, by ids."""
        program_ids = sorted({m.program_id for m in memberships
                              if m.status == Membership.Status.ACTIVE and m.role in MEMBER_ROLES})
        pair_ids = sorted(pair.pk for pair in pairs if pair.status != Pair.Status.CLOSED)
        return program_ids, pair_ids

    @staticmethod
    def _member_condition(user) -> Q:
        member_programs = Membership.objects.filter(
            user=user, status=Membership.Status.ACTIVE, role__in=MEMBER_ROLES,
        ).values("program")
        own_pairs = Pair.objects.open().filter(Q(mentor__user=user) | Q(mentee__user=user))
        targeted = Event.pairs.through.objects.filter(event=OuterRef("pk"), pair__in=own_pairs)
        return Q(targets_all_pairs=True, program__in=member_programs) | Q(Exists(targeted))


#: The roles that are invited to events as members (coordinators see their programs' events otherwise).
MEMBER_ROLES = [Membership.Role.MENTOR, Membership.Role.MENTEE]


class Event(models.Model):
    """Something that happens on a date in a program, for all its pairs or only `pairs`."""

    Kind = EventKind
    Status = EventStatus

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("kind"), max_length=20, choices=EventKind.choices, default=EventKind.MEETING)
    title = models.CharField(_("title"), max_length=200)
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    place = models.CharField(_("place"), max_length=300, blank=True)
    description = models.TextField(_("description"), blank=True, max_length=4000)
    targets_all_pairs = models.BooleanField(_("for every pair"), default=True)
    pairs = models.ManyToManyField(Pair, blank=True, related_name="timeline_events", verbose_name=_("only these pairs"))
    status = models.CharField(_("status"), max_length=12, choices=EventStatus.choices, default=EventStatus.SCHEDULED)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = EventQuerySet.as_manager()

    class Meta:
        ordering = ["starts_at", "pk"]
        indexes = [models.Index(fields=["program", "starts_at"], name="event_program_start")]
        constraints = [
            choices_constraint("kind", EventKind.choices, "event_kind_valid"),
            choices_constraint("status", EventStatus.choices, "event_status_valid"),
            models.CheckConstraint(condition=Q(ends_at__gt=models.F("starts_at")), name="event_ends_after_start"),
            models.CheckConstraint(
                condition=Q(status="cancelled", cancelled_at__isnull=False) | ~Q(status="cancelled"),
                name="event_cancelled_has_date",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.starts_at:%Y-%m-%d})"

    @property
    def is_cancelled(self) -> bool:
        return self.status == EventStatus.CANCELLED
