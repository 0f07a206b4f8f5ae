"""The program timeline: permissions, the program's clock, audit rows, who is told of a change,
who sees which event, the member's timeline with deadlines, and constant query counts.

The visibility expectations are written out by hand, independently of the querysets.
"""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.http import Http404
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from letters.models import Notification
from programs import services as program_services
from programs.exceptions import StateConflict
from programs.models import ProgramAuditEntry
from readings import services as reading_services
from tests import factories
from timeline import services
from timeline.access import access_event
from timeline.selectors import list_member_timeline, list_program_events, next_for_member

SOON = timezone.localdate() + timedelta(days=7)


@pytest.fixture
def world(db):
    """Program A (Copenhagen) with pairs `own` and `neighbour`, program B with pair `other`, and events."""
    program_a = factories.make_program(time_zone="Europe/Copenhagen", language="da")
    program_b = factories.make_program()
    coordinator_a, coordinator_b = factories.make_coordinator(program_a), factories.make_coordinator(program_b)
    own, neighbour = factories.make_pair(program_a, coordinator_a), factories.make_pair(program_a, coordinator_a)
    other = factories.make_pair(program_b, coordinator_b)
    create = services.create_event
    events = {
        "a_all": create(coordinator_a, program=program_a, title="Reading café", day=SOON, starts=time(16),
                        ends=time(17, 30), place="Library"),
        "a_neighbour": create(coordinator_a, program=program_a, kind="visit_day", title="Visit day", day=SOON,
                              starts=time(10), ends=time(12), pairs=[neighbour]),
        "b_all": create(coordinator_b, program=program_b, kind="closing_party", title="Party", day=SOON,
                        starts=time(15), ends=time(18)),
    }
    return {"a": program_a, "b": program_b, "coord_a": coordinator_a, "coord_b": coordinator_b, "own": own,
            "neighbour": neighbour, "other": other, **events}


def test_times_are_the_programs_clock_stored_in_utc_with_an_audit_row(world):
    event = world["a_all"]
    zone = ZoneInfo("Europe/Copenhagen")
    assert event.starts_at.astimezone(zone).replace(tzinfo=None) == datetime.combine(SOON, time(16))
    assert event.ends_at - event.starts_at == timedelta(minutes=90)
    entry = ProgramAuditEntry.objects.filter(program=world["a"], action="event_added").order_by("pk").first()
    assert (entry.target_type, entry.target_id, entry.detail) == ("event", event.pk, "meeting, all pairs")


def test_across_the_summer_time_change_the_local_hour_is_kept(world):
    # 29 March 2026 is the day Copenhagen moves to summer time: 16:00 local is 14:00 UTC, not 15:00.
    event = services.create_event(world["coord_a"], program=world["a"], title="Spring", day=date(2026, 3, 29),
                                  starts=time(16), ends=time(17))
    assert event.starts_at == datetime(2026, 3, 29, 14, tzinfo=ZoneInfo("UTC"))


@pytest.mark.parametrize("who", ["mentor", "mentee", "coord_b"])
def test_only_the_programs_coordinators_add_change_and_cancel(world, who):
    actor = {"mentor": world["own"].mentor.user, "mentee": world["own"].mentee.user, "coord_b": world["coord_b"]}[who]
    with pytest.raises(PermissionDenied):
        services.create_event(actor, program=world["a"], title="x", day=SOON, starts=time(9), ends=time(10))
    with pytest.raises(PermissionDenied):
        services.update_event(actor, event=world["a_all"], kind="meeting", title="x", day=SOON, starts=time(9),
                              ends=time(10))
    with pytest.raises(PermissionDenied):
        services.cancel_event(actor, event=world["a_all"])


