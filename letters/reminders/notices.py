"""In-app notices that other apps send about their own objects (an event changed or was cancelled).

These are never e-mailed and have no Reminder row: the reminders' planning owns its rows
(it plans them again on every sweep and cancels what it no longer finds owed), and their
wording is composed here in letters from letters' own objects. A notice from an app above
letters is therefore worded by that app, in each recipient's language, and stored with
its words (Notification.title and body), as notices without a reminder always are.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ImproperlyConfigured

from letters.models import IN_APP_ONLY, Notification


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
