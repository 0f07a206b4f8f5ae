"""The review queue and review pages, through Django's test client."""

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from letters import services
from letters.models import Letter, LetterStatus, Redaction, ReviewAuditEntry
from tests import factories
from tests.letters.test_moderation import PHONE_TEXT, URGENT_TEXT, submit


@pytest.fixture
def as_coordinator(client, coordinator):
    client.force_login(coordinator)
    return client


def queue_url(program):
    return f"/programs/{program.pk}/review/"


def review_url(letter):
    return f"/letters/{letter.pk}/review/"


def age(letter, hours):
    Letter.objects.filter(pk=letter.pk).update(submitted_at=timezone.now() - timedelta(hours=hours))


# ---------------------------------------------------------------------------- the queue


def test_queue_lists_urgent_first_then_oldest_with_sla_in_words(as_coordinator, program, pair):
    old, urgent, new = submit(pair, factories.LETTER_TEXT), submit(pair, URGENT_TEXT), submit(pair, PHONE_TEXT)
    age(old, 30)
    age(urgent, 1)
    age(new, 2)
    page = as_coordinator.get(queue_url(program))
    assert page.status_code == 200
    html = page.content.decode()
    positions = [html.index(f'href="{review_url(letter)}"') for letter in (urgent, old, new)]
    assert positions == sorted(positions)
    assert "Urgent: possible safeguarding concern" in html and "Has findings" in html
    assert "Overdue by 6\xa0hours" in html
    assert html.count('name="letter"') == 1  # only the letter without findings can be bulk-approved
    assert f'value="{old.pk}"' in html


def test_queue_page_costs_the_same_queries_at_any_length(as_coordinator, program, pair, coordinator):
    submit(pair, PHONE_TEXT)
    # The first page of a session stamps it and caches its locale (a session write and the
    # locale query); compare pages in the steady state that follows.
    as_coordinator.get(queue_url(program))
    with CaptureQueriesContext(connection) as small:
        as_coordinator.get(queue_url(program))
    for _ in range(3):
        other = factories.make_pair(program, coordinator)
        for text in (PHONE_TEXT, URGENT_TEXT, factories.LETTER_TEXT):
            services.claim_letter(coordinator, letter=submit(other, text))
    with CaptureQueriesContext(connection) as large:
        page = as_coordinator.get(queue_url(program))
    # Count the links to letters' review pages (the site menu links to /letters/ too).
    assert len(re.findall(r'href="/letters/\d+/review/"', page.content.decode())) == 10
    assert len(large.captured_queries) == len(small.captured_queries)


@pytest.mark.parametrize("who", ["mentee", "mentor", "other_coordinator"])
def test_both_pages_are_404_for_everyone_but_the_programs_coordinators(client, program, pair, who):
    letter = submit(pair, PHONE_TEXT)
    user = {
        "mentee": pair.mentee.user, "mentor": pair.mentor.user,
        "other_coordinator": factories.make_coordinator(factories.make_program()),
    }[who]
    client.force_login(user)
    assert client.get(queue_url(program)).status_code == 404
    assert client.get(review_url(letter)).status_code == 404
    assert client.post(review_url(letter), {"action": "approve"}).status_code == 404
    assert client.post(f"/programs/{program.pk}/review/approve/", {"letter": [letter.pk]}).status_code == 404
    assert Letter.objects.get(pk=letter.pk).status == LetterStatus.IN_REVIEW
    assert not ReviewAuditEntry.objects.exists()


def test_signed_out_visitors_are_sent_to_sign_in(client, program, pair):
    letter = submit(pair, PHONE_TEXT)
    assert client.get(review_url(letter)).status_code == 302
    assert client.get(queue_url(program)).status_code == 302


def test_bulk_approve_delivers_clean_letters_and_reports_the_skipped(as_coordinator, program, pair):
    clean, flagged = submit(pair, factories.LETTER_TEXT), submit(pair, PHONE_TEXT)
    response = as_coordinator.post(f"/programs/{program.pk}/review/approve/",
                                   {"letter": [clean.pk, flagged.pk, "nonsense"]}, follow=True)
    html = response.content.decode()
    assert "1 letter delivered." in html and "1 letter was skipped" in html
    assert Letter.objects.get(pk=clean.pk).status == LetterStatus.DELIVERED
    assert Letter.objects.get(pk=flagged.pk).status == LetterStatus.IN_REVIEW


