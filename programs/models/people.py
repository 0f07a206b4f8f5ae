"""People: accounts, their memberships (role and pseudonym in one program), and invitations.

A user is known inside a program only by the pseudonym of their membership; real names
and e-mail addresses live on the user and are never shown to the other side of a pair.
"""

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _

from programs.models.base import LANGUAGE_CHOICES, LANGUAGE_CODES, REGION_CHOICES, REGION_CODES, choices_constraint, validate_time_zone


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


class AgeBand(models.TextChoices):
    """The age bands the statistics count by. A band, never a birth date, is stored: it is all
    the statistics need, and less is known about a child if the database leaks."""

    UNDER_10 = "under-10", _("Under 10")
    FROM_10_TO_12 = "10-12", _("10–12")
    FROM_13_TO_15 = "13-15", _("13–15")
    FROM_16_TO_17 = "16-17", _("16–17")
    FROM_18_TO_25 = "18-25", _("18–25")
    FROM_26_TO_39 = "26-39", _("26–39")
    FROM_40_TO_59 = "40-59", _("40–59")
    FROM_60 = "60-plus", _("60 and over")


#: The longest region or municipality a member's record keeps, in characters.
REGION_MAX_LENGTH = 100


class Membership(models.Model):
    """A user's role and pseudonym in one program."""

    Role = MembershipRole

    Status = MembershipStatus

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    # By name: programs.py imports this module (Program's querysets ask about memberships).
    program = models.ForeignKey("programs.Program", on_delete=models.CASCADE, related_name="memberships")
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
    #: Where the person lives, in the coordinator's words (a region or municipality), for the
    #: program's statistics only; empty means unknown. Personal data: exported and erased.
    region = models.CharField(
        _("region or municipality"), max_length=REGION_MAX_LENGTH, blank=True,
        help_text=_("Optional. Used only to count letters and pairs by region in the program's statistics."),
    )
    #: The person's age band (AgeBand), for the statistics only; empty means unknown.
    age_band = models.CharField(_("age band"), max_length=10, choices=AgeBand.choices, blank=True)
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
            models.CheckConstraint(condition=Q(age_band="") | Q(age_band__in=AgeBand.values),
                                   name="membership_age_band_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.pseudonym} ({self.get_role_display()})"


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
