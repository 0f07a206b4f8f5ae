"""The admin goes through the services: its actions call them, and it cannot edit around them."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Permission
from django.contrib.messages import get_messages
from django.utils import timezone

from letters import services as letter_services
from letters.models import Finding, Letter, LetterStatus
from programs.models import Membership, Pair
from readings import services as reading_services
from readings.models import Assignment
from tests import factories

URGENT_TEXT = "I am scared because my dad hits me when he is angry."
PHONE_TEXT = "Hi! Call me on 07700 900123 after school."


def messages_of(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


# ---------------------------------------------------------------------------- letters


def test_admin_bulk_approve_refuses_unread_letters_with_findings_and_says_why(admin_client, pair, coordinator):
    urgent = factories.make_letter(pair, status="in_review", body=URGENT_TEXT)
    flagged = factories.make_letter(pair, status="in_review", body=PHONE_TEXT)
    clean = factories.make_letter(pair, status="in_review")
    delivered = factories.make_letter(pair, status="delivered", coordinator=coordinator)
    assert urgent.findings.filter(severity=Finding.Severity.URGENT).exists()  # the premise
    assert flagged.findings.exists() and not clean.findings.exists()

    response = admin_client.post("/admin/letters/letter/", {
        "action": "approve_selected", "_selected_action": [urgent.pk, flagged.pk, clean.pk, delivered.pk]})

    assert response.status_code == 302
    statuses = dict(Letter.objects.filter(pk__in=[urgent.pk, flagged.pk, clean.pk]).values_list("pk", "status"))
    assert statuses == {urgent.pk: LetterStatus.IN_REVIEW, flagged.pk: LetterStatus.IN_REVIEW,
                        clean.pk: LetterStatus.DELIVERED}
    said = messages_of(response)
    assert f"Letter {urgent.pk} was not delivered: Screening found a possible safeguarding concern in it: " \
           "a coordinator must read it on its review page." in said
    assert f"Letter {flagged.pk} was not delivered: Screening found something in it: open it on its review page " \
           "to read it before deciding." in said
    assert any(m.startswith(f"Letter {delivered.pk} was not delivered: It is “Delivered”") for m in said)
    assert "1 letter(s) delivered." in said
    assert clean.events.last().actor.is_superuser  # the acting operator, recorded by the service


def test_admin_bulk_approve_respects_another_coordinators_claim(admin_client, pair, program):
    second = factories.make_coordinator(program)
    letter = factories.make_letter(pair, status="in_review")
    letter_services.claim_letter(second, letter=letter)
    response = admin_client.post("/admin/letters/letter/", {"action": "approve_selected", "_selected_action": [letter.pk]})
    assert Letter.objects.get(pk=letter.pk).status == LetterStatus.IN_REVIEW
    assert any(f"Letter {letter.pk} was not delivered" in m and "is reviewing this letter" in m
               for m in messages_of(response))


# ---------------------------------------------------------------------------- memberships, pairs, assignments


def test_membership_change_form_is_read_only_and_points_to_the_people_page(admin_client, pair):
    mentee = pair.mentee
    page = admin_client.get(f"/admin/programs/membership/{mentee.pk}/change/")
    assert page.status_code == 200 and f'href="/programs/{mentee.program_id}/people/"' in page.content.decode()
    assert 'name="role"' not in page.content.decode()
    response = admin_client.post(f"/admin/programs/membership/{mentee.pk}/change/", {
        "user": mentee.user_id, "program": mentee.program_id, "role": "coordinator", "pseudonym": "Boss",
        "status": "active"})
    assert response.status_code == 403
    assert admin_client.post(f"/admin/programs/membership/{mentee.pk}/delete/", {"post": "yes"}).status_code == 403
    mentee.refresh_from_db()
    assert (mentee.role, mentee.pseudonym) == ("mentee", mentee.pseudonym) and mentee.role != "coordinator"


def test_adding_a_membership_in_the_admin_calls_add_member(admin_client, client, program):
    person = factories.make_user()
    response = admin_client.post("/admin/programs/membership/add/", {
        "user": person.pk, "program": program.pk, "role": "coordinator", "pseudonym": "New coordinator"})
    assert response.status_code == 302
    assert Membership.objects.get(user=person, program=program).role == "coordinator"
    # A staff member with the model permission but no say over the program is refused by the service.
    staff = factories.make_user(is_staff=True)
    staff.user_permissions.add(*Permission.objects.filter(codename__in=["add_membership", "view_membership"]))
    client.force_login(staff)
    stranger = factories.make_user()
    refused = client.post("/admin/programs/membership/add/", {
        "user": stranger.pk, "program": program.pk, "role": "coordinator", "pseudonym": "Self-appointed"},
        follow=True)
    assert not Membership.objects.filter(user=stranger).exists()
    assert "Only a coordinator of this program can do that." in messages_of(refused)


def test_a_programs_members_cannot_be_edited_inline(admin_client, pair, program):
    page = admin_client.get(f"/admin/programs/program/{program.pk}/change/").content.decode()
    assert pair.mentee.pseudonym in page and 'name="memberships-0-role"' not in page


def test_pair_members_cannot_be_changed_in_the_admin(admin_client, pair, program, coordinator):
    other_mentee = factories.make_member(program, "mentee", coordinator)
    page = admin_client.get(f"/admin/programs/pair/{pair.pk}/change/")
    assert page.status_code == 200 and f'href="/coordinate/pairs/{pair.pk}/"' in page.content.decode()
    response = admin_client.post(f"/admin/programs/pair/{pair.pk}/change/", {
        "mentor": pair.mentor_id, "mentee": other_mentee.pk, "program": program.pk})
    assert response.status_code == 403
    assert Pair.objects.get(pk=pair.pk).mentee_id == pair.mentee_id
    assert admin_client.post(f"/admin/programs/pair/{pair.pk}/delete/", {"post": "yes"}).status_code == 403


@pytest.fixture
def assignment(program, coordinator):
    reading = reading_services.create_reading(coordinator, program=program, title="The boat", body="<p>Read.</p>")
    now = timezone.now()
    return reading_services.schedule_assignment(coordinator, program=program, reading=reading, opens_at=now,
                                                due_at=now + timedelta(days=7))


def test_assignments_are_read_only_in_the_admin(admin_client, assignment, program):
    page = admin_client.get(f"/admin/readings/assignment/{assignment.pk}/change/")
    assert page.status_code == 200 and f'href="/programs/{program.pk}/readings/"' in page.content.decode()
    due = assignment.due_at
    response = admin_client.post(f"/admin/readings/assignment/{assignment.pk}/change/", {
        "program": program.pk, "reading": assignment.reading_id, "opens_at_0": "2020-01-01", "opens_at_1": "00:00",
        "due_at_0": "2019-01-01", "due_at_1": "00:00", "targets_all_pairs": "on"})
    assert response.status_code == 403
    assert Assignment.objects.get(pk=assignment.pk).due_at == due
    assert admin_client.get("/admin/readings/assignment/add/").status_code == 403
