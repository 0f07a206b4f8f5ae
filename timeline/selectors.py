"""Reads of the program timeline: a member's events and deadlines together, the next thing coming,
the events of a calendar feed and the coordinators' list. Constant query counts."""

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from letters.selectors import list_due_dates
from programs.compiled import CompiledRead
from programs.models import Pair, Program
from timeline.models import Event, EventStatus


def member_events(user, *, since: datetime | None = None, memberships=None, pairs=None) -> QuerySet[Event]:
    """Return the events `user` is invited to as a mentor or mentee (Event.objects.for_member), soonest first.

    A coordinator's view of their programs is list_program_events; the member pages show
    only what the person is invited to. With `since`, events that ended before it are left out.
    `memberships` and `pairs`: see Event.objects.for_member.
    """
    events = Event.objects.for_member(user, memberships=memberships, pairs=pairs)
    if since is not None:
        events = events.filter(ends_at__gte=since)
    return events.select_related("program").order_by("starts_at", "pk")


@dataclass(frozen=True)
class TimelineItem:
    """One line of a member's timeline: an event or a reading deadline."""

    kind: str  # "event", "letter" or "reply"
    starts_at: datetime
    ends_at: datetime | None
    title: str
    event: Event | None = None

    @property
    def is_past(self) -> bool:
        return (self.ends_at or self.starts_at) < timezone.now()


def list_member_timeline(user) -> list[TimelineItem]:
    """Return `user`'s events and deadlines (letters due, replies owed) together, oldest first.

    Past ones stay (the page greys them). Four queries whatever the number of events,
    pairs and assignments. Precondition: `user` is signed in.
    """
    items = [
        TimelineItem(kind="event", starts_at=event.starts_at, ends_at=event.ends_at, title=event.title, event=event)
        for event in member_events(user)
    ]
    items += [
        TimelineItem(kind=due.kind, starts_at=due.due_at, ends_at=None, title=due.title)
        for due in list_due_dates(user)
    ]
    return sorted(items, key=lambda item: item.starts_at)


def next_for_member(user, *, now: datetime | None = None, memberships=None, pairs=None) -> Event | None:
    """Return the next event `user` is invited to that has not ended and is not cancelled (one query).

    `memberships` and `pairs`: see Event.objects.for_member (the home page passes its own).
    """
    now = now or timezone.now()
    if memberships is not None and pairs is not None and user.is_authenticated:
        found = _next_event.objects(*Event.objects.member_ids(memberships, pairs), now)
        return found[0] if found else None
    # Without member_events' program: the home page shows the event's own fields only.
    return (Event.objects.for_member(user, memberships=memberships, pairs=pairs)
            .filter(ends_at__gte=now, status=EventStatus.SCHEDULED).order_by("starts_at", "pk").first())


def _next_event_of(program_ids, pair_ids, now):
    return (Event.objects.for_member_ids(program_ids, pair_ids).filter(ends_at__gte=now, status=EventStatus.SCHEDULED)
            .order_by("starts_at", "pk")[:1])


#: Asked on every home page (which has the person's memberships and pairs): its statement is
#: built once (programs.compiled).
_next_event = CompiledRead(_next_event_of)


def list_program_events(program: Program) -> list[Event]:
    """Return every event of `program` with its targeted pairs, soonest first (two queries).

    Precondition: the caller coordinates `program` (access_program(..., as_coordinator=True)).
    """
    pairs = Pair.objects.select_related("mentor", "mentee").order_by("pk")
    return list(
        Event.objects.filter(program=program).prefetch_related(Prefetch("pairs", queryset=pairs))
        .order_by("starts_at", "pk")
    )
