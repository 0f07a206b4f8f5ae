"""A stand-in for the django-q2 broker that can be switched off, as an unreachable Redis would be."""

import pytest
from django.utils.module_loading import import_string


class Broker:
    """Takes what `django_q.tasks.async_task` is given; raises as a dead broker does while `down`."""

    def __init__(self):
        self.down = False
        self.queue: list[tuple[str, tuple, dict]] = []

    def async_task(self, func, *args, **options):
        if self.down:
            raise ConnectionError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")
        self.queue.append((func, args, options))
        return "task-id"

    def run_all(self) -> list:
        """Run every queued task as a worker would (in order), empty the queue; return their results."""
        results = []
        while self.queue:
            func, args, _options = self.queue.pop(0)
            results.append(import_string(func)(*args))
        return results


@pytest.fixture
def broker(monkeypatch) -> Broker:
    fake = Broker()
    monkeypatch.setattr("django_q.tasks.async_task", fake.async_task)
    return fake
