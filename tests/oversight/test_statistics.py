"""Topics and statistics: the suppression rule, the counts by topic, month, region and age band
(unknowns included), the services' rules and audit rows, and the constant query count.

The expected numbers are written out by hand from the fixture below, not computed by the code.
"""

from datetime import date, datetime, timezone as dt_timezone

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from letters.models import Letter
from letters import services as letter_services
from oversight import letter_counts
from oversight import services as topics
from oversight.models import DefaultTopic, LetterTally, LetterTopic, MonthlyLetterCount, Topic
from oversight.statistics import (
    SUPPRESSED, count_statistics, program_statistics, spreadsheet_safe, statistics_csv_rows, suppress,
)
from programs import services as program_services
from programs.exceptions import StateConflict
from programs.models import Pair, ProgramAuditEntry
from tests import factories


@pytest.mark.parametrize(("count", "shown"), [
    (0, "< 5"), (1, "< 5"), (2, "< 5"), (3, "< 5"), (4, "< 5"), (5, "5"), (6, "6"), (10, "10"), (1234, "1234"),
])
def test_every_count_under_five_is_shown_as_less_than_five(count, shown):
    assert suppress(count) == shown


def at(year, month, day, hour=12, minute=0):
    return datetime(year, month, day, hour, minute, tzinfo=dt_timezone.utc)


@pytest.fixture
def world(db):
    """Seven pairs in a Copenhagen program that runs from December 2025 to June 2026.

    Pairs 1-5: mentee in Aarhus, aged 10-12; each sent a letter on 10 January 2026 and one
    at 23:30 UTC on 31 January 2026, which is already 1 February in Copenhagen.
    Pair 6: mentee in Tinytown (a region with one pair), aged 13-15; one letter in February.
    Pair 7: mentee with no region and no age band; one letter in February and a draft.
    School is on the ten letters of pairs 1-5, Family on pair 6's letter and on pair 1's
    January letter; pair 7's letter has no topic.
    """
    program = factories.make_program(time_zone="Europe/Copenhagen", starts_on=date(2025, 12, 1), ends_on=date(2026, 6, 30))
    coordinator = factories.make_coordinator(program)
    topics.add_default_topics(program)
    school = Topic.objects.get(program=program, key=DefaultTopic.SCHOOL)
    family = Topic.objects.get(program=program, key=DefaultTopic.FAMILY)
    pairs = [factories.make_pair(program, coordinator) for _ in range(7)]
    # Matched when the program started, before the letters below (which are dated by hand).
    Pair.objects.filter(pk__in=[p.pk for p in pairs]).update(started_at=at(2025, 12, 1))
    details = [("Aarhus", "10-12")] * 5 + [("Tinytown", "13-15"), ("", "")]
    for pair, (region, band) in zip(pairs, details, strict=True):
        program_services.set_member_details(coordinator, membership=pair.mentee, region=region, age_band=band)
    letters = {}
    for index, pair in enumerate(pairs[:5], start=1):
        january = factories.make_letter(pair, status="in_review", coordinator=coordinator)
        february = factories.make_letter(pair, status="delivered", coordinator=coordinator)
        Letter.objects.filter(pk=january.pk).update(submitted_at=at(2026, 1, 10))
        Letter.objects.filter(pk=february.pk).update(submitted_at=at(2026, 1, 31, 23, 30))
        topics.set_letter_topic(coordinator, letter=january, topic=school, tagged=True)
        topics.set_letter_topic(coordinator, letter=february, topic=school, tagged=True)
        letters[index] = (january, february)
    sixth = factories.make_letter(pairs[5], status="in_review", coordinator=coordinator)
    seventh = factories.make_letter(pairs[6], status="in_review", coordinator=coordinator)
    factories.make_letter(pairs[6], status="draft")
    Letter.objects.filter(pk__in=[sixth.pk, seventh.pk]).update(submitted_at=at(2026, 2, 14))
    topics.set_letter_topic(coordinator, letter=sixth, topic=family, tagged=True)
    topics.set_letter_topic(coordinator, letter=letters[1][0], topic=family, tagged=True)
    return {"program": program, "coordinator": coordinator, "pairs": pairs, "school": school, "family": family,
            "letters": letters, "seventh": seventh}


