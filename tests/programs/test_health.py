"""Pair health: each reason on its own, the levels, and a constant number of queries."""

from datetime import timedelta

import pytest
from django.utils import timezone

from letters.models import Finding, Letter, LetterEvent
from programs import selectors, services
from programs.models import Pair
from programs.selectors import HealthLevel, HealthReason
from readings import services as reading_services
from tests import factories


def health_of(pair, now=None):
    return selectors.get_pair_health(pair, now=now)


def age_pair(pair, days):
    """Pretend the pair started `days` ago."""
    Pair.objects.filter(pk=pair.pk).update(started_at=timezone.now() - timedelta(days=days))
    pair.refresh_from_db()


def test_new_pair_is_on_track(pair):
    health = health_of(pair)
    assert (health.level, health.reasons) == (HealthLevel.ON_TRACK, [])


def test_silence_needs_attention_then_puts_at_risk(pair):
    age_pair(pair, 15)
    assert health_of(pair).reasons == [HealthReason.SILENT]
    assert health_of(pair).level == HealthLevel.NEEDS_ATTENTION
    age_pair(pair, 29)
    assert health_of(pair).reasons == [HealthReason.SILENT_LONG]
    assert health_of(pair).level == HealthLevel.AT_RISK


def test_a_recent_letter_ends_the_silence(pair, coordinator):
    age_pair(pair, 40)
    factories.make_letter(pair, status="in_review")
    assert health_of(pair).reasons == []


def test_overdue_letter_counts_only_missing_assignments(pair, coordinator):
    reading = reading_services.create_reading(coordinator, program=pair.program, title="T", body="Text")
    now = timezone.now()
    age_pair(pair, 5)
    assignment = reading_services.schedule_assignment(
        coordinator, program=pair.program, reading=reading, opens_at=now - timedelta(days=4), due_at=now - timedelta(days=1)
    )
    assert health_of(pair).reasons == [HealthReason.LETTER_OVERDUE]
    letter = factories.make_letter(pair)  # a draft does not count
    assert health_of(pair).reasons == [HealthReason.LETTER_OVERDUE]
    Letter.objects.filter(pk=letter.pk).update(assignment=assignment)
    from letters import services as letter_services
    letter_services.submit_letter(pair.mentee.user, letter=letter)
    assert health_of(pair).reasons == []


def test_assignment_due_before_the_pair_started_is_not_overdue(pair, coordinator):
    reading = reading_services.create_reading(coordinator, program=pair.program, title="T", body="Text")
    now = timezone.now()
    reading_services.schedule_assignment(
        coordinator, program=pair.program, reading=reading, opens_at=now - timedelta(days=9), due_at=now - timedelta(days=8)
    )
    assert health_of(pair).reasons == []


def test_reply_overdue_after_the_window_from_delivery(pair, coordinator):
    letter = factories.make_letter(pair, status="delivered", coordinator=coordinator)
    assert health_of(pair).reasons == []
    Letter.objects.filter(pk=letter.pk).update(delivered_at=timezone.now() - timedelta(days=8))
    assert health_of(pair).reasons == [HealthReason.REPLY_OVERDUE]
    factories.make_letter(pair, by="mentor", status="in_review")
    assert health_of(pair).reasons == []


def test_returned_letter_is_a_reason(pair, coordinator):
    factories.make_letter(pair, status="changes_requested", coordinator=coordinator)
    assert health_of(pair).reasons == [HealthReason.LETTER_RETURNED]
    assert health_of(pair).level == HealthLevel.NEEDS_ATTENTION
    LetterEvent.objects.update(created_at=timezone.now() - timedelta(weeks=5))
    assert health_of(pair).reasons == []


def test_withheld_letter_puts_the_pair_at_risk(pair, coordinator):
    factories.make_letter(pair, status="withheld", coordinator=coordinator)
    health = health_of(pair)
    assert health.reasons == [HealthReason.LETTER_WITHHELD] and health.level == HealthLevel.AT_RISK


def test_urgent_finding_puts_the_pair_at_risk(pair, coordinator):
    letter = factories.make_letter(pair, status="in_review")
    Finding.objects.create(letter=letter, kind=Finding.Kind.PHONE, severity=Finding.Severity.HOLD, start=0, end=3)
    assert health_of(pair).reasons == []
    Finding.objects.create(letter=letter, kind=Finding.Kind.SAFEGUARDING, severity=Finding.Severity.URGENT, start=0, end=3)
    health = health_of(pair)
    assert health.reasons == [HealthReason.URGENT_FINDING] and health.level == HealthLevel.AT_RISK


def test_shrinking_letters(pair, coordinator):
    pair.program.max_letter_chars = 2000
    pair.program.save()
    factories.make_letter(pair, status="delivered", coordinator=coordinator, body="A" * 400)
    factories.make_letter(pair, status="delivered", coordinator=coordinator, body="Short but fine.")
    assert HealthReason.SHRINKING in health_of(pair).reasons


def test_letters_that_stay_long_are_not_shrinking(pair, coordinator):
    pair.program.max_letter_chars = 2000
    pair.program.save()
    factories.make_letter(pair, status="delivered", coordinator=coordinator, body="A" * 400)
    factories.make_letter(pair, status="delivered", coordinator=coordinator, body="B" * 300)
    assert HealthReason.SHRINKING not in health_of(pair).reasons


def test_paused_pair_is_not_expected_to_write(pair, coordinator):
    age_pair(pair, 40)
    services.pause_pair(coordinator, pair=pair, reason="Holiday")
    assert health_of(pair).reasons == []


def test_three_reasons_put_a_pair_at_risk(pair, coordinator):
    reading = reading_services.create_reading(coordinator, program=pair.program, title="T", body="Text")
    now = timezone.now()
    age_pair(pair, 16)
    reading_services.schedule_assignment(
        coordinator, program=pair.program, reading=reading, opens_at=now - timedelta(days=4), due_at=now - timedelta(days=1)
    )
    letter = factories.make_letter(pair, by="mentor", status="changes_requested", coordinator=coordinator)
    Letter.objects.filter(pk=letter.pk).update(submitted_at=now - timedelta(days=15))
    health = health_of(pair)
    assert set(health.reasons) == {HealthReason.SILENT, HealthReason.LETTER_OVERDUE, HealthReason.LETTER_RETURNED}
    assert health.level == HealthLevel.AT_RISK


def test_list_filters_and_sorts(program, coordinator):
    quiet = factories.make_pair(program, coordinator)
    fine = factories.make_pair(program, coordinator)
    age_pair(quiet, 30)
    healths = selectors.list_pair_health(coordinator, program)
    assert [h.pair for h in healths] == [quiet, fine]
    assert [h.pair for h in selectors.list_pair_health(coordinator, program, level=HealthLevel.ON_TRACK)] == [fine]


def build_pairs(program, coordinator, count):
    for _ in range(count):
        pair = factories.make_pair(program, coordinator)
        factories.make_letter(pair, status="delivered", coordinator=coordinator)
        factories.make_letter(pair, status="changes_requested", coordinator=coordinator)
        factories.make_letter(pair, by="mentor", status="withheld", coordinator=coordinator)


@pytest.mark.parametrize("count", [2, 12])
def test_health_costs_one_query_whatever_the_size(program, coordinator, django_assert_num_queries, count):
    build_pairs(program, coordinator, count)
    coordinator = type(coordinator).objects.get(pk=coordinator.pk)
    with django_assert_num_queries(1):
        healths = selectors.list_pair_health(coordinator, program)
        assert len(healths) == count
        assert all(h.reason_labels for h in healths)
