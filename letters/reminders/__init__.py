"""Reminders and notices: who is owed which message, what it says, and sending it once.

- `planning`: decide which reminders are owed now and keep one row per message;
- `delivery`: send each due row once (e-mail and in-app), `sweep` and `notify_for_letter`;
- `messages`: what a reminder says, in the recipient's language;
- `hooks`: what the letter services call when a letter changes state;
- `preferences`: a person's own writes (e-mail preferences, marking notices read).

The tasks and tests use the entry points below; everything else is imported from its module.
"""

from letters.reminders.delivery import deliver_due_reminders, notify_for_letter, sweep
from letters.reminders.planning import load_snapshot, owed_reminders, plan_for_letter, plan_reminders

__all__ = [
    "deliver_due_reminders",
    "load_snapshot",
    "notify_for_letter",
    "owed_reminders",
    "plan_for_letter",
    "plan_reminders",
    "sweep",
]
