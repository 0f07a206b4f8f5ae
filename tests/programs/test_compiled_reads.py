"""The reads built once (programs.compiled) and the thread's member rule answer as the general forms do."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from letters.models import Notification, ReminderKind
from letters.selectors import count_unread_notifications
from programs.compiled import CompiledRead
from programs.models import Membership
from programs.permissions import is_coordinator, member_coordinates
from tests import factories


def _notice(user, *, read: bool) -> None:
    Notification.objects.create(user=user, kind=ReminderKind.choices[0][0], title="t",
                                read_at=timezone.now() if read else None)


def test_the_unread_count_is_each_persons_own_and_one_query(pair):
    mentee, mentor = pair.mentee.user, pair.mentor.user
    for _ in range(3):
        _notice(mentee, read=False)
    _notice(mentee, read=True)
    _notice(mentor, read=False)
    with CaptureQueriesContext(connection) as captured:
        counts = (count_unread_notifications(mentee), count_unread_notifications(mentor))
    assert counts == (3, 1) and len(captured) == 1 + 1
    Notification.objects.filter(user=mentee).update(read_at=timezone.now())
    assert count_unread_notifications(mentee) == 0
    assert count_unread_notifications(factories.make_user()) == 0


def test_a_compiled_read_refuses_a_statement_that_does_not_use_its_value_once(db):
    ignoring = CompiledRead(lambda user_id: Notification.objects.all())
    with pytest.raises(ValueError):
        ignoring.count(1)
    twice = CompiledRead(lambda user_id: Notification.objects.filter(user_id=user_id, program_id=user_id))
    with pytest.raises(ValueError):
        twice.count(1)


def test_a_compiled_read_gives_the_rows_and_counts_the_queryset_gives(pair):
    users = [pair.mentee.user, pair.mentor.user, factories.make_user()]
    for n, user in enumerate(users[:2]):
        for i in range(n + 2):
            _notice(user, read=bool(i % 2))

    def build(user_ids, kind_user):
        return (Notification.objects.filter(user_id__in=user_ids).exclude(user_id=kind_user)
                .order_by("pk").values_list("pk", "user_id", "created_at", "read_at"))

    read = CompiledRead(build)
    for ids in ([users[0].pk], [users[0].pk, users[1].pk], [u.pk for u in users], []):
        for other in (users[0].pk, users[2].pk):
            assert read.rows(ids, other) == list(build(ids, other))
            assert read.count(ids, other) == build(ids, other).count()
    # Datetimes come back as Django gives them (aware, UTC).
    row = read.rows([users[0].pk], users[2].pk)[0]
    assert row[2] == Notification.objects.get(pk=row[0]).created_at and row[2].tzinfo is not None


@pytest.mark.parametrize("side", ["mentee", "mentor"])
def test_a_members_own_membership_answers_whether_they_coordinate(pair, side):
    member = getattr(pair, side)
    assert member_coordinates(member.user, pair, member) is False
    assert member_coordinates(member.user, pair, member) == is_coordinator(member.user, pair.program)


def test_a_member_whose_membership_became_a_coordinators_coordinates(pair):
    member = pair.mentor
    Membership.objects.filter(pk=member.pk).update(role=Membership.Role.COORDINATOR)
    member.refresh_from_db()
    assert is_coordinator(member.user, pair.program) is True
    assert member_coordinates(member.user, pair, member) is True
    Membership.objects.filter(pk=member.pk).update(status=Membership.Status.LEFT)
    member.refresh_from_db()
    assert is_coordinator(member.user, pair.program) is False
    assert member_coordinates(member.user, pair, member) is False


def test_an_operator_in_a_pair_coordinates_and_nobody_else_is_answered_for(pair):
    member = pair.mentee
    member.user.is_superuser = True
    member.user.save(update_fields=["is_superuser"])
    assert member_coordinates(member.user, pair, member) is True
    # Someone else's membership never answers for a person.
    assert member_coordinates(pair.mentor.user, pair, member) is False


def test_compiled_objects_are_the_querysets_instances_with_related_objects_and_annotations(pair, coordinator):
    from django.db.models import Count, Q

    from programs.models import Pair

    factories.make_letter(pair, status="delivered", coordinator=coordinator)
    factories.make_letter(pair, by="mentor", status="delivered", coordinator=coordinator)
    other = factories.make_pair(pair.program, coordinator)

    def build(member_ids, also_member_ids, author_ids):
        return (Pair.objects.filter(Q(mentor_id__in=member_ids) | Q(mentee_id__in=also_member_ids))
                .select_related("mentor", "mentee", "program").order_by("pk")
                .annotate(delivered=Count("letters", filter=Q(letters__status="delivered")
                                          & ~Q(letters__author_id__in=author_ids))))

    read = CompiledRead(build)

    def seen(pairs):
        return [(p.pk, p.mentor.pseudonym, p.mentee.user_id, p.program.name, p.delivered, p.status) for p in pairs]

    for ids in ([pair.mentee_id], [pair.mentor_id, other.mentee_id], []):
        with CaptureQueriesContext(connection) as captured:
            compiled = read.objects(ids, ids, ids)
            shown = seen(compiled)
        assert shown == seen(build(ids, ids, ids))
        assert len(captured) == (1 if ids else 0)  # the related objects came with the statement
    assert [p.delivered for p in read.objects([pair.mentee_id], [pair.mentee_id], [pair.mentee_id])] == [1]
    # Instances are real: a field not selected would load, and saving works.
    instance = read.objects([pair.mentee_id], [pair.mentee_id], [])[0]
    instance.status_reason = "checked"
    instance.save(update_fields=["status_reason"])
    assert Pair.objects.get(pk=pair.pk).status_reason == "checked"


def test_compiled_objects_refuse_what_they_cannot_rebuild(pair):
    from programs.models import Pair

    with pytest.raises(ValueError):
        CompiledRead(lambda pair_id: Pair.objects.filter(pk=pair_id).values_list("pk")).objects(pair.pk)
    with pytest.raises(ValueError):
        CompiledRead(lambda pair_id: Pair.objects.filter(pk=pair_id).prefetch_related("letters")).objects(pair.pk)


def test_a_compiled_read_takes_a_moment_and_compares_it_as_the_queryset_does(pair):
    from datetime import timedelta

    user = pair.mentee.user
    for _ in range(3):
        _notice(user, read=False)
    created = sorted(Notification.objects.filter(user=user).values_list("created_at", flat=True))

    def build(user_id, since):
        return Notification.objects.filter(user_id=user_id, created_at__gte=since).order_by("pk").values_list("pk")

    read = CompiledRead(build)
    for since in (created[0], created[1], created[-1] + timedelta(microseconds=1), created[0] - timedelta(days=1)):
        for shown in (since, timezone.localtime(since)):  # the same moment in another time zone
            assert read.rows(user.pk, shown) == list(build(user.pk, shown))
    assert len(read.rows(user.pk, created[1])) == 2
    with pytest.raises(ValueError):
        read.rows(user.pk, created[1].replace(tzinfo=None))


@pytest.mark.parametrize("id_", [2**63, 2**70, -(2**63) - 1])
def test_an_id_no_column_can_hold_finds_nothing_as_the_queryset_does(pair, id_):
    # A URL may carry any digits: Django finds no row for such a primary key, where the
    # database would refuse it as a parameter of a statement built once.
    _notice(pair.mentee.user, read=False)
    mine = Notification.objects.get(user=pair.mentee.user).pk
    one = CompiledRead(lambda pk: Notification.objects.filter(pk=pk))
    assert one.count(id_) == 0 and one.objects(id_) == []
    assert one.count(mine) == 1