def test_bad_input_is_refused(world):
    with pytest.raises(ValidationError) as caught:
        services.create_event(world["coord_a"], program=world["a"], kind="picnic", title=" ", day=SOON,
                              starts=time(10), ends=time(12), pairs=[world["other"]])
    assert set(caught.value.message_dict) == {"kind", "title", "pairs"}
    with pytest.raises(ValidationError) as caught:
        services.create_event(world["coord_a"], program=world["a"], title="Backwards", day=SOON, starts=time(12),
                              ends=time(10))
    assert set(caught.value.message_dict) == {"ends"}


# ---------------------------------------------------------------------------- who sees which event

# Written by hand: which events each person may see.
EXPECTED = {
    "own_mentor": {"a_all"},
    "own_mentee": {"a_all"},
    "neighbour_mentee": {"a_all", "a_neighbour"},
    "other_mentee": {"b_all"},
    "coord_a": {"a_all", "a_neighbour"},
    "coord_b": {"b_all"},
    "stranger": set(),
}
EVENTS = ("a_all", "a_neighbour", "b_all")


def _people(world):
    return {"own_mentor": world["own"].mentor.user, "own_mentee": world["own"].mentee.user,
            "neighbour_mentee": world["neighbour"].mentee.user, "other_mentee": world["other"].mentee.user,
            "coord_a": world["coord_a"], "coord_b": world["coord_b"], "stranger": factories.make_user()}


def test_each_person_sees_exactly_the_expected_events(world):
    for who, user in _people(world).items():
        seen = set()
        for name in EVENTS:
            try:
                access_event(user, world[name].pk)
                seen.add(name)
            except Http404:
                pass
        assert seen == EXPECTED[who], who


def test_a_closed_pair_no_longer_sees_the_events_that_targeted_it(world):
    program_services.close_pair(world["coord_a"], pair=world["neighbour"], reason="Moved away")
    with pytest.raises(Http404):
        access_event(world["neighbour"].mentee.user, world["a_neighbour"].pk)


# ---------------------------------------------------------------------------- telling people


def _notices(kind):
    return {(n.user_id, n.title) for n in Notification.objects.filter(kind=kind)}


def test_a_change_tells_everyone_it_concerned_before_and_after_in_their_language(world):
    neighbour, own = world["neighbour"], world["own"]
    own.mentee.user.language = "en"
    own.mentee.user.save()
    services.update_event(world["coord_a"], event=world["a_neighbour"], kind="visit_day", title="Visit day",
                          day=SOON, starts=time(11), ends=time(13), place="Town hall", pairs=[own])
    told = Notification.objects.filter(kind="event_changed")
    assert {n.user_id for n in told} == {neighbour.mentor.user_id, neighbour.mentee.user_id, own.mentor.user_id,
                                          own.mentee.user_id}
    titles = {n.user_id: n.title for n in told}
    assert titles[own.mentee.user_id] == "Changed: Visit day"  # their own choice of English
    assert titles[own.mentor.user_id] != "Changed: Visit day" and "Visit day" in titles[own.mentor.user_id]  # Danish
    # Each notice is a reminder about the event, e-mailed by the sweep (tests/timeline/test_event_notices.py).
    key = f"event:{world['a_neighbour'].pk}"
    assert all(n.program_id == world["a"].pk and n.url == "/timeline/" and n.reminder.object_key == key for n in told)
    assert ProgramAuditEntry.objects.filter(action="event_changed", target_id=world["a_neighbour"].pk).count() == 1
    assert not told.filter(user=world["coord_a"]).exists() and not told.filter(user=world["other"].mentee.user).exists()


def test_cancelling_tells_the_whole_program_once_and_keeps_the_event(world):
    event = services.cancel_event(world["coord_a"], event=world["a_all"])
    assert event.is_cancelled and event.cancelled_at is not None
    members = {p.mentor.user_id for p in (world["own"], world["neighbour"])} | {
        p.mentee.user_id for p in (world["own"], world["neighbour"])}
    assert {n.user_id for n in Notification.objects.filter(kind="event_cancelled")} == members
    with pytest.raises(StateConflict):
        services.cancel_event(world["coord_a"], event=event)
    with pytest.raises(StateConflict):
        services.update_event(world["coord_a"], event=event, kind="meeting", title="Again", day=SOON, starts=time(9),
                              ends=time(10))
    assert Notification.objects.filter(kind="event_cancelled").count() == len(members)
    assert ProgramAuditEntry.objects.filter(action="event_cancelled").count() == 1