def as_tuples(rows):
    return [(row.key, row.letters, row.pairs) for row in rows]


def test_counts_by_topic_with_the_untagged_letters_as_no_topic(world):
    """"No topic": the letters nobody tagged, and the pairs none of whose letters has a topic."""
    rows = {row.label: (row.letters, row.pairs) for row in count_statistics(world["program"]).by_topic}
    assert rows == {
        "School": (10, 5), "Friends": (0, 0), "Family": (2, 2), "Feelings": (0, 0), "The reading": (0, 0),
        "Hobbies": (0, 0), "The future": (0, 0), "Other": (0, 0), "No topic": (1, 1),
    }


def test_counts_by_month_in_the_programs_time_zone(world):
    assert as_tuples(count_statistics(world["program"]).by_month) == [("2026-01", 5, 5), ("2026-02", 7, 7)]


def test_a_letter_sent_before_the_programs_first_month_is_counted_as_earlier(world):
    Letter.objects.filter(pk=world["seventh"].pk).update(submitted_at=at(2025, 11, 20))
    rows = count_statistics(world["program"]).by_month
    assert [(row.key, row.label, row.letters, row.pairs) for row in rows] == [
        ("earlier", "Before December 2025", 1, 1), ("2026-01", "January 2026", 5, 5), ("2026-02", "February 2026", 6, 6)]


def test_counts_by_region_gather_small_regions_and_keep_unknowns(world):
    assert as_tuples(count_statistics(world["program"]).by_region) == [("Aarhus", 10, 5), ("other", 1, 1), ("unknown", 1, 1)]


def test_counts_by_age_band_list_every_band_and_unknown(world):
    assert as_tuples(count_statistics(world["program"]).by_age_band) == [
        ("under-10", 0, 0), ("10-12", 10, 5), ("13-15", 1, 1), ("16-17", 0, 0), ("18-25", 0, 0), ("26-39", 0, 0),
        ("40-59", 0, 0), ("60-plus", 0, 0), ("unknown", 1, 1),
    ]


def test_a_period_counts_only_the_letters_sent_in_it(world):
    program = world["program"]
    february = count_statistics(program, since=at(2026, 1, 31, 23), until=at(2026, 3, 1))
    assert as_tuples(february.by_month) == [("2026-02", 7, 7)]
    # Family is on pair 6's February letter only; pair 1's January letter is outside the period.
    topics_in_period = {row.label: (row.letters, row.pairs) for row in february.by_topic}
    assert topics_in_period["School"] == (5, 5) and topics_in_period["Family"] == (1, 1)
    assert topics_in_period["No topic"] == (1, 1)


def test_what_leaves_the_module_is_suppressed(world):
    tables = program_statistics(world["program"])
    assert as_tuples(tables.by_month) == [("2026-01", "5", "5"), ("2026-02", "7", "7")]
    assert as_tuples(tables.by_region) == [("Aarhus", "10", "5"), ("other", SUPPRESSED, SUPPRESSED),
                                           ("unknown", SUPPRESSED, SUPPRESSED)]
    school, friends, family = tables.by_topic[:3]
    assert (school.letters, school.pairs, friends.letters, family.letters) == ("10", "5", "< 5", "< 5")
    lines = statistics_csv_rows(tables)
    assert lines[0] == ["table", "key", "category", "letters", "pairs"]
    assert ["region", "other", "Other regions (each with fewer than 5 pairs)", "< 5", "< 5"] in lines
    assert ["month", "2026-02", "February 2026", "7", "7"] in lines
    values = {cell for line in lines[1:] for cell in line[3:]}
    assert not values & {"0", "1", "2", "3", "4"}


