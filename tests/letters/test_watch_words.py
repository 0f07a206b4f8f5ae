"""Watch words in screening: a program's own words and phrases, each with the severity its coordinators chose.

screen() takes them as `watch_terms=[(term, severity), ...]` (and the older `blocked_terms`
as watch words that hold); submit passes the program's watch words as they are now, and an
urgent watch word takes the same alert path as an urgent safeguarding finding.
"""

import io
import json
from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import CommandError, call_command

from letters import reminders
from letters import services as letter_services
from letters.models import Finding, FindingKind, LetterStatus, Reminder, ReminderKind
from letters.screening import screen
from jobs.models import OutboxTask
from programs import services as program_services
from tests import factories

from tests.letters.screening_checks import REGION


def watched(text, language, watch_terms, **kwargs):
    """Return (covered text, severity, concept) for each watch-word finding in `text`."""
    findings = screen(text, language=language, region=REGION[language], watch_terms=watch_terms, **kwargs)
    return [(text[f.start:f.end], f.severity, f.concept) for f in findings if f.kind == FindingKind.BLOCKED_TERM]


# ---------------------------------------------------------------------------- screen()


@pytest.mark.parametrize(
    ("language", "text", "term", "expected"),
    [
        ("en", "We went to the Skate Park after the CAFÉ closed.", "skate park", "Skate Park"),
        ("da", "Vi drak kakao på CAFÉ ØRSTED i går, og så gik vi hjem.", "café ørsted", "CAFÉ ØRSTED"),
        ("nb", "Vi skal på HYTTETUR til Fjellstuå i helgen!", "hyttetur til fjellstua", "HYTTETUR til Fjellstuå"),
        ("fr", "On s'est retrouvés au Café des Amis près de l'école.", "cafe des amis", "Café des Amis"),
    ],
)
def test_a_watch_word_is_found_ignoring_case_and_accents_in_every_language(language, text, term, expected):
    assert watched(text, language, [(term, "hold")]) == [(expected, "hold", "watch_word")]


@pytest.mark.parametrize(
    ("language", "text", "term"),
    [
        ("en", "The cafeteria was closed, so we ate outside.", "cafe"),
        ("da", "Hyttetursplanen er klar, men vi tager ikke med.", "hyttetur"),
        ("nb", "Vi leste om en skatepark-bok, ikke om parken.", "park"),
        ("fr", "Les amies de ma sœur sont venues.", "amie"),
    ],
)
def test_a_watch_word_inside_a_longer_word_is_not_found(language, text, term):
    assert watched(text, language, [(term, "urgent")]) == []


@pytest.mark.parametrize(
    ("language", "text", "term", "expected"),
    [
        ("en", "Do you want to come to my\nsleepover party?", "my sleepover", "my\nsleepover"),
        ("da", "Jeg har en hemmelig   hule i skoven.", "hemmelig hule", "hemmelig   hule"),
        ("nb", "Han sa: møt meg ved Brua etter skolen.", "møt meg", "møt meg"),
        ("fr", "Rendez-vous au PARC  MONTSOURIS demain.", "parc montsouris", "PARC  MONTSOURIS"),
    ],
)
def test_an_urgent_watch_phrase_matches_across_any_whitespace(language, text, term, expected):
    assert watched(text, language, [(term, "urgent")]) == [(expected, "urgent", "watch_word")]


def test_blocked_terms_are_watch_words_that_hold():
    text = "We met at the cafe by the lake."
    findings = screen(text, language="en", region="GB", blocked_terms=["Café"])
    assert [(f.kind, text[f.start:f.end], f.severity, f.concept) for f in findings] == [
        (FindingKind.BLOCKED_TERM, "cafe", "hold", "watch_word")
    ]


def test_overlapping_watch_words_merge_and_keep_the_urgent_severity():
    text = "Come to the secret club tonight, the club is fun."
    assert watched(text, "en", [("secret club", "hold"), ("secret", "urgent"), ("club", "hold")]) == [
        ("secret club", "urgent", "watch_word"),
        ("club", "hold", "watch_word"),
    ]


def test_the_same_word_as_hold_and_urgent_is_urgent():
    assert watched("Meet me at the bridge.", "en", [("bridge", "hold"), ("Bridge", "urgent")]) == [
        ("bridge", "urgent", "watch_word")
    ]


def test_watch_word_offsets_point_into_the_original_text():
    text = "Økonomi? Nej: vi mødes på Nørrebro, ved Ålekagen."
    findings = screen(text, language="da", region="DK", watch_terms=[("alekagen", "hold"), ("nørrebro", "urgent")])
    assert [text[f.start:f.end] for f in findings] == ["Nørrebro", "Ålekagen"]
    assert all(text[f.start:f.end] in f.excerpt for f in findings)


def test_an_unknown_severity_is_refused():
    with pytest.raises(ValueError):
        screen("anything", language="en", region="GB", watch_terms=[("anything", "panic")])


