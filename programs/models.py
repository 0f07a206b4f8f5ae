"""People, programs, memberships and pairs.

A user is known inside a program only by the pseudonym of their membership; real names
and e-mail addresses live on the user and are never shown to the other side of a pair.
"""

from datetime import timedelta
from zoneinfo import available_timezones

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.utils.crypto import salted_hmac
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from programs.reminder_settings import validate_reminder_settings

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


class User(AbstractUser):
    """An account. Its names and e-mail are private; programs show pseudonyms instead."""

    language = models.CharField(
        _("language"), max_length=8, choices=LANGUAGE_CHOICES, blank=True,
        help_text=_("Leave empty to use each program's language."),
    )
    time_zone = models.CharField(
        _("time zone"), max_length=64, blank=True, validators=[validate_time_zone],
        help_text=_("Leave empty to use each program's time zone."),
    )
    #: Secret part of the user's calendar-feed URL; empty until they ask for a feed.
    calendar_token = models.CharField(_("calendar token"), max_length=64, blank=True, db_index=True)
    #: Raised by programs.accounts.sign_out_everywhere: every session signed before it stops working.
    session_generation = models.PositiveIntegerField(default=0, editable=False)

    class Meta:
        constraints = [
            models.CheckConstraint(condition=Q(language="") | Q(language__in=LANGUAGE_CODES), name="user_language_valid"),
        ]

    def _get_session_auth_hash(self, secret=None):
        """Return the hash that ties sessions to this account, changed by a new password or generation.

        Generation 0 keeps Django's own hash, so existing sessions survive this feature's arrival.
        """
        if not self.session_generation:
            return super()._get_session_auth_hash(secret=secret)
        return salted_hmac(
            "brevven.User.session_auth_hash", f"{self.password}:{self.session_generation}", secret=secret,
            algorithm="sha256",
        ).hexdigest()


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


class MembershipQuerySet(models.QuerySet):
    def active(self) -> "MembershipQuerySet":
        return self.filter(status=Membership.Status.ACTIVE)


class MembershipRole(models.TextChoices):
    MENTEE = "mentee", _("Mentee")
    MENTOR = "mentor", _("Mentor")
    COORDINATOR = "coordinator", _("Coordinator")


class MembershipStatus(models.TextChoices):
    INVITED = "invited", _("Invited")
    ACTIVE = "active", _("Active")
    LEFT = "left", _("Left the program")


#: The avatars a member may choose (drawn for Brevven: frontend/static/frontend/avatars/<code>.svg).
AVATAR_CHOICES = [
    ("fox", _("Fox")),
    ("owl", _("Owl")),
    ("whale", _("Whale")),
    ("cat", _("Cat")),
    ("rocket", _("Rocket")),
    ("tree", _("Tree")),
]
AVATAR_CODES = [code for code, _label in AVATAR_CHOICES]


