"""The goals and passport pages: who sees what, written from the rules rather than the code.

- a mentee: their own goals and passport; nobody else's goal answers to them (404);
- the mentor: the goals shared with them, beside the letter editor when writing to that mentee;
  never an unshared goal; the stamps only when the mentee opted in;
- coordinators: counts per pair and only the words shared with them; another program's: 404.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from goals import services
from goals.models import Goal, GoalStep, Stamp
from programs.models import Program
from tests import factories

pytestmark = pytest.mark.django_db

SHARED, PRIVATE, FOR_COORDINATORS = "Read a whole book in French", "Ask a question in class", "Swim a length"


@pytest.fixture
def goals(pair):
    mentee = pair.mentee
    return {
        "shared": services.create_goal(mentee.user, membership=mentee, text=SHARED, shared_with_mentor=True,
                                       steps=["Pick a book"]),
        "private": services.create_goal(mentee.user, membership=mentee, text=PRIVATE),
        "coordinators": services.create_goal(mentee.user, membership=mentee, text=FOR_COORDINATORS,
                                             shared_with_coordinators=True),
    }


def page(client, user, url):
    client.force_login(user)
    response = client.get(url)
    return response.status_code, response.content.decode()


def test_a_mentee_writes_a_goal_and_a_refusal_keeps_the_text(client, pair, program):
    client.force_login(pair.mentee.user)
    response = client.post(reverse("goals"), {"program": program.pk, "text": "Text me on 0712 345 6789"})
    assert response.status_code == 400
    body = response.content.decode()
    assert "contact details" in body and 'value="Text me on 0712 345 6789"' in body
    response = client.post(reverse("goals"), {"program": program.pk, "text": SHARED, "steps": "Pick a book\nRead",
                                              "shared_with_mentor": "on"})
    assert response.status_code == 302
    goal = Goal.objects.get(membership=pair.mentee)
    assert goal.shared_with_mentor and goal.steps.count() == 2
    step = goal.steps.first()
    client.post(reverse("goal-step-toggle", args=[step.pk]), {"done": "1"})
    step.refresh_from_db()
    assert step.done_at is not None
    client.post(reverse("goal-update", args=[goal.pk]), {"text": "Read two books"})
    goal.refresh_from_db()
    assert goal.text == "Read two books" and not goal.shared_with_mentor  # an unticked box means "not shared"
    client.post(reverse("goal-step-add", args=[goal.pk]), {"text": "Borrow one"})
    client.post(reverse("goal-step-delete", args=[step.pk]))
    assert list(goal.steps.values_list("text", flat=True)) == ["Read", "Borrow one"]
    client.post(reverse("goal-delete", args=[goal.pk]))
    assert not Goal.objects.exists()


def test_the_mentor_sees_shared_goals_beside_the_editor_and_never_the_others(client, pair, goals):
    letter = factories.make_letter(pair, by="mentor")
    status, body = page(client, pair.mentor.user, reverse("letter-edit", args=[letter.pk]))
    assert status == 200
    assert SHARED in body and "Pick a book" in body
    assert PRIVATE not in body and FOR_COORDINATORS not in body
    # The mentee's own editor shows nothing of this.
    own = factories.make_letter(pair, by="mentee")
    status, body = page(client, pair.mentee.user, reverse("letter-edit", args=[own.pk]))
    assert status == 200 and "shared-goals" not in body


def test_nobody_but_the_mentee_reaches_a_goal_or_step(client, pair, goals, coordinator, program):
    goal, step = goals["shared"], goals["shared"].steps.first()
    neighbour = factories.make_pair(program, coordinator)
    for user in (pair.mentor.user, coordinator, neighbour.mentee.user):
        client.force_login(user)
        assert client.post(reverse("goal-update", args=[goal.pk]), {"text": "x"}).status_code == 404
        assert client.post(reverse("goal-delete", args=[goal.pk])).status_code == 404
        assert client.post(reverse("goal-step-add", args=[goal.pk]), {"text": "x"}).status_code == 404
        assert client.post(reverse("goal-step-toggle", args=[step.pk]), {"done": "1"}).status_code == 404
        assert client.post(reverse("goal-step-delete", args=[step.pk])).status_code == 404
        # Nor does a mentee's goal page show another's goals.
        assert SHARED not in page(client, user, reverse("goals"))[1]
    assert Goal.objects.get(pk=goal.pk).text == SHARED and GoalStep.objects.get(pk=step.pk).done_at is None


def test_coordinators_see_counts_and_only_the_words_shared_with_them(client, pair, goals, coordinator, program):
    services.update_step(pair.mentee.user, step=goals["shared"].steps.first(), done=True)
    status, body = page(client, coordinator, reverse("coordinator-goals", args=[program.pk]))
    assert status == 200
    assert FOR_COORDINATORS in body
    assert SHARED not in body and PRIVATE not in body and "Pick a book" not in body
    assert "<td>3</td>" in body and "1 of 1" in body
    other_program = factories.make_program()
    other = factories.make_coordinator(other_program)
    assert page(client, other, reverse("coordinator-goals", args=[program.pk]))[0] == 404
    for member in (pair.mentee.user, pair.mentor.user):
        assert page(client, member, reverse("coordinator-goals", args=[program.pk]))[0] == 404


def test_the_passport_shows_stamps_to_the_mentee_and_to_the_mentor_only_when_shared(client, pair, program):
    Stamp.objects.create(membership=pair.mentee, kind="first_letter", source="once", earned_at=factories.now())
    status, body = page(client, pair.mentee.user, reverse("passport"))
    assert status == 200 and "stamps/first_letter.svg" in body and "You sent your very first letter." in body
    status, body = page(client, pair.mentor.user, reverse("passport"))
    assert pair.mentee.pseudonym not in body
    assert "See the stamps your mentee shows you" not in page(client, pair.mentor.user, reverse("home"))[1]
    client.force_login(pair.mentee.user)
    client.post(reverse("passport"), {"program": program.pk, "shown_to_partner": "on"})
    status, body = page(client, pair.mentor.user, reverse("passport"))
    assert f"{pair.mentee.pseudonym}" in body and "stamps/first_letter.svg" in body
    assert "See the stamps your mentee shows you" in page(client, pair.mentor.user, reverse("home"))[1]
    # Another program's mentor never sees them.
    elsewhere = factories.make_pair(factories.make_program(), factories.make_coordinator(Program.objects.last()))
    assert pair.mentee.pseudonym not in page(client, elsewhere.mentor.user, reverse("passport"))[1]


def test_home_shows_goals_progress_and_the_newest_stamp(client, pair, goals):
    services.update_step(pair.mentee.user, step=goals["shared"].steps.first(), done=True)
    Stamp.objects.create(membership=pair.mentee, kind="goal_step", source="step:1", earned_at=factories.now())
    status, body = page(client, pair.mentee.user, reverse("home"))
    assert status == 200
    assert "You have 3 goals." in body and "Steps done: 1 of 1." in body and "Your newest stamp: Step taken" in body
    assert SHARED not in body  # progress, not the words


def test_coordinators_switch_stamps_off_and_members_cannot(client, pair, program, coordinator):
    Stamp.objects.create(membership=pair.mentee, kind="first_letter", source="once", earned_at=factories.now())
    client.force_login(pair.mentee.user)
    assert client.post(reverse("coordinator-rewards", args=[program.pk]), {}).status_code == 404
    client.force_login(coordinator)
    assert "rewards-enabled" in client.get(reverse("coordinator-settings", args=[program.pk])).content.decode()
    assert client.post(reverse("coordinator-rewards", args=[program.pk]), {}).status_code == 302
    program.refresh_from_db()
    assert not program.rewards_enabled
    assert "Your program does not use stamps." in page(client, pair.mentee.user, reverse("passport"))[1]
    assert "newest stamp" not in page(client, pair.mentee.user, reverse("home"))[1]


@pytest.mark.parametrize("name", ["goals", "home", "passport"])
def test_the_pages_cost_the_same_queries_with_more_goals_and_stamps(client, pair, name):
    client.force_login(pair.mentee.user)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(reverse(name)).status_code == 200
        return len(captured)

    services.create_goal(pair.mentee.user, membership=pair.mentee, text="Goal", steps=["a"])
    Stamp.objects.create(membership=pair.mentee, kind="first_letter", source="once", earned_at=factories.now())
    queries()  # the first request of a session caches its locale
    few = queries()
    for number in range(4):
        goal = services.create_goal(pair.mentee.user, membership=pair.mentee, text=f"Goal {number}", steps=["a", "b"])
        Stamp.objects.create(membership=pair.mentee, kind="goal_step", source=f"step:{goal.pk}", earned_at=factories.now())
    assert queries() == few


@pytest.mark.parametrize(("language", "heading"), [("da", "Mine mål"), ("nb", "Målene mine"), ("fr", "Mes objectifs")])
def test_goals_and_stamps_speak_the_four_languages(client, pair, language, heading):
    from django.utils import translation

    from goals.stamps import CATALOGUE

    for info in CATALOGUE.values():
        with translation.override("en"):
            english = (str(info.name), str(info.description))
        with translation.override(language):
            assert str(info.name) != english[0]
            assert str(info.description) != english[1]
    user = pair.mentee.user
    user.language = language
    user.save()
    client.force_login(user)
    assert heading in client.get(reverse("goals")).content.decode()
