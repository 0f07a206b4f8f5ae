"""The demo shows goals and stamps: a goal shared with the mentor, a step done, a few stamps."""

import pytest
from django.core.management import call_command

from goals.models import Goal, Stamp
from goals.rewards import award_stamps
from programs.models import Membership


@pytest.mark.django_db
def test_the_demo_mentee_has_goals_and_stamps_and_the_job_adds_none_after_it():
    call_command("load_demo")
    mentee = Membership.objects.get(user__username="demo-mentee")
    goals = Goal.objects.filter(membership=mentee)
    assert goals.count() == 2 and goals.filter(shared_with_mentor=True).count() == 1
    assert goals.get(shared_with_mentor=True).steps.filter(done_at__isnull=False).count() == 1
    kinds = set(Stamp.objects.filter(membership=mentee).values_list("kind", flat=True))
    assert {"first_letter", "reading_finished", "goal_step"} <= kinds
    assert not Stamp.objects.filter(membership__role=Membership.Role.MENTOR).exists()
    assert award_stamps()["stamps"] == 0
