"""A small world for the peer spaces: program A with two pairs, program B with one, and their spaces."""

import pytest

from spaces import services
from spaces.models import Audience
from tests import factories


@pytest.fixture
def world(db):
    """Program A (coordinator, two pairs) and program B (its coordinator, one pair), each with both spaces."""
    program_a, program_b = factories.make_program(name="Alpha"), factories.make_program(name="Beta")
    coordinator, other_coordinator = factories.make_coordinator(program_a), factories.make_coordinator(program_b)
    first, second = factories.make_pair(program_a, coordinator), factories.make_pair(program_a, coordinator)
    elsewhere = factories.make_pair(program_b, other_coordinator)
    return {
        "program": program_a, "other_program": program_b,
        "coordinator": coordinator, "other_coordinator": other_coordinator,
        "mentee": first.mentee.user, "mentee2": second.mentee.user,
        "mentor": first.mentor.user, "mentor2": second.mentor.user,
        "other_mentee": elsewhere.mentee.user, "other_mentor": elsewhere.mentor.user,
        "mentees_space": services.space_for(program_a, Audience.MENTEES),
        "mentors_space": services.space_for(program_a, Audience.MENTORS),
        "other_mentees_space": services.space_for(program_b, Audience.MENTEES),
        "other_mentors_space": services.space_for(program_b, Audience.MENTORS),
    }


def published_mentee_thread(world, *, title="Books we like", body="I liked the story about the lighthouse."):
    """A thread by `mentee` in A's mentees' space, approved by the coordinator."""
    thread = services.start_thread(world["mentee"], space=world["mentees_space"], title=title, body=body)
    services.approve_post(world["coordinator"], post=thread.opening)
    thread.refresh_from_db()
    return thread


def mentor_thread(world, *, title="Short replies", body="How do you keep replies short and warm?"):
    """A thread by `mentor` in A's mentors' space (published at once: nothing to find)."""
    return services.start_thread(world["mentor"], space=world["mentors_space"], title=title, body=body)
