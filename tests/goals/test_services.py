"""Goals: limits, screening outcomes, sharing, and what coordinators see (counts without words)."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from goals import selectors, services
from goals.access import access_own_goal, access_own_step
from goals.models import MAX_GOALS, Goal
from letters.models import Reminder, ReminderKind
from letters.reminders import sweep
from letters.models import Notification
from tests import factories

pytestmark = pytest.mark.django_db

URGENT = "My stepdad hits me when he is drunk"


def test_a_mentee_keeps_goals_with_steps_and_ticks_them_off(pair):
    mentee = pair.mentee
    goal = services.create_goal(mentee.user, membership=mentee, text="  Read a whole   book in French ",
                                steps=["Pick a book", "", "Read ten pages"])
    assert goal.text == "Read a whole book in French"
    assert [s.text for s in goal.steps.all()] == ["Pick a book", "Read ten pages"]
    step = goal.steps.first()
    services.update_step(mentee.user, step=step, done=True)
    step.refresh_from_db()
    first_tick = step.done_at
    assert first_tick is not None
    services.update_step(mentee.user, step=step, done=True)  # ticking again keeps the first moment
    step.refresh_from_db()
    assert step.done_at == first_tick
    services.update_step(mentee.user, step=step, done=False)
    step.refresh_from_db()
    assert step.done_at is None
    services.add_step(mentee.user, goal=goal, text="Tell my mentor about it")
    services.update_goal(mentee.user, goal=goal, text="Read two books in French", shared_with_mentor=True)
    goal.refresh_from_db()
    assert goal.text == "Read two books in French" and goal.shared_with_mentor and goal.steps.count() == 3
    services.delete_step(mentee.user, step=step)
    services.delete_goal(mentee.user, goal=goal)
    assert not Goal.objects.filter(pk=goal.pk).exists()


def test_a_mentee_keeps_at_most_five_goals(pair):
    mentee = pair.mentee
    for number in range(MAX_GOALS):
        services.create_goal(mentee.user, membership=mentee, text=f"Goal number {number}")
    with pytest.raises(ValidationError, match="5 goals already"):
        services.create_goal(mentee.user, membership=mentee, text="One too many")
    assert Goal.objects.filter(membership=mentee).count() == MAX_GOALS


def test_only_the_mentee_writes_their_goals(pair, coordinator):
    with pytest.raises(PermissionDenied):
        services.create_goal(pair.mentor.user, membership=pair.mentor, text="A mentor's goal")
    with pytest.raises(PermissionDenied):
        services.create_goal(coordinator, membership=pair.mentee, text="Written for the child")
    goal = services.create_goal(pair.mentee.user, membership=pair.mentee, text="Ask a question in class")
    for outsider in (pair.mentor.user, coordinator):
        with pytest.raises(PermissionDenied):
            services.update_goal(outsider, goal=goal, text="Changed")
        with pytest.raises(Http404):
            access_own_goal(outsider, goal.pk)
        with pytest.raises(Http404):
            access_own_step(outsider, services.add_step(pair.mentee.user, goal=goal, text="Raise my hand").pk)


def test_contact_details_are_refused_and_nothing_is_saved(pair):
    mentee = pair.mentee
    with pytest.raises(ValidationError) as refused:
        services.create_goal(mentee.user, membership=mentee, text="Call me on 0712 345 6789")
    assert "contact details" in str(refused.value.message_dict["text"])
    goal = services.create_goal(mentee.user, membership=mentee, text="Ask a question in class")
    with pytest.raises(ValidationError):
        services.add_step(mentee.user, goal=goal, text="mail me at kid@example.org")
    with pytest.raises(ValidationError):
        services.update_goal(mentee.user, goal=goal, text="Find me on instagram @kid_reader_99")
    goal.refresh_from_db()
    assert goal.text == "Ask a question in class" and goal.steps.count() == 0


def test_a_watch_word_that_holds_is_refused(pair, coordinator, program):
    from programs import services as program_services

    program_services.add_watch_word(coordinator, program=program, term="harbourside", severity="hold")
    with pytest.raises(ValidationError, match="coordinator"):
        services.create_goal(pair.mentee.user, membership=pair.mentee, text="Walk to harbourside every day")


def test_an_urgent_goal_is_kept_hidden_from_the_mentor_and_alerts_the_coordinators(pair, coordinator, program, client):
    from django.core import mail
    from django.urls import reverse

    coordinator.email = "ada@example.org"
    coordinator.save()
    mentee = pair.mentee
    goal = services.create_goal(mentee.user, membership=mentee, text=URGENT, shared_with_mentor=True)
    assert goal.safeguarding_hold
    assert selectors.goals_shown_to_mentor(pair) == []
    alerts = Reminder.objects.filter(kind=ReminderKind.URGENT_FINDING, object_key=f"goal:{goal.pk}")
    assert list(alerts.values_list("recipient_id", flat=True)) == [coordinator.pk]
    assert URGENT not in str(alerts.get().details)
    # Coordinators may read a held goal's words; the alert is delivered (and not cancelled) by the sweep.
    assert [g.pk for g in selectors.goals_coordinators_may_read(program)] == [goal.pk]
    sweep(factories.now())
    notice = Notification.objects.get(user=coordinator, kind=ReminderKind.URGENT_FINDING)
    assert "goal" in notice.title and URGENT not in notice.body
    assert alerts.get().status == "sent"
    [email] = mail.outbox
    assert email.to == ["ada@example.org"] and "goal" in email.subject and URGENT not in email.body
    assert f"/programs/{program.pk}/goals/" in email.body
    # The notifications page words it again from the reminder, in the reader's language.
    client.force_login(coordinator)
    page = client.get(reverse("notifications")).content.decode()
    assert "may show a child at risk" in page and URGENT not in page
    # Deleting it takes it out of the mentee's list; it stays for the coordinators.
    services.delete_goal(mentee.user, goal=goal)
    assert selectors.list_own_goals(mentee) == []
    assert [g.pk for g in selectors.goals_coordinators_may_read(program)] == [goal.pk]


def test_the_mentor_sees_only_shared_goals_and_coordinators_only_counts(pair, program, coordinator):
    mentee = pair.mentee
    shared = services.create_goal(mentee.user, membership=mentee, text="Read a whole book in French",
                                  shared_with_mentor=True, steps=["Pick a book", "Read a chapter"])
    private = services.create_goal(mentee.user, membership=mentee, text="Ask a question in class")
    services.update_step(mentee.user, step=shared.steps.first(), done=True)
    assert [g.pk for g in selectors.goals_shown_to_mentor(pair)] == [shared.pk]
    reply = factories.make_letter(pair, by="mentor")
    assert [g.pk for g in selectors.goals_beside_letter(reply)] == [shared.pk]
    own_letter = factories.make_letter(pair, by="mentee")
    assert selectors.goals_beside_letter(own_letter) == []  # the mentee's own editor shows nothing of this
    # Another pair's mentor never sees them.
    other = factories.make_pair(program, coordinator)
    assert selectors.goals_shown_to_mentor(other) == []

    [counts] = [c for c in selectors.program_goal_counts(program) if c.pair.pk == pair.pk]
    assert (counts.goals, counts.steps_set, counts.steps_done) == (2, 2, 1)
    assert selectors.goals_coordinators_may_read(program) == []
    services.update_goal(mentee.user, goal=private, shared_with_coordinators=True)
    assert [g.pk for g in selectors.goals_coordinators_may_read(program)] == [private.pk]


def test_counts_belong_to_their_program(pair, program, coordinator):
    other_program = factories.make_program()
    other_coordinator = factories.make_coordinator(other_program)
    elsewhere = factories.make_pair(other_program, other_coordinator)
    services.create_goal(elsewhere.mentee.user, membership=elsewhere.mentee, text="Goal elsewhere",
                         shared_with_coordinators=True)
    assert all(c.goals == 0 for c in selectors.program_goal_counts(program))
    assert selectors.goals_coordinators_may_read(program) == []


def test_the_data_export_holds_goals_and_stamps_and_someone_elses_only_the_shared_words(pair, coordinator, settings,
                                                                                         tmp_path):
    import io
    import json
    import zipfile

    from goals.models import Stamp
    from privacy import services as privacy

    settings.PRIVATE_ROOT = tmp_path
    mentee = pair.mentee
    services.create_goal(mentee.user, membership=mentee, text="Private plan", steps=["Private step"])
    services.create_goal(mentee.user, membership=mentee, text="Shared plan", shared_with_coordinators=True)
    Stamp.objects.create(membership=mentee, kind="on_time", source="assignment:1", earned_at=factories.now())

    def read(include_drafts: bool) -> dict:
        archive = zipfile.ZipFile(io.BytesIO(privacy.export_archive(mentee.user, include_drafts=include_drafts)))
        return {name: json.loads(archive.read(name)) for name in ("goals.json", "stamps.json")}

    own = read(include_drafts=True)
    assert [g["text"] for g in own["goals.json"]] == ["Private plan", "Shared plan"]
    assert own["goals.json"][0]["steps"][0]["text"] == "Private step"
    assert [s["kind"] for s in own["stamps.json"]["stamps"]] == ["on_time"]
    for_coordinator = read(include_drafts=False)
    assert [g["text"] for g in for_coordinator["goals.json"]] == [None, "Shared plan"]
    assert for_coordinator["goals.json"][0]["steps"] == [{"text": None, "done_at": None}]


def test_retention_empties_the_words_of_an_ended_programs_goals(db):
    from datetime import date, timedelta

    from privacy import services as privacy

    today = date.today()
    ended = factories.make_program(starts_on=today - timedelta(days=200), ends_on=today - timedelta(days=40),
                                   retention_days=30)
    running = factories.make_program()
    goals = {}
    for name, program in (("ended", ended), ("running", running)):
        pair = factories.make_pair(program, factories.make_coordinator(program))
        goals[name] = services.create_goal(pair.mentee.user, membership=pair.mentee, text="Swim a length",
                                           steps=["Buy goggles"])
    privacy.apply_retention()
    goals["ended"].refresh_from_db()
    goals["running"].refresh_from_db()
    assert goals["ended"].text == "" and goals["ended"].steps.get().text == ""
    assert goals["running"].text == "Swim a length" and goals["running"].steps.get().text == "Buy goggles"
