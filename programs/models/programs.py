"""Programs: their calendar, rules and settings, and who coordinates or belongs to them."""

from datetime import timedelta

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from programs.models.base import (
    DEFAULT_REGION_BY_LANGUAGE, LANGUAGE_CHOICES, choices_constraint, validate_screening_countries, validate_time_zone,
)
from programs.models.people import Membership
from programs.reminder_settings import validate_reminder_settings


class ProgramQuerySet(models.QuerySet):
    def coordinated_by(self, user) -> "ProgramQuerySet":
        """Return the programs `user` coordinates (all programs for an operator)."""
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self.all()
        return self.filter(
            memberships__user=user,
            memberships__role=Membership.Role.COORDINATOR,
            memberships__status=Membership.Status.ACTIVE,
        )

    def visible_to(self, user) -> "ProgramQuerySet":
        """Return the programs in which `user` holds an active membership (all for an operator)."""
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self.all()
        return self.filter(
            memberships__user=user, memberships__status=Membership.Status.ACTIVE
        ).distinct()


class ErasedLetters(models.TextChoices):
    DELETE = "delete", _("Delete the bodies of their letters")
    KEEP = "keep", _("Keep their letters for the partner (author shown as a former participant)")


class ReviewPolicy(models.TextChoices):
    ALL = "all", _("A coordinator reads every letter")
    FLAGGED_ONLY = "flagged_only", _("A coordinator reads only letters with findings")


class Program(models.Model):
    """A mentoring program: its calendar, its rules, and the pairs that write in it."""

    ReviewPolicy = ReviewPolicy
    ErasedLetters = ErasedLetters

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    language = models.CharField(_("language"), max_length=8, choices=LANGUAGE_CHOICES, default="en")
    time_zone = models.CharField(_("time zone"), max_length=64, default="UTC", validators=[validate_time_zone])
    #: Country codes (REGION_CHOICES) whose phone numbers and addresses screening reads; written
    #: by programs.services.set_screening_countries. Empty: the usual country of the language.
    screening_countries = models.JSONField(
        _("screening countries"), default=list, blank=True, validators=[validate_screening_countries],
        help_text=_("Used to recognise local phone numbers and addresses in letters. "
                    "Leave empty to use the usual country of the program's language."),
    )
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    review_policy = models.CharField(
        _("review policy"), max_length=20, choices=ReviewPolicy.choices, default=ReviewPolicy.ALL
    )
    reply_window = models.DurationField(_("reply window"), default=timedelta(days=7))
    review_sla = models.DurationField(_("review deadline"), default=timedelta(hours=24))
    min_letter_chars = models.PositiveIntegerField(_("shortest letter (characters)"), default=20)
    max_letter_chars = models.PositiveIntegerField(_("longest letter (characters)"), default=6000)
    retention_days = models.PositiveIntegerField(_("days kept after the program ends"), default=365)
    safeguarding_retention_days = models.PositiveIntegerField(
        _("days a safeguarding hold keeps a letter"), default=6 * 365,
        help_text=_("When a person is erased, their withheld letters and letters with an urgent concern are kept "
                    "this long, for coordinators only."),
    )
    erased_letters = models.CharField(
        _("letters of an erased person"), max_length=10, choices=ErasedLetters.choices, default=ErasedLetters.DELETE,
        help_text=_("What happens to a person's letters when an operator erases them."),
    )
    max_active_pairs_per_person = models.PositiveSmallIntegerField(
        _("active pairs a person may have at once"), default=1
    )
    reminder_settings = models.JSONField(
        _("reminder settings"), default=dict, blank=True, validators=[validate_reminder_settings],
        help_text=_("Only what differs from the defaults, e.g. {\"letter_due\": {\"hours_before\": 24}}; "
                    "see docs/background-jobs.md."),
    )
    members_may_download_booklets = models.BooleanField(
        _("mentees and mentors may download their pair's booklet"), default=False
    )
    #: Stamps in the members' letter passports (goals.rewards); coordinators switch them off
    #: with programs.services.set_rewards_enabled. Off: no stamp is awarded or shown.
    rewards_enabled = models.BooleanField(
        _("stamps in the letter passport"), default=True,
        help_text=_("Mentees collect stamps for things worth praising, such as a letter on time."),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ProgramQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        constraints = [
            choices_constraint("review_policy", ReviewPolicy.choices, "program_review_policy_valid"),
            choices_constraint("language", LANGUAGE_CHOICES, "program_language_valid"),
            choices_constraint("erased_letters", ErasedLetters.choices, "program_erased_letters_valid"),
            models.CheckConstraint(condition=Q(ends_on__gte=models.F("starts_on")), name="program_ends_after_start"),
            models.CheckConstraint(
                condition=Q(max_letter_chars__gte=models.F("min_letter_chars")), name="program_letter_limits_ordered"
            ),
            models.CheckConstraint(condition=Q(max_active_pairs_per_person__gte=1), name="program_pairs_per_person_positive"),
        ]

    def __str__(self) -> str:
        return self.name

    def screening_regions(self) -> list[str]:
        """Return the countries whose phone and address formats screening reads, the first being the main one.

        The program's chosen `screening_countries` when there are any, otherwise the usual
        country of its language (English → GB, Danish → DK, Norwegian → NO, French → FR).
        """
        return list(self.screening_countries) or [DEFAULT_REGION_BY_LANGUAGE.get(self.language, "GB")]
