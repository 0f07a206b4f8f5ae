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
