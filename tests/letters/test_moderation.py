"""Moderation: screening on submit, the review policy, claims, redactions, bulk approval, audit."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone, translation

from letters import selectors, services
from letters.models import Finding, Letter, LetterEvent, LetterStatus, Redaction, ReviewAuditEntry
from programs.exceptions import StateConflict
from programs import services as program_services
from programs.models import Program
from tests import factories

PHONE_TEXT = "Hi! Call me on 07700 900123 after school."  # the phone number is text[15:27]
URGENT_TEXT = "I am scared because my dad hits me when he is angry."  # "my dad hits me" is text[20:34]
CLEAN_TEXT = factories.LETTER_TEXT


def submit(pair, body, *, by="mentee"):
    author = (pair.mentee if by == "mentee" else pair.mentor).user
    draft = services.save_draft(author, pair=pair, body=body)
    return services.submit_letter(author, letter=draft)


def set_policy(program, policy):
    Program.objects.filter(pk=program.pk).update(review_policy=policy)
    program.refresh_from_db()


def audit_actions(letter):
    return list(ReviewAuditEntry.objects.filter(letter=letter).values_list("action", flat=True))


# ---------------------------------------------------------------------------- screening and policy


def test_findings_are_stored_with_their_spans_on_submit(pair):
    letter = submit(pair, PHONE_TEXT)
    assert list(letter.findings.values_list("kind", "severity", "start", "end")) == [
        ("contact.phone", "hold", 15, 27)
    ]
    assert PHONE_TEXT[15:27] == "07700 900123"


def test_resubmitting_replaces_the_old_findings(pair, coordinator):
    letter = submit(pair, PHONE_TEXT)
    services.request_changes(coordinator, letter=letter, note="Please leave out your phone number.")
    services.submit_letter(pair.mentee.user, letter=letter, body=CLEAN_TEXT)
    assert not Finding.objects.filter(letter=letter).exists()


def test_program_countries_decide_which_national_numbers_count(program, coordinator, pair):
    text = "Ring 31 22 40 18 please"  # a Danish mobile number, not a possible British one
    assert program.screening_regions() == ["GB"]  # English program without countries: the UK
    assert not submit(pair, text).findings.exists()
    program_services.set_screening_countries(coordinator, program=program, countries=["DK"])
    pair.program.refresh_from_db()
    assert list(submit(pair, text).findings.values_list("kind", "start", "end")) == [("contact.phone", 5, 16)]


def test_region_defaults_follow_the_language():
    assert [Program(language=code).screening_regions() for code in ("en", "da", "nb", "fr")] == [
        ["GB"], ["DK"], ["NO"], ["FR"]
    ]
    assert Program(language="da", screening_countries=["US", "FR"]).screening_regions() == ["US", "FR"]


def test_programs_watch_words_hold_a_letter(program, coordinator, pair):
    set_policy(program, "flagged_only")
    program_services.add_watch_word(coordinator, program=program, term="cafe", severity="hold")
    program_services.add_watch_word(coordinator, program=program, term="  secret   club ", severity="hold")
    letter = submit(pair, "I liked the story, and the Café in it was nice.")
    assert list(letter.findings.values_list("kind", "severity", "start", "end")) == [("blocked_term", "hold", 27, 31)]
    assert Letter.objects.get(pk=letter.pk).status == LetterStatus.IN_REVIEW


def test_policy_all_keeps_even_a_clean_letter_for_a_coordinator(pair):
    letter = submit(pair, CLEAN_TEXT)
    assert Letter.objects.get(pk=letter.pk).status == LetterStatus.IN_REVIEW
    assert not letter.findings.exists()


def test_policy_flagged_only_delivers_a_clean_letter_at_once(program, pair):
    set_policy(program, "flagged_only")
    pair.program.refresh_from_db()
    letter = submit(pair, CLEAN_TEXT)
    stored = Letter.objects.get(pk=letter.pk)
    assert stored.status == LetterStatus.DELIVERED and stored.delivered_at is not None
    event = LetterEvent.objects.filter(letter=letter).last()
    assert (event.actor, event.from_status, event.to_status) == (None, "in_review", "delivered")
    assert event.note.startswith("Delivered automatically: no findings")


def test_policy_flagged_only_holds_a_letter_with_findings(program, pair):
    set_policy(program, "flagged_only")
    pair.program.refresh_from_db()
    letter = submit(pair, PHONE_TEXT)
    assert Letter.objects.get(pk=letter.pk).status == LetterStatus.IN_REVIEW


@pytest.mark.parametrize("policy", ["all", "flagged_only"])
def test_an_urgent_finding_always_waits_and_is_recorded(program, pair, policy):
    set_policy(program, policy)
    pair.program.refresh_from_db()
    letter = submit(pair, URGENT_TEXT)
    assert Letter.objects.get(pk=letter.pk).status == LetterStatus.IN_REVIEW
    urgent = Finding.objects.get(letter=letter, severity="urgent")
    # A safeguarding finding covers the sentence its words are in ("my dad hits me" is text[20:34]).
    assert (urgent.kind, urgent.start, urgent.end, urgent.concept) == ("safeguarding", 0, len(URGENT_TEXT), "abuse")


# ---------------------------------------------------------------------------- claims


@pytest.fixture
def second(program):
    return factories.make_coordinator(program)


def test_claiming_a_free_letter_records_the_holder_and_an_audit_row(pair, coordinator):
    letter = factories.make_letter(pair, status="in_review")
    before = timezone.now()
    claimed = services.claim_letter(coordinator, letter=letter)
    stored = Letter.objects.get(pk=letter.pk)
    assert stored.claimed_by == coordinator
    assert stored.claimed_until >= before + services.CLAIM_DURATION
    assert claimed.claimed_until == stored.claimed_until
    assert audit_actions(letter) == ["claimed"]


def test_a_live_claim_by_someone_else_is_refused_with_their_pseudonym(pair, coordinator, second):
    letter = factories.make_letter(pair, status="in_review")
    services.claim_letter(coordinator, letter=letter)
    holder = coordinator.memberships.get().pseudonym
    with pytest.raises(StateConflict, match=f"{holder} is reviewing this letter"):
        services.claim_letter(second, letter=letter)
    assert Letter.objects.get(pk=letter.pk).claimed_by == coordinator


def test_an_expired_claim_is_free_again(pair, coordinator, second):
    letter = factories.make_letter(pair, status="in_review")
    services.claim_letter(coordinator, letter=letter)
    Letter.objects.filter(pk=letter.pk).update(claimed_until=timezone.now() - timedelta(seconds=1))
    services.claim_letter(second, letter=letter)
    assert Letter.objects.get(pk=letter.pk).claimed_by == second
    services.approve_letter(second, letter=letter)  # the new holder decides


def test_reclaiming_your_own_letter_extends_the_claim(pair, coordinator):
    letter = factories.make_letter(pair, status="in_review")
    services.claim_letter(coordinator, letter=letter)
    Letter.objects.filter(pk=letter.pk).update(claimed_until=timezone.now() + timedelta(minutes=1))
    services.claim_letter(coordinator, letter=letter)
    assert Letter.objects.get(pk=letter.pk).claimed_until > timezone.now() + timedelta(minutes=5)
    assert audit_actions(letter) == ["claimed"]  # an extension is not a new claim


def test_release_frees_the_letter_for_someone_else(pair, coordinator, second):
    letter = factories.make_letter(pair, status="in_review")
    services.claim_letter(coordinator, letter=letter)
    services.release_claim(second, letter=letter)  # not theirs: nothing happens
    assert Letter.objects.get(pk=letter.pk).claimed_by == coordinator
    services.release_claim(coordinator, letter=letter)
    stored = Letter.objects.get(pk=letter.pk)
    assert (stored.claimed_by, stored.claimed_until) == (None, None)
    services.claim_letter(second, letter=letter)
    assert audit_actions(letter) == ["claimed", "released", "claimed"]


@pytest.mark.parametrize("decide", ["approve", "request_changes", "withhold"])
def test_a_decision_on_a_letter_claimed_by_someone_else_is_refused(pair, coordinator, second, decide):
    letter = factories.make_letter(pair, status="in_review")
    services.claim_letter(coordinator, letter=letter)
    calls = {
        "approve": lambda user: services.approve_letter(user, letter=letter),
        "request_changes": lambda user: services.request_changes(user, letter=letter, note="n"),
        "withhold": lambda user: services.withhold_letter(user, letter=letter, reason="r"),
    }
    with pytest.raises(StateConflict, match="is reviewing this letter"):
        calls[decide](second)
    assert Letter.objects.get(pk=letter.pk).status == LetterStatus.IN_REVIEW
    calls[decide](coordinator)
    stored = Letter.objects.get(pk=letter.pk)
    assert stored.status != LetterStatus.IN_REVIEW
    assert (stored.claimed_by, stored.claimed_until) == (None, None)  # a decision ends the claim


def test_claiming_a_decided_letter_is_refused(pair, coordinator):
    letter = factories.make_letter(pair, status="delivered", coordinator=coordinator)
    with pytest.raises(StateConflict, match="Delivered"):
        services.claim_letter(coordinator, letter=letter)


# ---------------------------------------------------------------------------- redactions


def test_approve_with_redactions_stores_merged_spans(pair, coordinator):
    letter = submit(pair, PHONE_TEXT)
    services.approve_letter(coordinator, findings_seen=True, letter=letter, note="Phone numbers stay private.",
                            redactions=[(20, 27), (15, 21), (0, 3)])
    assert list(Redaction.objects.filter(letter=letter).values_list("start", "end", "created_by")) == [
        (0, 3, coordinator.pk), (15, 27, coordinator.pk)
    ]
    assert LetterEvent.objects.filter(letter=letter).last().note == "Phone numbers stay private."
    assert audit_actions(letter) == ["approved_with_redactions"]
    assert ReviewAuditEntry.objects.get(letter=letter).detail == "0-3, 15-27"


@pytest.mark.parametrize("spans, message", [
    ([(5, 5)], "at least one character"),
    ([(9, 4)], "at least one character"),
    ([(-1, 4)], "outside the letter"),
    ([(30, len(PHONE_TEXT) + 1)], "outside the letter"),
    ([("a", "b")], "start and an end"),
    ([(1,)], "start and an end"),
])
def test_invalid_redactions_are_refused_and_nothing_is_delivered(pair, coordinator, spans, message):
    letter = submit(pair, PHONE_TEXT)
    with pytest.raises(ValidationError, match=message):
        services.approve_letter(coordinator, letter=letter, redactions=spans, findings_seen=True)
    assert Letter.objects.get(pk=letter.pk).status == LetterStatus.IN_REVIEW
    assert not Redaction.objects.exists()


def test_recipient_sees_the_replacement_and_never_the_removed_text(pair, coordinator):
    letter = submit(pair, "Hello, 2 < 3 & more!\n\n" + PHONE_TEXT)
    offset = len("Hello, 2 < 3 & more!\n\n")
    services.approve_letter(coordinator, letter=letter, redactions=[(offset + 15, offset + 27)], findings_seen=True)
    shown = selectors.recipient_html(Letter.objects.get(pk=letter.pk))
    assert shown == (
        "<p>Hello, 2 &lt; 3 &amp; more!</p><p>Hi! Call me on "
        '<span class="redacted">[removed by your coordinator]</span> after school.</p>'
    )
    with translation.override("fr"):
        assert "07700" not in selectors.recipient_html(letter)


def test_recipient_html_of_a_letter_without_redactions_is_its_escaped_text(pair, coordinator):
    letter = factories.make_letter(pair, status="delivered", coordinator=coordinator, body="One & two\nthree")
    assert selectors.recipient_html(letter) == "<p>One &amp; two<br>three</p>"


def test_author_sees_what_was_removed_and_is_told_why_in_their_language(pair, coordinator):
    letter = submit(pair, PHONE_TEXT)
    services.approve_letter(coordinator, letter=letter, note="Phone numbers stay private.", redactions=[(15, 27)], findings_seen=True)
    letter = Letter.objects.select_related("author__user", "pair__program").get(pk=letter.pk)
    assert '<del class="redacted">' in selectors.author_html(letter)
    assert "07700 900123</del>" in selectors.author_html(letter)
    notice = selectors.redaction_notice(letter)
    assert "took out one part first: “07700 900123”" in notice
    assert notice.endswith("Your coordinator says: Phone numbers stay private.")


def test_redaction_notice_is_none_when_nothing_was_removed(pair, coordinator):
    letter = factories.make_letter(pair, status="delivered", coordinator=coordinator)
    assert selectors.redaction_notice(letter) is None


# ---------------------------------------------------------------------------- bulk approval


def test_bulk_approve_takes_only_clean_free_letters_in_review_of_the_program(program, pair, coordinator):
    second = factories.make_coordinator(program)
    clean = submit(pair, CLEAN_TEXT)
    mine = submit(pair, CLEAN_TEXT)
    flagged = submit(pair, PHONE_TEXT)
    claimed_elsewhere = submit(pair, CLEAN_TEXT)
    services.claim_letter(second, letter=claimed_elsewhere)
    services.claim_letter(coordinator, letter=mine)
    expired = submit(pair, CLEAN_TEXT)
    services.claim_letter(second, letter=expired)
    Letter.objects.filter(pk=expired.pk).update(claimed_until=timezone.now() - timedelta(minutes=1))
    decided = factories.make_letter(pair, status="withheld", coordinator=coordinator)
    other_program = factories.make_program()
    foreign = factories.make_letter(factories.make_pair(other_program, factories.make_coordinator(other_program)),
                                    status="in_review")
    ids = [clean.pk, mine.pk, flagged.pk, claimed_elsewhere.pk, expired.pk, decided.pk, foreign.pk]
    approved = services.bulk_approve_letters(coordinator, program=program, letter_ids=ids)
    assert sorted(letter.pk for letter in approved) == sorted([clean.pk, mine.pk, expired.pk])
    statuses = dict(Letter.objects.filter(pk__in=ids).values_list("pk", "status"))
    assert statuses == {
        clean.pk: "delivered", mine.pk: "delivered", expired.pk: "delivered", flagged.pk: "in_review",
        claimed_elsewhere.pk: "in_review", decided.pk: "withheld", foreign.pk: "in_review",
    }
    assert ReviewAuditEntry.objects.filter(action="approved", actor=coordinator).count() == 3


def test_bulk_approve_refuses_non_coordinators(program, pair):
    letter = submit(pair, CLEAN_TEXT)
    outsider = factories.make_coordinator(factories.make_program())
    for user in (pair.mentee.user, pair.mentor.user, outsider):
        with pytest.raises(PermissionDenied):
            services.bulk_approve_letters(user, program=program, letter_ids=[letter.pk])
    assert Letter.objects.get(pk=letter.pk).status == LetterStatus.IN_REVIEW


# ---------------------------------------------------------------------------- audit


def test_every_opening_and_decision_is_audited(pair, coordinator):
    approved, returned, withheld = (submit(pair, CLEAN_TEXT) for _ in range(3))
    services.record_letter_opened(coordinator, letter=approved)
    services.claim_letter(coordinator, letter=approved)
    services.approve_letter(coordinator, letter=approved, note="Lovely.")
    services.request_changes(coordinator, letter=returned, note="Say more.")
    services.withhold_letter(coordinator, letter=withheld, reason="Unsafe.", pause_pair=True)
    rows = list(ReviewAuditEntry.objects.order_by("pk").values_list("letter", "actor", "action", "detail"))
    assert rows == [
        (approved.pk, coordinator.pk, "opened", ""),
        (approved.pk, coordinator.pk, "claimed", ""),
        (approved.pk, coordinator.pk, "approved", "Lovely."),
        (returned.pk, coordinator.pk, "changes_requested", "Say more."),
        (withheld.pk, coordinator.pk, "withheld", "Unsafe. (pair paused)"),
    ]


def test_audit_rows_cannot_be_changed_or_deleted(pair, coordinator):
    letter = factories.make_letter(pair, status="in_review")
    entry = services.record_letter_opened(coordinator, letter=letter)
    entry.detail = "rewritten"
    for attempt in (entry.save, entry.delete, lambda: ReviewAuditEntry.objects.update(detail="x"),
                    lambda: ReviewAuditEntry.objects.all().delete()):
        with pytest.raises(TypeError, match="append-only"):
            attempt()
    assert ReviewAuditEntry.objects.get().detail == ""


def test_audit_is_readable_by_coordinators_and_operators_only(program, pair, coordinator):
    from rest_framework.test import APIClient

    letter = factories.make_letter(pair, status="in_review")
    services.record_letter_opened(coordinator, letter=letter)
    services.approve_letter(coordinator, letter=letter)
    operator = factories.make_user(is_superuser=True)
    outsider = factories.make_coordinator(factories.make_program())
    pseudonym = coordinator.memberships.get().pseudonym
    for reader in (coordinator, operator):
        by_letter = list(selectors.list_review_audit(reader, letter=letter))
        assert [(e.action, e.actor_pseudonym) for e in by_letter] == [("opened", pseudonym), ("approved", pseudonym)]
        assert [e.pk for e in selectors.list_review_audit(reader, pair=pair)] == [e.pk for e in by_letter]
    # The selector trusts its caller; the API refuses everyone else before it is asked.
    client = APIClient()
    for reader, status in ((pair.mentee.user, 403), (pair.mentor.user, 403), (outsider, 404)):
        client.force_authenticate(reader)
        for path in (f"/api/v1/letters/{letter.pk}/review-audit/", f"/api/v1/pairs/{pair.pk}/review-audit/"):
            assert client.get(path).status_code == status


# ---------------------------------------------------------------------------- permissions


@pytest.mark.parametrize("action", ["claim", "release", "open", "approve_with_redactions"])
def test_moderation_services_refuse_mentors_mentees_and_other_coordinators(program, pair, coordinator, action):
    letter = submit(pair, PHONE_TEXT)
    outsider = factories.make_coordinator(factories.make_program())
    calls = {
        "claim": lambda user: services.claim_letter(user, letter=letter),
        "release": lambda user: services.release_claim(user, letter=letter),
        "open": lambda user: services.record_letter_opened(user, letter=letter),
        "approve_with_redactions": lambda user: services.approve_letter(user, letter=letter, redactions=[(15, 27)]),
    }
    for user in (pair.mentee.user, pair.mentor.user, outsider):
        with pytest.raises(PermissionDenied):
            calls[action](user)
    stored = Letter.objects.get(pk=letter.pk)
    assert (stored.status, stored.claimed_by) == (LetterStatus.IN_REVIEW, None)
    assert not ReviewAuditEntry.objects.exists() and not Redaction.objects.exists()


def test_admin_shows_the_audit_log_read_only(admin_client, pair, coordinator):
    letter = factories.make_letter(pair, status="in_review")
    entry = services.record_letter_opened(coordinator, letter=letter)
    assert admin_client.get("/admin/letters/reviewauditentry/").status_code == 200
    assert admin_client.get(f"/admin/letters/reviewauditentry/{entry.pk}/change/").status_code == 200
    assert admin_client.post(f"/admin/letters/reviewauditentry/{entry.pk}/delete/", {"post": "yes"}).status_code == 403
    assert admin_client.get("/admin/letters/reviewauditentry/add/").status_code == 403
    assert ReviewAuditEntry.objects.filter(pk=entry.pk).exists()
