"""Pair health: each reason on its own, the levels, and a constant number of queries."""

from datetime import timedelta

import pytest
from django.utils import timezone

from letters.models import Finding, Letter, LetterEvent
from oversight import health, tasks
from oversight.models import HealthLevel, HealthReason, PairHealthRecord
from programs import services
from programs.models import Pair
from readings import services as reading_services
from tests import factories


def health_of(pair, now=None):
    return health.get_pair_health(pair, now=now)


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


def shown(overview, page=slice(0, 25)):
    """Return the pairs of `overview` in the order the dashboard lists them."""
    return [h.pair for h in overview.pairs[page]]


def test_overview_filters_and_sorts_worst_first(program, coordinator):
    quiet = factories.make_pair(program, coordinator)
    fine = factories.make_pair(program, coordinator)
    age_pair(quiet, 30)
    health.refresh_all_pair_health()
    overview = health.pair_health_overview(coordinator, program)
    assert shown(overview) == [quiet, fine]
    assert overview.level_counts == {"at_risk": 1, "needs_attention": 0, "on_track": 1}
    assert len(overview.pairs) == 2
    assert shown(health.pair_health_overview(coordinator, program, level=HealthLevel.ON_TRACK)) == [fine]
    assert shown(health.pair_health_overview(coordinator, program, sort="quiet")) == [quiet, fine]


def test_a_new_pair_is_judged_by_the_dashboard_or_the_scheduled_refresh(program, coordinator):
    pair = factories.make_pair(program, coordinator)
    assert not PairHealthRecord.objects.filter(pair=pair).exists()
    assert tasks.refresh_all_pair_health() == 1
    assert PairHealthRecord.objects.get(pair=pair).level == HealthLevel.ON_TRACK


def test_the_dashboard_judges_pairs_without_a_record_and_reads_the_rest_as_stored(program, coordinator):
    pair = factories.make_pair(program, coordinator)
    PairHealthRecord.objects.all().delete()  # as after the upgrade that added the records
    assert health.pair_health_overview(coordinator, program).level_counts["on_track"] == 1
    record = PairHealthRecord.objects.get(pair=pair)
    assert (record.level, record.reasons, record.program_id) == (HealthLevel.ON_TRACK, [], program.pk)
    # Time alone changes nothing stored until the scheduled refresh runs...
    age_pair(pair, 30)
    assert health.pair_health_overview(coordinator, program).level_counts["on_track"] == 1
    # ...which re-judges every open pair.
    assert health.refresh_all_pair_health() == 1
    overview = health.pair_health_overview(coordinator, program)
    assert overview.level_counts["at_risk"] == 1
    assert overview.pairs[0:1][0].reasons == [HealthReason.SILENT_LONG]


def test_a_change_shows_on_the_dashboard_at_once_even_before_a_worker_judges_it(pair, coordinator):
    """A coordinator's decision stamps the record; the dashboard re-judges it before showing it."""
    health.pair_health_overview(coordinator, pair.program)
    letter = factories.make_letter(pair, status="in_review", coordinator=coordinator)
    from letters import services as letter_services

    letter_services.withhold_letter(coordinator, letter=letter, reason="Shared a phone number")
    stamped = PairHealthRecord.objects.get(pair=pair)
    assert stamped.changed_at is not None and stamped.level == HealthLevel.ON_TRACK  # not judged yet
    # The dashboard does not wait for the task that runs every minute.
    overview = health.pair_health_overview(coordinator, pair.program)
    assert overview.level_counts["at_risk"] == 1
    assert overview.pairs[0:1][0].reasons == [HealthReason.LETTER_WITHHELD]
    record = PairHealthRecord.objects.get(pair=pair)
    assert record.changed_at is None and record.level == HealthLevel.AT_RISK


