"""Background tasks for goals: the award job of the letter passport.

Thin, as every task: it calls goals.rewards, which reads only what changed since its last
run and is safe to run twice. SCHEDULES is read by `manage.py setup_schedules`.
"""

from django_q.models import Schedule

#: Seconds; below Q_CLUSTER["retry"] (180), so a slow run is never handed to a second worker.
AWARD_TIMEOUT = 120

SCHEDULES = [
    {
        "name": "Award passport stamps",
        "func": "goals.tasks.award_stamps",
        "schedule_type": Schedule.MINUTES,
        "minutes": 15,
        "q_options": {"timeout": AWARD_TIMEOUT},
    },
]


def award_stamps() -> dict:
    """Give the stamps earned since the last run (see goals.rewards.award_stamps)."""
    from goals.rewards import award_stamps as award

    return award()
