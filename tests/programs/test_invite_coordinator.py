"""Inviting a co-coordinator from the people page, instead of asking an operator."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from programs import accounts
from programs.models import Membership, ProgramAuditEntry
from tests import factories

pytestmark = pytest.mark.django_db


def test_a_coordinator_invites_a_co_coordinator_who_holds_the_role_once_they_accept(program, coordinator):
    membership, invitation, token = accounts.invite_coordinator(coordinator, program=program, pseudonym="Coordinator Bo")
    assert (membership.role, membership.status) == (Membership.Role.COORDINATOR, Membership.Status.INVITED)
    assert invitation.created_by == coordinator
    assert not ProgramAuditEntry.objects.filter(action=ProgramAuditEntry.Action.COORDINATOR_GRANTED,
                                                target_id=membership.pk).exists()
    user = accounts.accept_invitation(token=token, username="bo", password="a-long-new-password-1")
    membership.refresh_from_db()
    assert membership.status == Membership.Status.ACTIVE and membership.user == user
    granted = ProgramAuditEntry.objects.get(action=ProgramAuditEntry.Action.COORDINATOR_GRANTED, target_id=membership.pk)
    assert granted.actor == coordinator and granted.program == program
    assert accounts.requires_two_factor(user)  # a coordinator passes a second step like every other


def test_a_coordinator_of_another_program_cannot_add_a_co_coordinator_here(program):
    other = factories.make_coordinator(factories.make_program())
    with pytest.raises(PermissionDenied):
        accounts.invite_coordinator(other, program=program, pseudonym="Intruder")
    assert not Membership.objects.filter(program=program, pseudonym="Intruder").exists()


def test_mentors_and_mentees_cannot_add_a_co_coordinator(program, pair):
    for side in (pair.mentor, pair.mentee):
        with pytest.raises(PermissionDenied):
            accounts.invite_coordinator(side.user, program=program, pseudonym=f"Boss {side.pk}")


def test_the_participant_invitation_still_refuses_the_coordinator_role(program, coordinator):
    with pytest.raises(ValidationError):
        accounts.invite_participant(coordinator, program=program, role=Membership.Role.COORDINATOR, pseudonym="Sneaky")


def test_the_pseudonym_must_be_free_in_the_program(program, coordinator):
    taken = Membership.objects.get(user=coordinator, program=program).pseudonym
    with pytest.raises(ValidationError):
        accounts.invite_coordinator(coordinator, program=program, pseudonym=taken)


def test_the_people_page_invites_a_co_coordinator_and_shows_the_link_once(client, program, coordinator):
    client.force_login(coordinator)
    response = client.post(f"/programs/{program.pk}/people/coordinators/", {"pseudonym": "Coordinator Cy"})
    assert response.status_code == 302
    html = client.get(f"/programs/{program.pk}/people/").content.decode()
    assert "testserver/invite/" in html and "Coordinator Cy" in html
    assert "testserver/invite/" not in client.get(f"/programs/{program.pk}/people/").content.decode()
    assert Membership.objects.get(program=program, pseudonym="Coordinator Cy").role == Membership.Role.COORDINATOR


@pytest.mark.parametrize("who", ["stranger", "mentor", "mentee"])
def test_the_invite_page_is_404_for_all_but_the_programs_coordinators(client, program, pair, who):
    user = {"stranger": factories.make_coordinator(factories.make_program()),
            "mentor": pair.mentor.user, "mentee": pair.mentee.user}[who]
    client.force_login(user)
    assert client.post(f"/programs/{program.pk}/people/coordinators/", {"pseudonym": "X"}).status_code == 404
    assert not Membership.objects.filter(program=program, pseudonym="X").exists()