# ---------------------------------------------------------------------------- the review page


def test_opening_shows_highlighted_findings_and_audits_and_start_reviewing_claims(as_coordinator, coordinator, pair):
    earlier = factories.make_letter(pair, by="mentor", status="delivered", coordinator=coordinator,
                                    body="An earlier letter from the mentor.")
    letter = submit(pair, PHONE_TEXT)
    page = as_coordinator.get(review_url(letter))
    html = page.content.decode()
    assert page.status_code == 200
    assert ('<mark class="finding"><span class="finding-kind">[Phone number]</span> '
            '<span data-offset="15">07700 900123</span></mark>') in html
    assert 'name="span" value="15-27" id=' in html and "checked" in html
    assert earlier.body_text in html  # the pair's recent letters, for context
    # Opening claims nothing (a link followed by a scanner must not hold the letter).
    assert Letter.objects.get(pk=letter.pk).claimed_by is None
    assert 'name="action" value="claim"' in html and "You are reviewing this letter until" not in html
    started = as_coordinator.post(review_url(letter), {"action": "claim"})
    assert started.status_code == 200 and "You are reviewing this letter until" in started.content.decode()
    assert Letter.objects.get(pk=letter.pk).claimed_by == coordinator
    assert list(ReviewAuditEntry.objects.filter(letter=letter).values_list("action", flat=True)) == [
        "opened", "claimed"
    ]
    assert "Review history" in html and "Opened" in html
    assert "review.js" in html and "<script>" not in html and "style=" not in html


def test_opening_a_letter_someone_else_reads_names_them(as_coordinator, program, pair):
    second = factories.make_coordinator(program)
    letter = submit(pair, PHONE_TEXT)
    services.claim_letter(second, letter=letter)
    html = as_coordinator.get(review_url(letter)).content.decode()
    assert f"{second.memberships.get().pseudonym} is reviewing this letter" in html
    assert 'value="claim"' not in html
    refused = as_coordinator.post(review_url(letter), {"action": "claim"})
    assert refused.status_code == 409 and f"{second.memberships.get().pseudonym} is reviewing" in refused.content.decode()
    assert Letter.objects.get(pk=letter.pk).claimed_by == second


def test_a_decision_without_starting_to_review_claims_nothing_first_and_counts(as_coordinator, pair):
    letter = submit(pair, factories.LETTER_TEXT)
    as_coordinator.get(review_url(letter))
    assert as_coordinator.post(review_url(letter), {"action": "approve"}).status_code == 302
    letter = Letter.objects.get(pk=letter.pk)
    assert (letter.status, letter.claimed_by) == (LetterStatus.DELIVERED, None)


def test_approve_by_post_delivers_and_returns_to_the_queue(as_coordinator, program, pair):
    letter = submit(pair, factories.LETTER_TEXT)
    response = as_coordinator.post(review_url(letter), {"action": "approve", "approve_note": ""})
    assert response.status_code == 302 and response["Location"] == queue_url(program)
    assert Letter.objects.get(pk=letter.pk).status == LetterStatus.DELIVERED


def test_approve_with_redactions_by_post_takes_ticked_and_typed_spans(as_coordinator, pair):
    letter = submit(pair, PHONE_TEXT)
    response = as_coordinator.post(review_url(letter), {
        "action": "redact", "span": ["15-27"], "extra_spans": "0-3, 34-40", "redaction_note": "Numbers stay private.",
    })
    assert response.status_code == 302
    assert list(Redaction.objects.filter(letter=letter).values_list("start", "end")) == [(0, 3), (15, 27), (34, 40)]
    assert letter.events.last().note == "Numbers stay private."


