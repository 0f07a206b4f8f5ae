"""Small builders for test data. They write through the services where a rule applies."""

from datetime import date, timedelta
from itertools import count

from django.contrib.auth import get_user_model
from django.utils import timezone

from letters import services as letter_services
from programs import services as program_services
from programs.models import Membership, Program

_serial = count(1)


def make_user(username: str | None = None, **fields):
    return get_user_model().objects.create_user(username=username or f"user{next(_serial)}", password="pw", **fields)


def make_program(**fields) -> Program:
    n = next(_serial)
    defaults = dict(
        name=f"Program {n}", slug=f"program-{n}", starts_on=date.today() - timedelta(days=30),
        ends_on=date.today() + timedelta(days=90), min_letter_chars=10, max_letter_chars=200,
    )
    defaults.update(fields)
    return Program.objects.create(**defaults)


def make_coordinator(program: Program, username: str | None = None):
    """Return a user who coordinates `program` (enrolled directly: someone has to be first)."""
    user = make_user(username)
    Membership.objects.create(user=user, program=program, role=Membership.Role.COORDINATOR,
                              pseudonym=f"Coordinator {user.pk}")
    return user


def make_member(program: Program, role: str, coordinator, username: str | None = None) -> Membership:
    user = make_user(username)
    return program_services.add_member(coordinator, program=program, user=user, role=role,
                                       pseudonym=f"{role.title()} {user.pk}")


def make_pair(program: Program, coordinator):
    mentor = make_member(program, Membership.Role.MENTOR, coordinator)
    mentee = make_member(program, Membership.Role.MENTEE, coordinator)
    return program_services.create_pair(coordinator, program=program, mentor=mentor, mentee=mentee)


LETTER_TEXT = "Dear partner, I enjoyed the story very much."


def make_letter(pair, *, by: str = "mentee", status: str = "draft", coordinator=None, body: str = LETTER_TEXT):
    """Return a letter by the pair's `by` side, driven through the services to `status`."""
    author = (pair.mentee if by == "mentee" else pair.mentor).user
    letter = letter_services.save_draft(author, pair=pair, body=body)
    if status == "draft":
        return letter
    letter = letter_services.submit_letter(author, letter=letter)
    if status == "in_review":
        return letter
    if status == "changes_requested":
        return letter_services.request_changes(coordinator, letter=letter, note="Please say more.")
    if status == "withheld":
        return letter_services.withhold_letter(coordinator, letter=letter, reason="Not suitable.")
    letter = letter_services.approve_letter(coordinator, letter=letter)
    if status == "delivered":
        return letter
    recipient = (pair.mentor if by == "mentee" else pair.mentee).user
    return letter_services.mark_read(recipient, letter=letter)


def now():
    return timezone.now()
