"""The outbox's tasks (django-q2): run one recorded job, and pick up what the broker missed.

SCHEDULES is read by `manage.py setup_schedules`.
"""

from jobs import outbox

SCHEDULES = [
    {
        "name": "Queue background jobs the broker missed",
        "func": "jobs.tasks.pick_up_outbox",
        "schedule_type": "I",  # Schedule.MINUTES
        "minutes": 1,
        # Seconds; below Q_CLUSTER["retry"] (180) so a slow run is never handed to a second worker.
        "q_options": {"timeout": 60},
    },
]


def run_outbox_task(task_id: int):
    """Run the recorded job `task_id` unless it already ran (see jobs.outbox.run)."""
    return outbox.run(task_id)


def pick_up_outbox() -> int:
    """Hand the jobs that never reached the broker, or got stuck in it, to the broker; return how many."""
    return outbox.pick_up()
