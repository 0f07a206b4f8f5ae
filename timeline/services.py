"""Writes to the program timeline: coordinators add, change and cancel events.

Times are entered as a date with a start and an end time on the program's clock and stored
in UTC. Changing or cancelling an event tells the members it concerns the way every other
notice is told (letters.reminders.notices.notify): in the app at once, and by e-mail with
the next reminder sweep, honouring each member's e-mail settings and a mentee's quiet
hours. The words live in letters.reminders.messages, in each reader's language, made from
what the notice's details hold (see `change_details`).
"""

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from letters.models import ReminderKind
from letters.reminders.notices import notify
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
    """Change an event; everyone it concerned before or concerns now is told what changed.

    Saving it unchanged (the same fields and the same pairs) tells nobody and records nothing.
    """
    event = Event.objects.select_for_update().select_related("program").get(pk=event.pk)
    require_coordinator(actor, event.program)
    if event.status == EventStatus.CANCELLED:
        raise StateConflict(_("This event was cancelled; add a new one instead."))
    title, place, description = _clean(event.program, kind=kind, title=title, place=place, description=description,
                                       pairs=pairs)
    before, was = concerned_user_ids(event), _shown(event)
    pairs_before = set(event.pairs.values_list("pk", flat=True))
    event.kind, event.title, event.place, event.description = kind, title, place, description
    event.starts_at, event.ends_at = local_span(event.program, day, starts, ends)
    event.targets_all_pairs = not pairs
    if _shown(event) == was and {pair.pk for pair in pairs or []} == pairs_before:
        return event
    event.save()
    event.pairs.set(pairs or [])
    _notify(event, ReminderKind.EVENT_CHANGED, before | concerned_user_ids(event), was=was)
    audit.record(actor, program=event.program, action=ProgramAuditEntry.Action.EVENT_CHANGED, target=event,
                 detail=f"{kind}, {len(pairs)} pairs" if pairs else f"{kind}, all pairs")
    return event


@transaction.atomic
def cancel_event(actor: User, *, event: Event) -> Event:
    """Cancel an event: it stays on the timeline marked cancelled, and everyone it concerned is told."""
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


#: The fields of an event whose change its members are told of (the description too, though
#: a notice never quotes it: it is the coordinator's free text).
_SHOWN_FIELDS = ("kind", "title", "starts_at", "ends_at", "place", "description", "targets_all_pairs")


def _shown(event: Event) -> dict:
    return {name: getattr(event, name) for name in _SHOWN_FIELDS}


def _local(moment: datetime, zone: ZoneInfo) -> tuple[date, time]:
    """Return the day and the time of `moment` on the program's clock (`zone`)."""
    local = moment.astimezone(zone)
    return local.date(), local.time()


def change_details(event: Event, was: dict | None = None) -> dict:
    """Return what a notice about `event` may say: its id, title, times and place, and what changed since `was`.

    The reminder keeps these (letters.reminders.messages words them in each reader's
    language, on the program's clock). `changed` lists "date" (the day it starts), "time"
    (its start or end on the program's clock), "place", "title" and "other" (its kind,
    description or pairs), and `was` the earlier title, times and place. Never the
    description, nor who is invited: nothing about a person.
    """
    details = {"event": event.pk, "title": event.title, "starts_at": event.starts_at.isoformat(),
               "ends_at": event.ends_at.isoformat(), "place": event.place}
    if was is None:
        return details
    zone = ZoneInfo(event.program.time_zone)
    (day, starts), (old_day, old_starts) = _local(event.starts_at, zone), _local(was["starts_at"], zone)
    changed = [name for name, differs in (
        ("date", day != old_day),
        ("time", starts != old_starts or _local(event.ends_at, zone)[1] != _local(was["ends_at"], zone)[1]),
        ("place", event.place != was["place"]),
        ("title", event.title != was["title"]),
        ("other", any(getattr(event, name) != was[name] for name in ("kind", "description", "targets_all_pairs"))),
    ) if differs]
    details["changed"] = changed or ["other"]  # only the pairs changed
    details["was"] = {"title": was["title"], "starts_at": was["starts_at"].isoformat(),
                      "ends_at": was["ends_at"].isoformat(), "place": was["place"]}
    return details


def _notify(event: Event, kind: str, user_ids: set[int], *, was: dict | None = None) -> int:
    """Tell each of `user_ids` about `event` (in the app now, by e-mail with the sweep); return how many.

    Keyed by the event and the moment of the change, so each change is its own notice: a
    second change an hour later must not be lost in the first one's e-mail. A mentee's
    e-mail waits for the end of quiet hours.
    """
    if not user_ids:
        return 0
    mentees = set(
        Membership.objects.filter(program_id=event.program_id, user_id__in=user_ids, role=Membership.Role.MENTEE)
        .values_list("user_id", flat=True)
    )
    recipients = [(user_id, user_id in mentees) for user_id in sorted(user_ids)]
    return notify(kind=kind, program=event.program, recipients=recipients, object_key=f"event:{event.pk}",
                  due_at=timezone.now(), details=change_details(event, was))
