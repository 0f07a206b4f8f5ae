"""Data export, erasure and retention."""

import io
import json
import zipfile

from datetime import date, timedelta

import pytest
from pypdf import PdfReader
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from letters.models import Finding, Letter, LetterEvent, Notification
from privacy import services as privacy
from privacy import tasks
from privacy.models import DataExport, ErasureRecord, ExportAuditEntry, ProgramStatistics, RetentionRun
from programs.models import Membership, Pair, PairEvent, User
from tests import factories


@pytest.fixture(autouse=True)
def private_root(settings, tmp_path):
    settings.PRIVATE_ROOT = tmp_path / "private"
    return settings.PRIVATE_ROOT


def archive_of(export) -> dict:
    with zipfile.ZipFile(io.BytesIO(privacy.export_file(export).read_bytes())) as archive:
        return {name: _decode(name, archive.read(name)) for name in archive.namelist()}


def _decode(name: str, data: bytes):
    if name.endswith(".txt"):
        return data.decode()
    if name.endswith(".pdf"):
        return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
    return json.loads(data)


# ---------------------------------------------------------------------------- export


def test_a_person_exports_everything_brevven_holds_about_them(client, pair, coordinator, django_capture_on_commit_callbacks, monkeypatch):
    mentee = pair.mentee.user
    mentee.first_name, mentee.email = "Alma", "alma@example.org"
    mentee.save()
    sent = factories.make_letter(pair, status="delivered", coordinator=coordinator, body="My own delivered letter text")
    factories.make_letter(pair, status="draft", body="A draft only I have seen")
    reply = factories.make_letter(pair, by="mentor", status="delivered", coordinator=coordinator, body="The mentor's kind reply")
    factories.make_letter(pair, by="mentor", status="in_review", coordinator=coordinator, body="Reply still in review")
    Notification.objects.create(user=mentee, program=pair.program, kind="letter_delivered", title="A letter arrived for you")
    Notification.objects.create(user=pair.mentor.user, program=pair.program, kind="reply_due", title="Not the mentee's")
    queued = []
    monkeypatch.setattr("django_q.tasks.async_task", lambda *args, **kwargs: queued.append(args))
    client.force_login(mentee)
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post("/account/exports/").status_code == 302
    export = DataExport.objects.get()
    from jobs.models import OutboxTask

    job = OutboxTask.objects.get(func="privacy.tasks.build_data_export")  # recorded with the export, handed to the broker on commit
    assert (job.func, job.args, queued) == ("privacy.tasks.build_data_export", [export.pk], [("jobs.tasks.run_outbox_task", job.pk)])
    tasks.build_data_export(export.pk)
    export.refresh_from_db()
    assert export.status == DataExport.Status.DONE
    files = archive_of(export)
    assert set(files) == {"README.txt", "account.json", "memberships.json", "letters.json", "events.json",
                          "notifications.json", "goals.json", "stamps.json", "posts.json",
                          f"booklets/pair-{pair.pk}.pdf"}
    # The booklet holds the delivered letters only: never a draft or a letter in review.
    booklet = " ".join(files[f"booklets/pair-{pair.pk}.pdf"].split())
    assert "My own delivered letter text" in booklet and "The mentor's kind reply" in booklet
    assert "A draft only I have seen" not in booklet and "Reply still in review" not in booklet
    assert "A letter arrived for you" in [n["title"] for n in files["notifications.json"]]
    assert "Not the mentee's" not in [n["title"] for n in files["notifications.json"]]
    assert files["account.json"]["first_name"] == "Alma" and files["account.json"]["email"] == "alma@example.org"
    assert [(m["pseudonym"], m["role"]) for m in files["memberships.json"]] == [(pair.mentee.pseudonym, "mentee")]
    texts = {(letter["direction"], letter["text"]) for letter in files["letters.json"]}
    assert texts == {("written", "My own delivered letter text"), ("written", "A draft only I have seen"),
                     ("received", "The mentor's kind reply")}
    assert {e["letter"] for e in files["events.json"]["letters"]} == {sent.pk}
    assert [e["to"] for e in files["events.json"]["pairs"]] == ["active"]
    assert reply.pk in {letter["id"] for letter in files["letters.json"]}
    download = client.get(f"/account/exports/{export.pk}/download/")
    assert download.status_code == 200 and download.headers["Content-Type"] == "application/zip"
    # Running the task again changes nothing.
    tasks.build_data_export(export.pk)
    assert DataExport.objects.get().file_path == export.file_path


def test_a_coordinator_exports_a_participant_without_their_drafts(client, pair, coordinator, program):
    factories.make_letter(pair, status="draft", body="A secret draft")
    factories.make_letter(pair, status="in_review", body="A letter in review")
    client.force_login(coordinator)
    assert client.post(f"/people/{pair.mentee.pk}/export/", {"reason": "Her parents asked"}).status_code == 302
    export = DataExport.objects.get(subject=pair.mentee.user, requested_by=coordinator)
    privacy.build_data_export(export)
    texts = [letter["text"] for letter in archive_of(DataExport.objects.get(pk=export.pk))["letters.json"]]
    assert texts == ["A letter in review"]