class Membership(models.Model):
    """A user's role and pseudonym in one program."""

    Role = MembershipRole

    Status = MembershipStatus

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    pseudonym = models.CharField(_("pseudonym"), max_length=60)
    bio = models.TextField(_("short bio"), blank=True, max_length=1000)
    avatar = models.CharField(_("avatar"), max_length=40, blank=True)
    #: Where the person lives, when their coordinator knows it: screening reads this country's
    #: phone numbers and addresses in their letters as well as the program's countries.
    country = models.CharField(
        _("country"), max_length=2, choices=REGION_CHOICES, blank=True,
        help_text=_("Optional. Screening also looks for this country's phone numbers and addresses in their letters."),
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.ACTIVE)
    joined_at = models.DateTimeField(auto_now_add=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        ordering = ["program", "pseudonym"]
        constraints = [
            choices_constraint("role", MembershipRole.choices, "membership_role_valid"),
            choices_constraint("status", MembershipStatus.choices, "membership_status_valid"),
            models.UniqueConstraint(fields=["user", "program"], name="membership_one_per_user_and_program"),
            models.UniqueConstraint(Lower("pseudonym"), "program", name="membership_pseudonym_unique_in_program"),
            models.CheckConstraint(condition=Q(country="") | Q(country__in=REGION_CODES), name="membership_country_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.pseudonym} ({self.get_role_display()})"


class PairQuerySet(models.QuerySet):
    def visible_to(self, user) -> "PairQuerySet":
        """Return the pairs `user` belongs to or coordinates; all pairs for an operator."""
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self.all()
        coordinated = Program.objects.coordinated_by(user).values("pk")
        return self.filter(Q(mentor__user=user) | Q(mentee__user=user) | Q(program__in=coordinated))

    def open(self) -> "PairQuerySet":
        """Return pairs that are not closed (active or paused)."""
        return self.exclude(status=Pair.Status.CLOSED)


class PairStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    PAUSED = "paused", _("Paused")
    CLOSED = "closed", _("Closed")


class Pair(models.Model):
    """A mentor and a mentee who write to each other within one program."""

    Status = PairStatus

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="pairs")
    mentor = models.ForeignKey(Membership, on_delete=models.PROTECT, related_name="pairs_as_mentor")
    mentee = models.ForeignKey(Membership, on_delete=models.PROTECT, related_name="pairs_as_mentee")
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.ACTIVE)
    status_reason = models.TextField(_("reason for the last pause or closure"), blank=True)
    started_at = models.DateTimeField(_("started at"))
    paused_at = models.DateTimeField(_("paused at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)

    objects = PairQuerySet.as_manager()

    class Meta:
        ordering = ["program", "pk"]
        constraints = [
            choices_constraint("status", PairStatus.choices, "pair_status_valid"),
            models.CheckConstraint(condition=~Q(mentor=models.F("mentee")), name="pair_two_different_people"),
            models.CheckConstraint(
                condition=Q(status="closed", closed_at__isnull=False) | ~Q(status="closed"), name="pair_closed_has_date"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.mentor.pseudonym} & {self.mentee.pseudonym}"

    def member_for(self, user) -> Membership | None:
        """Return the membership of `user` in this pair, or None if they are not in it."""
        for membership in (self.mentor, self.mentee):
            if membership.user_id == user.pk:
                return membership
        return None

    def partner_of(self, membership: Membership) -> Membership:
        """Return the other side of the pair. Precondition: `membership` is in the pair."""
        return self.mentee if membership.pk == self.mentor_id else self.mentor


class PairEvent(models.Model):
    """Append-only audit of a pair's status changes."""

    pair = models.ForeignKey(Pair, on_delete=models.CASCADE, related_name="events")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True)
    from_status = models.CharField(max_length=20, blank=True)
    to_status = models.CharField(max_length=20, choices=Pair.Status.choices)
    note = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(from_status="") | Q(from_status__in=Pair.Status.values), name="pairevent_from_valid"
            ),
            choices_constraint("to_status", Pair.Status.choices, "pairevent_to_valid"),
        ]


class PairNote(models.Model):
    """A coordinator's private note about a pair; never shown to the pair itself."""

    pair = models.ForeignKey(Pair, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True)
    text = models.TextField(_("note"), max_length=4000)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["created_at", "pk"]

# ---------------------------------------------------------------------------- screening settings


class WatchWordSeverity(models.TextChoices):
    """What a watch word does to a letter; the values are letters.models.FindingSeverity's."""

    HOLD = "hold", _("Hold: the letter waits for a coordinator")
    URGENT = "urgent", _("Urgent: alert the coordinators at once")


class WatchWord(models.Model):
    """A word or phrase a program's coordinators want screening to find in every letter.

    Written only by programs.services.add_watch_word and remove_watch_word. Matched like
    every screening word: whole words, ignoring case and accents (letters.screening.blocked).
    """

    Severity = WatchWordSeverity

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="watch_words")
    term = models.TextField(_("word or phrase"))
    #: The term folded (lower case, no accents, single spaces): two terms that find the same
    #: words share it, and the program keeps only one of them.
    match_key = models.TextField(editable=False)
    severity = models.CharField(_("severity"), max_length=10, choices=Severity.choices, default=Severity.HOLD)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["program", "match_key", "pk"]
        constraints = [
            choices_constraint("severity", WatchWordSeverity.choices, "watchword_severity_valid"),
            models.UniqueConstraint(fields=["program", "match_key"], name="watchword_one_per_key_in_program"),
        ]

    def __str__(self) -> str:
        return self.term


