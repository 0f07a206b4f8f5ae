"""The reminders a program may tune, their default timings, and validation of overrides.

A program stores only what it changes in `Program.reminder_settings`, e.g.
``{"letter_due": {"hours_before": 24}, "reading_open": {"enabled": False}}``.
`effective_setting(program, name)` merges that over the defaults below. Urgent
safeguarding alerts are deliberately absent: no program can turn them off or delay them.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

#: name -> {parameter: default}. Every entry may also carry "enabled" (default True).
REMINDER_DEFAULTS: dict[str, dict[str, int]] = {
    "reading_open": {},  # mentee: a new reading is open
    "letter_due": {"hours_before": 48},  # mentee: letter due soon and none submitted
    "letter_overdue": {"days_after": 1, "repeat_every_days": 7, "repeats": 2},  # mentee
    "letter_delivered": {},  # mentee or mentor: a letter arrived
    "letter_returned": {},  # author: a coordinator returned their letter with a note
    "letter_withheld": {},  # author: a coordinator withheld their letter
    "letter_redacted": {},  # author: their letter was delivered with parts removed
    "reply_due": {"hours_before": 24},  # mentor: reply due soon
    "reply_overdue": {"days_after": 1},  # mentor: reply overdue
    "pair_flag": {"days_after": 3},  # coordinators: mentor reply this many days overdue
    "review_digest": {},  # coordinators: letters past the review deadline (hourly at most)
    "weekly_digest": {"weekday": 0, "hour": 8},  # coordinators: pairs needing attention
}

#: Upper bounds for each integer parameter, so a typo cannot schedule a reminder in 2090.
_LIMITS = {
    "hours_before": (1, 24 * 14),
    "days_after": (0, 60),
    "repeat_every_days": (1, 60),
    "repeats": (0, 10),
    "weekday": (0, 6),
    "hour": (0, 23),
}


def validate_reminder_settings(value) -> None:
    """Refuse overrides that name an unknown reminder or parameter, or a value out of range."""
    if not isinstance(value, dict):
        raise ValidationError(_("Reminder settings must be a mapping of reminder name to settings."))
    for name, override in value.items():
        if name not in REMINDER_DEFAULTS:
            raise ValidationError(
                _("“%(name)s” is not a reminder. Known reminders: %(known)s.")
                % {"name": name, "known": ", ".join(REMINDER_DEFAULTS)}
            )
        if not isinstance(override, dict):
            raise ValidationError(_("The settings of “%(name)s” must be a mapping.") % {"name": name})
        for key, setting in override.items():
            if key == "enabled":
                if not isinstance(setting, bool):
                    raise ValidationError(_("“enabled” of “%(name)s” must be true or false.") % {"name": name})
                continue
            if key not in REMINDER_DEFAULTS[name]:
                raise ValidationError(
                    _("“%(key)s” is not a setting of “%(name)s”.") % {"key": key, "name": name}
                )
            low, high = _LIMITS[key]
            if not isinstance(setting, int) or isinstance(setting, bool) or not low <= setting <= high:
                raise ValidationError(
                    _("“%(key)s” of “%(name)s” must be a whole number from %(low)d to %(high)d.")
                    % {"key": key, "name": name, "low": low, "high": high}
                )


def effective_setting(program, name: str) -> dict:
    """Return the settings of reminder `name` for `program`: defaults with its overrides applied.

    The result always has "enabled".
    """
    merged = {"enabled": True, **REMINDER_DEFAULTS[name]}
    merged.update((program.reminder_settings or {}).get(name, {}))
    return merged
