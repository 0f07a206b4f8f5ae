"""Two coordinators claiming or deciding one letter at the same moment: exactly one wins."""

import pytest

from letters import services
from letters.models import Letter, ReviewAuditEntry
from programs.exceptions import StateConflict
from tests import factories
from tests.letters.test_concurrency import race


@pytest.fixture
def contested(db):
    program = factories.make_program()
    first, second = factories.make_coordinator(program), factories.make_coordinator(program)
    pair = factories.make_pair(program, first)
    return first, second, factories.make_letter(pair, status="in_review")


def split(outcomes):
    winners = [o for o in outcomes if isinstance(o, Letter)]
    losers = [o for o in outcomes if isinstance(o, StateConflict)]
    assert (len(winners), len(losers)) == (1, 1), outcomes
    return winners[0], losers[0]


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("repeat", range(5))
def test_two_coordinators_claiming_at_once_exactly_one_gets_it(contested, repeat):
    first, second, letter = contested
    winner, loser = split(race(
        lambda: services.claim_letter(first, letter=letter),
        lambda: services.claim_letter(second, letter=letter),
    ))
    assert Letter.objects.get(pk=letter.pk).claimed_by_id == winner.claimed_by_id
    assert "is reviewing this letter" in loser.messages[0]
    assert ReviewAuditEntry.objects.filter(letter=letter, action="claimed").count() == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("repeat", range(5))
def test_two_coordinators_deciding_with_redactions_at_once_exactly_one_wins(contested, repeat):
    first, second, letter = contested
    winner, _loser = split(race(
        lambda: services.approve_letter(first, letter=letter, redactions=[(0, 4)]),
        lambda: services.request_changes(second, letter=letter, note="Say more."),
    ))
    final = Letter.objects.get(pk=letter.pk)
    assert final.status == winner.status
    assert final.redactions.count() == (1 if final.status == "delivered" else 0)
    assert ReviewAuditEntry.objects.filter(letter=letter).count() == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("repeat", range(3))
def test_bulk_approval_racing_a_withhold_decides_the_letter_once(contested, repeat):
    first, second, letter = contested
    outcomes = race(
        lambda: services.bulk_approve_letters(first, program=letter.pair.program, letter_ids=[letter.pk]),
        lambda: services.withhold_letter(second, letter=letter, reason="unsafe"),
    )
    bulk, withheld = outcomes
    final = Letter.objects.get(pk=letter.pk)
    if isinstance(withheld, Letter):
        assert (final.status, bulk) == ("withheld", [])
    else:
        assert isinstance(withheld, StateConflict) and final.status == "delivered" and len(bulk) == 1
    assert final.events.exclude(from_status="draft").count() == 1
