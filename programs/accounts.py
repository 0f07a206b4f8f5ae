"""Accounts: invitations, second factors, sign-in locks and sessions (docs/security.md).

Services here follow the rules of programs.services (the acting user first, keyword-only,
one transaction, a permission and state check, a message a person can act on). They live
in their own module because they guard the account rather than the program.
"""

import hashlib
import logging
import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.contrib.auth.validators import UnicodeUsernameValidator
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Exists, F, OuterRef
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_variables

from programs.exceptions import StateConflict
from programs.models import Invitation, Membership, Program, User
from programs.services import add_member, is_coordinator, require_coordinator

log = logging.getLogger(__name__)

RECOVERY_CODE_COUNT = 10
TOTP_DEVICE_NAME = "Authenticator app"
RECOVERY_DEVICE_NAME = "Recovery codes"


# ---------------------------------------------------------------------------- who needs what


def requires_two_factor(user) -> bool:
    """Return True if `user` must pass a second factor: operators, staff, active coordinators,
    and anyone who chose to set one up (a mentor who added an app is asked for it too)."""
    if not user.is_authenticated:
        return False
    if user.is_superuser or user.is_staff:
        return True
    from django_otp.plugins.otp_totp.models import TOTPDevice

    # One query for both questions: RequireTwoFactorMiddleware asks it on every request.
    coordinates = Membership.objects.filter(user=OuterRef("pk"), role=Membership.Role.COORDINATOR,
                                            status=Membership.Status.ACTIVE)
    devices = TOTPDevice.objects.filter(user=OuterRef("pk"), confirmed=True)
    return User.objects.filter(pk=user.pk).filter(Exists(coordinates) | Exists(devices)).exists()


def has_two_factor_device(user) -> bool:
    """Return True if `user` has a confirmed authenticator app."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def coordinates_person(actor, user) -> bool:
    """Return True if `actor` is an operator or coordinates a program `user` belongs to."""
    if not actor.is_authenticated:
        return False
    if actor.is_superuser:
        return True
    programs = Program.objects.coordinated_by(actor).values("pk")
    return Membership.objects.filter(user=user, program__in=programs).exists()


# ---------------------------------------------------------------------------- second factor


@transaction.atomic
def start_totp_setup(actor: User):
    """Return a fresh, unconfirmed authenticator device for `actor` (any earlier unconfirmed one is dropped).

    Precondition: the caller checked that `actor` may add a device (no confirmed one yet,
    or this session already passed the second factor).
    """
    from django_otp.plugins.otp_totp.models import TOTPDevice

    TOTPDevice.objects.filter(user=actor, confirmed=False).delete()
    return TOTPDevice.objects.create(user=actor, name=TOTP_DEVICE_NAME, confirmed=False)


@sensitive_variables("token")
def confirm_totp_device(actor: User, *, device, token: str) -> list[str]:
    """Confirm `device` with a code from the app; return new recovery codes to show once.

    Any other confirmed authenticator of `actor` is replaced by this one.
    """
    from django_otp.plugins.otp_totp.models import TOTPDevice

    with transaction.atomic():
        device = TOTPDevice.objects.select_for_update().get(pk=device.pk)
        if device.user_id != actor.pk:
            raise PermissionDenied(_("This authenticator belongs to someone else."))
        if device.confirmed:
            raise StateConflict(_("This authenticator is already set up."))
        if not device.verify_token((token or "").strip().replace(" ", "")):
            raise ValidationError({"token": _("That code did not match. Check the time on your phone and type the newest code.")})
        TOTPDevice.objects.filter(user=actor, confirmed=True).delete()
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        codes = regenerate_recovery_codes(actor)
    log.info("user %s set up an authenticator app", actor.pk)
    return codes


@transaction.atomic
def regenerate_recovery_codes(actor: User) -> list[str]:
    """Replace `actor`'s recovery codes with new single-use ones and return them."""
    from django_otp.plugins.otp_static.models import StaticDevice, StaticToken

    device, _created = StaticDevice.objects.select_for_update().get_or_create(
        user=actor, name=RECOVERY_DEVICE_NAME, defaults={"confirmed": True}
    )
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _i in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create([StaticToken(device=device, token=code) for code in codes])
    return codes


