"""Writes to the program timeline: coordinators add, change and cancel events.

Times are entered as a date with a start and an end time on the program's clock and stored
in UTC. Changing or cancelling an event tells the members it concerns with an in-app
notice (letters.reminders.notices), worded in each member's language; no e-mail (see
docs/design.md, "The program timeline").
"""

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from letters.models import ReminderKind
from letters.reminders.notices import InAppNotice, notify_in_app
from programs import audit
from programs.exceptions import StateConflict
from programs.models import Membership, Pair, Program, ProgramAuditEntry, User
from programs.permissions import require_coordinator
from timeline.models import Event, EventKind, EventStatus


def local_span(program: Program, day: date, starts: time, ends: time) -> tuple[datetime, datetime]:
    """Return the UTC start and end of an event on `day` from `starts` to `ends`, program clock.

    An end at or before the start is refused: an event that runs past midnight is not
    something the programs asked for.
    """
    zone = ZoneInfo(program.time_zone)
    starts_at = datetime.combine(day, starts, tzinfo=zone)
    ends_at = datetime.combine(day, ends, tzinfo=zone)
    if ends_at <= starts_at:
        raise ValidationError({"ends": _("The event must end after it starts.")})
    return starts_at.astimezone(ZoneInfo("UTC")), ends_at.astimezone(ZoneInfo("UTC"))


def _clean(program: Program, *, kind: str, title: str, place: str, description: str,
           pairs: list[Pair] | None) -> tuple[str, str, str]:
    errors = {}
    title = (title or "").strip()
    if not title:
        errors["title"] = _("Give the event a title.")
    if kind not in EventKind.values:
        errors["kind"] = _("Choose a kind of event from the list.")
    if len(description or "") > 4000:
        errors["description"] = _("Keep the description under 4,000 characters.")
    if pairs and any(pair.program_id != program.pk for pair in pairs):
        errors["pairs"] = _("Choose pairs of this program only.")
    if errors:
        raise ValidationError(errors)
    return title, (place or "").strip()[:300], (description or "").strip()


@transaction.atomic
def create_event(
    actor: User, *, program: Program, kind: str = EventKind.MEETING, title: str, day: date, starts: time, ends: time,
    place: str = "", description: str = "", pairs: list[Pair] | None = None,
) -> Event:
    """Add an event to `program`'s timeline, for every pair or only `pairs`. Nobody is notified of a new event:
    it appears on their timeline and calendar."""
    require_coordinator(actor, program)
    title, place, description = _clean(program, kind=kind, title=title, place=place, description=description, pairs=pairs)
    starts_at, ends_at = local_span(program, day, starts, ends)
    event = Event.objects.create(
        program=program, kind=kind, title=title, starts_at=starts_at, ends_at=ends_at, place=place,
        description=description, targets_all_pairs=not pairs, created_by=actor,
    )
    if pairs:
        event.pairs.set(pairs)
    audit.record(actor, program=program, action=ProgramAuditEntry.Action.EVENT_ADDED, target=event,
                 detail=f"{kind}, {len(pairs)} pairs" if pairs else f"{kind}, all pairs")
    return event


@transaction.atomic
def update_event(
    actor: User, *, event: Event, kind: str, title: str, day: date, starts: time, ends: time, place: str = "",
    description: str = "", pairs: list[Pair] | None = None,
) -> Event:
    """Change an event; everyone it concerned before or concerns now is told (in-app)."""
    event = Event.objects.select_for_update().select_related("program").get(pk=event.pk)
    require_coordinator(actor, event.program)
    if event.status == EventStatus.CANCELLED:
        raise StateConflict(_("This event was cancelled; add a new one instead."))
    title, place, description = _clean(event.program, kind=kind, title=title, place=place, description=description,
                                       pairs=pairs)
    before = concerned_user_ids(event)
    event.kind, event.title, event.place, event.description = kind, title, place, description
    event.starts_at, event.ends_at = local_span(event.program, day, starts, ends)
    event.targets_all_pairs = not pairs
    event.save()
    event.pairs.set(pairs or [])
    _notify(event, ReminderKind.EVENT_CHANGED, before | concerned_user_ids(event))
    audit.record(actor, program=event.program, action=ProgramAuditEntry.Action.EVENT_CHANGED, target=event,
                 detail=f"{kind}, {len(pairs)} pairs" if pairs else f"{kind}, all pairs")
    return event


@transaction.atomic
def cancel_event(actor: User, *, event: Event) -> Event:
    """Cancel an event: it stays on the timeline marked cancelled, and everyone it concerned is told (in-app)."""
    event = Event.objects.select_for_update().select_related("program").get(pk=event.pk)
    require_coordinator(actor, event.program)
    if event.status == EventStatus.CANCELLED:
        raise StateConflict(_("This event is already cancelled."))
    event.status, event.cancelled_at = EventStatus.CANCELLED, timezone.now()
    event.save(update_fields=["status", "cancelled_at", "updated_at"])
    _notify(event, ReminderKind.EVENT_CANCELLED, concerned_user_ids(event))
    audit.record(actor, program=event.program, action=ProgramAuditEntry.Action.EVENT_CANCELLED, target=event)
    return event


# ---------------------------------------------------------------------------- who is told, and what


def concerned_user_ids(event: Event) -> set[int]:
    """Return the ids of the mentors and mentees `event` is for (one query).

    Whole-program events: every active mentor and mentee of the program. Targeted events:
    the two members of each targeted pair that is not closed.
    """
    if event.targets_all_pairs:
        return set(
            Membership.objects.filter(program_id=event.program_id, status=Membership.Status.ACTIVE,
                                      role__in=[Membership.Role.MENTOR, Membership.Role.MENTEE])
            .values_list("user_id", flat=True)
        )
    pairs = Pair.objects.open().filter(timeline_events=event)
    return set(
        Membership.objects.filter(Q(pairs_as_mentor__in=pairs) | Q(pairs_as_mentee__in=pairs))
        .values_list("user_id", flat=True)
    )


def _words(event: Event, kind: str) -> tuple[str, str]:
    """Return the notice's title and body about `event` in the active language, on the program's clock."""
    zone = ZoneInfo(event.program.time_zone)
    when = formats.date_format(event.starts_at.astimezone(zone), "DATETIME_FORMAT")
    until = formats.time_format(event.ends_at.astimezone(zone), "TIME_FORMAT")
    if kind == ReminderKind.EVENT_CANCELLED:
        title = _("Cancelled: %(title)s") % {"title": event.title}
        body = _("“%(title)s” on %(when)s will not take place.") % {"title": event.title, "when": when}
    else:
        title = _("Changed: %(title)s") % {"title": event.title}
        body = _("“%(title)s” is now on %(when)s until %(until)s.") % {"title": event.title, "when": when,
                                                                         "until": until}
        if event.place:
            body += " " + _("Place: %(place)s.") % {"place": event.place}
    return title, body


def _notify(event: Event, kind: str, user_ids: set[int]) -> int:
    """Tell each of `user_ids` about `event` in their own language (else the program's)."""
    if not user_ids:
        return 0
    languages = dict(User.objects.filter(pk__in=user_ids).values_list("pk", "language"))
    notices = []
    for user_id in sorted(user_ids):
        with translation.override(languages.get(user_id) or event.program.language):
            title, body = _words(event, kind)
        notices.append(InAppNotice(user_id=user_id, title=title, body=body))
    return notify_in_app(kind=kind, program_id=event.program_id, url=reverse("timeline"), notices=notices)
