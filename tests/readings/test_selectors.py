"""readings.selectors: which assignment each pair is working on."""

from datetime import timedelta

from django.utils import timezone

from readings import services
from readings.selectors import current_assignments
from tests import factories


def test_a_pair_works_on_the_next_assignment_meant_for_it(program, coordinator, pair, django_assert_num_queries):
    other = factories.make_pair(program, coordinator)
    reading = services.create_reading(coordinator, program=program, title="Tide", body="The sea.")
    now = timezone.now()
    for_all = services.schedule_assignment(coordinator, program=program, reading=reading,
                                           opens_at=now - timedelta(days=1), due_at=now + timedelta(days=5))
    with django_assert_num_queries(1):  # no assignment targets chosen pairs: no second query
        assert current_assignments([pair, other]) == {pair.pk: for_all, other.pk: for_all}
    only_other = services.schedule_assignment(coordinator, program=program, reading=reading,
                                              opens_at=now - timedelta(days=1), due_at=now + timedelta(days=2),
                                              pairs=[other])
    with django_assert_num_queries(2):
        assert current_assignments([pair, other]) == {pair.pk: for_all, other.pk: only_other}


def test_the_current_assignment_carries_its_readings_title_and_loads_the_rest_when_asked(program, coordinator, pair):
    reading = services.create_reading(coordinator, program=program, title="Tide", body="The sea.")
    now = timezone.now()
    scheduled = services.schedule_assignment(coordinator, program=program, reading=reading, prompt="Which wave?",
                                             opens_at=now - timedelta(days=1), due_at=now + timedelta(days=5))
    current = current_assignments([pair])[pair.pk]
    assert (current.pk, current.due_at, current.reading.title) == (scheduled.pk, scheduled.due_at, "Tide")
    assert current.prompt == "Which wave?" and current.reading.body == reading.body  # read on demand


def test_an_assignment_that_has_not_opened_yet_is_not_current(program, coordinator, pair):
    reading = services.create_reading(coordinator, program=program, title="Tide", body="The sea.")
    now = timezone.now()
    opened = services.schedule_assignment(coordinator, program=program, reading=reading,
                                          opens_at=now - timedelta(days=3), due_at=now - timedelta(days=1))
    services.schedule_assignment(coordinator, program=program, reading=reading,
                                 opens_at=now + timedelta(days=1), due_at=now + timedelta(days=4))
    assert current_assignments([pair]) == {pair.pk: opened}
