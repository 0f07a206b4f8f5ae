"""The outbox: work asked for while the broker is down is kept, picked up, and done once."""

import logging
from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django_q.models import Schedule
from django_q.signals import post_spawn

from jobs import outbox
from jobs.models import OutboxTask
from letters.models import Letter, LetterStatus, Reminder
from programs.exceptions import StateConflict
from oversight import services as report_services
from oversight.models import Report
from tests import factories
from tests.letters.test_moderation import URGENT_TEXT


def later(minutes: float):
    """Travel `minutes` ahead of now, past the pick-up's grace for a fresh row."""
    return time_machine.travel(timezone.now() + timedelta(minutes=minutes), tick=False)


def with_email(user):
    user.email = f"{user.username}@example.org"
    user.save()
    return user


@pytest.mark.django_db
def test_an_urgent_letter_sent_while_the_broker_is_down_is_saved_and_the_alert_goes_out_once_it_is_back(
        client, pair, coordinator, broker, caplog, django_capture_on_commit_callbacks):
    with_email(coordinator)
    mentee = pair.mentee.user
    draft = factories.make_letter(pair, status="draft")
    broker.down = True
    client.force_login(mentee)
    with caplog.at_level(logging.WARNING, logger="jobs"), django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("letter-edit", args=[draft.pk]), {"body": URGENT_TEXT, "action": "send"},
                               follow=True)
    assert response.status_code == 200
    assert "Your coordinator will read your letter" in response.content.decode()
    assert Letter.objects.get(pk=draft.pk).status == LetterStatus.IN_REVIEW
    job = OutboxTask.objects.get()
    assert (job.func, job.enqueued_at, job.last_error) == ("letters.tasks.notify_letter", None, "ConnectionError")
    assert mail.outbox == [] and broker.queue == []
    logged = caplog.text
    assert "not queued" in logged
    for personal in (URGENT_TEXT, "my dad", pair.mentee.pseudonym, mentee.username, "127.0.0.1"):
        assert personal not in logged

    broker.down = False
    with later(2):
        assert outbox.pick_up() == 1
        assert outbox.pick_up() == 0  # handed over: not again
        broker.run_all()
    alerts = [m for m in mail.outbox if coordinator.email in m.to]
    assert len(alerts) == 1
    assert Reminder.objects.get(kind="urgent_finding").status == "sent"
    # Run the same job again, as a broker delivering it twice would: nothing more goes out.
    assert outbox.run(job.pk) is None
    broker.queue.append(("jobs.tasks.run_outbox_task", (job.pk,), {}))
    broker.run_all()
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_approving_while_the_broker_is_down_delivers_the_letter_and_answers_success(
        client, pair, coordinator, broker, django_capture_on_commit_callbacks):
    with_email(pair.mentor.user)
    letter = factories.make_letter(pair, status="in_review")
    OutboxTask.objects.all().delete()
    broker.down = True
    client.force_login(coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/letters/{letter.pk}/review/", {"action": "approve", "approve_note": ""})
    assert response.status_code == 302
    assert Letter.objects.get(pk=letter.pk).status == LetterStatus.DELIVERED
    assert OutboxTask.objects.get().enqueued_at is None
    broker.down = False
    with later(2):
        outbox.pick_up()
        broker.run_all()
    assert [m.to for m in mail.outbox] == [[pair.mentor.user.email]]


@pytest.mark.django_db
def test_a_report_and_an_export_asked_for_during_an_outage_are_made_after_the_pick_up(
        client, pair, coordinator, broker, django_capture_on_commit_callbacks):
    broker.down = True
    client.force_login(coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/api/v1/reports/", {"kind": "pair_booklet", "pair": pair.pk}, format="json",
                               content_type="application/json", HTTP_X_CSRFTOKEN="unused")
    assert response.status_code == 201, response.content
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post("/account/exports/").status_code == 302
    assert OutboxTask.objects.filter(enqueued_at__isnull=True).count() == 2
    broker.down = False
    with later(2):
        assert outbox.pick_up() == 2
        broker.run_all()
    assert Report.objects.get().status == Report.Status.DONE
    from privacy.models import DataExport

    assert DataExport.objects.get().status == DataExport.Status.DONE
    assert OutboxTask.objects.filter(finished_at__isnull=True).count() == 0


@pytest.mark.django_db
def test_the_job_is_saved_with_the_change_or_not_at_all(broker, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        with pytest.raises(RuntimeError), transaction.atomic():
            outbox.defer("letters.tasks.sweep_reminders")
            raise RuntimeError("the change failed")
    assert OutboxTask.objects.count() == 0 and broker.queue == []
    with django_capture_on_commit_callbacks(execute=True):
        with transaction.atomic():
            job = outbox.defer("letters.tasks.sweep_reminders", task_name="sweep_reminders", timeout=90)
        assert broker.queue == []  # not before the commit
    assert broker.queue == [("jobs.tasks.run_outbox_task", (job.pk,), {"task_name": "sweep_reminders", "timeout": 90})]
    job.refresh_from_db()
    assert job.enqueued_at is not None and job.attempts == 1


@pytest.mark.django_db
def test_the_pick_up_waits_for_fresh_rows_merges_duplicates_and_stops_while_the_broker_is_down(broker):
    broker.down = True
    first, second = outbox.defer("letters.tasks.sweep_reminders"), outbox.defer("letters.tasks.sweep_reminders")
    third = outbox.defer("oversight.tasks.build_report", 7)
    assert outbox.pick_up() == 0  # younger than the grace: their own request may still queue them
    with later(2):
        assert outbox.pick_up() == 0  # still down: one failed hand-over, then it stops
        # (No commit in this test, so nothing was tried before the pick-up.)
        assert OutboxTask.objects.get(pk=first.pk).attempts == 1
        assert OutboxTask.objects.get(pk=third.pk).attempts == 0  # not tried after the broker refused
        broker.down = False
        assert outbox.pick_up() == 2
    assert [(func, args) for func, args, _options in broker.queue] == [
        ("jobs.tasks.run_outbox_task", (first.pk,)), ("jobs.tasks.run_outbox_task", (third.pk,))]
    assert OutboxTask.objects.get(pk=second.pk).finished_at is not None  # one sweep does for both


@pytest.mark.django_db
def test_a_job_the_broker_lost_is_handed_over_again_and_given_up_after_max_attempts(
        broker, caplog, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        job = outbox.defer("letters.tasks.sweep_reminders")
    assert len(broker.queue) == 1
    broker.queue.clear()  # the broker took it and lost it (a Redis restarted without its data)
    for round_ in range(1, outbox.MAX_ENQUEUES):
        with later((outbox.STUCK_AFTER.total_seconds() / 60 + 1) * round_):
            assert outbox.pick_up() == 1
        broker.queue.clear()
    with caplog.at_level(logging.ERROR, logger="jobs"), later((outbox.STUCK_AFTER.total_seconds() / 60 + 1) * 9):
        assert outbox.pick_up() == 0
    job.refresh_from_db()
    assert (job.attempts, job.last_error) == (outbox.MAX_ENQUEUES, "given up")
    assert "given up" in caplog.text
    with later(60 * 24 * 30):
        outbox.pick_up()
    assert not OutboxTask.objects.exists()  # finished rows are deleted after a week


@pytest.mark.django_db
def test_a_job_runs_once_even_when_delivered_twice_and_a_failing_one_is_not_repeated(
        broker, monkeypatch, django_capture_on_commit_callbacks):
    calls = []
    monkeypatch.setattr("letters.tasks.sweep_reminders", lambda: calls.append("swept") or {"sent": 0})
    with django_capture_on_commit_callbacks(execute=True):
        job = outbox.defer("letters.tasks.sweep_reminders")
    assert broker.run_all() == [{"sent": 0}]
    assert outbox.run(job.pk) is None
    assert calls == ["swept"]

    def broken():
        raise ValueError("bad")

    monkeypatch.setattr("letters.tasks.sweep_reminders", broken)
    with django_capture_on_commit_callbacks(execute=True):
        failing = outbox.defer("letters.tasks.sweep_reminders")
    with pytest.raises(ValueError):
        broker.run_all()
    failing.refresh_from_db()
    assert failing.finished_at is not None


@pytest.mark.django_db
def test_a_starting_worker_picks_up_what_waits(broker):
    broker.down = True
    job = outbox.defer("letters.tasks.sweep_reminders")
    broker.down = False
    with later(2):
        post_spawn.send(sender="django_q", proc_name="Process-1")
    assert [args for _func, args, _options in broker.queue] == [(job.pk,)]


@pytest.mark.django_db
def test_a_worker_starts_even_when_the_database_is_not_there(monkeypatch, caplog):
    def unavailable(*args, **kwargs):
        from django.db import OperationalError

        raise OperationalError("connection refused")

    monkeypatch.setattr(outbox, "pick_up", unavailable)
    with caplog.at_level(logging.WARNING, logger="jobs"):
        post_spawn.send(sender="django_q", proc_name="Process-1")
    assert "OperationalError" in caplog.text


@pytest.mark.django_db
def test_the_pick_up_is_scheduled():
    call_command("setup_schedules")
    schedule = Schedule.objects.get(func="jobs.tasks.pick_up_outbox")
    assert (schedule.schedule_type, schedule.minutes) == (Schedule.MINUTES, 1)


@pytest.mark.django_db
def test_a_report_stuck_in_the_queue_can_be_asked_for_again(
        client, pair, coordinator, broker, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        report = report_services.request_report(coordinator, kind="pair_booklet", pair=pair)
    broker.queue.clear()  # the broker lost it
    with pytest.raises(StateConflict):
        report_services.retry_report(coordinator, report=report)  # just queued: not stuck
    client.force_login(coordinator)
    assert "Try again" not in client.get(f"/reports/{report.pk}/").content.decode()
    with later(outbox.STUCK_AFTER.total_seconds() / 60 + 1):
        assert "Try again" in client.get(f"/reports/{report.pk}/").content.decode()
        with django_capture_on_commit_callbacks(execute=True):
            assert client.post(f"/reports/{report.pk}/retry/").status_code == 302
    jobs = OutboxTask.objects.filter(func="oversight.tasks.build_report").order_by("pk")
    assert [job.args for job in jobs] == [[report.pk], [report.pk]]
    broker.run_all()
    report.refresh_from_db()
    assert report.status == Report.Status.DONE  # the second job found it done and returned
