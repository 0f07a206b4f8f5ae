"""The compact review page (one decision area) and the queue's rows (reading, picture, badges, filter)."""

import re

import pytest

from letters.models import Letter, LetterStatus
from programs.models import Membership
from readings import services as reading_services
from tests import factories
from tests.frontend.test_review_pages import queue_url, review_url
from tests.letters.test_moderation import PHONE_TEXT, URGENT_TEXT, submit

pytestmark = pytest.mark.django_db


@pytest.fixture
def as_coordinator(client, coordinator):
    client.force_login(coordinator)
    return client


def decision_form(html: str) -> str:
    return re.search(r'<form method="post" class="decision-form" id="decision-form">.*?</form>', html, re.S).group(0)


def test_the_review_page_has_one_decision_area_with_four_choices_and_one_button(as_coordinator, coordinator, pair):
    factories.make_letter(pair, by="mentor", status="delivered", coordinator=coordinator, body="An earlier letter.")
    letter = submit(pair, PHONE_TEXT)
    html = as_coordinator.get(review_url(letter)).content.decode()
    assert html.count('class="decision-form"') == 1
    form = decision_form(html)
    radios = re.findall(r'<input type="radio" name="action" value="(\w+)" id="decide-\1" data-key="(\w)"', form)
    assert radios == [("approve", "a"), ("redact", "p"), ("changes", "c"), ("withhold", "w")]
    for value, _key in radios:  # each choice controls its own fields, which sit in the same form
        assert f'aria-controls="fields-{value}"' in form and f'id="fields-{value}"' in form
    assert form.count('type="submit"') == 1 and " checked" not in form.split('id="fields-approve"')[0]
    assert "press A to approve, P to remove parts, C to ask for changes or W to withhold" in html
    # The pair's earlier letters are folded away, the letter and its findings come first.
    assert re.search(r'<details class="context-letter">\s*<summary>', html)
    assert html.index('id="letter-text"') < html.index('id="decision-form"') < html.index('id="context-heading"')


def test_without_javascript_the_chosen_radio_decides_and_stays_chosen_after_a_refusal(as_coordinator, pair):
    letter = submit(pair, PHONE_TEXT)
    refused = as_coordinator.post(review_url(letter), {"action": "changes", "changes_note": " ", "approve_note": "x"})
    assert refused.status_code == 400
    assert 'value="changes" id="decide-changes" data-key="c" checked' in refused.content.decode()
    assert Letter.objects.get(pk=letter.pk).status == LetterStatus.IN_REVIEW
    done = as_coordinator.post(review_url(letter), {"action": "changes", "changes_note": "Leave out the number.",
                                                    "withhold_reason": "ignored"})
    assert done.status_code == 302
    assert Letter.objects.get(pk=letter.pk).status == LetterStatus.CHANGES_REQUESTED


def test_posting_without_choosing_a_decision_asks_for_one(as_coordinator, pair):
    letter = submit(pair, PHONE_TEXT)
    response = as_coordinator.post(review_url(letter), {"approve_note": "hello"})
    assert response.status_code == 400
    assert "Choose a decision first" in response.content.decode()
    assert Letter.objects.get(pk=letter.pk).status == LetterStatus.IN_REVIEW


def test_each_queue_row_shows_the_reading_the_picture_the_first_line_and_its_finding_badges(
    as_coordinator, program, coordinator, pair,
):
    from django.utils import timezone

    Membership.objects.filter(pk=pair.mentee.pk).update(avatar="owl")
    reading = reading_services.create_reading(coordinator, program=program, title="The lighthouse cat", body="Cat.")
    now = timezone.now()
    assignment = reading_services.schedule_assignment(coordinator, program=program, reading=reading,
                                                      opens_at=now - timezone.timedelta(days=1),
                                                      due_at=now + timezone.timedelta(days=5))
    from letters import services

    about = services.submit_letter(pair.mentee.user, letter=services.save_draft(
        pair.mentee.user, pair=pair, body=URGENT_TEXT + " " + PHONE_TEXT, assignment=assignment))
    delivered = factories.make_letter(pair, by="mentee", status="delivered", coordinator=coordinator)
    reply = services.submit_letter(pair.mentor.user, letter=services.save_draft(
        pair.mentor.user, pair=pair, body="Thank you for your letter, it was lovely.", in_reply_to=delivered))
    html = as_coordinator.get(queue_url(program)).content.decode()
    first = html[html.index(f'href="{review_url(about)}"'):html.index(f'href="{review_url(reply)}"')]
    assert "About “The lighthouse cat”" in first
    assert "I am scared because my dad hits me" in first  # the first line
    assert re.search(r'<li class="chip chip-urgent">Urgent: [^<]+</li>', first)
    assert '<li class="chip chip-hold">Phone number</li>' in first
    assert "avatars/owl.svg" in html.split(f'href="{review_url(about)}"')[0].rsplit("<tr", 1)[1]
    second = html[html.index(f'href="{review_url(reply)}"'):]
    assert f"Reply to {pair.mentee.pseudonym}" in second and "No findings" in second
    assert "Waiting " in second


@pytest.mark.parametrize(("screening", "shown"), [("", {"phone", "clean"}), ("findings", {"phone"}),
                                                   ("clean", {"clean"}), ("nonsense", {"phone", "clean"})])
def test_the_queue_filters_letters_with_and_without_findings(as_coordinator, program, pair, screening, shown):
    letters = {"phone": submit(pair, PHONE_TEXT), "clean": submit(pair, factories.LETTER_TEXT)}
    html = as_coordinator.get(queue_url(program), {"screening": screening}).content.decode()
    assert {name for name, letter in letters.items() if f'href="{review_url(letter)}"' in html} == shown