def test_the_worker_task_judges_the_changed_pairs_and_then_has_nothing_to_do(pair, coordinator):
    health.refresh_pair_health([pair])
    services.pause_pair(coordinator, pair=pair, reason="Holiday")
    stamped = PairHealthRecord.objects.get(pair=pair)
    assert stamped.changed_at is not None
    assert tasks.refresh_changed_pair_health() == 1
    record = PairHealthRecord.objects.get(pair=pair)
    assert record.changed_at is None and record.judged_at >= stamped.changed_at
    assert tasks.refresh_changed_pair_health() == 0


def test_a_judgement_made_before_the_change_leaves_the_record_stamped(pair, coordinator):
    """A refresh that started before a change must not pass its older judgement off as current."""
    health.refresh_pair_health([pair])
    before = timezone.now()
    services.pause_pair(coordinator, pair=pair, reason="Holiday")
    health.refresh_pair_health([pair], now=before)
    assert PairHealthRecord.objects.get(pair=pair).changed_at is not None
    health.refresh_pair_health([pair])
    assert PairHealthRecord.objects.get(pair=pair).changed_at is None


def test_an_older_judgement_never_replaces_a_newer_one(pair, coordinator):
    """A scheduled refresh that judged a pair before a coordinator withheld its letter must not undo it."""
    refresh_started = timezone.now()
    letter = factories.make_letter(pair, status="in_review", coordinator=coordinator)
    from letters import services as letter_services

    letter_services.withhold_letter(coordinator, letter=letter, reason="Shared a phone number")
    health.refresh_pair_health([pair], now=refresh_started + timedelta(seconds=1))  # the worker, after the decision
    health.refresh_pair_health([pair], now=refresh_started)  # judged before the decision was stored
    record = PairHealthRecord.objects.get(pair=pair)
    assert record.reasons == [HealthReason.LETTER_WITHHELD]
    assert record.judged_at == refresh_started + timedelta(seconds=1)
    later = refresh_started + timedelta(minutes=10)
    health.refresh_pair_health([pair], now=later)
    assert PairHealthRecord.objects.get(pair=pair).judged_at == later


def test_closed_pairs_leave_the_dashboard(pair, coordinator):
    health.pair_health_overview(coordinator, pair.program)
    services.close_pair(coordinator, pair=pair, reason="Finished")
    overview = health.pair_health_overview(coordinator, pair.program)
    assert shown(overview) == [] and sum(overview.level_counts.values()) == 0
    # Only open pairs have a record: judging the closing deleted it.
    assert not PairHealthRecord.objects.filter(pair=pair).exists()


def test_a_pair_closed_without_the_service_leaves_the_dashboard_at_the_next_read(program, coordinator):
    """The counts read the program's records alone; a record no closing deleted must not be counted."""
    kept, closed = factories.make_pair(program, coordinator), factories.make_pair(program, coordinator)
    health.refresh_all_pair_health()
    Pair.objects.filter(pk=closed.pk).update(status=Pair.Status.CLOSED, closed_at=timezone.now())
    overview = health.pair_health_overview(coordinator, program)
    assert shown(overview) == [kept] and overview.level_counts["on_track"] == 1
    assert list(PairHealthRecord.objects.values_list("pair_id", flat=True)) == [kept.pk]


def test_a_reopened_pair_comes_back(pair, coordinator):
    health.pair_health_overview(coordinator, pair.program)
    services.pause_pair(coordinator, pair=pair, reason="Holiday")
    Pair.objects.filter(pk=pair.pk).update(status=Pair.Status.CLOSED, closed_at=timezone.now())
    health.pair_health_overview(coordinator, pair.program)
    Pair.objects.filter(pk=pair.pk).update(status=Pair.Status.ACTIVE, closed_at=None)
    assert shown(health.pair_health_overview(coordinator, pair.program)) == [pair]


