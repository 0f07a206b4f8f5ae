"""Booklets and program reports: who may ask, what the PDF holds, and the pages around them."""

import io
from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from pypdf import PdfReader

from letters import services as letter_services
from oversight import reports, services
from oversight.models import Report
from oversight.reports import letters_per_week_svg, percentile, run_report
from tests import factories


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def reply(pair, coordinator, text, *, to):
    letter = letter_services.save_draft(pair.mentor.user, pair=pair, in_reply_to=to, body=text)
    letter_services.submit_letter(pair.mentor.user, letter=letter)
    return letter_services.approve_letter(coordinator, letter=letter)


@pytest.mark.django_db
def test_booklet_holds_delivered_letters_in_order_and_nothing_else(pair, coordinator, media):
    first = factories.make_letter(pair, status="read", coordinator=coordinator, body="First letter about the lighthouse cat.")
    reply(pair, coordinator, "Second letter, a reply about storms.", to=first)
    factories.make_letter(pair, status="withheld", coordinator=coordinator, body="Withheld letter never printed.")
    factories.make_letter(pair, status="in_review", body="Waiting letter still in review.")
    factories.make_letter(pair, status="changes_requested", coordinator=coordinator, body="Returned letter to rewrite.")
    factories.make_letter(pair, status="draft", body="Draft letter nobody sent.")
    report = services.request_report(coordinator, kind="pair_booklet", pair=pair)
    assert run_report(report.pk) == "done"
    report.refresh_from_db()
    text = pdf_text(report.file.read())
    assert pair.mentor.pseudonym in text and pair.mentee.pseudonym in text and pair.program.name in text
    assert "Contents" in text
    assert text.index("First letter about the lighthouse cat") < text.index("Second letter, a reply about storms")
    for absent in ("Withheld letter", "Waiting letter", "Returned letter", "Draft letter"):
        assert absent not in text
    assert "3 / 4" in text and "4 / 4" in text  # page numbers from the @page counters (none on the cover)
    assert report.started_at <= report.finished_at


@pytest.mark.django_db
def test_program_booklets_put_every_pair_in_one_pdf(program, coordinator, media):
    pairs = [factories.make_pair(program, coordinator) for _ in range(2)]
    for number, pair in enumerate(pairs):
        factories.make_letter(pair, status="delivered", coordinator=coordinator, body=f"Letter number {number} here.")
    report = services.request_report(coordinator, kind="program_booklets", program=program)
    assert run_report(report.pk) == "done"
    report.refresh_from_db()
    text = pdf_text(report.file.read())
    assert text.index("Letter number 0") < text.index("Letter number 1")


@pytest.mark.django_db
def test_program_report_has_its_figures(program, coordinator, pair, media):
    letter = factories.make_letter(pair, status="delivered", coordinator=coordinator)
    today = factories.now().date()
    report = services.request_report(coordinator, kind="program_report", program=program,
                                     period_start=today - timedelta(days=13), period_end=today)
    assert run_report(report.pk) == "done"
    report.refresh_from_db()
    text = pdf_text(report.file.read())
    assert "Letters written" in text and "Letters per week" in text and pair.mentor.pseudonym in text
    stats = reports.program_stats(program, today - timedelta(days=13), today)
    assert (stats.letters_written, stats.letters_delivered, stats.reviews, stats.pairs_active) == (1, 1, 1, 1)
    assert stats.sla_breaches == 0
    assert sum(count for _week, count in stats.weeks) == 1
    assert letter.pk


def test_percentile_and_chart():
    assert percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9) == 9
    assert percentile([], 0.9) is None
    from datetime import date

    svg = letters_per_week_svg([(date(2025, 3, 3), 2), (date(2025, 3, 10), 4)])
    assert svg.startswith("<svg") and svg.count("<rect") == 2 and ">4</text>" in svg


@pytest.mark.django_db
def test_members_get_their_booklet_only_when_the_program_allows(pair, coordinator):
    mentee = pair.mentee.user
    with pytest.raises(PermissionDenied):
        services.request_report(mentee, kind="pair_booklet", pair=pair)
    pair.program.members_may_download_booklets = True
    pair.program.save()
    assert services.request_report(mentee, kind="pair_booklet", pair=pair).requested_by == mentee
    with pytest.raises(PermissionDenied):
        services.request_report(mentee, kind="program_booklets", program=pair.program)