def test_only_the_requester_downloads_an_export(client, pair, coordinator):
    export = privacy.request_data_export(pair.mentee.user, subject=pair.mentee.user)
    privacy.build_data_export(export)
    for user in (pair.mentor.user, coordinator):
        client.force_login(user)
        assert client.get(f"/account/exports/{export.pk}/download/").status_code == 404
    with pytest.raises(PermissionDenied):
        privacy.request_data_export(pair.mentor.user, subject=pair.mentee.user)
    outsider = factories.make_coordinator(factories.make_program())
    with pytest.raises(PermissionDenied):
        privacy.request_data_export(outsider, subject=pair.mentee.user)


def test_a_coordinators_export_needs_a_reason_and_is_recorded(client, pair, coordinator, program):
    client.force_login(coordinator)
    response = client.post(f"/people/{pair.mentee.pk}/export/", {"reason": "  "}, follow=True)
    assert "Say why you export this person" in response.content.decode()
    assert not DataExport.objects.exists() and not ExportAuditEntry.objects.exists()

    with translation.override("da"):
        with pytest.raises(ValidationError) as refused:
            privacy.request_member_export(coordinator, membership=pair.mentee, reason="")
        assert "Say why" not in str(refused.value)  # translated

    client.post(f"/people/{pair.mentor.pk}/export/", {"reason": "The mentor asked for a copy"})
    entry = ExportAuditEntry.objects.get()
    assert (entry.program, entry.actor, entry.membership, entry.reason) == (
        program, coordinator, pair.mentor, "The mentor asked for a copy")
    assert DataExport.objects.filter(subject=pair.mentor.user, requested_by=coordinator).count() == 1


def test_a_coordinator_cannot_export_a_fellow_coordinator(client, program, coordinator):
    colleague = factories.make_coordinator(program)
    membership = Membership.objects.get(user=colleague, program=program)
    with pytest.raises(PermissionDenied):
        privacy.request_member_export(coordinator, membership=membership, reason="curious")
    with pytest.raises(PermissionDenied):
        privacy.request_data_export(coordinator, subject=colleague)
    client.force_login(coordinator)
    page = client.get(f"/programs/{program.pk}/people/").content.decode()
    assert f"/people/{membership.pk}/export/" not in page
    client.post(f"/people/{membership.pk}/export/", {"reason": "curious"})
    assert not DataExport.objects.exists() and not ExportAuditEntry.objects.exists()


# ---------------------------------------------------------------------------- erasure


@pytest.fixture
def operator(db):
    return User.objects.create_superuser("operator", password="pw")


def test_erasure_anonymises_the_person_and_deletes_their_letters_text(pair, coordinator, operator):
    mentee = pair.mentee.user
    mentee.first_name, mentee.last_name, mentee.email = "Alma", "Berg", "alma@example.org"
    mentee.save()
    letter = factories.make_letter(pair, status="delivered", coordinator=coordinator, body="My phone is 5555 1234 at home")
    draft = factories.make_letter(pair, status="draft", body="unsent thoughts")
    reply = factories.make_letter(pair, by="mentor", status="delivered", coordinator=coordinator, body="Mentor's own words")
    Finding.objects.create(letter=letter, kind="contact.phone", severity="hold", start=12, end=21, excerpt="5555 1234")
    LetterEvent.objects.filter(letter=letter).update(note="Alma wrote about her home")
    record = privacy.erase_person(operator, user=mentee)
    mentee.refresh_from_db()
    assert mentee.username == f"erased-{mentee.pk}" and not mentee.is_active and not mentee.has_usable_password()
    assert (mentee.first_name, mentee.last_name, mentee.email) == ("", "", "")
    membership = Membership.objects.get(pk=pair.mentee.pk)
    assert membership.pseudonym == f"Former participant {membership.pk}" and membership.status == "left"
    letter.refresh_from_db()
    assert (letter.body_text, letter.body_html) == ("", "")
    assert not Letter.objects.filter(pk=draft.pk).exists()
    assert not Finding.objects.filter(letter=letter).exists()
    assert Letter.objects.get(pk=reply.pk).body_text == "Mentor's own words"
    # The audit trail stays, without the notes.
    assert list(LetterEvent.objects.filter(letter=letter).values_list("from_status", "to_status", "note")) == [
        ("draft", "in_review", ""), ("in_review", "delivered", "")]
    pair.refresh_from_db()
    assert pair.status == Pair.Status.CLOSED
    assert PairEvent.objects.filter(pair=pair).count() == 2
    assert (record.erased_user_id, record.letters_emptied, record.letters_kept) == (mentee.pk, 1, 0)


