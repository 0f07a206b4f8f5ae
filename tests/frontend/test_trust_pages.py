"""The editor and the pages around it keep the author's words and tell the truth:
plain text escaped, stale saves shown side by side, one length message, a translated page
for an expired form, and letters with findings decided only on their review page."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from letters import selectors, services
from letters.models import Letter, LetterStatus
from letters.text import too_long_message
from tests import factories


def test_the_author_and_the_coordinator_see_angle_brackets_as_typed(client, pair, coordinator):
    typed = "We played with <insert name here> & <b>friends</b>."
    letter = factories.make_letter(pair, status="in_review", body=typed)
    client.force_login(pair.mentee.user)
    page = client.get(reverse("letter-detail", args=[letter.pk])).content.decode()
    assert "We played with &lt;insert name here&gt; &amp; &lt;b&gt;friends&lt;/b&gt;." in page
    client.force_login(coordinator)
    page = client.get(reverse("coordinator-pair", args=[pair.pk])).content.decode()
    assert "&lt;insert name here&gt; &amp; &lt;b&gt;friends&lt;/b&gt;" in page and "<b>friends" not in page


def test_the_editor_posts_its_version_and_a_stale_post_shows_both_texts(client, pair):
    letter = factories.make_letter(pair, body="The first text of the letter.")
    client.force_login(pair.mentee.user)
    url = reverse("letter-edit", args=[letter.pk])
    opened = selectors.draft_version(letter)
    assert f'name="version" value="{opened}"' in client.get(url).content.decode()
    # Another tab saves in between.
    services.save_draft(pair.mentee.user, letter=letter, body="The text from the other tab.")
    response = client.post(url, {"body": "The text from this tab.", "version": opened, "action": "save"})
    assert response.status_code == 409
    page = response.content.decode()
    assert "changed in another window or on another device" in page
    assert ">The text from this tab.</textarea>" in page  # mine, still in the box
    assert ">The text from the other tab.</textarea>" in page  # the newer one, beside it
    assert Letter.objects.get(pk=letter.pk).body_text == "The text from the other tab."
    # Sending from the stale page is refused too; "Keep my text" carries the newer version.
    response = client.post(url, {"body": "The text from this tab.", "version": opened, "action": "send"})
    assert response.status_code == 409 and Letter.objects.get(pk=letter.pk).status == LetterStatus.DRAFT
    newer = response.context["conflict"].current_version
    assert f'name="keep_version" value="{newer}"' in response.content.decode()
    response = client.post(url, {"body": "The text from this tab.", "version": opened, "keep_version": newer})
    assert response.status_code == 302
    assert Letter.objects.get(pk=letter.pk).body_text == "The text from this tab."


def test_autosave_answers_a_conflict_with_the_newer_text_and_a_length_refusal_in_words(client, pair):
    letter = factories.make_letter(pair, body="Start of a letter.")
    pair.mentee.user.language = "fr"
    pair.mentee.user.save()
    client.force_login(pair.mentee.user)
    url = reverse("letter-draft-save", args=[letter.pk])
    first = client.post(url, {"body": "Start of a letter, more.", "version": selectors.draft_version(letter)}).json()
    assert first["saved"] is True and first["version"] != selectors.draft_version(letter)
    stale = client.post(url, {"body": "Start, from an old tab.", "version": selectors.draft_version(letter)})
    assert stale.status_code == 409
    answer = stale.json()
    assert answer["conflict"] is True and answer["current"] == {"body": "Start of a letter, more.",
                                                                 "version": first["version"]}
    maximum = pair.program.max_letter_chars
    long_text = "z" * (maximum * 3)
    refused = client.post(url, {"body": long_text, "version": first["version"]})
    assert refused.status_code == 400
    with translation.override("fr"):
        assert refused.json()["errors"] == [too_long_message(maximum * 2)]
    assert "signed in" not in refused.content.decode()


def test_the_counter_is_given_the_servers_own_messages(client, pair):
    letter = factories.make_letter(pair)
    client.force_login(pair.mentee.user)
    page = client.get(reverse("letter-edit", args=[letter.pk])).content.decode()
    assert 'data-long-other="Your letter is {count} characters too long. Shorten it, or split it into two letters."' in page
    assert 'data-short-one="Your letter is a little short: write at least {count} more character."' in page


@pytest.mark.parametrize("language, heading", [("da", "Siden var udløbet"), ("en", "This page had expired")])
def test_an_expired_form_gets_a_translated_page_that_keeps_the_letter(pair, language, heading):
    letter = factories.make_letter(pair)
    browser = Client(enforce_csrf_checks=True, HTTP_ACCEPT_LANGUAGE=language)
    # Signed out (cookies cleared): no session, no CSRF cookie.
    url = reverse("letter-edit", args=[letter.pk])
    response = browser.post(url, {"body": "My words", "action": "send"})
    assert response.status_code == 403
    page = response.content.decode()
    assert heading in page and 'class="site-header"' in page
    assert "CSRF" not in page and "My words" not in page
    assert f'href="/login/?next=%2Fletters%2F{letter.pk}%2Fedit%2F"' in page
    # The editor's autosave gets JSON it can show.
    answer = browser.post(reverse("letter-draft-save", args=[letter.pk]), {"body": "x"}, HTTP_ACCEPT="application/json")
    assert answer.status_code == 403 and answer.json()["saved"] is False
    assert Letter.objects.get(pk=letter.pk).body_text == factories.LETTER_TEXT


def test_a_letter_with_findings_is_decided_on_its_review_page_not_the_pair_page(client, pair, coordinator):
    flagged = factories.make_letter(pair, status="in_review", body="Write to me at fox.star@example.com please.")
    plain = factories.make_letter(pair, status="in_review", by="mentor")
    client.force_login(coordinator)
    page = client.get(reverse("coordinator-pair", args=[pair.pk])).content.decode()
    assert reverse("coordinator-letter-decide", args=[pair.pk, plain.pk]) in page
    assert reverse("coordinator-letter-decide", args=[pair.pk, flagged.pk]) not in page
    assert f'href="{reverse("review-letter", args=[flagged.pk])}"' in page
    # A crafted post is refused by the service, with the way to the review page.
    response = client.post(reverse("coordinator-letter-decide", args=[pair.pk, flagged.pk]),
                           {"decision": "approve", "note": ""}, follow=True)
    assert "review page" in response.content.decode()
    assert Letter.objects.get(pk=flagged.pk).status == LetterStatus.IN_REVIEW
    # The review page delivers it.
    client.get(reverse("review-letter", args=[flagged.pk]))
    client.post(reverse("review-letter", args=[flagged.pk]), {"action": "approve"})
    assert Letter.objects.get(pk=flagged.pk).status == LetterStatus.DELIVERED
