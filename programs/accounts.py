"""Accounts: invitations, second factors, sign-in locks and sessions (docs/security.md).

Services here follow the rules of programs.services (the acting user first, keyword-only,
one transaction, a permission and state check, a message a person can act on). They live
in their own module because they guard the account rather than the program.
"""

import hashlib
import logging
import math
import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.contrib.auth.validators import UnicodeUsernameValidator
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Exists, F, Max, OuterRef, Sum
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_variables

from apitokens.models import ApiToken
from programs import audit
from programs.exceptions import StateConflict
from programs.models import Invitation, Membership, Program, ProgramAuditEntry, User
from programs.permissions import holds_powers, may_manage_people, require_coordinator
from programs.services import add_member, record_coordinator_granted

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


def slowdown_seconds(failures: int) -> int:
    """Return how long sign-in from one address waits after its last failure, given its recent `failures`.

    Nothing for the first SIGN_IN_ADDRESS_FREE_FAILURES (a classroom behind one address
    mistypes now and then), then 1, 2, 4, 8… seconds, never more than
    SIGN_IN_ADDRESS_MAX_DELAY_SECONDS.
    """
    over = failures - settings.SIGN_IN_ADDRESS_FREE_FAILURES
    if over < 0:
        return 0
    return min(2 ** min(over, 30), settings.SIGN_IN_ADDRESS_MAX_DELAY_SECONDS)


def address_wait_seconds(address: str | None, *, now=None) -> int:
    """Return how many more seconds sign-in from `address` must wait (0: it may try now).

    Counts the failed sign-ins django-axes recorded for the address, for every account
    name, within AXES_COOLOFF_TIME, and waits slowdown_seconds(count) after the latest.
    The records are in the database, so every web process sees the same count. A person
    is never locked out by others' failures on their address, only slowed down; a
    refused attempt is not a failure and does not lengthen the wait.
    """
    from axes.models import AccessAttempt

    if not address or not settings.AXES_ENABLED:
        return 0
    now = now or timezone.now()
    recent = AccessAttempt.objects.filter(ip_address=address)
    if settings.AXES_COOLOFF_TIME:
        recent = recent.filter(attempt_time__gte=now - settings.AXES_COOLOFF_TIME)
    totals = recent.aggregate(failures=Sum("failures_since_start"), latest=Max("attempt_time"))
    delay = slowdown_seconds(totals["failures"] or 0)
    if not delay:
        return 0
    return max(0, math.ceil((totals["latest"] + timedelta(seconds=delay) - now).total_seconds()))


def is_locked_out(user) -> bool:
    """Return True if sign-in for `user`'s account name is locked (from at least one address) by too many failures."""
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
    """Lift the sign-in lock on `user`'s account name from every address; return how many failure records went.

    Coordinators may unlock the people of programs they coordinate; operators anyone.
    Locks are per account name and address (AXES_LOCKOUT_PARAMETERS), so this removes
    every record of that name; their failures then no longer slow down their address.
    """
    if not may_manage_people(actor, user):
        raise PermissionDenied(_("Only a coordinator of this person's program can unlock their sign-in."))
    removed = clear_sign_in_failures(user)
    log.info("user %s unlocked sign-in for user %s (%s records)", actor.pk, user.pk, removed)
    return removed


#: Reset e-mails: at most this many requests per address, and e-mails per address typed in, per window.
RESET_REQUESTS_PER_ADDRESS = 10
RESET_EMAILS_PER_ACCOUNT = 3
RESET_WINDOW = timedelta(hours=1)


def _count_in_window(key: str) -> int:
    """Add one to the counter `key` (which starts when first counted and ends after RESET_WINDOW); return it."""
    window = int(RESET_WINDOW.total_seconds())
    cache.add(key, 0, timeout=window)
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr: this is the first of a new window
        cache.set(key, 1, timeout=window)
        return 1


@sensitive_variables("email")
def count_password_reset_request(*, address: str | None, email: str) -> tuple[bool, bool]:
    """Count a request for a password-reset e-mail; return (address_allowed, email_allowed).

    An address may ask RESET_REQUESTS_PER_ADDRESS times and one e-mail address may be sent
    RESET_EMAILS_PER_ACCOUNT e-mails per RESET_WINDOW. The counters live in the cache under
    hashes, so no address or e-mail is stored; a refused address is not counted against
    the e-mail address. Callers answer an over-limit e-mail address exactly as a sent
    e-mail, so nobody learns which addresses have accounts.
    """
    if _count_in_window(f"password-reset:address:{hash_token(address or '')}") > RESET_REQUESTS_PER_ADDRESS:
        return False, False
    email_allowed = _count_in_window(f"password-reset:email:{hash_token(email.strip().lower())}") <= RESET_EMAILS_PER_ACCOUNT
    return True, email_allowed


def clear_sign_in_failures(user: User) -> int:
    """Forget `user`'s failed sign-ins from every address, and so their lock; return how many records went.

    Precondition: the caller checked why (a coordinator's unlock, a used reset link).
    """
    from axes.utils import reset

    return reset(username=user.username)