class AppendOnlyQuerySet(models.QuerySet):
    """A queryset whose rows can be added and read, never changed or removed in bulk.

    Deleting what an entry belongs to (its program) still removes the entry through the
    database's cascade, which does not pass through this queryset.
    """

    def update(self, **kwargs):
        raise TypeError("Audit entries are append-only.")

    def delete(self):
        raise TypeError("Audit entries are append-only.")


class ProgramAuditAction(models.TextChoices):
    MEMBER_ADDED = "member_added", _("Person added")
    COORDINATOR_GRANTED = "coordinator_granted", _("Made a coordinator")
    PEOPLE_IMPORTED = "people_imported", _("People imported")
    INVITATION_CREATED = "invitation_created", _("Invitation link made")
    SIGN_IN_LINK_CREATED = "sign_in_link_created", _("Sign-in link made")
    PAIRS_IMPORTED = "pairs_imported", _("Pairs imported")
    READING_ADDED = "reading_added", _("Reading added")
    READING_CHANGED = "reading_changed", _("Reading changed")
    ASSIGNMENT_SCHEDULED = "assignment_scheduled", _("Reading scheduled")
    WATCH_WORD_ADDED = "watch_word_added", _("Watch word added")
    WATCH_WORD_REMOVED = "watch_word_removed", _("Watch word removed")
    SCREENING_COUNTRIES_CHANGED = "screening_countries_changed", _("Screening countries changed")


class AuditTarget(models.TextChoices):
    """What an audit entry is about; each value is its model's `_meta.model_name` (programs.audit.record)."""

    PROGRAM = "program", _("program")
    MEMBERSHIP = "membership", _("person")
    INVITATION = "invitation", _("invitation")
    READING = "reading", _("reading")
    ASSIGNMENT = "assignment", _("assignment")
    WATCH_WORD = "watchword", _("watch word")


class ProgramAuditEntry(models.Model):
    """Append-only record of a change to a program's people, roles, settings or readings: who, what, when.

    Written by the services (programs.audit.record); letters keep their own history
    (LetterEvent, ReviewAuditEntry) and pairs theirs (PairEvent). `program` is empty for a
    change to the shared reading library. `detail` is short and holds no personal data
    (no names, addresses or letter text: pseudonyms and e-mail addresses stay out).
    """

    Action = ProgramAuditAction
    Target = AuditTarget

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="audit_entries", null=True, blank=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                              related_name="+")
    action = models.CharField(max_length=40, choices=Action.choices)
    target_type = models.CharField(max_length=20, choices=Target.choices, blank=True)
    target_id = models.PositiveBigIntegerField(null=True, blank=True)
    detail = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name_plural = "program audit entries"
        indexes = [models.Index(fields=["program", "-created_at", "-id"], name="programaudit_program_newest")]
        constraints = [
            choices_constraint("action", ProgramAuditAction.choices, "programaudit_action_valid"),
            models.CheckConstraint(condition=Q(target_type="") | Q(target_type__in=AuditTarget.values),
                                   name="programaudit_target_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.get_action_display()}: {self.detail}"

    def save(self, *args, **kwargs):
        # A data-integrity guard, not a business rule: an existing entry is never rewritten.
        if not self._state.adding:
            raise TypeError("Audit entries are append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise TypeError("Audit entries are append-only.")


# ---------------------------------------------------------------------------- security and privacy


class Invitation(models.Model):
    """A single-use, expiring link that lets an invited participant choose a user name and password.

    Only a SHA-256 of the link's random token is stored, so a copy of the database cannot
    be used to sign in (programs.accounts).
    """

    membership = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="invitations")
    token_hash = models.CharField(max_length=64, unique=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "pk"]
