"""Two coordinators deciding one letter at the same moment: exactly one wins."""

import threading

import pytest
from django.db import connection

from letters import services
from letters.models import Letter, LetterEvent
from programs.exceptions import StateConflict
from tests import factories


def race(*actions):
    """Run `actions` in threads released together; return what each returned or raised."""
    barrier = threading.Barrier(len(actions))
    outcomes = [None] * len(actions)

    def run(index, action):
        try:
            barrier.wait()
            outcomes[index] = action()
        except Exception as error:  # noqa: BLE001 - the outcome is what the test inspects
            outcomes[index] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, a)) for i, a in enumerate(actions)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return outcomes


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("repeat", range(5))
def test_two_coordinators_deciding_at_once_exactly_one_wins(repeat):
    program = factories.make_program()
    first, second = factories.make_coordinator(program), factories.make_coordinator(program)
    pair = factories.make_pair(program, first)
    letter = factories.make_letter(pair, status="in_review")
    outcomes = race(
        lambda: services.approve_letter(first, letter=letter),
        lambda: services.withhold_letter(second, letter=letter, reason="unsafe"),
    )
    winners = [o for o in outcomes if isinstance(o, Letter)]
    losers = [o for o in outcomes if isinstance(o, StateConflict)]
    assert (len(winners), len(losers)) == (1, 1), outcomes
    final = Letter.objects.get(pk=letter.pk)
    assert final.status == winners[0].status
    assert LetterEvent.objects.filter(letter=letter).exclude(from_status="draft").count() == 1


@pytest.mark.django_db(transaction=True)
def test_guarded_transition_refuses_a_stale_decision_on_any_database(pair, coordinator):
    """Without threads: the second decision, made from a stale copy, is refused by the guard."""
    letter = factories.make_letter(pair, status="in_review")
    stale = Letter.objects.get(pk=letter.pk)
    services.request_changes(coordinator, letter=letter, note="more please")
    with pytest.raises(StateConflict):
        services.approve_letter(coordinator, letter=stale)