@transaction.atomic
def sign_out_everywhere(actor: User) -> User:
    """End every session of `actor` by changing the hash their sessions were signed with,
    and revoke their API tokens: integrations are signed in too.

    Precondition: the caller re-signs the current session (update_session_auth_hash) if it
    should stay signed in. Returns the refreshed user.
    """
    User.objects.filter(pk=actor.pk).update(session_generation=F("session_generation") + 1)
    revoked = ApiToken.objects.revoke_for(actor)
    actor.refresh_from_db(fields=["session_generation"])
    log.info("user %s signed out everywhere (%s API token(s) revoked)", actor.pk, revoked)
    return actor


# ---------------------------------------------------------------------------- API tokens


def create_api_token(actor: User, *, second_factor_verified: bool) -> tuple[ApiToken, str]:
    """Give `actor` a new API token, revoking the one they had; return (token, key).

    The key exists only in the return value: show it once. Brevven keeps one token per
    person: an organisation's integration signs in as the person who set it up and sees
    what they see on the site. Someone who must pass a second factor (a coordinator, an
    operator, anyone with an authenticator app) gets a token only from a session that
    passed it, `second_factor_verified`; a token request that came with a token never has.
    """
    if not actor.is_authenticated or not actor.is_active:
        raise PermissionDenied(_("Sign in to manage your API token."))
    if requires_two_factor(actor) and not second_factor_verified:
        raise PermissionDenied(_(
            "Coordinators create API tokens on the API tokens page, after signing in with their second step."
        ))
    with transaction.atomic():
        # Lock the person: two requests at once must not both try to create "the" token.
        User.objects.select_for_update().get(pk=actor.pk)
        ApiToken.objects.revoke_for(actor)
        token, key = ApiToken.new_for(actor)
    log.info("API token created for user %s", actor.pk)
    return token, key


def revoke_api_token(actor: User) -> bool:
    """Delete `actor`'s API tokens; return True if there was one. Integrations using it stop at once."""
    if not actor.is_authenticated:
        raise PermissionDenied(_("Sign in to manage your API token."))
    revoked = ApiToken.objects.revoke_for(actor)
    if revoked:
        log.info("API token revoked for user %s", actor.pk)
    return bool(revoked)


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
        raise ValidationError({"role": _("Invite mentees and mentors here; invite a co-coordinator below.")})
    return _invite(actor, program=program, role=role, pseudonym=pseudonym, valid_for=valid_for, country=country)


def invite_coordinator(actor: User, *, program: Program, pseudonym: str,
                       valid_for: timedelta | None = None) -> tuple[Membership, Invitation, str]:
    """Add an invited co-coordinator to `program` and make their invitation link.

    Only a coordinator of `program` (or an operator) may: a coordinator of another program
    cannot appoint anyone here. The person gets a new account when they accept (as a
    mentee or mentor does) and must set up a second factor at their first sign-in
    (requires_two_factor); their role counts from the acceptance, which records the grant
    (programs.services.record_coordinator_granted). Returns (membership, invitation, token).
    """
    require_coordinator(actor, program)
    return _invite(actor, program=program, role=Membership.Role.COORDINATOR, pseudonym=pseudonym,
                   valid_for=valid_for)


def _invite(actor: User, *, program: Program, role: str, pseudonym: str, valid_for: timedelta | None,
            country: str = "") -> tuple[Membership, Invitation, str]:
    """Make the placeholder account, the invited membership and its link (the callers checked the actor)."""
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
    with transaction.atomic():
        membership = Membership.objects.select_for_update().select_related("program").get(pk=membership.pk)
        if membership.status != Membership.Status.INVITED:
            raise StateConflict(_("%(name)s has already joined; they sign in with their own password.") % {"name": membership.pseudonym})
        invitation, token = _issue_link(actor, membership, valid_for or timedelta(days=settings.INVITATION_VALID_DAYS))
        audit.record(actor, program=membership.program, action=ProgramAuditEntry.Action.INVITATION_CREATED,
                     target=membership)
        return invitation, token


#: Sign-in links start with this; invitation tokens never do ("." is not in their alphabet), so the
#: purpose is part of the hashed token and an invitation link can never be used to reset a password.
SIGN_IN_LINK_MARK = "s."
SIGN_IN_LINK_VALID = timedelta(days=3)


def is_sign_in_link(token: str) -> bool:
    """Return True if `token` belongs to a coordinator's new sign-in link rather than an invitation."""
    return (token or "").startswith(SIGN_IN_LINK_MARK)


