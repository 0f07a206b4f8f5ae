"""The letter lifecycle services: every happy path and every refusal."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from letters import services
from letters.models import Letter, LetterEvent, LetterStatus
from programs import services as program_services
from programs.exceptions import StateConflict
from readings import services as reading_services
from tests import factories


def events_of(letter):
    return list(LetterEvent.objects.filter(letter=letter).values_list("from_status", "to_status"))


# ---------------------------------------------------------------------------- drafts


def test_save_draft_keeps_the_text_exactly_as_typed_and_stores_only_escaped_html(pair):
    typed = "Hello <b>friend</b> and <insert name here><script>alert(1)</script>\r\n\r\nBye & see you"
    letter = services.save_draft(pair.mentee.user, pair=pair, body=typed)
    assert letter.status == LetterStatus.DRAFT
    assert letter.author == pair.mentee
    stored = Letter.objects.get(pk=letter.pk)
    # Every character kept; only the browser's CRLF line endings become one LF.
    assert stored.body_text == typed.replace("\r\n", "\n")
    assert "<insert name here>" in stored.body_text
    # The stored HTML rendering is the text escaped, never markup.
    assert "<script" not in stored.body_html and "<b>" not in stored.body_html
    assert "&lt;insert name here&gt;&lt;script&gt;" in stored.body_html
    assert "Bye &amp; see you" in stored.body_html


def test_save_draft_updates_the_authors_own_draft(pair):
    letter = services.save_draft(pair.mentee.user, pair=pair, body="first words")
    updated = services.save_draft(pair.mentee.user, letter=letter, body="first words and more")
    assert updated.pk == letter.pk
    assert Letter.objects.get(pk=letter.pk).body_text == "first words and more"


def test_save_draft_refuses_someone_outside_the_pair(program, coordinator, pair):
    other_pair = factories.make_pair(program, coordinator)
    with pytest.raises(PermissionDenied):
        services.save_draft(other_pair.mentee.user, pair=pair, body="hello")
    letter = services.save_draft(pair.mentee.user, pair=pair, body="hello")
    with pytest.raises(PermissionDenied):
        services.save_draft(pair.mentor.user, letter=letter, body="changed by the partner")
    assert Letter.objects.get(pk=letter.pk).body_text == "hello"


def test_save_draft_refuses_a_new_letter_in_a_paused_or_closed_pair(pair, coordinator):
    program_services.pause_pair(coordinator, pair=pair, reason="holiday")
    with pytest.raises(ValidationError, match="paused"):
        services.save_draft(pair.mentee.user, pair=pair, body="hello")
    program_services.close_pair(coordinator, pair=pair, reason="moved away")
    with pytest.raises(ValidationError, match="closed"):
        services.save_draft(pair.mentee.user, pair=pair, body="hello")
    assert not Letter.objects.exists()


def test_save_draft_refuses_an_assignment_of_another_program(pair, coordinator):
    other = factories.make_program()
    other_coordinator = factories.make_coordinator(other)
    reading = reading_services.create_reading(other_coordinator, program=other, title="T", body="Text")
    now = timezone.now()
    assignment = reading_services.schedule_assignment(
        other_coordinator, program=other, reading=reading, opens_at=now, due_at=now + timedelta(days=1)
    )
    with pytest.raises(ValidationError, match="not assigned"):
        services.save_draft(pair.mentee.user, pair=pair, body="hello", assignment=assignment)


def test_reply_must_answer_a_letter_the_author_received(pair, coordinator):
    in_review = factories.make_letter(pair, status="in_review")
    with pytest.raises(ValidationError, match="reply"):
        services.save_draft(pair.mentor.user, pair=pair, body="reply", in_reply_to=in_review)
    delivered = services.approve_letter(coordinator, letter=in_review)
    with pytest.raises(ValidationError, match="reply"):
        services.save_draft(pair.mentee.user, pair=pair, body="reply to myself", in_reply_to=delivered)
    reply = services.save_draft(pair.mentor.user, pair=pair, body="a real reply", in_reply_to=delivered)
    assert reply.in_reply_to_id == delivered.pk


def test_a_sent_letter_can_no_longer_be_edited(pair):
    letter = factories.make_letter(pair, status="in_review")
    with pytest.raises(StateConflict):
        services.save_draft(pair.mentee.user, letter=letter, body="sneaky edit")
    assert Letter.objects.get(pk=letter.pk).body_text == factories.LETTER_TEXT


# ---------------------------------------------------------------------------- submit


def test_submit_puts_the_letter_in_review_with_an_event(pair):
    draft = services.save_draft(pair.mentee.user, pair=pair, body="draft")
    letter = services.submit_letter(pair.mentee.user, letter=draft, body=factories.LETTER_TEXT)
    letter.refresh_from_db()
    assert letter.status == LetterStatus.IN_REVIEW
    assert letter.submitted_at is not None
    assert letter.body_text == factories.LETTER_TEXT
    assert events_of(letter) == [("draft", "in_review")]


def test_submit_writes_the_text_with_the_move_to_review_and_reads_no_finding_back(pair):
    draft = services.save_draft(pair.mentee.user, pair=pair, body="draft")
    with CaptureQueriesContext(connection) as queries:
        services.submit_letter(pair.mentee.user, letter=draft, body=factories.LETTER_TEXT)
    statements = [query["sql"] for query in queries.captured_queries]
    assert len([sql for sql in statements if sql.startswith('UPDATE "letters_letter"')]) == 1
    # Whether to alert at once is decided from the findings just stored, not read again.
    assert not [sql for sql in statements if sql.startswith("SELECT") and '"letters_finding"' in sql]


def test_a_first_send_in_a_program_without_watch_words_neither_reads_them_nor_deletes_findings(pair):
    # A letter is screened only when sent, so one never sent has no findings to replace; the
    # locked read already says whether the program has watch words (letters.services._lock).
    draft = services.save_draft(pair.mentee.user, pair=pair, body="draft")
    with CaptureQueriesContext(connection) as queries:
        services.submit_letter(pair.mentee.user, letter=draft, body=factories.LETTER_TEXT)
    statements = [query["sql"] for query in queries.captured_queries]
    assert not [sql for sql in statements if sql.startswith('DELETE FROM "letters_finding"')]
    assert not [sql for sql in statements if sql.startswith('SELECT "programs_watchword"')]
    assert Letter.objects.get(pk=draft.pk).status == LetterStatus.IN_REVIEW


@pytest.mark.parametrize(
    "body, message",
    [("", "empty"), ("short", "short"), ("x" * 201, "1 character too long"), ("y" * 250, "50 characters too long")],
)
def test_submit_refuses_bad_lengths_and_keeps_the_text(pair, body, message):
    draft = services.save_draft(pair.mentee.user, pair=pair, body="")
    with pytest.raises(ValidationError, match=message):
        services.submit_letter(pair.mentee.user, letter=draft, body=body)
    draft.refresh_from_db()
    assert draft.status == LetterStatus.DRAFT
    assert draft.body_text == body
    assert not LetterEvent.objects.exists()


def test_submit_refuses_a_paused_pair_and_keeps_the_text(pair, coordinator):
    draft = services.save_draft(pair.mentee.user, pair=pair, body="old")
    program_services.pause_pair(coordinator, pair=pair, reason="summer break")
    with pytest.raises(ValidationError, match="paused"):
        services.submit_letter(pair.mentee.user, letter=draft, body=factories.LETTER_TEXT)
    draft.refresh_from_db()
    assert (draft.status, draft.body_text) == (LetterStatus.DRAFT, factories.LETTER_TEXT)


def test_submit_refuses_another_author_and_a_second_submit(pair):
    draft = services.save_draft(pair.mentee.user, pair=pair, body=factories.LETTER_TEXT)
    with pytest.raises(PermissionDenied):
        services.submit_letter(pair.mentor.user, letter=draft)
    services.submit_letter(pair.mentee.user, letter=draft)
    with pytest.raises(StateConflict):
        services.submit_letter(pair.mentee.user, letter=draft)


def test_a_late_mentee_letter_is_marked_not_refused(pair, coordinator):
    reading = reading_services.create_reading(coordinator, program=pair.program, title="T", body="Text")
    now = timezone.now()
    past = reading_services.schedule_assignment(
        coordinator, program=pair.program, reading=reading, opens_at=now - timedelta(days=5), due_at=now - timedelta(days=1)
    )
    future = reading_services.schedule_assignment(
        coordinator, program=pair.program, reading=reading, opens_at=now - timedelta(days=1), due_at=now + timedelta(days=3)
    )
    late = services.save_draft(pair.mentee.user, pair=pair, body=factories.LETTER_TEXT, assignment=past)
    on_time = services.save_draft(pair.mentee.user, pair=pair, body=factories.LETTER_TEXT, assignment=future)
    assert services.submit_letter(pair.mentee.user, letter=late).is_late is True
    assert services.submit_letter(pair.mentee.user, letter=on_time).is_late is False


def test_a_mentor_reply_is_late_only_after_the_window_from_delivery(pair, coordinator):
    letter = factories.make_letter(pair, status="delivered", coordinator=coordinator)
    # Long in review does not count: delivery was just now, so the reply is on time.
    Letter.objects.filter(pk=letter.pk).update(submitted_at=timezone.now() - timedelta(days=30))
    reply = services.save_draft(pair.mentor.user, pair=pair, body=factories.LETTER_TEXT, in_reply_to=letter)
    assert services.submit_letter(pair.mentor.user, letter=reply).is_late is False
    Letter.objects.filter(pk=letter.pk).update(delivered_at=timezone.now() - timedelta(days=8))
    late_reply = services.save_draft(pair.mentor.user, pair=pair, body=factories.LETTER_TEXT, in_reply_to=letter)
    assert services.submit_letter(pair.mentor.user, letter=late_reply).is_late is True


# ---------------------------------------------------------------------------- coordinator decisions


def test_approve_delivers_and_records_the_coordinator(pair, coordinator):
    letter = factories.make_letter(pair, status="in_review")
    letter = services.approve_letter(coordinator, letter=letter)
    letter.refresh_from_db()
    assert letter.status == LetterStatus.DELIVERED and letter.delivered_at is not None
    event = LetterEvent.objects.filter(letter=letter).last()
    assert (event.actor, event.from_status, event.to_status) == (coordinator, "in_review", "delivered")


def test_request_changes_needs_a_note_and_allows_resubmission(pair, coordinator):
    letter = factories.make_letter(pair, status="in_review")
    with pytest.raises(ValidationError, match="note"):
        services.request_changes(coordinator, letter=letter, note="  ")
    services.request_changes(coordinator, letter=letter, note="Please leave out your school's name.")
    letter.refresh_from_db()
    assert letter.status == LetterStatus.CHANGES_REQUESTED
    services.save_draft(pair.mentee.user, letter=letter, body="A revised letter without the school.")
    services.submit_letter(pair.mentee.user, letter=letter)
    letter.refresh_from_db()
    assert letter.status == LetterStatus.IN_REVIEW
    assert events_of(letter) == [
        ("draft", "in_review"), ("in_review", "changes_requested"), ("changes_requested", "in_review")
    ]
    assert LetterEvent.objects.get(letter=letter, to_status="changes_requested").note == (
        "Please leave out your school's name."
    )


def test_withhold_needs_a_reason_and_can_pause_the_pair(pair, coordinator):
    letter = factories.make_letter(pair, status="in_review")
    with pytest.raises(ValidationError):
        services.withhold_letter(coordinator, letter=letter, reason="")
    letter = services.withhold_letter(coordinator, letter=letter, reason="Shares a home address.", pause_pair=True)
    letter.refresh_from_db()
    pair.refresh_from_db()
    assert letter.status == LetterStatus.WITHHELD and letter.delivered_at is None
    assert pair.status == "paused"


@pytest.mark.parametrize("decide", ["approve", "request_changes", "withhold"])
def test_decisions_refuse_non_coordinators_and_other_programs(pair, coordinator, decide):
    letter = factories.make_letter(pair, status="in_review")
    other_program = factories.make_program()
    outsider = factories.make_coordinator(other_program)
    calls = {
        "approve": lambda user: services.approve_letter(user, letter=letter),
        "request_changes": lambda user: services.request_changes(user, letter=letter, note="n"),
        "withhold": lambda user: services.withhold_letter(user, letter=letter, reason="r"),
    }
    for user in (pair.mentee.user, pair.mentor.user, outsider):
        with pytest.raises(PermissionDenied):
            calls[decide](user)
    letter.refresh_from_db()
    assert letter.status == LetterStatus.IN_REVIEW


@pytest.mark.parametrize("status", ["draft", "changes_requested", "delivered", "read", "withheld"])
def test_decisions_refuse_letters_not_in_review(pair, coordinator, status):
    letter = factories.make_letter(pair, status=status, coordinator=coordinator)
    for decide in (
        lambda: services.approve_letter(coordinator, letter=letter),
        lambda: services.request_changes(coordinator, letter=letter, note="n"),
        lambda: services.withhold_letter(coordinator, letter=letter, reason="r"),
    ):
        with pytest.raises(StateConflict):
            decide()
    assert Letter.objects.get(pk=letter.pk).status == status


def test_a_second_decision_on_a_decided_letter_gets_a_clear_message(pair, coordinator):
    second = factories.make_coordinator(pair.program)
    letter = factories.make_letter(pair, status="in_review")
    stale_copy = Letter.objects.get(pk=letter.pk)
    services.approve_letter(coordinator, letter=letter)
    with pytest.raises(StateConflict, match="Delivered"):
        services.withhold_letter(second, letter=stale_copy, reason="too late")
    assert Letter.objects.get(pk=letter.pk).status == LetterStatus.DELIVERED


# ---------------------------------------------------------------------------- reading


def test_mark_read_by_the_recipient_only_and_only_once(pair, coordinator):
    letter = factories.make_letter(pair, status="delivered", coordinator=coordinator)
    for user in (pair.mentee.user, coordinator):
        with pytest.raises(PermissionDenied):
            services.mark_read(user, letter=letter)
    services.mark_read(pair.mentor.user, letter=letter)
    services.mark_read(pair.mentor.user, letter=letter)
    letter.refresh_from_db()
    assert letter.status == LetterStatus.READ and letter.read_at is not None
    assert events_of(letter)[-1] == ("delivered", "read")
    assert len(events_of(letter)) == 3


def test_mark_letters_read_reads_what_was_delivered_to_the_actor_and_ignores_the_rest(pair, coordinator, program):
    to_mentor = [factories.make_letter(pair, status="delivered", coordinator=coordinator) for _ in range(2)]
    already = factories.make_letter(pair, status="read", coordinator=coordinator)
    own = factories.make_letter(pair, by="mentor", status="delivered", coordinator=coordinator)
    waiting = factories.make_letter(pair, status="in_review")
    other_pair = factories.make_pair(program, coordinator)
    foreign = factories.make_letter(other_pair, status="delivered", coordinator=coordinator)
    ids = [letter.pk for letter in (*to_mentor, already, own, waiting, foreign)] + [999_999]

    assert services.mark_letters_read(coordinator, letter_ids=ids) == []  # coordinators read nothing "as recipient"
    read = services.mark_letters_read(pair.mentor.user, letter_ids=ids)

    assert sorted(letter.pk for letter in read) == sorted(letter.pk for letter in to_mentor)
    statuses = dict(Letter.objects.values_list("pk", "status"))
    assert [statuses[letter.pk] for letter in to_mentor] == [LetterStatus.READ, LetterStatus.READ]
    assert (statuses[own.pk], statuses[waiting.pk], statuses[foreign.pk]) == (
        LetterStatus.DELIVERED, LetterStatus.IN_REVIEW, LetterStatus.DELIVERED)
    assert LetterEvent.objects.filter(letter__in=to_mentor, to_status="read", actor=pair.mentor.user).count() == 2
    assert len(events_of(already)) == 3  # reading again writes nothing
    assert services.mark_letters_read(pair.mentor.user, letter_ids=ids) == []


def test_mark_letters_read_fetches_the_pages_letters_in_one_query(
        pair, coordinator, django_assert_max_num_queries):
    letters = [factories.make_letter(pair, status="delivered", coordinator=coordinator) for _ in range(6)]
    # One SELECT ... FOR UPDATE for the page, then an UPDATE and an event per letter read.
    with django_assert_max_num_queries(2 + 2 * len(letters) + 2):
        assert len(services.mark_letters_read(pair.mentor.user, letter_ids=[x.pk for x in letters])) == 6


def test_mark_read_refuses_an_undelivered_letter(pair):
    letter = factories.make_letter(pair, status="in_review")
    with pytest.raises(StateConflict):
        services.mark_read(pair.mentor.user, letter=letter)