def test_erasure_keeps_letters_when_the_program_says_so(program, pair, coordinator, operator):
    program.erased_letters = program.ErasedLetters.KEEP
    program.save()
    letter = factories.make_letter(pair, status="delivered", coordinator=coordinator, body="Kept for my partner")
    record = privacy.erase_person(operator, user=pair.mentee.user)
    assert Letter.objects.get(pk=letter.pk).body_text == "Kept for my partner"
    assert (record.letters_emptied, record.letters_kept) == (0, 1)


def test_erasure_refusals(pair, coordinator, operator):
    # A coordinator of another program may not (the program's own: tests/privacy/test_coordinator_erasure.py).
    stranger = factories.make_coordinator(factories.make_program())
    with pytest.raises(PermissionDenied):
        privacy.erase_person(stranger, user=pair.mentee.user)
    with pytest.raises(ValidationError):
        privacy.erase_person(operator, user=operator)
    privacy.erase_person(operator, user=pair.mentee.user)
    with pytest.raises(ValidationError, match="already"):
        privacy.erase_person(operator, user=pair.mentee.user)
    assert ErasureRecord.objects.count() == 1


def test_erasure_through_the_admin_asks_first(client, pair, operator):
    from tests.security.conftest import sign_in_verified

    sign_in_verified(client, operator)
    mentee = pair.mentee.user
    data = {"action": "erase_selected", "_selected_action": [mentee.pk]}
    confirm = client.post("/admin/programs/user/", data)
    assert confirm.status_code == 200 and "cannot be undone" in confirm.content.decode()
    assert User.objects.get(pk=mentee.pk).is_active
    done = client.post("/admin/programs/user/", {**data, "confirm_erasure": "yes"})
    assert done.status_code == 302
    assert not User.objects.get(pk=mentee.pk).is_active


# ---------------------------------------------------------------------------- retention


def ended_program(days_ago: int, retention_days: int):
    today = date.today()
    return factories.make_program(starts_on=today - timedelta(days=days_ago + 100), ends_on=today - timedelta(days=days_ago),
                                  retention_days=retention_days)


def fill(program, letters: int):
    coordinator = factories.make_coordinator(program)
    pair = factories.make_pair(program, coordinator)
    for number in range(letters):
        letter = factories.make_letter(pair, status="delivered", coordinator=coordinator, body=f"Letter number {number} text")
        Finding.objects.create(letter=letter, kind="contact.url", severity="hold", start=0, end=3, excerpt="Let")
    LetterEvent.objects.filter(letter__pair=pair).update(note="a note about a child")
    Notification.objects.create(user=pair.mentee.user, program=program, kind="letter_delivered", title="A letter arrived")
    return pair


def test_retention_empties_expired_programs_and_keeps_counts(db):
    expired = ended_program(days_ago=40, retention_days=30)
    current = ended_program(days_ago=10, retention_days=30)
    fill(expired, 2)
    kept_pair = fill(current, 1)
    run = privacy.apply_retention()
    assert Letter.objects.filter(pair__program=expired).exclude(body_text="").count() == 0
    assert not Finding.objects.filter(letter__pair__program=expired).exists()
    assert not LetterEvent.objects.filter(letter__pair__program=expired).exclude(note="").exists()
    assert Letter.objects.get(pair=kept_pair).body_text == "Letter number 0 text"
    assert Finding.objects.filter(letter__pair=kept_pair).count() == 1
    assert not Notification.objects.filter(program=expired).exists()
    assert Notification.objects.filter(program=current).count() == 1
    stats = ProgramStatistics.objects.get(program=expired)
    assert (stats.pairs, stats.mentees, stats.mentors, stats.letters, stats.letters_delivered) == (1, 1, 1, 2, 2)
    assert not ProgramStatistics.objects.filter(program=current).exists()
    assert (run.programs, run.letters_emptied, run.findings_deleted) == (1, 2, 2)
    again = privacy.apply_retention()
    assert (again.programs, again.letters_emptied, again.findings_deleted, again.notes_cleared) == (1, 0, 0, 0)
    assert RetentionRun.objects.count() == 2


def test_retention_costs_the_same_queries_whatever_the_data(db, django_assert_num_queries):
    fill(ended_program(days_ago=40, retention_days=1), 1)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as small:
        privacy.apply_retention()
    # 12, plus review audit details, pair notes, PDFs, regions, goals' words (2) and posts (findings, event notes,
    # review details, report reasons, text: spaces.services.empty_posts)
    assert len(small.captured_queries) <= 23
    for _i in range(3):
        fill(ended_program(days_ago=40, retention_days=1), 3)
    with django_assert_num_queries(len(small.captured_queries)):
        privacy.apply_retention()


def test_retention_is_scheduled_daily():
    assert {"func": "privacy.tasks.apply_retention", "name": "privacy.apply_retention", "schedule_type": "D"} in tasks.SCHEDULES
    from django_q.models import Schedule

    assert Schedule.DAILY == "D"
    assert tasks.apply_retention.__module__ == "privacy.tasks"