@pytest.mark.django_db
def test_a_failed_report_says_why_and_can_be_retried(pair, coordinator, media, monkeypatch):
    report = services.request_report(coordinator, kind="pair_booklet", pair=pair)
    monkeypatch.setattr(reports, "render_booklets", lambda *a: (_ for _ in ()).throw(OSError("disk full")))
    assert run_report(report.pk) == "failed"
    report.refresh_from_db()
    assert "OSError" in report.error and "Try again" in report.error
    assert run_report(report.pk) == "failed"  # a failed report is not rebuilt until retried
    services.retry_report(coordinator, report=report)
    monkeypatch.undo()
    assert run_report(report.pk) == "done"
    report.refresh_from_db()
    assert (report.status, report.error, report.attempts) == ("done", "", 2)


@pytest.mark.django_db
def test_report_pages_and_download_go_through_an_access_check(client, pair, coordinator, media):
    client.force_login(coordinator)
    response = client.post("/reports/new/", {"kind": "pair_booklet", "pair": pair.pk})
    report = Report.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/reports/{report.pk}/"
    assert "Waiting to start" in client.get(f"/reports/{report.pk}/").content.decode()
    assert client.get(f"/reports/{report.pk}/download/").status_code == 404
    run_report(report.pk)
    download = client.get(f"/reports/{report.pk}/download/")
    assert download.status_code == 200 and download["Content-Type"] == "application/pdf"
    assert b"".join(download.streaming_content).startswith(b"%PDF")
    assert client.get("/reports/").status_code == 200
    stranger = factories.make_user()
    client.force_login(stranger)
    assert client.get(f"/reports/{report.pk}/").status_code == 404
    assert client.get(f"/reports/{report.pk}/download/").status_code == 404


@pytest.mark.django_db
def test_program_report_counts_an_owed_unsent_reply_or_letter_as_late(program, coordinator):
    from datetime import datetime, time
    from zoneinfo import ZoneInfo

    from letters.models import Letter
    from programs.models import Pair
    from readings.models import Assignment, Reading

    now = factories.now()
    answered, silent, paused = (factories.make_pair(program, coordinator) for _ in range(3))
    delivered = now - timedelta(days=10)  # the 7-day reply window ended three days ago
    for pair in (answered, silent, paused):
        letter = factories.make_letter(pair, status="delivered", coordinator=coordinator)
        if pair is answered:
            reply(pair, coordinator, "A reply within the window.", to=letter)
        Letter.objects.filter(pk=letter.pk).update(submitted_at=delivered - timedelta(hours=2), delivered_at=delivered)
    Letter.objects.filter(pair=answered, author=answered.mentor).update(submitted_at=delivered + timedelta(days=6))
    Pair.objects.update(started_at=now - timedelta(days=30))
    Pair.objects.filter(pk=paused.pk).update(status=Pair.Status.PAUSED, paused_at=now - timedelta(days=1))
    reading = Reading.objects.create(program=program, title="R", body="<p>Text</p>")
    Assignment.objects.create(program=program, reading=reading, opens_at=now - timedelta(days=9),
                              due_at=now - timedelta(days=2))  # nobody wrote about it
    zone = ZoneInfo(program.time_zone)
    start = (now - timedelta(days=13)).astimezone(zone).date()
    assert datetime.combine(start, time(), tzinfo=zone) < delivered
    stats = reports.program_stats(program, start, now.astimezone(zone).date(), now=now)
    # One reply on time, one owed and not sent (late); the paused pair owes nothing.
    assert (stats.mentor_on_time, stats.mentor_overdue) == (0.5, 1)
    # The two active pairs owe the letter and did not send it: none on time.
    assert (stats.mentee_on_time, stats.mentee_overdue) == (0.0, 2)
    assert (stats.pairs_letter_overdue, stats.pairs_reply_overdue) == (2, 1)
