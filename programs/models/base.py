"""What the programs app's models share: languages, countries, validators, constraint and queryset helpers."""

from zoneinfo import available_timezones

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

LANGUAGE_CHOICES = [
    ("en", _("English")),
    ("da", _("Danish")),
    ("nb", _("Norwegian Bokmål")),
    ("fr", _("French")),
]
LANGUAGE_CODES = [code for code, _label in LANGUAGE_CHOICES]

#: Countries whose phone-number and postcode formats screening reads (ISO 3166-1 alpha-2).
REGION_CHOICES = [
    ("US", _("United States")),
    ("GB", _("United Kingdom")),
    ("DK", _("Denmark")),
    ("NO", _("Norway")),
    ("FR", _("France")),
]
REGION_CODES = [code for code, _label in REGION_CHOICES]
#: The country assumed for a program that has not chosen one, by program language.
DEFAULT_REGION_BY_LANGUAGE = {"en": "GB", "da": "DK", "nb": "NO", "fr": "FR"}


def validate_screening_countries(value) -> None:
    """Refuse anything but a list of the supported country codes (REGION_CHOICES)."""
    if not isinstance(value, list) or any(code not in REGION_CODES for code in value):
        raise ValidationError(_("Choose countries from the list."))


def validate_time_zone(value: str) -> None:
    """Refuse a time zone name that the IANA database does not know."""
    if value not in available_timezones():
        raise ValidationError(_("“%(value)s” is not a known time zone."), params={"value": value})


def choices_constraint(field: str, choices, name: str) -> models.CheckConstraint:
    """Return a CheckConstraint that keeps `field` within the values of `choices`."""
    return models.CheckConstraint(
        condition=Q(**{f"{field}__in": [value for value, _label in choices]}), name=name
    )


class AppendOnlyQuerySet(models.QuerySet):
    """A queryset whose rows can be added and read, never changed or removed in bulk.

    Deleting what an entry belongs to (its program, its letter) still removes the entry
    through Django's cascade, which does not pass through this queryset.
    """

    def update(self, **kwargs):
        raise TypeError("Audit entries are append-only.")

    def delete(self):
        raise TypeError("Audit entries are append-only.")


class AppendOnlyModel(models.Model):
    """An audit log's row: added once, then never changed or deleted (here or through its queryset).

    A data-integrity guard, not a business rule. Used by programs.ProgramAuditEntry and
    letters.ReviewAuditEntry.
    """

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise TypeError("Audit entries are append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise TypeError("Audit entries are append-only.")
