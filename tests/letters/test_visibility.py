"""Who sees which letter: every role × own pair / other pair in the program / other program."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import Http404

from letters.access import access_letter, access_own_letter
from letters.models import Letter
from letters.selectors import list_thread
from programs.access import access_pair, access_pair_for_members
from programs.models import Pair
from tests import factories

STATES = ["draft", "in_review", "changes_requested", "delivered", "read", "withheld"]
RECIPIENT_SEES = {"delivered", "read"}
COORDINATOR_SEES = set(STATES) - {"draft"}


@pytest.fixture
def world(db):
    """Two pairs in one program and one pair in another, each with a mentee letter in every state."""
    program = factories.make_program()
    coordinator = factories.make_coordinator(program)
    own, neighbour = factories.make_pair(program, coordinator), factories.make_pair(program, coordinator)
    elsewhere_program = factories.make_program()
    elsewhere_coordinator = factories.make_coordinator(elsewhere_program)
    elsewhere = factories.make_pair(elsewhere_program, elsewhere_coordinator)
    letters = {}
    for key, pair, coord in (("own", own, coordinator), ("neighbour", neighbour, coordinator),
                             ("elsewhere", elsewhere, elsewhere_coordinator)):
        for state in STATES:
            letters[key, state] = factories.make_letter(pair, status=state, coordinator=coord)
    operator = factories.make_user("operator", is_superuser=True, is_staff=True)
    return {"own": own, "coordinator": coordinator, "operator": operator, "letters": letters,
            "pairs": {"own": own, "neighbour": neighbour, "elsewhere": elsewhere}}


def expected(viewer: str, where: str, state: str) -> bool:
    """The rule from DESIGN.md, written out independently of the queryset under test."""
    if viewer == "author":
        return where == "own"
    if viewer == "recipient":
        return where == "own" and state in RECIPIENT_SEES
    if viewer == "coordinator":
        return where in ("own", "neighbour") and state in COORDINATOR_SEES
    if viewer == "operator":
        return state != "draft"
    return False


def viewer_user(world, viewer):
    return {
        "author": world["own"].mentee.user, "recipient": world["own"].mentor.user,
        "coordinator": world["coordinator"], "operator": world["operator"], "anonymous": AnonymousUser(),
    }[viewer]


@pytest.mark.parametrize("viewer", ["author", "recipient", "coordinator", "operator", "anonymous"])
@pytest.mark.parametrize("where", ["own", "neighbour", "elsewhere"])
@pytest.mark.parametrize("state", STATES)
def test_letter_visibility_matrix(world, viewer, where, state):
    user = viewer_user(world, viewer)
    letter = world["letters"][where, state]
    should_see = expected(viewer, where, state)
    assert Letter.objects.visible_to(user).filter(pk=letter.pk).exists() is should_see
    if should_see:
        assert access_letter(user, letter.pk).pk == letter.pk
    else:
        with pytest.raises(Http404):
            access_letter(user, letter.pk)


@pytest.mark.parametrize("viewer", ["author", "recipient", "coordinator", "operator", "anonymous"])
@pytest.mark.parametrize("where", ["own", "neighbour", "elsewhere"])
@pytest.mark.parametrize("state", STATES)
def test_the_editors_fast_path_finds_only_the_authors_own_letters(world, viewer, where, state):
    letter = world["letters"][where, state]
    if viewer == "author" and where == "own":
        assert access_own_letter(viewer_user(world, viewer), letter.pk).pk == letter.pk
    else:
        with pytest.raises(Http404):
            access_own_letter(viewer_user(world, viewer), letter.pk)


def test_the_editors_fast_path_hides_a_letter_under_a_safeguarding_hold(world):
    letter = world["letters"]["own", "withheld"]
    Letter.objects.filter(pk=letter.pk).update(safeguarding_hold_until="2099-01-01T00:00:00Z")
    with pytest.raises(Http404):
        access_own_letter(world["own"].mentee.user, letter.pk)
    with pytest.raises(Http404):
        access_letter(world["own"].mentee.user, letter.pk)


@pytest.mark.parametrize("viewer", ["author", "recipient", "coordinator", "operator", "anonymous"])
@pytest.mark.parametrize("where", ["own", "neighbour", "elsewhere"])
def test_pair_visibility_matrix(world, viewer, where):
    user = viewer_user(world, viewer)
    pair = world["pairs"][where]
    should_see = {
        "author": where == "own", "recipient": where == "own", "coordinator": where != "elsewhere",
        "operator": True, "anonymous": False,
    }[viewer]
    assert Pair.objects.visible_to(user).filter(pk=pair.pk).exists() is should_see
    if not should_see:
        with pytest.raises(Http404):
            access_pair(user, pair.pk)


@pytest.mark.parametrize("viewer", ["author", "recipient", "coordinator", "operator", "anonymous"])
@pytest.mark.parametrize("where", ["own", "neighbour", "elsewhere"])
def test_the_thread_pages_pair_read_agrees_with_pair_visibility(world, viewer, where):
    # programs.access.access_pair_for_members reads by id and judges with may_see_pair.
    user, pair = viewer_user(world, viewer), world["pairs"][where]
    if Pair.objects.visible_to(user).filter(pk=pair.pk).exists():
        assert access_pair_for_members(user, pair.pk) == pair
    else:
        with pytest.raises(Http404):
            access_pair_for_members(user, pair.pk)


@pytest.mark.parametrize("side", ["mentee", "mentor"])
def test_a_pair_members_form_of_the_letter_rule_agrees_with_visible_to(world, side):
    pair, coordinator = world["own"], world["coordinator"]
    for state in STATES:  # letters of both sides in every state
        factories.make_letter(pair, by="mentor", status=state, coordinator=coordinator)
    held = factories.make_letter(pair, by=side, status="withheld", coordinator=coordinator)
    Letter.objects.filter(pk=held.pk).update(safeguarding_hold_until="2099-01-01T00:00:00Z")
    member = getattr(pair, side)
    fast = set(pair.letters.visible_to_pair_member(member).values_list("pk", flat=True))
    assert fast == set(pair.letters.visible_to(member.user).values_list("pk", flat=True))
    assert held.pk not in fast and len(fast) > 2
    # The thread page reads it from a statement built once (letters.selectors.list_thread).
    thread = list_thread(member.user, pair, member=member, coordinates=False)
    assert {letter.pk for letter in thread} == fast and all(letter.pair is pair for letter in thread)


def test_access_helpers_give_404_for_nonsense_ids(world):
    for bad in ("abc", None, 10**9, 2**70):
        with pytest.raises(Http404):
            access_letter(world["coordinator"], bad)
        with pytest.raises(Http404):
            access_pair(world["coordinator"], bad)
        with pytest.raises(Http404):
            access_pair_for_members(world["coordinator"], bad)
        with pytest.raises(Http404):
            access_own_letter(world["pairs"]["own"].mentee.user, bad)


def test_a_coordinator_who_left_sees_nothing(world):
    membership = world["coordinator"].memberships.get()
    membership.status = "left"
    membership.save()
    assert not Letter.objects.visible_to(world["coordinator"]).exists()