# ---------------------------------------------------------------------------- the member's timeline


def test_the_timeline_mixes_events_and_deadlines_and_marks_the_past(world):
    coordinator, program, mentee = world["coord_a"], world["a"], world["neighbour"].mentee.user
    reading = reading_services.create_reading(coordinator, program=program, title="Tide", body="The sea.")
    now = timezone.now()
    reading_services.schedule_assignment(coordinator, program=program, reading=reading,
                                         opens_at=now - timedelta(days=9), due_at=now - timedelta(days=2))
    past = services.create_event(coordinator, program=program, title="Kick-off",
                                 day=timezone.localdate() - timedelta(days=20), starts=time(10), ends=time(11))
    items = list_member_timeline(mentee)
    assert [(item.kind, item.title) for item in items] == [
        ("event", "Kick-off"), ("letter", "Tide"), ("event", "Visit day"), ("event", "Reading café")]
    assert [item.is_past for item in items] == [True, True, False, False]
    assert items[0].event == past
    assert next_for_member(mentee) == world["a_neighbour"]
    services.cancel_event(coordinator, event=world["a_neighbour"])
    assert next_for_member(mentee) == world["a_all"]  # a cancelled event is never "next"
    assert next_for_member(world["own"].mentee.user) == world["a_all"]
    assert next_for_member(world["coord_b"]) is None  # coordinators are not invited as members


@pytest.mark.parametrize("who", ["own_mentee", "own_mentor", "neighbour_mentee", "other_mentee", "coord_a"])
def test_the_home_pages_form_of_the_invitation_rule_agrees_with_for_member(world, who):
    # The home page hands its memberships and open pairs to Event.objects.for_member.
    from oversight.selectors import list_memberships_with_pairs
    from timeline.models import Event

    services.create_event(world["coord_a"], program=world["a"], title="Own only", day=SOON, starts=time(8),
                          ends=time(9), pairs=[world["own"]])
    user = world["coord_a"] if who == "coord_a" else getattr(world[who.split("_")[0]], who.split("_")[1]).user
    entries = list_memberships_with_pairs(user)
    memberships = [entry["membership"] for entry in entries]
    pairs = [item["pair"] for entry in entries for item in entry["pairs"]]
    by_rows = set(Event.objects.for_member(user, memberships=memberships, pairs=pairs).values_list("pk", flat=True))
    assert by_rows == set(Event.objects.for_member(user).values_list("pk", flat=True))
    assert next_for_member(user, memberships=memberships, pairs=pairs) == next_for_member(user)


def test_timeline_reads_cost_the_same_queries_whatever_the_size(world):
    mentee, coordinator, program = world["neighbour"].mentee.user, world["coord_a"], world["a"]

    def count(call):
        with CaptureQueriesContext(connection) as queries:
            call()
        return len(queries)

    small = (count(lambda: list_member_timeline(mentee)), count(lambda: list_program_events(program)),
             count(lambda: next_for_member(mentee)))
    for index in range(6):
        services.create_event(coordinator, program=program, title=f"Meeting {index}", day=SOON + timedelta(days=index),
                              starts=time(9), ends=time(10), pairs=[world["neighbour"], world["own"]] if index % 2 else None)
        factories.make_pair(program, coordinator)
    reading = reading_services.create_reading(coordinator, program=program, title="Tide", body="The sea.")
    now = timezone.now()
    for days in (3, 10):
        reading_services.schedule_assignment(coordinator, program=program, reading=reading,
                                             opens_at=now - timedelta(days=1), due_at=now + timedelta(days=days))
    big = (count(lambda: list_member_timeline(mentee)), count(lambda: list_program_events(program)),
           count(lambda: next_for_member(mentee)))
    assert small == big
