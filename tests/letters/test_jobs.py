"""Schedules, the on-commit hooks, and the notification pages."""

import pytest
from django.core.management import call_command
from django_q.models import OrmQ, Schedule

from letters import tasks
from programs.management.commands.setup_schedules import declared_schedules
from letters.models import Notification, ReminderKind
from tests import factories


@pytest.mark.django_db
def test_setup_schedules_is_idempotent_and_removes_what_the_code_dropped(monkeypatch):
    Schedule.objects.create(name="Made by hand", func="somewhere.else.job", schedule_type=Schedule.DAILY)
    Schedule.objects.create(name="Old job", func="letters.tasks.gone", schedule_type=Schedule.DAILY)
    call_command("setup_schedules")
    call_command("setup_schedules")
    names = sorted(Schedule.objects.values_list("name", flat=True))
    assert names == sorted(["Made by hand", *[entry["name"] for entry in declared_schedules()]])
    assert {entry["name"] for entry in tasks.SCHEDULES} < set(names)
    sweep = Schedule.objects.get(func="letters.tasks.sweep_reminders")
    assert (sweep.schedule_type, sweep.minutes) == (Schedule.MINUTES, 10)
    assert "timeout" in sweep.kwargs
    monkeypatch.setattr(tasks, "SCHEDULES", [{**tasks.SCHEDULES[0], "minutes": 5}])
    call_command("setup_schedules")
    assert list(Schedule.objects.filter(func__startswith="letters.").values_list("func", "minutes")) == [
        ("letters.tasks.sweep_reminders", 5)
    ]


@pytest.mark.django_db
def test_services_ask_for_a_sweep_only_once_the_transaction_commits(pair, coordinator, django_capture_on_commit_callbacks, settings):
    settings.Q_CLUSTER = {**settings.Q_CLUSTER, "orm": "default"}
    settings.Q_CLUSTER.pop("redis", None)
    letter = factories.make_letter(pair, status="in_review")
    from letters import services

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.approve_letter(coordinator, letter=letter)
    assert len(callbacks) == 1 and OrmQ.objects.count() == 0
    letter = factories.make_letter(pair, status="in_review")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.request_changes(coordinator, letter=letter, note="Say more.")
    assert len(callbacks) == 1
    draft = factories.make_letter(pair, status="draft")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.submit_letter(pair.mentee.user, letter=draft)
    assert callbacks == []  # no urgent finding: nothing to alert


@pytest.mark.django_db
def test_notification_pages(client, pair):
    user = pair.mentee.user
    mine = Notification.objects.create(user=user, kind=ReminderKind.READING_OPEN, title="A new reading is open", url="/")
    other = Notification.objects.create(user=pair.mentor.user, kind=ReminderKind.READING_OPEN, title="Not yours")
    client.force_login(user)
    page = client.get("/notifications/").content.decode()
    assert "A new reading is open" in page and "Not yours" not in page
    assert client.post(f"/notifications/{other.pk}/read/").status_code == 404
    assert client.post(f"/notifications/{mine.pk}/read/", {"open": "1"})["Location"] == "/"
    mine.refresh_from_db()
    assert mine.read_at is not None
    settings_page = client.get("/notifications/settings/").content.decode()
    assert 'value="urgent_finding"' not in settings_page and 'value="letter_due"' in settings_page
    wanted = [kind for kind in ReminderKind.values if kind not in ("letter_due", "urgent_finding", "urgent_escalation")]
    assert client.post("/notifications/settings/", {"email": wanted}).status_code == 302
    assert user.notification_preference.email_muted_kinds == ["letter_due"]
    assert not user.notification_preference.wants_email("letter_due")
    assert user.notification_preference.wants_email("urgent_finding")


@pytest.mark.django_db
def test_operators_can_watch_reminders_in_the_admin(admin_client):
    assert admin_client.get("/admin/letters/reminder/").status_code == 200
