"""Membership and pair services: matching, pausing, resuming, closing."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from programs import services
from programs.exceptions import StateConflict
from programs.models import Membership, PairEvent
from tests import factories


def test_add_member_refuses_a_taken_pseudonym_case_insensitively(program, coordinator):
    services.add_member(coordinator, program=program, user=factories.make_user(), role="mentee", pseudonym="Star Fox")
    with pytest.raises(ValidationError, match="taken"):
        services.add_member(coordinator, program=program, user=factories.make_user(), role="mentee", pseudonym="star fox")


def test_add_member_needs_a_coordinator_of_the_program(program, coordinator):
    mentor = factories.make_member(program, "mentor", coordinator)
    with pytest.raises(PermissionDenied):
        services.add_member(mentor.user, program=program, user=factories.make_user(), role="mentee", pseudonym="X")


def test_add_member_keeps_a_bio_for_mentors_only(program, coordinator):
    mentee = services.add_member(coordinator, program=program, user=factories.make_user(), role="mentee",
                                 pseudonym="Kid", bio="my school is ...")
    assert mentee.bio == ""


def test_create_pair_matches_a_mentor_with_a_mentee(program, coordinator):
    pair = factories.make_pair(program, coordinator)
    assert pair.status == "active" and pair.started_at is not None
    assert list(PairEvent.objects.filter(pair=pair).values_list("from_status", "to_status")) == [("", "active")]


def test_create_pair_refuses_wrong_roles_other_programs_and_non_coordinators(program, coordinator):
    mentor = factories.make_member(program, "mentor", coordinator)
    mentee = factories.make_member(program, "mentee", coordinator)
    other_mentor = factories.make_member(program, "mentor", coordinator)
    with pytest.raises(ValidationError, match="one mentor and one mentee"):
        services.create_pair(coordinator, program=program, mentor=mentor, mentee=other_mentor)
    other = factories.make_program()
    other_coordinator = factories.make_coordinator(other)
    stranger = factories.make_member(other, "mentee", other_coordinator)
    with pytest.raises(ValidationError, match="members of this program"):
        services.create_pair(coordinator, program=program, mentor=mentor, mentee=stranger)
    with pytest.raises(PermissionDenied):
        services.create_pair(other_coordinator, program=program, mentor=mentor, mentee=mentee)


def test_one_open_pair_per_person_unless_the_program_allows_more(program, coordinator):
    mentor = factories.make_member(program, "mentor", coordinator)
    first, second = (factories.make_member(program, "mentee", coordinator) for _ in range(2))
    services.create_pair(coordinator, program=program, mentor=mentor, mentee=first)
    with pytest.raises(ValidationError, match="already has 1 pair"):
        services.create_pair(coordinator, program=program, mentor=mentor, mentee=second)
    program.max_active_pairs_per_person = 2
    program.save()
    assert services.create_pair(coordinator, program=program, mentor=mentor, mentee=second).status == "active"


def test_a_closed_pair_frees_its_people_for_a_new_match(program, coordinator, pair):
    services.close_pair(coordinator, pair=pair, reason="mentor moved")
    new_mentor = factories.make_member(program, "mentor", coordinator)
    assert services.create_pair(coordinator, program=program, mentor=new_mentor, mentee=pair.mentee).pk != pair.pk


def test_pause_resume_close_with_reasons_and_history(pair, coordinator):
    with pytest.raises(ValidationError, match="why"):
        services.pause_pair(coordinator, pair=pair, reason="")
    services.pause_pair(coordinator, pair=pair, reason="exams")
    with pytest.raises(StateConflict):
        services.pause_pair(coordinator, pair=pair, reason="again")
    services.resume_pair(coordinator, pair=pair)
    with pytest.raises(StateConflict):
        services.resume_pair(coordinator, pair=pair)
    closed = services.close_pair(coordinator, pair=pair, reason="program ended early")
    assert closed.status == "closed" and closed.closed_at is not None
    with pytest.raises(StateConflict):
        services.close_pair(coordinator, pair=pair, reason="twice")
    history = list(PairEvent.objects.filter(pair=pair).values_list("from_status", "to_status", "note"))
    assert history == [
        ("", "active", ""), ("active", "paused", "exams"), ("paused", "active", ""),
        ("active", "closed", "program ended early"),
    ]


def test_pair_services_refuse_the_pair_itself(pair):
    for user in (pair.mentor.user, pair.mentee.user):
        with pytest.raises(PermissionDenied):
            services.pause_pair(user, pair=pair, reason="I want a break")
    assert Membership.objects.filter(pk=pair.mentor.pk).exists()