def list_recovery_codes(user) -> list[str]:
    """Return `user`'s unused recovery codes."""
    from django_otp.plugins.otp_static.models import StaticToken

    return list(StaticToken.objects.filter(device__user=user, device__name=RECOVERY_DEVICE_NAME).values_list("token", flat=True))


@sensitive_variables("token")
def verify_second_factor(actor: User, *, token: str):
    """Return the device that accepts `token` (an app code or an unused recovery code), or None.

    Each device counts its own failures and slows down guessing (django-otp throttling);
    a recovery code is used up when it matches.
    """
    from django_otp import devices_for_user

    token = (token or "").strip().replace(" ", "").lower()
    if not token:
        return None
    with transaction.atomic():
        for device in devices_for_user(actor, confirmed=True, for_verify=True):
            if device.verify_token(token):
                return device
    return None


# ---------------------------------------------------------------------------- sign-in locks and sessions


def is_locked_out(user) -> bool:
    """Return True if sign-in for `user`'s account name is currently locked by too many failures."""
    return user.username in locked_usernames([user.username])


def locked_usernames(usernames) -> set[str]:
    """Return which of `usernames` are locked, in one query."""
    from axes.models import AccessAttempt

    attempts = AccessAttempt.objects.filter(username__in=list(usernames), failures_since_start__gte=settings.AXES_FAILURE_LIMIT)
    cool_off = settings.AXES_COOLOFF_TIME
    if cool_off:
        attempts = attempts.filter(attempt_time__gte=timezone.now() - cool_off)
    return set(attempts.values_list("username", flat=True))


def unlock_sign_in(actor: User, *, user: User) -> int:
    """Lift the sign-in lock on `user`'s account name; return how many failure records went.

    Coordinators may unlock the people of programs they coordinate; operators anyone.
    The lock on the network address stays: it protects every account on that address.
    """
    from axes.utils import reset

    if not coordinates_person(actor, user):
        raise PermissionDenied(_("Only a coordinator of this person's program can unlock their sign-in."))
    removed = reset(username=user.username)
    log.info("user %s unlocked sign-in for user %s (%s records)", actor.pk, user.pk, removed)
    return removed


@transaction.atomic
def sign_out_everywhere(actor: User) -> User:
    """End every session of `actor` by changing the hash their sessions were signed with.

    Precondition: the caller re-signs the current session (update_session_auth_hash) if it
    should stay signed in. Returns the refreshed user.
    """
    User.objects.filter(pk=actor.pk).update(session_generation=F("session_generation") + 1)
    actor.refresh_from_db(fields=["session_generation"])
    return actor


# ---------------------------------------------------------------------------- invitations


def hash_token(token: str) -> str:
    """Return the SHA-256 (hex) under which an invitation token is stored."""
    return hashlib.sha256(token.encode()).hexdigest()


def invite_participant(
    actor: User, *, program: Program, role: str, pseudonym: str, valid_for: timedelta | None = None,
    country: str = "",
) -> tuple[Membership, Invitation, str]:
    """Add an invited mentee or mentor to `program` and make their invitation link.

    `country` (optional) is where the person lives; screening also reads its phone numbers
    and addresses in their letters (see add_member).

    The person has no account yet: a placeholder account (inactive, no password) holds the
    membership until they accept. Returns (membership, invitation, token); the token is
    shown once and never stored.
    """
    require_coordinator(actor, program)
    if role not in (Membership.Role.MENTEE, Membership.Role.MENTOR):
        raise ValidationError({"role": _("Invite mentees and mentors here; an operator appoints coordinators.")})
    with transaction.atomic():
        placeholder = User(username=f"invited-{secrets.token_hex(8)}", is_active=False)
        placeholder.set_unusable_password()
        placeholder.save()
        membership = add_member(
            actor, program=program, user=placeholder, role=role, pseudonym=pseudonym, status=Membership.Status.INVITED,
            country=country,
        )
        invitation, token = create_invitation(actor, membership=membership, valid_for=valid_for)
    return membership, invitation, token