def create_sign_in_link(actor: User, *, membership: Membership) -> tuple[Invitation, str]:
    """Make a link with which a mentee or mentor who has no e-mail address chooses a new password.

    The same single-use, expiring, hashed link as an invitation (and it ends their earlier
    links), valid for SIGN_IN_LINK_VALID. Only for people whose every program the actor
    coordinates, who are neither coordinators nor operators anywhere, and who have no
    e-mail address (they can reset their password themselves). Returns (invitation, token).
    """
    require_coordinator(actor, membership.program)
    with transaction.atomic():
        membership = Membership.objects.select_for_update().select_related("program", "user").get(pk=membership.pk)
        user, name = membership.user, membership.pseudonym
        if membership.status != Membership.Status.ACTIVE:
            raise StateConflict(_("%(name)s has not joined yet (or has left): give them an invitation link instead.") % {"name": name})
        if holds_powers(user):
            raise PermissionDenied(_("Coordinators and operators choose a new password with “Forgot your password?” on the sign-in page."))
        if user.email:
            raise ValidationError(_("%(name)s has an e-mail address: they can get a new password with “Forgot your password?” on the sign-in page.") % {"name": name})
        elsewhere = Membership.objects.filter(user=user).exclude(program__in=Program.objects.coordinated_by(actor))
        if elsewhere.exists():
            raise PermissionDenied(_("%(name)s also takes part in a program you do not coordinate; ask an operator for help.") % {"name": name})
        invitation, token = _issue_link(actor, membership, SIGN_IN_LINK_VALID, mark=SIGN_IN_LINK_MARK)
        audit.record(actor, program=membership.program, action=ProgramAuditEntry.Action.SIGN_IN_LINK_CREATED,
                     target=membership)
    log.info("user %s made a sign-in link for user %s", actor.pk, user.pk)
    return invitation, token


def _issue_link(actor: User, membership: Membership, valid_for: timedelta, *, mark: str = "") -> tuple[Invitation, str]:
    """End `membership`'s unused links and make a new one; return (invitation, token).

    Precondition: inside a transaction, `membership` locked and checked by the caller.
    """
    now = timezone.now()
    Invitation.objects.filter(membership=membership, used_at__isnull=True, expires_at__gt=now).update(expires_at=now)
    token = mark + secrets.token_urlsafe(32)
    invitation = Invitation.objects.create(
        membership=membership, token_hash=hash_token(token), created_by=actor, created_at=now, expires_at=now + valid_for
    )
    return invitation, token


def _invitation_problem(invitation: Invitation | None, now, *, sign_in_link: bool = False) -> str | None:
    if sign_in_link:
        return _sign_in_link_problem(invitation, now)
    if invitation is None:
        return _("This invitation link is not valid. Check that you copied all of it, or ask your coordinator for a new one.")
    if invitation.used_at is not None:
        return _("This invitation link has already been used. Sign in with the user name you chose, or ask your coordinator for help.")
    if invitation.expires_at <= now or invitation.membership.status != Membership.Status.INVITED:
        return _("This invitation link has expired. Ask your coordinator for a new one.")
    return None


def _sign_in_link_problem(link: Invitation | None, now) -> str | None:
    if link is None:
        return _("This sign-in link is not valid. Check that you copied all of it, or ask your coordinator for a new one.")
    if link.used_at is not None:
        return _("This sign-in link has already been used. Sign in with your new password, or ask your coordinator for a new link.")
    # Someone made a coordinator (or staff) since the link was made no longer qualifies for one.
    if link.expires_at <= now or link.membership.status != Membership.Status.ACTIVE or holds_powers(link.membership.user):
        return _("This sign-in link has expired. Ask your coordinator for a new one.")
    return None


@sensitive_variables("token")
def find_invitation(*, token: str) -> Invitation:
    """Return the usable invitation or sign-in link for `token`, or raise ValidationError saying why it is not."""
    invitation = (
        Invitation.objects.select_related("membership__program", "membership__user")
        .filter(token_hash=hash_token(token or "")).first()
    )
    problem = _invitation_problem(invitation, timezone.now(), sign_in_link=is_sign_in_link(token))
    if problem:
        raise ValidationError(problem)
    return invitation


def _lock_usable_link(token: str, *, sign_in_link: bool) -> Invitation:
    """Lock and return the link for `token` so it cannot be used twice at once; raise ValidationError if unusable."""
    invitation = (
        Invitation.objects.select_for_update().select_related("membership__program", "membership__user")
        .filter(token_hash=hash_token(token or "")).first()
    )
    if is_sign_in_link(token) != sign_in_link:
        invitation = None  # an invitation token on the sign-in path, or the reverse
    problem = _invitation_problem(invitation, timezone.now(), sign_in_link=sign_in_link)
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
        invitation = _lock_usable_link(token, sign_in_link=False)
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
        # An invited co-coordinator holds the role from now on: record the grant (by the inviter).
        record_coordinator_granted(invitation.created_by, membership=membership)
    log.info("invitation %s accepted by user %s", invitation.pk, user.pk)
    return user


@sensitive_variables("token", "password")
def set_password_with_link(*, token: str, password: str) -> User:
    """Give the person of a coordinator's sign-in link the new `password`; return the user.

    Uses up the link (locked first, so it works once even under two requests at once),
    ends the person's other sessions (their hash depends on the password) and lifts their
    sign-in lock.
    """
    with transaction.atomic():
        link = _lock_usable_link(token, sign_in_link=True)
        user = User.objects.select_for_update().get(pk=link.membership.user_id)
        validate_password(password, user)
        user.set_password(password)
        user.save(update_fields=["password"])
        link.used_at = timezone.now()
        link.save(update_fields=["used_at"])
    clear_sign_in_failures(user)
    log.info("sign-in link %s used by user %s", link.pk, user.pk)
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
