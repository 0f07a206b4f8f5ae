"""An urgent post that no coordinator opens within the hour escalates to the installation's operators,
exactly as an urgent letter does: once, with an e-mail that quotes nothing and names nobody."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.core import mail
from django.urls import reverse

from letters.models import Notification, Reminder, ReminderKind
from letters.reminders import sweep
from programs.models import Membership
from spaces import services
from tests import factories

#: A Monday morning in Copenhagen (UTC+1).
T0 = datetime(2025, 3, 3, 9, 5, tzinfo=UTC)
WORDS = "I hurt myself when I am sad and nobody at home knows."
SECRET_NAME = "Philippa"


@pytest.fixture
def people(world):
    """Everyone has an address and a real name; there are two operators (and one who left)."""
    for key in ("mentee", "mentee2", "mentor", "mentor2", "coordinator", "other_coordinator"):
        user = world[key]
        user.email, user.first_name, user.last_name = f"{key}@example.org", SECRET_NAME, "Quist"
        user.save()
    world["operators"] = [
        factories.make_user("root", email="root@example.org", is_superuser=True, is_staff=True),
        factories.make_user("admin", email="admin@example.org", is_superuser=True, is_staff=True, language="da"),
    ]
    factories.make_user("gone", email="gone@example.org", is_superuser=True, is_active=False)
    return world


OPERATOR_ADDRESSES = ["admin@example.org", "root@example.org"]


def urgent_post(world):
    """An urgent opening post in A's mentees' space (it waits for a coordinator, who is alerted)."""
    thread = services.start_thread(world["mentee"], space=world["mentees_space"], title="Sad", body=WORDS)
    return thread.opening


def escalations(post):
    return Reminder.objects.filter(kind=ReminderKind.URGENT_ESCALATION, object_key=f"post:{post.pk}")


def sent_to(addresses_of):
    return sorted(m.to[0] for m in mail.outbox if m.to[0] in addresses_of)


def test_an_urgent_post_nobody_opened_within_the_hour_escalates_once_to_the_operators(people):
    with time_machine.travel(T0, tick=False) as traveller:
        post = urgent_post(people)
        sweep(T0)
        assert sent_to(OPERATOR_ADDRESSES) == []  # the coordinators hear at once; operators not yet
        assert sent_to(["coordinator@example.org"]) == ["coordinator@example.org"]
        traveller.move_to(T0 + timedelta(minutes=59))
        sweep(T0 + timedelta(minutes=59))
        assert sent_to(OPERATOR_ADDRESSES) == [] and not escalations(post).exists()
        traveller.move_to(T0 + timedelta(hours=1))
        sweep(T0 + timedelta(hours=1))
        assert sent_to(OPERATOR_ADDRESSES) == OPERATOR_ADDRESSES
        rows = list(escalations(post).values_list("pk", "status"))
        # Sweeping again, now and later, adds no row and sends nothing more.
        sweep(T0 + timedelta(hours=1))
        traveller.move_to(T0 + timedelta(hours=3))
        sweep(T0 + timedelta(hours=3))
    assert sent_to(OPERATOR_ADDRESSES) == OPERATOR_ADDRESSES
    assert sorted(status for _pk, status in rows) == ["sent", "sent"]
    assert list(escalations(post).values_list("pk", "status")) == rows
    assert set(escalations(post).values_list("due_at", flat=True)) == {T0 + timedelta(hours=1)}
    # Nobody but the operators: not the coordinators (they had the alert), not another program's.
    assert not Reminder.objects.filter(kind=ReminderKind.URGENT_ESCALATION).exclude(
        recipient__in=people["operators"]).exists()


def test_the_escalation_email_links_to_the_moderation_page_and_quotes_and_names_nobody(people):
    with time_machine.travel(T0, tick=False) as traveller:
        post = urgent_post(people)
        traveller.move_to(T0 + timedelta(hours=1, minutes=5))
        sweep(T0 + timedelta(hours=1, minutes=5))
    [email] = [m for m in mail.outbox if m.to == ["root@example.org"]]
    [danish] = [m for m in mail.outbox if m.to == ["admin@example.org"]]
    page = reverse("space-post-review", args=[post.pk])
    text = email.body + email.alternatives[0][0]
    assert email.subject.startswith("Urgent") and people["program"].name in email.subject
    assert page in text
    assert "hurt" not in text and "nobody at home" not in text  # not a word of the post
    pseudonym = Membership.objects.get(user=people["mentee"], program=people["program"]).pseudonym
    assert pseudonym not in text and SECRET_NAME not in text and "Quist" not in text  # nobody's name
    assert danish.subject.startswith("Akut")  # in the operator's own language
    notice = Notification.objects.get(user=people["operators"][0], kind=ReminderKind.URGENT_ESCALATION)
    assert notice.url == page and "hurt" not in notice.body and pseudonym not in notice.body


def test_an_urgent_post_a_coordinator_opened_within_the_hour_does_not_escalate(people, client):
    with time_machine.travel(T0, tick=False) as traveller:
        post = urgent_post(people)
        sweep(T0)
        traveller.move_to(T0 + timedelta(minutes=40))
        client.force_login(people["coordinator"])
        assert client.get(reverse("space-post-review", args=[post.pk])).status_code == 200  # opened, not decided
        traveller.move_to(T0 + timedelta(hours=2))
        sweep(T0 + timedelta(hours=2))
    assert sent_to(OPERATOR_ADDRESSES) == []
    assert not escalations(post).exists()


def test_an_urgent_post_a_coordinator_acted_on_does_not_escalate(people):
    with time_machine.travel(T0, tick=False) as traveller:
        withheld, claimed = urgent_post(people), urgent_post(people)
        services.withhold_post(people["coordinator"], post=withheld, reason="Safeguarding follow-up")
        services.claim_post(people["coordinator"], post=claimed)
        traveller.move_to(T0 + timedelta(hours=2))
        sweep(T0 + timedelta(hours=2))
    assert sent_to(OPERATOR_ADDRESSES) == []
    assert not Reminder.objects.filter(kind=ReminderKind.URGENT_ESCALATION).exists()


def test_opening_a_post_before_it_was_sent_again_does_not_count(people):
    """A returned post sent again with an urgent concern is a new submission: it must be opened again."""
    with time_machine.travel(T0, tick=False) as traveller:
        thread = services.start_thread(people["mentee"], space=people["mentees_space"], title="Hi", body="Hello all")
        post = thread.opening
        services.record_post_opened(people["coordinator"], post=post)
        services.return_post(people["coordinator"], post=post, note="Say which book.")
        traveller.move_to(T0 + timedelta(minutes=10))
        services.resubmit_post(people["mentee"], post=post, body=f"Hi\n\n{WORDS}")
        traveller.move_to(T0 + timedelta(hours=1, minutes=10))
        sweep(T0 + timedelta(hours=1, minutes=10))
    assert sent_to(OPERATOR_ADDRESSES) == OPERATOR_ADDRESSES
    assert set(escalations(post).values_list("due_at", flat=True)) == {T0 + timedelta(hours=1, minutes=10)}


def test_a_program_without_an_active_coordinator_still_escalates(people):
    """Nobody got the coordinators' alert: all the more reason to tell the operators."""
    Membership.objects.filter(user=people["coordinator"], program=people["program"]).update(
        status=Membership.Status.LEFT)
    with time_machine.travel(T0, tick=False) as traveller:
        post = urgent_post(people)
        assert not Reminder.objects.filter(kind=ReminderKind.URGENT_FINDING).exists()
        traveller.move_to(T0 + timedelta(hours=1))
        sweep(T0 + timedelta(hours=1))
    assert sent_to(OPERATOR_ADDRESSES) == OPERATOR_ADDRESSES
    assert escalations(post).count() == 2


def test_a_post_without_an_urgent_finding_never_escalates(people):
    with time_machine.travel(T0, tick=False) as traveller:
        services.start_thread(people["mentee"], space=people["mentees_space"], title="Books", body="I liked it.")
        services.start_thread(people["mentor"], space=people["mentors_space"], title="Contact",
                              body="Skriv til mig på kim.hansen@example.com efter skole.")  # held, not urgent
        traveller.move_to(T0 + timedelta(hours=5))
        sweep(T0 + timedelta(hours=5))
    assert not Reminder.objects.filter(kind=ReminderKind.URGENT_ESCALATION).exists()
