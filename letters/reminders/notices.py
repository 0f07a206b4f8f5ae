"""Notices that other apps send about their own objects: the peer spaces' and the timeline's.

`notify` (letters.models.PLANNED_FROM_ABOVE): a Reminder row per recipient, keyed like
every reminder, planned once by the app's service and never cancelled by the sweep
(planning.plan_notice). Its in-app notice is written at once; the same delivery as every
other reminder e-mails it, once, with the recipient's preferences and a mentee's quiet
hours. It is worded in letters.reminders.messages from its kind and its details (ids, and
for an event its title, times and place), so the notifications page words it again in the
reader's current language.
"""

from __future__ import annotations

from datetime import datetime

from letters.reminders.delivery import show_in_app
from letters.reminders.planning import plan_notice
from programs.models import Program


def notify(*, kind: str, program: Program, recipients: list[tuple[int, bool]], object_key: str, due_at: datetime,
           details: dict) -> int:
    """Plan a notice of `kind` for each (user id, quiet hours) of `recipients` and show it in the app now; return how many.

    A recipient who already has this notice (same object and due moment: a second reply in
    the same thread within the hour) gets nothing new. The e-mail goes with the next
    delivery (the reminder sweep). Preconditions: `kind` is one of PLANNED_FROM_ABOVE;
    `details` holds ids and what the notice says, never a name or a member's words;
    called in the transaction of the change it announces.
    """
    if not recipients:
        return 0
    return show_in_app(plan_notice(kind=kind, program=program, recipients=recipients, object_key=object_key,
                                   due_at=due_at, details=details))
