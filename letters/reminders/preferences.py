"""Writes to a person's own notifications and e-mail preferences.

Kept apart from letters/services.py (the letter lifecycle) so the two grow independently.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from letters.models import ALWAYS_EMAILED, IN_APP_ONLY, Notification, NotificationPreference, ReminderKind
from programs.models import User

#: Kinds a person may stop receiving by e-mail (everything but urgent safeguarding alerts and in-app-only notices).
MUTABLE_KINDS = [kind for kind in ReminderKind.values if kind not in ALWAYS_EMAILED | IN_APP_ONLY]


def preference_for(user: User) -> NotificationPreference:
    """Return `user`'s preferences (unsaved defaults when they never changed them)."""
    return NotificationPreference.objects.filter(user=user).first() or NotificationPreference(user=user)


@transaction.atomic
def set_email_preferences(actor: User, *, muted_kinds) -> NotificationPreference:
    """Stop e-mail for `muted_kinds` (and resume it for every other kind); return the preferences.

    Urgent safeguarding alerts cannot be muted: asking to is refused.
    """
    muted = sorted(set(muted_kinds))
    refused = [kind for kind in muted if kind not in MUTABLE_KINDS]
    if refused:
        raise ValidationError({"muted_kinds": _("Urgent safeguarding alerts are always e-mailed and cannot be turned off.")
                               if set(refused) <= ALWAYS_EMAILED else _("Choose from the listed kinds of e-mail.")})
    preference, _created = NotificationPreference.objects.select_for_update().get_or_create(user=actor)
    preference.email_muted_kinds = muted
    preference.save(update_fields=["email_muted_kinds", "updated_at"])
    return preference


def mark_notification_read(actor: User, *, notification: Notification) -> Notification:
    """Mark one of `actor`'s own notifications read; marking it again changes nothing."""
    if notification.user_id != actor.pk:
        raise ValidationError(_("That notification is not yours."))
    Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(read_at=timezone.now())
    notification.refresh_from_db(fields=["read_at"])
    return notification


def mark_all_notifications_read(actor: User) -> int:
    """Mark every unread notification of `actor` read; return how many changed."""
    return Notification.objects.filter(user=actor, read_at__isnull=True).update(read_at=timezone.now())
