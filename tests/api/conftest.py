"""Fixtures for the API tests: a small world of two programs, and clients signed in by token."""

from datetime import time, timedelta

import pytest
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.utils import timezone
from rest_framework.test import APIClient

from apitokens.models import ApiToken
from goals import services as goal_services
from letters.models import Notification, ReminderKind
from oversight import services as oversight_services
from oversight.models import Report
from readings import services as reading_services
from spaces import services as space_services
from tests import factories
from timeline import services as timeline_services
from toolbox import services as toolbox_services


@pytest.fixture(autouse=True)
def _fresh_throttle_counts():
    """Throttle counters live in the cache; start every test from zero."""
    cache.clear()
    yield
    cache.clear()


def token_key_for(user) -> str:
    """Return a key for a new API token of `user`, made directly (tests need coordinators' tokens too)."""
    return ApiToken.new_for(user)[1]


def client_for(user=None, *, language: str | None = None) -> APIClient:
    """Return an API client that authenticates as `user` with an API token (anonymous if None)."""
    client = APIClient()
    headers = {}
    if user is not None:
        headers["HTTP_AUTHORIZATION"] = f"Token {token_key_for(user)}"
    if language:
        headers["HTTP_ACCEPT_LANGUAGE"] = language
    client.credentials(**headers)
    return client


def _reading_and_assignment(program, coordinator, title):
    reading = reading_services.create_reading(coordinator, program=program, title=title, body="<p>Once upon a time.</p>")
    now = timezone.now()
    assignment = reading_services.schedule_assignment(
        coordinator, program=program, reading=reading, opens_at=now - timedelta(days=1), due_at=now + timedelta(days=6),
        prompt="What did you like?",
    )
    return reading, assignment


def _letters(pair, coordinator) -> dict:
    return {
        state: factories.make_letter(pair, status=state, coordinator=coordinator)
        for state in ("draft", "in_review", "delivered")
    }


#: Enough of a PDF for a download to be checked byte for byte.
PDF_BYTES = b"%PDF-1.4\n% a test booklet\n%%EOF\n"


def _notification(user, title: str) -> Notification:
    return Notification.objects.create(user=user, kind=ReminderKind.READING_OPEN, title=title, url="/")


def _reports(program, pair, *, requested_by, booklet_by) -> dict:
    """A failed booklet of `pair` asked for by `booklet_by`, and a finished program report.

    Made directly: the build task does not run inside a test's transaction.
    """
    failed = Report.objects.create(kind=Report.Kind.PAIR_BOOKLET, program=program, pair=pair, requested_by=booklet_by,
                                   status=Report.Status.FAILED, error="The PDF could not be made.")
    done = Report(kind=Report.Kind.PROGRAM_REPORT, program=program, requested_by=requested_by, status=Report.Status.DONE,
                  period_start=timezone.localdate() - timedelta(days=30), period_end=timezone.localdate())
    done.file.save(f"report-{program.pk}.pdf", ContentFile(PDF_BYTES), save=True)
    return {"failed": failed, "done": done}


def _articles(program, coordinator) -> dict:
    """An article for the program's mentors and one for its mentees."""
    return {audience: toolbox_services.create_article(coordinator, program=program, audience=audience, language="en",
                                                      title=f"For {audience}", body="<p>Write short letters.</p>")
            for audience in ("mentors", "mentees")}


def _events(program, coordinator, *, only=None) -> dict:
    """A whole-program event, one for the pair `only` (if given) and a cancelled one."""
    soon = timezone.localdate() + timedelta(days=5)

    def add(title, pairs=None):
        return timeline_services.create_event(coordinator, program=program, title=title, day=soon,
                                              starts=time(16), ends=time(17), pairs=pairs)

    events = {"all": add("Reading café"), "cancelled": add("Rained off")}
    timeline_services.cancel_event(coordinator, event=events["cancelled"])
    # The cancellation told the program's members; the notification tests count only their own notices.
    Notification.objects.filter(kind=ReminderKind.EVENT_CANCELLED).delete()
    if only is not None:
        events["targeted"] = add("Visit day", pairs=[only])
    return events


