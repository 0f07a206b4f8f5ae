"""The review queue: who sees it, its order, its annotations, and its constant query count."""

from datetime import timedelta

from django.utils import timezone

from letters import deadlines, selectors, services
from letters.models import Letter
from tests import factories
from tests.letters.test_moderation import PHONE_TEXT, URGENT_TEXT, submit


def age(letter, hours):
    Letter.objects.filter(pk=letter.pk).update(submitted_at=timezone.now() - timedelta(hours=hours))


def test_queue_puts_urgent_first_then_oldest_first(program, pair, coordinator):
    newest_clean = submit(pair, factories.LETTER_TEXT)
    oldest_clean = submit(pair, factories.LETTER_TEXT)
    flagged = submit(pair, PHONE_TEXT)
    urgent = submit(pair, URGENT_TEXT)
    age(newest_clean, 1)
    age(oldest_clean, 30)
    age(flagged, 5)
    age(urgent, 2)
    factories.make_letter(pair, status="delivered", coordinator=coordinator)  # not in review: not queued
    queue = list(selectors.list_review_queue(coordinator, program))
    assert [letter.pk for letter in queue] == [urgent.pk, oldest_clean.pk, flagged.pk, newest_clean.pk]
    by_pk = {letter.pk: letter for letter in queue}
    assert (by_pk[urgent.pk].has_findings, by_pk[urgent.pk].has_urgent) == (True, True)
    assert (by_pk[flagged.pk].has_findings, by_pk[flagged.pk].has_urgent) == (True, False)
    assert (by_pk[oldest_clean.pk].has_findings, by_pk[oldest_clean.pk].has_urgent) == (False, False)
    oldest = by_pk[oldest_clean.pk]
    assert oldest.is_overdue is True and by_pk[newest_clean.pk].is_overdue is False
    assert oldest.review_due == deadlines.review_due_for(oldest)
    assert timedelta(hours=30) <= oldest.waiting < timedelta(hours=30, minutes=5)


def test_queue_shows_only_a_live_claim_holder(program, pair, coordinator):
    claimed, expired = submit(pair, factories.LETTER_TEXT), submit(pair, factories.LETTER_TEXT)
    services.claim_letter(coordinator, letter=claimed)
    services.claim_letter(coordinator, letter=expired)
    Letter.objects.filter(pk=expired.pk).update(claimed_until=timezone.now() - timedelta(seconds=1))
    holders = {letter.pk: letter.claim_holder for letter in selectors.list_review_queue(coordinator, program)}
    assert holders == {claimed.pk: coordinator.memberships.get().pseudonym, expired.pk: None}


def test_only_the_programs_coordinators_reach_the_queue(client, program, pair):
    """The selector trusts its caller; the page's access helper is what refuses everyone else (404)."""
    submit(pair, factories.LETTER_TEXT)
    outsider = factories.make_coordinator(factories.make_program())
    operator = factories.make_user(is_superuser=True)
    for user, status in ((pair.mentee.user, 404), (pair.mentor.user, 404), (outsider, 404), (operator, 200)):
        client.force_login(user)
        assert client.get(f"/programs/{program.pk}/review/").status_code == status
    assert len(selectors.list_review_queue(operator, program)) == 1


def render(queue):
    return [(letter.author.pseudonym, letter.pair.mentor.pseudonym, letter.pair.mentee.pseudonym,
             letter.has_findings, letter.has_urgent, letter.claim_holder, letter.review_due, letter.waiting)
            for letter in queue]


def test_queue_costs_the_same_queries_whatever_its_length(program, pair, coordinator, django_assert_num_queries):
    submit(pair, PHONE_TEXT)
    # One query for the queue (the caller has checked the coordinator).
    with django_assert_num_queries(1):
        small = render(selectors.list_review_queue(coordinator, program))
    for _ in range(4):
        other = factories.make_pair(program, coordinator)
        for text in (PHONE_TEXT, URGENT_TEXT, factories.LETTER_TEXT):
            services.claim_letter(coordinator, letter=submit(other, text))
    with django_assert_num_queries(1):
        large = render(selectors.list_review_queue(coordinator, program))
    assert (len(small), len(large)) == (1, 13)
    # The page's finding badges cost one more query, whatever the length.
    with django_assert_num_queries(2):
        kinds = [sorted(f.kind for f in letter.findings.all())
                 for letter in selectors.list_review_queue(coordinator, program, with_finding_kinds=True)]
    assert kinds == [sorted(letter.findings.values_list("kind", flat=True))
                     for letter in selectors.list_review_queue(coordinator, program)]