def test_the_statistics_cost_four_queries_whatever_the_size(world):
    """Once every pair's counts are current: one query finds none outdated, three read the stored counts."""
    program = world["program"]
    program_statistics(program)  # counts the pairs made by the fixture
    with CaptureQueriesContext(connection) as small:
        program_statistics(program)
    coordinator = world["coordinator"]
    for _ in range(6):
        pair = factories.make_pair(program, coordinator)
        program_services.set_member_details(coordinator, membership=pair.mentee, region="Odense", age_band="16-17")
        letter = factories.make_letter(pair, status="in_review", coordinator=coordinator)
        topics.set_letter_topic(coordinator, letter=letter, topic=world["family"], tagged=True)
    assert letter_counts.recount_outdated(program) == 6
    with CaptureQueriesContext(connection) as large:
        tables = program_statistics(program)
    assert len(small) == len(large) == 4
    assert ("Odense", "6", "6") in as_tuples(tables.by_region)


def stored_rows(program):
    return sorted(MonthlyLetterCount.objects.filter(program=program)
                  .values_list("pair_id", "month", "topic_id", "letters", "tagged"), key=str)


def test_the_stored_counts_equal_a_recount_from_the_letters_after_every_kind_of_change(world):
    """Sends, approvals, returns and resubmissions, withholding, tags put on and taken off: each stamps its
    pair, and the statistics count stamped pairs again before reading, so what they show equals a count
    made afresh from every letter."""
    program, coordinator = world["program"], world["coordinator"]
    school, family = world["school"], world["family"]
    before = count_statistics(program)
    first_pair, seventh_pair = world["pairs"][0], world["pairs"][6]
    sent = factories.make_letter(first_pair, status="in_review", coordinator=coordinator)  # a send
    topics.set_letter_topic(coordinator, letter=sent, topic=family, tagged=True)  # a tag
    topics.set_letter_topic(coordinator, letter=world["letters"][2][0], topic=school, tagged=False)  # an untag
    letter_services.approve_letter(coordinator, letter=sent)
    withheld = factories.make_letter(seventh_pair, status="in_review", coordinator=coordinator)
    letter_services.withhold_letter(coordinator, letter=withheld, reason="Names a school.")
    returned = factories.make_letter(seventh_pair, status="in_review", coordinator=coordinator)
    letter_services.request_changes(coordinator, letter=returned, note="Please leave out the address.")
    assert LetterTally.objects.filter(pair__in=[first_pair, seventh_pair, world["pairs"][1]],
                                      changed_at__isnull=False).count() == 3
    after = count_statistics(program)
    kept = stored_rows(program)
    MonthlyLetterCount.objects.all().delete()
    LetterTally.objects.all().delete()
    assert count_statistics(program) == after  # counted afresh from every letter
    assert stored_rows(program) == kept
    assert not LetterTally.objects.filter(changed_at__isnull=False).exists()
    topic_rows = {row.label: (row.letters, row.pairs) for row in after.by_topic}
    # School lost pair 2's January letter; Family gained the new letter (pair 1 already had Family).
    assert topic_rows["School"] == (9, 5) and topic_rows["Family"] == (3, 2)
    # Three letters more were sent (returned and withheld ones count as sent), none of them with School.
    assert sum(row.letters for row in after.by_month) == sum(row.letters for row in before.by_month) + 3
    # Untagged now: pair 7's three letters and pair 2's January one; pair 2 still has a School letter.
    assert topic_rows["No topic"] == (4, 1)


def test_counts_made_in_another_time_zone_are_made_again(world):
    program = world["program"]
    count_statistics(program)
    program.time_zone = "America/New_York"
    program.save(update_fields=["time_zone"])
    # 23:30 UTC on 31 January is still January in New York: all ten letters of pairs 1-5 are January's.
    assert as_tuples(count_statistics(program).by_month)[:2] == [("2026-01", 10, 5), ("2026-02", 2, 2)]


# ---------------------------------------------------------------------------- services


