"""The award job: stamps from what happened, once per event, never twice on a re-run."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from goals import services
from goals.models import Stamp, StampKind
from goals.rewards import LONG_LETTER_CHARS, award_stamps
from letters import services as letter_services
from programs import services as program_services
from readings import services as reading_services
from tests import factories

pytestmark = pytest.mark.django_db


def schedule(program, coordinator, *, due_in_days: float, title="A story"):
    reading = reading_services.create_reading(coordinator, program=program, title=title, body="<p>Once.</p>")
    now = timezone.now()
    return reading_services.schedule_assignment(
        coordinator, program=program, reading=reading, opens_at=now - timedelta(days=30),
        due_at=now + timedelta(days=due_in_days), prompt="Tell me.",
    )


def write(pair, assignment, *, body="Dear mentor, I liked the lighthouse story a lot."):
    letter = letter_services.save_draft(pair.mentee.user, pair=pair, body=body, assignment=assignment)
    return letter_services.submit_letter(pair.mentee.user, letter=letter)


def stamps(membership):
    return sorted(Stamp.objects.filter(membership=membership).values_list("kind", "source"))


@pytest.fixture
def roomy_program(program):
    program.max_letter_chars = 3000
    program.save()
    return program


def test_the_first_on_time_letter_gives_its_stamps_once_even_when_the_job_runs_twice(pair, program, coordinator):
    assignment = schedule(program, coordinator, due_in_days=3)
    write(pair, assignment)
    first = award_stamps()
    assert sorted(stamps(pair.mentee)) == [("first_letter", "once"), ("on_time", f"assignment:{assignment.pk}")]
    assert first["stamps"] == 2
    assert award_stamps()["stamps"] == 0
    assert Stamp.objects.count() == 2


def test_the_same_event_read_again_never_gives_a_second_stamp(pair, program, coordinator):
    """Even a job that forgot where it stopped (every run reread from the start) adds nothing."""
    from goals.models import AwardRun

    write(pair, schedule(program, coordinator, due_in_days=3))
    award_stamps()
    AwardRun.objects.all().delete()
    assert award_stamps()["stamps"] == 0
    assert Stamp.objects.count() == 2


def test_a_late_letter_gets_no_on_time_stamp(pair, program, coordinator):
    assignment = schedule(program, coordinator, due_in_days=-1)
    write(pair, assignment)
    award_stamps()
    assert stamps(pair.mentee) == [("first_letter", "once")]


def test_delivery_reading_a_reply_and_a_long_letter(pair, roomy_program, coordinator):
    assignment = schedule(roomy_program, coordinator, due_in_days=3)
    long_letter = write(pair, assignment, body=("I loved the story. " * 100)[:LONG_LETTER_CHARS + 5])
    letter_services.approve_letter(coordinator, letter=long_letter)
    reply = factories.make_letter(pair, by="mentor", status="delivered", coordinator=coordinator)
    award_stamps()
    assert ("reading_finished", f"assignment:{assignment.pk}") in stamps(pair.mentee)
    assert ("long_letter", f"letter:{long_letter.pk}") in stamps(pair.mentee)
    assert ("reply_read", f"letter:{reply.pk}") not in stamps(pair.mentee)
    letter_services.mark_read(pair.mentee.user, letter=reply)
    assert award_stamps()["stamps"] == 1
    assert ("reply_read", f"letter:{reply.pk}") in stamps(pair.mentee)
    # The mentor, an adult, collects no stamps.
    assert stamps(pair.mentor) == []


def test_three_on_time_in_a_row(pair, program, coordinator):
    assignments = [schedule(program, coordinator, due_in_days=days, title=f"Story {days}") for days in (3, 4, 5)]
    for assignment in assignments[:2]:
        write(pair, assignment)
    award_stamps()
    assert not Stamp.objects.filter(kind=StampKind.THREE_ON_TIME).exists()
    write(pair, assignments[2])
    award_stamps()
    assert list(Stamp.objects.filter(kind=StampKind.THREE_ON_TIME).values_list("source", flat=True)) == [
        f"assignment:{assignments[2].pk}"
    ]


def test_a_missed_deadline_breaks_the_run(pair, program, coordinator):
    schedule(program, coordinator, due_in_days=-2, title="Missed")
    later = [schedule(program, coordinator, due_in_days=days, title=f"Story {days}") for days in (3, 4, 5)]
    # The pair began before the missed due moment, so that letter was owed (overdue, not excused).
    type(pair).objects.filter(pk=pair.pk).update(started_at=timezone.now() - timedelta(days=10))
    for assignment in later[:2]:
        write(pair, assignment)
    award_stamps()
    assert Stamp.objects.filter(kind=StampKind.ON_TIME).count() == 2
    assert not Stamp.objects.filter(kind=StampKind.THREE_ON_TIME).exists()
    write(pair, later[2])
    award_stamps()
    assert Stamp.objects.filter(kind=StampKind.THREE_ON_TIME).count() == 1


def test_a_goal_step_done_gives_one_stamp_however_often_it_is_ticked(pair):
    goal = services.create_goal(pair.mentee.user, membership=pair.mentee, text="Ask a question", steps=["Raise a hand"])
    step = goal.steps.get()
    services.update_step(pair.mentee.user, step=step, done=True)
    assert award_stamps()["stamps"] == 1
    services.update_step(pair.mentee.user, step=step, done=False)
    services.update_step(pair.mentee.user, step=step, done=True)
    assert award_stamps()["stamps"] == 0
    assert stamps(pair.mentee) == [("goal_step", f"step:{step.pk}")]


def test_no_stamps_while_a_program_has_rewards_off(pair, program, coordinator):
    program_services.set_rewards_enabled(coordinator, program=program, enabled=False)
    write(pair, schedule(program, coordinator, due_in_days=3))
    assert award_stamps()["stamps"] == 0
    with pytest.raises(PermissionDenied):
        program_services.set_rewards_enabled(pair.mentee.user, program=program, enabled=True)


def test_a_batch_costs_the_same_queries_whatever_the_number_of_pairs(program, coordinator):
    assignment = schedule(program, coordinator, due_in_days=3)

    def run_with(pairs: int) -> int:
        for _ in range(pairs):
            write(factories.make_pair(program, coordinator), assignment)
        with CaptureQueriesContext(connection) as captured:
            award_stamps()
        return len(captured)

    assert run_with(3) == run_with(9)


def test_the_award_job_is_a_scheduled_task(pair, program, coordinator):
    from django.core.management import call_command
    from django_q.models import Schedule

    from goals import tasks

    write(pair, schedule(program, coordinator, due_in_days=3))
    assert tasks.award_stamps()["stamps"] == 2
    assert tasks.award_stamps()["stamps"] == 0
    call_command("setup_schedules")
    job = Schedule.objects.get(func="goals.tasks.award_stamps")
    assert (job.schedule_type, job.minutes) == (Schedule.MINUTES, 15) and "timeout" in job.kwargs
