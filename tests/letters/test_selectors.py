"""Deadlines and the thread: computed from the right moments, in a constant number of queries."""

from datetime import timedelta

from django.utils import timezone

from letters import selectors
from letters.models import Letter
from readings import services as reading_services
from tests import factories


def test_reply_due_counts_from_delivery_not_submission(pair, coordinator):
    letter = factories.make_letter(pair, status="delivered", coordinator=coordinator)
    delivered = timezone.now() - timedelta(days=2)
    Letter.objects.filter(pk=letter.pk).update(submitted_at=delivered - timedelta(days=5), delivered_at=delivered)
    letter.refresh_from_db()
    assert selectors.reply_due_at(letter) == delivered + timedelta(days=7)
    pair.program.reply_window = timedelta(days=3)
    pair.program.save()
    letter = Letter.objects.select_related("pair__program", "author").get(pk=letter.pk)
    assert selectors.reply_due_at(letter) == delivered + timedelta(days=3)


def test_no_reply_is_owed_for_undelivered_or_mentor_letters(pair, coordinator):
    assert selectors.reply_due_at(factories.make_letter(pair, status="in_review")) is None
    mentor_letter = factories.make_letter(pair, by="mentor", status="delivered", coordinator=coordinator)
    assert selectors.reply_due_at(mentor_letter) is None


def test_review_due_follows_the_programs_sla(pair):
    letter = factories.make_letter(pair, status="in_review")
    assert selectors.review_due_at(letter) == letter.submitted_at + timedelta(hours=24)


def test_letter_due_for_applies_targeting(program, coordinator, pair):
    other_pair = factories.make_pair(program, coordinator)
    reading = reading_services.create_reading(coordinator, program=program, title="T", body="Text")
    now = timezone.now()
    everyone = reading_services.schedule_assignment(
        coordinator, program=program, reading=reading, opens_at=now, due_at=now + timedelta(days=2))
    only_other = reading_services.schedule_assignment(
        coordinator, program=program, reading=reading, opens_at=now, due_at=now + timedelta(days=3),
        pairs=[other_pair])
    assert selectors.letter_due_for(pair, everyone) == everyone.due_at
    assert selectors.letter_due_for(pair, only_other) is None
    assert selectors.letter_due_for(other_pair, only_other) == only_other.due_at


def test_thread_costs_one_query_whatever_its_length(pair, coordinator, django_assert_num_queries):
    for _ in range(3):
        factories.make_letter(pair, status="delivered", coordinator=coordinator)
    mentor, mentee = pair.mentor.user, pair.mentee.user
    with django_assert_num_queries(1):
        short = [(letter.author.pseudonym, getattr(letter.assignment, "pk", None)) for letter in
                 selectors.list_thread(mentor, pair)]
    for _ in range(10):
        factories.make_letter(pair, by="mentor", status="delivered", coordinator=coordinator)
    with django_assert_num_queries(1):
        long = [(letter.author.pseudonym, getattr(letter.assignment, "pk", None)) for letter in
                selectors.list_thread(mentee, pair)]
    assert (len(short), len(long)) == (3, 13)
