"""The reads built once (programs.compiled) and the thread's member rule answer as the general forms do."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from letters.models import Notification, ReminderKind
from letters.selectors import count_unread_notifications
from programs.compiled import CompiledCount
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


def test_a_compiled_count_refuses_a_statement_that_does_not_use_its_value_once(db):
    ignoring = CompiledCount(lambda user_id: Notification.objects.all(), values=1)
    with pytest.raises(ValueError):
        ignoring(1)


def test_a_compiled_count_takes_as_many_values_as_it_was_built_for(db):
    count = CompiledCount(lambda user_id: Notification.objects.filter(user_id=user_id), values=1)
    with pytest.raises(TypeError):
        count(1, 2)


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
