"""A letter is plain text kept as typed, its length is what a person sees, stale saves are
refused, and a letter with findings is delivered only from where the findings are shown."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from letters import selectors, services
from letters.models import Letter, LetterStatus
from letters.text import DRAFT_ALLOWANCE, counter_messages, letter_length, too_long_message
from programs.richtext import sanitize_html
from tests import factories

FAMILY = "\U0001F468\u200d\U0001F469\u200d\U0001F467"  # one emoji, five code points


# ---------------------------------------------------------------------------- plain text


def test_text_in_angle_brackets_reaches_the_recipient_escaped(pair, coordinator):
    typed = "I went to the park with Mum and <insert name here>.\n\nSee you & bye <3"
    letter = factories.make_letter(pair, status="delivered", coordinator=coordinator, body=typed)
    assert Letter.objects.get(pk=letter.pk).body_text == typed
    shown = selectors.recipient_html(letter)
    assert shown == (
        "<p>I went to the park with Mum and &lt;insert name here&gt;.</p><p>See you &amp; bye &lt;3</p>"
    )
    assert "&lt;insert name here&gt;" in selectors.author_html(letter)


@pytest.mark.parametrize("typed", ["Tom & Jerry say 1 < 2", "Plain words\nover two lines", "Ça va? «Oui» 😀"])
def test_bodies_stored_by_the_old_sanitiser_are_not_escaped_twice(pair, typed):
    # Letters saved before this change kept sanitize_html's plain text; showing it now must
    # give exactly the HTML the old code stored, escaped once.
    old = sanitize_html(typed)
    letter = factories.make_letter(pair, body="placeholder text")
    Letter.objects.filter(pk=letter.pk).update(body_text=old.text, body_html=old.html)
    letter.refresh_from_db()
    assert selectors.author_html(letter) == old.html
    assert "&amp;amp;" not in selectors.author_html(letter)


def test_redaction_positions_line_up_with_text_typed_around_brackets_and_emoji(pair, coordinator):
    typed = f"Hi {FAMILY} <you>!\r\nMy address is fox.star@example.com, write to me."
    letter = factories.make_letter(pair, status="in_review", body=typed)
    letter.refresh_from_db()
    assert "\r" not in letter.body_text  # one LF per line break: the page and the browser count the same
    phone = letter.findings.get(kind="contact.email")
    assert letter.body_text[phone.start:phone.end] == "fox.star@example.com"
    services.approve_letter(coordinator, letter=letter, redactions=[(phone.start, phone.end)], findings_seen=True)
    with translation.override("en"):
        seen = selectors.recipient_html(Letter.objects.get(pk=letter.pk))
    assert "example.com" not in seen and "[removed by your coordinator]" in seen
    assert f"Hi {FAMILY} &lt;you&gt;!<br>My address is <span" in seen


# ---------------------------------------------------------------------------- length


@pytest.mark.parametrize("text, expected", [
    ("😀" * 12, 12),
    (FAMILY * 3, 3),
    ("\U0001F1E9\U0001F1F0\U0001F1F3\U0001F1F4", 2),  # two flags
    ("e\u0301te\u0301", 3),  # "été" with accents typed as combining marks
    ("  line one\r\nline two  \n", 17),  # outer space ignored, CRLF is one character
    ("", 0),
])
def test_letter_length_counts_what_a_person_sees(text, expected):
    assert letter_length(text) == expected


def test_twelve_emoji_are_twelve_characters_on_submit(program, coordinator):
    program.min_letter_chars = 12
    program.save()
    pair = factories.make_pair(program, coordinator)
    letter = services.save_draft(pair.mentee.user, pair=pair, body="😀" * 12)
    assert services.submit_letter(pair.mentee.user, letter=letter).status == LetterStatus.IN_REVIEW
    short = services.save_draft(pair.mentee.user, pair=pair, body=FAMILY * 11)
    with translation.override("en"), pytest.raises(ValidationError, match="at least 1 more character\\."):
        services.submit_letter(pair.mentee.user, letter=short)


def test_the_server_and_the_counter_use_the_same_words_and_number(pair):
    maximum = pair.program.max_letter_chars
    letter = services.save_draft(pair.mentee.user, pair=pair, body="x" * (maximum + 7))
    with translation.override("da"):
        with pytest.raises(ValidationError) as refused:
            services.submit_letter(pair.mentee.user, letter=letter)
        counter = counter_messages()["long_other"].replace("{count}", "7")
    assert refused.value.message_dict["body"] == [counter]


def test_a_draft_far_past_the_limit_is_refused_with_the_letter_limit_message(pair):
    maximum = pair.program.max_letter_chars
    allowed = maximum * DRAFT_ALLOWANCE
    # Within the allowance (counted in graphemes, though each family emoji is five code points): kept.
    letter = services.save_draft(pair.mentee.user, pair=pair, body=FAMILY * allowed)
    assert letter_length(Letter.objects.get(pk=letter.pk).body_text) == allowed
    too_much = "y" * (allowed + 1)
    with translation.override("en"), pytest.raises(ValidationError) as refused:
        services.save_draft(pair.mentee.user, letter=letter, body=too_much)
    with translation.override("en"):
        assert refused.value.message_dict["body"] == [too_long_message(allowed + 1 - maximum)]
    assert Letter.objects.get(pk=letter.pk).body_text == FAMILY * allowed


# ---------------------------------------------------------------------------- stale saves


def test_a_save_from_a_stale_copy_is_refused_and_the_newer_text_returned(pair):
    letter = services.save_draft(pair.mentee.user, pair=pair, body="first")
    opened = selectors.draft_version(letter)
    newer = services.save_draft(pair.mentee.user, letter=letter, body="first, then the other tab", expected_version=opened)
    assert selectors.draft_version(newer) != opened
    with pytest.raises(services.DraftConflict) as conflict:
        services.save_draft(pair.mentee.user, letter=letter, body="first, then this tab", expected_version=opened)
    assert conflict.value.current_body == "first, then the other tab"
    assert conflict.value.current_version == selectors.draft_version(newer)
    assert Letter.objects.get(pk=letter.pk).body_text == "first, then the other tab"
    # Choosing to keep one's own text is a save against the version one was shown.
    kept = services.save_draft(pair.mentee.user, letter=letter, body="first, then this tab",
                               expected_version=conflict.value.current_version)
    assert kept.body_text == "first, then this tab"


def test_sending_from_a_stale_copy_neither_saves_nor_sends(pair):
    letter = services.save_draft(pair.mentee.user, pair=pair, body="A letter long enough to send.")
    opened = selectors.draft_version(letter)
    services.save_draft(pair.mentee.user, letter=letter, body="A newer letter from the phone.")
    with pytest.raises(services.DraftConflict):
        services.submit_letter(pair.mentee.user, letter=letter, body="The older text from the laptop.",
                               expected_version=opened)
    letter.refresh_from_db()
    assert (letter.status, letter.body_text) == (LetterStatus.DRAFT, "A newer letter from the phone.")


# ---------------------------------------------------------------------------- findings


def test_a_letter_with_findings_is_delivered_only_with_the_findings_seen(pair, coordinator):
    letter = factories.make_letter(pair, status="in_review", body="Write to me at fox.star@example.com after school please.")
    assert letter.findings.exists()
    with pytest.raises(ValidationError, match="review page"):
        services.approve_letter(coordinator, letter=letter)
    letter.refresh_from_db()
    assert letter.status == LetterStatus.IN_REVIEW and not letter.events.filter(to_status="delivered").exists()
    assert services.approve_letter(coordinator, letter=letter, findings_seen=True).status == LetterStatus.DELIVERED


def test_a_letter_without_findings_needs_no_acknowledgement(pair, coordinator):
    letter = factories.make_letter(pair, status="in_review")
    assert not letter.findings.exists()
    assert services.approve_letter(coordinator, letter=letter).status == LetterStatus.DELIVERED
