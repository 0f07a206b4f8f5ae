"""A Redis that does not answer: the person's work is saved and the alert follows once it is back.

Runs in the pass that configures Redis (`make test-postgres`, CI). The broker is pointed at
a closed port the way a wrong or dead REDIS_URL would point it; django-q2 reads its Redis
address from `Conf.REDIS`, so that is what the test changes, and then puts back.
"""

import pytest
from django.core import mail
from django.urls import reverse
from django.utils.module_loading import import_string

from jobs import outbox
from jobs.models import OutboxTask
from letters.models import Letter, LetterStatus, Reminder
from tests import factories
from tests.jobs.test_outbox import later, with_email
from tests.letters.test_moderation import URGENT_TEXT

CLOSED_PORT = "redis://127.0.0.1:1/12?socket_connect_timeout=3&socket_timeout=10"


def run_queued_tasks() -> int:
    """Take every task from the real Redis queue and run it as a worker would; return how many."""
    from django_q.brokers import get_broker
    from django_q.signing import SignedPackage

    broker, ran = get_broker(), 0
    while broker.queue_size():
        for _ack, payload in broker.dequeue() or ():
            task = SignedPackage.loads(payload)
            import_string(task["func"])(*task["args"])
            ran += 1
    return ran


@pytest.mark.redis
@pytest.mark.django_db
def test_an_urgent_letter_sent_while_redis_is_down_is_saved_and_the_alert_goes_out_once_when_it_is_back(
        client, pair, coordinator, monkeypatch, settings, django_capture_on_commit_callbacks):
    from django_q.brokers import get_broker
    from django_q.conf import Conf

    get_broker().purge_queue()
    with_email(coordinator)
    draft = factories.make_letter(pair, status="draft")
    working = Conf.REDIS
    monkeypatch.setattr(Conf, "REDIS", CLOSED_PORT)
    settings.REDIS_URL = CLOSED_PORT
    client.force_login(pair.mentee.user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("letter-edit", args=[draft.pk]), {"body": URGENT_TEXT, "action": "send"},
                               follow=True)
    assert response.status_code == 200
    assert "Your coordinator will read your letter" in response.content.decode()
    assert Letter.objects.get(pk=draft.pk).status == LetterStatus.IN_REVIEW
    job = OutboxTask.objects.get()
    assert job.enqueued_at is None and "Connection" in job.last_error
    assert mail.outbox == []

    monkeypatch.setattr(Conf, "REDIS", working)  # Redis is back
    settings.REDIS_URL = working
    with later(2):
        assert outbox.pick_up() == 1
        assert outbox.pick_up() == 0
        assert run_queued_tasks() == 1
    alerts = [message for message in mail.outbox if coordinator.email in message.to]
    assert len(alerts) == 1
    assert Reminder.objects.get(kind="urgent_finding").status == "sent"
    # The same job delivered again by the broker sends nothing more.
    import django_q.tasks

    django_q.tasks.async_task(outbox.RUNNER, job.pk)
    assert run_queued_tasks() == 1
    assert len(mail.outbox) == 1
