"""A real `manage.py qcluster` against the test database, and the Redis broker.

The cluster runs in another process, so it must see what the test writes: that needs a
database two processes can open. pytest-django's SQLite test database lives in memory and
is invisible to another process, so the cluster test is marked `postgres` and runs in the
PostgreSQL pass (`make test-postgres`, and on CI) with `transaction=True`, so every row
the test writes is committed. It uses whichever broker the settings choose: the ORM
broker, or Redis when REDIS_URL is set. Every wait polls with a deadline; nothing sleeps
for a fixed time.
"""

import io
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.db import connection
from django_q.tasks import async_task
from pypdf import PdfReader

from letters import reminders
from letters.reminders import delivery
from letters.models import Notification, Reminder
from oversight import services
from oversight.models import Report
from tests import factories

ROOT = Path(__file__).resolve().parents[2]
DEADLINE = 90  # seconds; a cluster that does nothing for this long has failed


def wait_for(condition, what: str, timeout: float = DEADLINE):
    """Poll `condition` until it returns something truthy; fail with `what` after `timeout` seconds."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        value = condition()
        if value:
            return value
        time.sleep(0.2)  # polling interval, bounded by the deadline above
    pytest.fail(f"timed out after {timeout}s waiting for {what}")


def sent_reminder_ids(mail_dir: Path) -> list[int]:
    """Return the reminder id of every e-mail the file backend wrote, duplicates included."""
    ids = []
    for path in mail_dir.glob("*.log"):
        ids += [int(n) for n in re.findall(r"^X-Brevven-Reminder: (\d+)$", path.read_text(), flags=re.M)]
    return sorted(ids)


def database_url() -> str:
    db = connection.settings_dict
    return f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


class Cluster:
    """A qcluster subprocess in its own process group, so it and its workers can be killed together."""

    def __init__(self, tmp_path: Path, **env: str):
        self.env = {**os.environ, "DATABASE_URL": database_url(), "EMAIL_FILE_PATH": str(tmp_path / "mail"),
                    "MEDIA_ROOT": str(tmp_path / "media"), "Q_WORKERS": "1", **env}
        self.log = open(tmp_path / "cluster.log", "ab")
        self.process = None

    def start(self):
        self.process = subprocess.Popen([sys.executable, "manage.py", "qcluster"], cwd=ROOT, env=self.env,
                                        stdout=self.log, stderr=subprocess.STDOUT, start_new_session=True)

    def kill(self):
        """Kill the cluster and its workers at once (as an OOM killer or a power cut would)."""
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=DEADLINE)

    def stop(self):
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.kill()
        self.log.close()


def lock_row(pk: int):
    """Hold a row lock on reminder `pk` from a separate connection; return the connection to release."""
    import psycopg

    db = connection.settings_dict
    blocker = psycopg.connect(host=db["HOST"] or "127.0.0.1", port=db["PORT"] or 5432, user=db["USER"], dbname=db["NAME"])
    blocker.execute("SELECT id FROM letters_reminder WHERE id = %s FOR UPDATE", [pk])
    return blocker


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_real_cluster_skips_a_held_reminder_sends_each_once_across_a_kill_and_builds_a_booklet(tmp_path):
    program = factories.make_program()
    coordinator = factories.make_coordinator(program)
    pairs = []
    for _ in range(6):
        pair = factories.make_pair(program, coordinator)
        pair.mentor.user.email = f"{pair.mentor.user.username}@example.org"
        pair.mentor.user.save()
        factories.make_letter(pair, status="delivered", coordinator=coordinator, body=f"Hello from pair {pair.pk}, a letter.")
        pairs.append(pair)
    reminders.plan_reminders(factories.now())
    rows = list(Reminder.objects.order_by("send_after", "pk").values_list("pk", flat=True))
    assert len(rows) == 6
    mail_dir = tmp_path / "mail"
    cluster = Cluster(tmp_path)
    # Another worker holds the fourth row: this one skips it rather than waiting, sends the
    # other five and is killed; once the row is free, the restarted cluster sends it.
    blocker = lock_row(rows[3])
    try:
        cluster.start()
        async_task("letters.tasks.sweep_reminders")
        wait_for(lambda: Reminder.objects.filter(status="sent").count() == 5, "five reminders sent")
        cluster.kill()
        blocker.rollback()
        assert sent_reminder_ids(mail_dir) == sorted(rows[:3] + rows[4:])
        assert Reminder.objects.get(pk=rows[3]).status == "pending"

        cluster.start()
        async_task("letters.tasks.sweep_reminders")
        wait_for(lambda: Reminder.objects.filter(status="sent").count() == 6, "all six reminders sent")
        assert sent_reminder_ids(mail_dir) == sorted(rows)  # each exactly once, none missed

        report = services.request_report(coordinator, kind="pair_booklet", pair=pairs[0])  # enqueued on commit
        wait_for(lambda: Report.objects.filter(pk=report.pk, status__in=["done", "failed"]).exists(), "the booklet")
        report.refresh_from_db()
        assert report.status == "done", report.error
        pdf = tmp_path / "media" / report.file.name
        assert pdf.exists()
        text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.read_bytes())).pages)
        assert f"Hello from pair {pairs[0].pk}" in text
    finally:
        blocker.close()
        cluster.stop()


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("point", ["claimed", "sent"])
def test_a_worker_killed_while_sending_a_reminder_neither_loses_nor_doubles_it(tmp_path, point):
    """SIGKILL a real worker right after it claimed a reminder, or right after the mail server took it.

    Claimed but never handed over: the mail server never saw it, so it is sent after the
    lease. Sent but not yet marked: it is recorded as sent, not sent again. Either way each
    reminder goes out exactly once and every one gets its in-app notification.
    """
    program = factories.make_program()
    coordinator = factories.make_coordinator(program)
    for _ in range(3):
        pair = factories.make_pair(program, coordinator)
        pair.mentor.user.email = f"{pair.mentor.user.username}@example.org"  # adults: no quiet hours to wait for
        pair.mentor.user.save()
        factories.make_letter(pair, status="delivered", coordinator=coordinator)
    reminders.plan_reminders(factories.now())
    rows = sorted(Reminder.objects.values_list("pk", flat=True))
    assert len(rows) == 3
    mail_dir = tmp_path / "mail"
    paused = Cluster(tmp_path, BREVVEN_TEST_PAUSE_REMINDERS=point)
    try:
        paused.start()
        async_task("letters.tasks.sweep_reminders")
        first = wait_for(lambda: Reminder.objects.filter(status="sending").first(), "a reminder being sent")
        if point == "sent":
            wait_for(lambda: sent_reminder_ids(mail_dir) == [first.pk], "the mail server to take it")
        paused.kill()
    finally:
        paused.stop()
    first.refresh_from_db()
    assert first.status == "sending"
    assert sent_reminder_ids(mail_dir) == ([first.pk] if point == "sent" else [])
    # The lease of the dead worker's claims runs out (rather than waiting ten minutes): it
    # claims its e-mails a group at a time, so `first` may not be its only one.
    Reminder.objects.filter(status="sending").update(claimed_at=first.claimed_at - delivery.CLAIM_LEASE)

    cluster = Cluster(tmp_path)
    try:
        cluster.start()
        async_task("letters.tasks.sweep_reminders")
        wait_for(lambda: Reminder.objects.filter(status="sent").count() == 3, "all three reminders recorded sent")
    finally:
        cluster.stop()
    assert sent_reminder_ids(mail_dir) == rows  # each exactly once, none missed
    assert Notification.objects.filter(reminder_id__in=rows).count() == 3


@pytest.mark.redis
@pytest.mark.django_db
def test_tasks_go_through_the_redis_broker(pair, coordinator, django_capture_on_commit_callbacks):
    """With REDIS_URL set, enqueuing (after commit, from the outbox) uses Redis, and the task it carries runs the same sweep."""
    from django.utils.module_loading import import_string
    from django_q.brokers import get_broker
    from django_q.signing import SignedPackage

    broker = get_broker()
    assert type(broker).__name__ == "Redis"
    broker.purge_queue()
    pair.mentor.user.email = "mentor@example.org"
    pair.mentor.user.save()
    factories.make_letter(pair, status="delivered", coordinator=coordinator)
    from letters.tasks import enqueue_sweep

    from jobs.models import OutboxTask

    OutboxTask.objects.all().delete()  # the delivery's own notice job (never committed in this test)
    with django_capture_on_commit_callbacks(execute=True):
        enqueue_sweep()
    assert broker.queue_size() == 1
    (_ack, payload), = broker.dequeue()
    task = SignedPackage.loads(payload)
    job = OutboxTask.objects.get()
    assert (task["func"], task["args"], task["timeout"]) == ("jobs.tasks.run_outbox_task", (job.pk,), 90)
    assert job.func == "letters.tasks.sweep_reminders"
    assert import_string(task["func"])(*task["args"]) == {"sent": 1, "cancelled": 0}
    assert Reminder.objects.get().status == "sent"