def test_empty_watch_words_find_nothing():
    assert watched("Nothing to see here.", "en", [("", "hold"), ("   ", "urgent")]) == []


def test_screen_command_reads_watch_terms():
    lines = [
        json.dumps({"text": "Un café au Parc ?", "language": "fr", "region": "FR",
                    "blocked_terms": ["cafe"], "watch_terms": [["parc", "urgent"]]}),
    ]
    stdout = io.StringIO()
    call_command("screen", "--jsonl", stdin=io.StringIO("\n".join(lines) + "\n"), stdout=stdout)
    [output] = [json.loads(line) for line in stdout.getvalue().splitlines()]
    # Only the watch words are this test's: the learned model may also read "a coffee in the
    # park?" as a proposal to meet, which holds a letter whose author is not known.
    watch_words = [f for f in output["findings"] if f["kind"] == "blocked_term"]
    assert [(f["severity"], f["concept"]) for f in watch_words] == [("hold", "watch_word"), ("urgent", "watch_word")]


def test_screen_command_refuses_a_bad_watch_term():
    stdout = io.StringIO()
    line = json.dumps({"text": "x", "language": "en", "region": "GB", "watch_terms": [["x", "loud"]]})
    with pytest.raises(CommandError):
        call_command("screen", "--jsonl", stdin=io.StringIO(line + "\n"), stdout=stdout)
    assert "watch_terms" in json.loads(stdout.getvalue())["error"]


# ---------------------------------------------------------------------------- on submit


def submit(pair, body, *, by="mentee"):
    author = (pair.mentee if by == "mentee" else pair.mentor).user
    draft = letter_services.save_draft(author, pair=pair, body=body)
    return letter_services.submit_letter(author, letter=draft)


@pytest.mark.django_db
def test_a_watch_word_added_now_applies_to_the_next_letter(program, coordinator, pair):
    program.review_policy = "flagged_only"
    program.save(update_fields=["review_policy"])
    before = submit(pair, "We built a treehouse in the garden.")
    assert before.status == LetterStatus.DELIVERED  # no findings, flagged-only: delivered at once
    program_services.add_watch_word(coordinator, program=program, term="Treehouse", severity="hold")
    after = submit(pair, "We built a treehouse in the garden.")
    assert after.status == LetterStatus.IN_REVIEW
    assert list(after.findings.values_list("kind", "severity", "start", "end")) == [("blocked_term", "hold", 11, 20)]


@pytest.mark.django_db
def test_a_removed_watch_word_no_longer_applies(program, coordinator, pair):
    word = program_services.add_watch_word(coordinator, program=program, term="treehouse", severity="urgent")
    program_services.remove_watch_word(coordinator, watch_word=word)
    assert not submit(pair, "We built a treehouse in the garden.").findings.exists()


@pytest.mark.django_db
def test_an_urgent_watch_word_alerts_coordinators_at_once_like_a_safeguarding_concern(
    program, coordinator, pair, django_capture_on_commit_callbacks
):
    coordinator.email = "coordinator@example.org"
    coordinator.save()
    program_services.add_watch_word(coordinator, program=program, term="meet me alone", severity="urgent")
    with django_capture_on_commit_callbacks():
        letter = submit(pair, "Can you meet me alone by the lake?", by="mentor")
    # Screening's own rules also read a mentor's meeting alone as a grooming move; this test
    # is about the watch word's finding.
    finding = letter.findings.get(kind="blocked_term")
    assert (finding.kind, finding.severity, letter.status) == ("blocked_term", "urgent", LetterStatus.IN_REVIEW)
    # The submit asked for that letter's alert at once, as it does for an urgent safeguarding finding...
    assert list(OutboxTask.objects.values_list("func", "args")) == [("letters.tasks.notify_letter", [letter.pk])]
    # ...and the sweep alerts the coordinators by e-mail.
    reminders.sweep(factories.now())
    alert = Reminder.objects.get(kind=ReminderKind.URGENT_FINDING, letter=letter)
    assert alert.recipient_id == coordinator.pk
    assert [m.to for m in mail.outbox] == [[coordinator.email]]


@pytest.mark.django_db
def test_a_hold_watch_word_raises_no_alert(program, coordinator, pair, django_capture_on_commit_callbacks):
    program_services.add_watch_word(coordinator, program=program, term="lake", severity="hold")
    with django_capture_on_commit_callbacks():
        letter = submit(pair, "We swam in the lake on Sunday.")
    assert not OutboxTask.objects.filter(func="letters.tasks.notify_letter").exists()
    reminders.sweep(factories.now() + timedelta(minutes=1))
    assert not Reminder.objects.filter(kind=ReminderKind.URGENT_FINDING, letter=letter).exists()
    assert Finding.objects.get(letter=letter).severity == "hold"