def test_tagging_is_audited_idempotent_and_only_for_the_programs_coordinators(world):
    program, coordinator, school = world["program"], world["coordinator"], world["school"]
    letter = world["seventh"]
    before = ProgramAuditEntry.objects.filter(program=program, action=ProgramAuditEntry.Action.LETTER_TAGGED).count()
    assert topics.set_letter_topic(coordinator, letter=letter, topic=school, tagged=True) is True
    assert topics.set_letter_topic(coordinator, letter=letter, topic=school, tagged=True) is True
    assert LetterTopic.objects.filter(letter=letter).count() == 1
    entries = ProgramAuditEntry.objects.filter(program=program, action=ProgramAuditEntry.Action.LETTER_TAGGED)
    assert entries.count() == before + 1
    newest = entries.order_by("-pk").first()
    assert (newest.target_type, newest.target_id, newest.detail) == ("letter", letter.pk, "School")
    assert topics.set_letter_topic(coordinator, letter=letter, topic=school, tagged=False) is False
    assert not LetterTopic.objects.filter(letter=letter).exists()
    assert ProgramAuditEntry.objects.filter(program=program, action=ProgramAuditEntry.Action.LETTER_UNTAGGED).count() == 1
    other_program = factories.make_program()
    other_coordinator = factories.make_coordinator(other_program)
    with pytest.raises(PermissionDenied):
        topics.set_letter_topic(other_coordinator, letter=letter, topic=school, tagged=True)
    with pytest.raises(PermissionDenied):
        topics.set_letter_topic(world["pairs"][6].mentor.user, letter=letter, topic=school, tagged=True)
    foreign = topics.add_topic(other_coordinator, program=other_program, name="Sport")
    with pytest.raises(ValidationError):
        topics.set_letter_topic(coordinator, letter=letter, topic=foreign, tagged=True)


def test_a_draft_cannot_be_tagged_and_a_retired_topic_is_not_put_on(world):
    coordinator, school = world["coordinator"], world["school"]
    draft = Letter.objects.get(pair=world["pairs"][6], status="draft")
    with pytest.raises(StateConflict):
        topics.set_letter_topic(coordinator, letter=draft, topic=school, tagged=True)
    topics.set_topic_retired(coordinator, topic=school, retired=True)
    with pytest.raises(ValidationError):
        topics.set_letter_topic(coordinator, letter=world["seventh"], topic=school, tagged=True)
    # Its tags stay counted, under a name that says it is retired.
    rows = {row.label: row.letters for row in count_statistics(world["program"]).by_topic}
    assert rows["School (retired)"] == 10
    # Taking a retired topic off a letter is allowed.
    first = world["letters"][1][0]
    assert topics.set_letter_topic(coordinator, letter=first, topic=school, tagged=False) is False


def test_topics_are_added_renamed_retired_and_brought_back_with_audit_rows(world):
    program, coordinator = world["program"], world["coordinator"]
    sport = topics.add_topic(coordinator, program=program, name="  Sport   and games ")
    assert sport.label == "Sport and games"
    with pytest.raises(ValidationError):
        topics.add_topic(coordinator, program=program, name="sport AND games")
    with pytest.raises(ValidationError):
        topics.add_topic(coordinator, program=program, name="school")  # a default topic's name
    with pytest.raises(ValidationError):
        topics.add_topic(coordinator, program=program, name="x" * 61)
    renamed = topics.rename_topic(coordinator, topic=world["family"], name="Home")
    assert renamed.label == "Home" and renamed.key == DefaultTopic.FAMILY
    topics.set_topic_retired(coordinator, topic=sport, retired=True)
    topics.set_topic_retired(coordinator, topic=sport, retired=True)
    topics.set_topic_retired(coordinator, topic=sport, retired=False)
    actions = list(ProgramAuditEntry.objects.filter(program=program, action__startswith="topic_")
                   .order_by("pk").values_list("action", "detail"))
    assert actions == [("topic_added", "Sport and games"), ("topic_renamed", "Family -> Home"),
                       ("topic_retired", "Sport and games"), ("topic_restored", "Sport and games")]
    other = factories.make_program()
    with pytest.raises(PermissionDenied):
        topics.add_topic(factories.make_coordinator(other), program=program, name="Music")