def test_badly_typed_spans_are_refused_and_the_form_is_kept(as_coordinator, pair):
    letter = submit(pair, PHONE_TEXT)
    response = as_coordinator.post(review_url(letter), {
        "action": "redact", "extra_spans": "15 to 27", "redaction_note": "Keep me",
    })
    html = response.content.decode()
    assert response.status_code == 400
    assert "is not a part to remove" in html and ">Keep me</textarea>" in html and 'value="15 to 27"' in html
    assert Letter.objects.get(pk=letter.pk).status == LetterStatus.IN_REVIEW


def test_request_changes_without_a_note_is_refused(as_coordinator, pair):
    letter = submit(pair, factories.LETTER_TEXT)
    response = as_coordinator.post(review_url(letter), {"action": "changes", "changes_note": "  "})
    assert response.status_code == 400
    assert "Write a note so the author knows what to change." in response.content.decode()
    response = as_coordinator.post(review_url(letter), {"action": "changes", "changes_note": "Say more, please."})
    assert response.status_code == 302
    assert Letter.objects.get(pk=letter.pk).status == LetterStatus.CHANGES_REQUESTED


def test_a_refused_decision_shows_the_reason_and_keeps_the_typed_note(as_coordinator, program, pair):
    second = factories.make_coordinator(program)
    letter = submit(pair, URGENT_TEXT)
    services.claim_letter(second, letter=letter)
    response = as_coordinator.post(review_url(letter), {
        "action": "withhold", "withhold_reason": "Talks about being hurt at home.", "pause_pair": "on",
    })
    html = response.content.decode()
    assert response.status_code == 409
    assert f"{second.memberships.get().pseudonym} is reviewing this letter" in html
    assert ">Talks about being hurt at home.</textarea>" in html
    assert 'id="id_pause_pair" checked' in html
    assert Letter.objects.get(pk=letter.pk).status == LetterStatus.IN_REVIEW


def test_withhold_and_pause_by_post(as_coordinator, pair):
    letter = submit(pair, URGENT_TEXT)
    as_coordinator.get(review_url(letter))
    response = as_coordinator.post(review_url(letter), {
        "action": "withhold", "withhold_reason": "Safeguarding follow-up.", "pause_pair": "on",
    })
    assert response.status_code == 302
    pair.refresh_from_db()
    assert (Letter.objects.get(pk=letter.pk).status, pair.status) == (LetterStatus.WITHHELD, "paused")


def test_a_decision_on_a_decided_letter_gets_a_clear_message(as_coordinator, coordinator, pair):
    letter = factories.make_letter(pair, status="delivered", coordinator=coordinator)
    response = as_coordinator.post(review_url(letter), {"action": "withhold", "withhold_reason": "Too late"})
    assert response.status_code == 409
    assert "This letter is now “Delivered”" in response.content.decode()
    assert as_coordinator.get(review_url(letter)).status_code == 200  # still readable, with no forms
    assert 'name="action"' not in as_coordinator.get(review_url(letter)).content.decode()


def test_release_by_post_frees_the_letter(as_coordinator, pair):
    letter = submit(pair, factories.LETTER_TEXT)
    as_coordinator.get(review_url(letter))
    response = as_coordinator.post(review_url(letter), {"action": "release"})
    assert response.status_code == 302
    assert Letter.objects.get(pk=letter.pk).claimed_by is None


def test_an_unknown_action_is_refused(as_coordinator, pair):
    letter = submit(pair, factories.LETTER_TEXT)
    assert as_coordinator.post(review_url(letter), {"action": "delete"}).status_code == 400
    assert Letter.objects.get(pk=letter.pk).status == LetterStatus.IN_REVIEW


def test_queue_rows_speak_the_coordinators_language(as_coordinator, program, pair, coordinator):
    # The rows' texts are built in the view now; they must still find the template's translations.
    from programs.models import User

    User.objects.filter(pk=coordinator.pk).update(language="da")
    age(submit(pair, factories.LETTER_TEXT), 30)
    html = as_coordinator.get(queue_url(program)).content.decode()
    assert f"Fra {pair.mentee.pseudonym} til {pair.mentor.pseudonym}" in html
    assert "forsinket" in html  # "Overdue by …"
    assert "Godkend brevet fra" in html