def _spaces(program, coordinator, mentee, writer, mentor_author, *, approve: bool) -> dict:
    """Program's peer-space objects: a mentees' thread by `mentee` (published if `approve`, else waiting),
    replies waiting by `writer` and by `mentee`, a published mentors' thread by `mentor_author` and a report on it."""
    mentees = space_services.space_for(program, "mentees")
    mentors = space_services.space_for(program, "mentors")
    thread = space_services.start_thread(mentee, space=mentees, title="Boats", body="I like stories about boats.")
    held, mine = thread.opening, thread.opening
    if approve:
        space_services.approve_post(coordinator, post=thread.opening)
        held = space_services.reply_to_thread(writer, thread=thread, body="I like stories about the sea.")
        mine = space_services.reply_to_thread(mentee, thread=thread, body="Me too, and about boats.")
    mthread = space_services.start_thread(mentor_author, space=mentors, title="Tips", body="Short replies work well.")
    reporter = factories.make_member(program, "mentor", coordinator).user
    report = space_services.report_post(reporter, post=mthread.opening, reason="Off topic")
    return {"space": mentees.pk, "mspace": mentors.pk, "thread": thread.pk, "mthread": mthread.pk,
            "held_post": held.pk, "my_held": mine.pk, "mpost": mthread.opening_id, "space_report": report.pk}


@pytest.fixture
def world(db, settings, tmp_path):
    """Program A with two pairs (`own`, `neighbour`) and program B with one pair.

    Each pair has a mentee letter as a draft, in review and delivered; each program
    has a reading and an assignment. The `own` mentee and A's coordinator each have a
    notification; each program has a failed pair booklet (A's asked for by the `own`
    mentee, B's by its coordinator) and a finished program report. Each mentee of program A
    keeps a goal with one step, shared with their mentor (`goals`: "own", "neighbour").
    """
    settings.MEDIA_ROOT = tmp_path
    program_a, program_b = factories.make_program(name="Alpha"), factories.make_program(name="Beta")
    coordinator, other_coordinator = factories.make_coordinator(program_a), factories.make_coordinator(program_b)
    own, neighbour = factories.make_pair(program_a, coordinator), factories.make_pair(program_a, coordinator)
    elsewhere = factories.make_pair(program_b, other_coordinator)
    reading_a, assignment_a = _reading_and_assignment(program_a, coordinator, "Alpha story")
    reading_b, assignment_b = _reading_and_assignment(program_b, other_coordinator, "Beta story")
    operator = factories.make_user(is_superuser=True, is_staff=True)
    shared = toolbox_services.create_article(operator, program=None, audience="mentors", language="en",
                                            title="For every program's mentors", body="Be kind.")
    goals = {name: goal_services.create_goal(pair.mentee.user, membership=pair.mentee, text="Read a whole book",
                                             steps=["Pick one"], shared_with_mentor=True)
             for name, pair in (("own", own), ("neighbour", neighbour))}
    return {
        "goals": goals,
        "articles": {"a": _articles(program_a, coordinator), "b": _articles(program_b, other_coordinator),
                     "shared": shared},
        "events": {"a": _events(program_a, coordinator, only=neighbour), "b": _events(program_b, other_coordinator)},
        "program_a": program_a, "program_b": program_b,
        "coordinator": coordinator, "other_coordinator": other_coordinator,
        "mentee": own.mentee.user, "mentor": own.mentor.user,
        "own": own, "neighbour": neighbour, "elsewhere": elsewhere,
        "reading_a": reading_a, "assignment_a": assignment_a, "reading_b": reading_b, "assignment_b": assignment_b,
        "letters": {"own": _letters(own, coordinator), "neighbour": _letters(neighbour, coordinator),
                    "elsewhere": _letters(elsewhere, other_coordinator)},
        "notifications": {"mentee": _notification(own.mentee.user, "A new reading is open"),
                          "coordinator": _notification(coordinator, "Letters are waiting")},
        "spaces": {"a": _spaces(program_a, coordinator, own.mentee.user, neighbour.mentee.user, neighbour.mentor.user,
                                approve=True),
                   "b": _spaces(program_b, other_coordinator, elsewhere.mentee.user, None, elsewhere.mentor.user,
                                approve=False)},
        "reports": {"a": _reports(program_a, own, requested_by=coordinator, booklet_by=own.mentee.user),
                    "b": _reports(program_b, elsewhere, requested_by=other_coordinator, booklet_by=other_coordinator)},
        "topics": {"a": oversight_services.add_topic(coordinator, program=program_a, name="Sport"),
                   "b": oversight_services.add_topic(other_coordinator, program=program_b, name="Music")},
    }