def create_invitation(actor: User, *, membership: Membership, valid_for: timedelta | None = None) -> tuple[Invitation, str]:
    """Make a new link for an invited membership; earlier unused links stop working.

    Returns (invitation, token). Only the token's SHA-256 is stored.
    """
    require_coordinator(actor, membership.program)
    valid_for = valid_for or timedelta(days=settings.INVITATION_VALID_DAYS)
    with transaction.atomic():
        membership = Membership.objects.select_for_update().select_related("program").get(pk=membership.pk)
        if membership.status != Membership.Status.INVITED:
            raise StateConflict(_("%(name)s has already joined; they sign in with their own password.") % {"name": membership.pseudonym})
        now = timezone.now()
        Invitation.objects.filter(membership=membership, used_at__isnull=True, expires_at__gt=now).update(expires_at=now)
        token = secrets.token_urlsafe(32)
        invitation = Invitation.objects.create(
            membership=membership, token_hash=hash_token(token), created_by=actor, created_at=now, expires_at=now + valid_for
        )
    return invitation, token


def _invitation_problem(invitation: Invitation | None, now) -> str | None:
    if invitation is None:
        return _("This invitation link is not valid. Check that you copied all of it, or ask your coordinator for a new one.")
    if invitation.used_at is not None:
        return _("This invitation link has already been used. Sign in with the user name you chose, or ask your coordinator for help.")
    if invitation.expires_at <= now or invitation.membership.status != Membership.Status.INVITED:
        return _("This invitation link has expired. Ask your coordinator for a new one.")
    return None


@sensitive_variables("token")
def find_invitation(*, token: str) -> Invitation:
    """Return the usable invitation for `token`, or raise ValidationError saying why it is not."""
    invitation = (
        Invitation.objects.select_related("membership__program").filter(token_hash=hash_token(token or "")).first()
    )
    problem = _invitation_problem(invitation, timezone.now())
    if problem:
        raise ValidationError(problem)
    return invitation


@sensitive_variables("token", "password")
def accept_invitation(*, token: str, username: str, password: str) -> User:
    """Turn an invitation into a working account with the chosen user name and password.

    Activates the membership, uses up the link, and returns the user. The link cannot be
    used twice, even by two requests at once: the invitation row is locked first.
    """
    username = (username or "").strip()
    with transaction.atomic():
        invitation = (
            Invitation.objects.select_for_update().select_related("membership__program")
            .filter(token_hash=hash_token(token or "")).first()
        )
        problem = _invitation_problem(invitation, timezone.now())
        if problem:
            raise ValidationError(problem)
        membership = Membership.objects.select_for_update().get(pk=invitation.membership_id)
        user = User.objects.select_for_update().get(pk=membership.user_id)
        _check_new_username(username, user)
        user.username = username
        validate_password(password, user)
        user.set_password(password)
        user.is_active = True
        user.save(update_fields=["username", "password", "is_active"])
        membership.status = Membership.Status.ACTIVE
        membership.save(update_fields=["status"])
        invitation.used_at = timezone.now()
        invitation.save(update_fields=["used_at"])
    log.info("invitation %s accepted by user %s", invitation.pk, user.pk)
    return user


def _check_new_username(username: str, user: User) -> None:
    if not username:
        raise ValidationError({"username": _("Choose a user name.")})
    try:
        UnicodeUsernameValidator()(username)
    except ValidationError:
        raise ValidationError({"username": _("Use only letters, digits and @ . + - _ in your user name.")}) from None
    if username.lower().startswith(("invited-", "erased-")):
        raise ValidationError({"username": _("Choose a different user name.")})
    if User.objects.filter(username__iexact=username).exclude(pk=user.pk).exists():
        raise ValidationError({"username": _("“%(name)s” is taken; choose another user name.") % {"name": username}})
