"""Notices that other apps send about their own objects.

Two ways, by kind:

- `notify_in_app` (letters.models.IN_APP_ONLY: an event changed or was cancelled): never
  e-mailed and without a Reminder row. The reminders' planning owns its rows (it plans them
  again on every sweep and cancels what it no longer finds owed) from letters' own objects,
  so such a notice is worded by the app that sends it, in each recipient's language, and
  stored with its words (Notification.title and body).
- `notify` (letters.models.PLANNED_FROM_ABOVE: the peer spaces' notices): a Reminder row
  per recipient, keyed like every reminder, planned once by the app's service and never
  cancelled by the sweep (planning.plan_notice). Its in-app notice is written at once;
  the same delivery as every other reminder e-mails it, once, with the recipient's
  preferences and a mentee's quiet hours. It is worded in letters.reminders.messages from
  its kind and the ids in its details, so the notifications page words it again in the
  reader's current language.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.core.exceptions import ImproperlyConfigured

from letters.models import IN_APP_ONLY, Notification
from letters.reminders.delivery import show_in_app
from letters.reminders.planning import plan_notice
from programs.models import Program


@dataclass(frozen=True)
class InAppNotice:
    user_id: int
    title: str
    body: str


def notify_in_app(*, kind: str, program_id: int, url: str, notices: list[InAppNotice]) -> int:
    """Store one unread in-app notification per notice, in the caller's transaction; return how many.

    Precondition: `kind` is one of IN_APP_ONLY; titles and bodies name nobody but by
    pseudonym and quote no letter.
    """
    if kind not in IN_APP_ONLY:
        raise ImproperlyConfigured(f"{kind} is not an in-app-only notice kind")
    Notification.objects.bulk_create([
        Notification(user_id=notice.user_id, kind=kind, program_id=program_id, title=notice.title[:200],
                     body=notice.body, url=url)
        for notice in notices
    ])
    return len(notices)


def notify(*, kind: str, program: Program, recipients: list[tuple[int, bool]], object_key: str, due_at: datetime,
           details: dict) -> int:
    """Plan a notice of `kind` for each (user id, quiet hours) of `recipients` and show it in the app now; return how many.

    A recipient who already has this notice (same object and due moment: a second reply in
    the same thread within the hour) gets nothing new. The e-mail goes with the next
    delivery (the reminder sweep). Preconditions: `kind` is one of PLANNED_FROM_ABOVE;
    `details` holds ids only; called in the transaction of the change it announces.
    """
    if not recipients:
        return 0
    return show_in_app(plan_notice(kind=kind, program=program, recipients=recipients, object_key=object_key,
                                   due_at=due_at, details=details))