def test_names_sort_as_judged_and_a_new_name_from_the_next_refresh(program, coordinator):
    first, second = factories.make_pair(program, coordinator), factories.make_pair(program, coordinator)
    first.mentee.pseudonym, second.mentee.pseudonym = "zebra", "Ørn"
    first.mentee.save(update_fields=["pseudonym"])
    second.mentee.save(update_fields=["pseudonym"])
    health.refresh_all_pair_health()
    # Lower-cased in Python, so "Ørn" sorts after "zebra" as in Danish and Norwegian, whatever the database.
    assert shown(health.pair_health_overview(coordinator, program, sort="mentee")) == [first, second]
    second.mentee.pseudonym = "Anna"
    second.mentee.save(update_fields=["pseudonym"])
    assert shown(health.pair_health_overview(coordinator, program, sort="mentee")) == [first, second]
    health.refresh_all_pair_health()
    assert shown(health.pair_health_overview(coordinator, program, sort="mentee")) == [second, first]


def test_only_a_coordinator_reads_the_overview(pair, coordinator):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        health.pair_health_overview(pair.mentor.user, pair.program)
    assert shown(health.pair_health_overview(coordinator, pair.program)) == [pair]


@pytest.mark.parametrize("sort", sorted(health.SORT_ORDERS))
@pytest.mark.parametrize("level", ["", HealthLevel.AT_RISK])
def test_every_dashboard_order_is_read_from_an_index(program, coordinator, sort, level):
    """A page read in index order costs the same at 1,000 pairs as at 10,000; a sort step would not."""
    from django.db import connection

    if connection.vendor != "sqlite":
        pytest.skip("reads SQLite's EXPLAIN QUERY PLAN; PostgreSQL plans by its own statistics")
    factories.make_pair(program, coordinator)
    health.refresh_all_pair_health()
    page = health.pair_health_overview(coordinator, program, sort=sort, level=level).pairs.queryset[0:25]
    sql, params = page.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN QUERY PLAN " + sql, params)
        plan = [row[-1] for row in cursor.fetchall()]
    assert not any("TEMP B-TREE" in step for step in plan), plan
    assert "USING INDEX pairhealth_" in plan[0], plan


def test_pages_never_overlap_when_pairs_tie(program, coordinator):
    pairs = [factories.make_pair(program, coordinator) for _ in range(5)]
    Pair.objects.filter(pk__in=[p.pk for p in pairs]).update(started_at=timezone.now() - timedelta(days=1))
    health.refresh_all_pair_health()
    overview = health.pair_health_overview(coordinator, program, sort="quiet")
    first, second = shown(overview, slice(0, 3)), shown(overview, slice(3, 6))
    assert sorted(p.pk for p in first + second) == sorted(p.pk for p in pairs)


def build_pairs(program, coordinator, count):
    for _ in range(count):
        pair = factories.make_pair(program, coordinator)
        factories.make_letter(pair, status="delivered", coordinator=coordinator)
        factories.make_letter(pair, status="changes_requested", coordinator=coordinator)
        factories.make_letter(pair, by="mentor", status="withheld", coordinator=coordinator)


@pytest.mark.parametrize("count", [2, 12])
def test_judging_costs_two_queries_and_reading_three_whatever_the_size(
    program, coordinator, django_assert_num_queries, count
):
    build_pairs(program, coordinator, count)
    coordinator = type(coordinator).objects.get(pk=coordinator.pk)
    with django_assert_num_queries(3):  # the open pairs' ids, then one judging query and one upsert
        assert health.refresh_program_health(program) == count
    with django_assert_num_queries(4):  # the coordinator check, the records' counts, the open pairs' number, one page
        overview = health.pair_health_overview(coordinator, program)
        page = overview.pairs[0:25]
    assert len(page) == count and all(h.reason_labels for h in page)
    assert overview.level_counts["at_risk"] == count


def test_the_scheduled_task_refreshes_every_open_pair(pair, coordinator):
    from django.core.management import call_command
    from django_q.models import Schedule


    call_command("setup_schedules")
    schedule = Schedule.objects.get(func="oversight.tasks.refresh_all_pair_health")
    assert (schedule.schedule_type, schedule.minutes) == (Schedule.MINUTES, health.REFRESH_EVERY_MINUTES)
    assert "timeout" in schedule.kwargs
    age_pair(pair, 30)
    assert tasks.refresh_all_pair_health() == 1
    assert PairHealthRecord.objects.get(pair=pair).reasons == [HealthReason.SILENT_LONG]