def test_default_topics_are_added_once_in_the_readers_language(world):
    program, coordinator = world["program"], world["coordinator"]
    assert topics.add_default_topics(program) == 0
    assert topics.restore_default_topics(coordinator, program=program) == 0
    assert Topic.objects.filter(program=program).count() == len(DefaultTopic.values)
    from django.utils import translation

    with translation.override("da"):
        assert Topic.objects.get(program=program, key=DefaultTopic.SCHOOL).label == "Skole"
    with translation.override("fr"):
        assert Topic.objects.get(program=program, key=DefaultTopic.FRIENDS).label == "Amis"
    with translation.override("nb"):
        assert Topic.objects.get(program=program, key=DefaultTopic.FEELINGS).label == "Følelser"


def test_member_details_are_tidied_checked_and_audited_without_their_values(world):
    program, coordinator = world["program"], world["coordinator"]
    mentee = world["pairs"][0].mentee
    program_services.set_member_details(coordinator, membership=mentee, region="  Aarhus   C ", age_band="13-15")
    mentee.refresh_from_db()
    assert (mentee.region, mentee.age_band) == ("Aarhus C", "13-15")
    entry = ProgramAuditEntry.objects.filter(program=program, action="member_details_changed").order_by("-pk").first()
    assert entry.detail == "region, age_band" and "Aarhus" not in entry.detail
    with pytest.raises(ValidationError):
        program_services.set_member_details(coordinator, membership=mentee, region="", age_band="11")
    with pytest.raises(ValidationError):
        program_services.set_member_details(coordinator, membership=mentee, region="y" * 101, age_band="")
    with pytest.raises(PermissionDenied):
        program_services.set_member_details(mentee.user, membership=mentee, region="Elsewhere", age_band="")


def test_the_csv_import_takes_region_and_age_band_and_reports_a_bad_row_by_line(world):
    program, coordinator = world["program"], world["coordinator"]
    bad = ("pseudonym,role,region,age_band\n"
           "Robin,mentee,Bergen,10-12\n"
           "Sam,mentee,Bergen,ten\n")
    with pytest.raises(ValidationError) as refused:
        program_services.import_participants(coordinator, program=program, csv_text=bad)
    assert len(refused.value.messages) == 1 and refused.value.messages[0].startswith("Line 3:")
    assert not program.memberships.filter(pseudonym__in=["Robin", "Sam"]).exists()
    good = ("pseudonym,role,region,age_band\n"
            "Robin,mentee,  Bergen ,10-12\n"
            "Sam,mentor,,\n")
    program_services.import_participants(coordinator, program=program, csv_text=good)
    robin, sam = program.memberships.get(pseudonym="Robin"), program.memberships.get(pseudonym="Sam")
    assert (robin.region, robin.age_band, sam.region, sam.age_band) == ("Bergen", "10-12", "", "")


@pytest.mark.parametrize(("typed", "written"), [
    ("Aarhus", "Aarhus"), ("=HYPERLINK(\"x\")", "'=HYPERLINK(\"x\")"), ("+45", "'+45"), ("-x", "'-x"),
    ("@sum", "'@sum"), ("< 5", "< 5"),
])
def test_the_csv_file_shows_typed_names_as_text_never_as_formulas(typed, written):
    assert spreadsheet_safe(typed) == written


def test_a_topic_is_renamed_and_retired_together_or_not_at_all(world):
    coordinator, school = world["coordinator"], world["school"]
    with pytest.raises(ValidationError):
        topics.change_topic(coordinator, topic=school, name="Family", retired=True)  # a name already taken
    school.refresh_from_db()
    assert (school.label, school.retired_at) == ("School", None)
    changed = topics.change_topic(coordinator, topic=school, name="Classes", retired=True)
    assert changed.label == "Classes" and changed.retired_at is not None
