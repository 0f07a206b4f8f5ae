"""Account security pages: second factor, sign out everywhere, data export, invitations,
and the coordinator's page of people with unlock / invitation / export buttons.

Views parse input, call programs.accounts / privacy.services, and render. Pages that show
secrets or personal data are never cached; views that take passwords or codes hide them
from error reports.
"""

import io

import qrcode
import qrcode.image.svg
from axes.helpers import get_client_ip_address
from django.contrib import messages
from django.contrib.auth import login, update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Case, IntegerField, Value, When
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters, sensitive_variables
from django.views.decorators.http import require_POST
from django_otp import login as otp_login

from privacy import services as privacy
from privacy.access import access_data_export
from privacy.models import DataExport
from programs import accounts
from programs.access import access_membership, access_program
from programs.exceptions import error_messages
from programs.models import REGION_CHOICES, Membership


def locked_out(request, original_response=None, credentials=None):
    """Answer a sign-in refused by django-axes with the sign-in page and a message saying what to do."""
    return render(
        request, "registration/login.html",
        {"form": AuthenticationForm(request), "locked_out": True, "next": request.POST.get("next", "")},
        status=429,
    )


def admin_sign_in(request):
    """Send the admin's sign-in to the site's one sign-in page, with its throttling and messages.

    Someone already signed in goes on to the admin if they are staff, and is refused
    otherwise (redirecting them to sign in again would loop between the two pages).
    """
    if request.user.is_authenticated:
        if not request.user.is_staff:
            raise PermissionDenied(_("Your account cannot use the admin."))
        return redirect(_safe_next(request, reverse("admin:index")))
    query = request.META.get("QUERY_STRING", "")
    return redirect(f"{reverse('login')}?{query}" if query else reverse("login"))


class SignInView(auth_views.LoginView):
    """Django's sign-in page, which first makes an address with many recent failures wait.

    The wait is answered at once ("try again in N seconds", HTTP 429 with Retry-After),
    so no worker sleeps; the password is not even checked, so waiting costs nothing.
    """

    redirect_authenticated_user = True

    def post(self, request, *args, **kwargs):
        # LoginView.dispatch already hides the password from error reports.
        wait = accounts.address_wait_seconds(get_client_ip_address(request))
        if wait:
            response = render(request, "registration/login.html", {
                "form": AuthenticationForm(request), "wait_seconds": wait, "next": request.POST.get("next", ""),
            }, status=429)
            response["Retry-After"] = str(wait)
            return response
        return super().post(request, *args, **kwargs)


def _safe_next(request, default: str) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return target
    return default


def _qr_svg(text: str) -> str:
    """Return an SVG drawing of `text` as a QR code (drawn here: no image service sees the secret)."""
    image = qrcode.make(text, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    buffer = io.BytesIO()
    image.save(buffer)
    svg = buffer.getvalue().decode()
    return svg[svg.index("<svg"):]


# ---------------------------------------------------------------------------- the person's own account


@never_cache
@login_required
def security(request):
    """Show the person's sign-in protection and their data exports."""
    exports = DataExport.objects.filter(requested_by=request.user).select_related("subject")[:20]
    return render(request, "frontend/account/security.html", {
        "has_device": accounts.has_two_factor_device(request.user),
        "must_have_device": accounts.requires_two_factor(request.user),
        "exports": exports,
    })


def _may_change_second_factor(request) -> bool:
    """A session that has not passed an existing second factor may not replace or read it."""
    return not accounts.has_two_factor_device(request.user) or request.user.is_verified()


@never_cache
@sensitive_post_parameters("token")
@login_required
def two_factor_setup(request):
    """Show a QR code for a new authenticator app and confirm it with a first code.

    The secret is made by a POST ("action=start", the page's button), never by opening
    the page: a GET shows the unconfirmed secret made earlier, unchanged, so reloading
    the page (or a link scanner fetching it) does not replace what the app scanned.
    """
    if not _may_change_second_factor(request):
        return redirect(f"{reverse('two-factor-verify')}?next={reverse('two-factor-setup')}")
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.filter(user=request.user, confirmed=False).first()
    if request.method == "POST" and request.POST.get("action") == "start":
        device = accounts.start_totp_setup(request.user)
    elif request.method == "POST" and device is not None:
        try:
            codes = accounts.confirm_totp_device(request.user, device=device, token=request.POST.get("token", ""))
        except ValidationError as error:
            messages.error(request, " ".join(error_messages(error)))
        else:
            otp_login(request, device)
            return render(request, "frontend/account/recovery_codes.html", {"codes": codes, "new": True,
                                                                            "next": _safe_next(request, reverse("home"))})
    if device is None:
        return render(request, "frontend/account/two_factor_setup.html", {"next": _safe_next(request, "")})
    return render(request, "frontend/account/two_factor_setup.html", {
        "qr_svg": mark_safe(_qr_svg(device.config_url)),  # drawn by qrcode from our own URL: no user input
        "secret": _base32_secret(device), "next": _safe_next(request, ""),
    })


def _base32_secret(device) -> str:
    from base64 import b32encode

    secret = b32encode(device.bin_key).decode()
    return " ".join(secret[i:i + 4] for i in range(0, len(secret), 4))


@never_cache
@sensitive_post_parameters("token")
@login_required
def two_factor_verify(request):
    """Ask for a code from the authenticator app (or a recovery code) to finish signing in."""
    if not accounts.has_two_factor_device(request.user):
        return redirect("two-factor-setup")
    if request.method == "POST":
        device = accounts.verify_second_factor(request.user, token=request.POST.get("token", ""))
        if device is not None:
            otp_login(request, device)
            return redirect(_safe_next(request, reverse("home")))
        messages.error(request, _("That code did not work. Type the newest code from your app, or one of your recovery codes."))
    return render(request, "frontend/account/two_factor_verify.html", {"next": _safe_next(request, "")})


@never_cache
@login_required
def recovery_codes(request):
    """Show the unused recovery codes; POST replaces them with new ones."""
    if not accounts.has_two_factor_device(request.user) or not request.user.is_verified():
        return redirect(f"{reverse('two-factor-verify')}?next={reverse('recovery-codes')}")
    if request.method == "POST":
        codes = accounts.regenerate_recovery_codes(request.user)
        messages.success(request, _("New recovery codes are ready; the old ones no longer work. Keep these somewhere safe."))
    else:
        codes = accounts.list_recovery_codes(request.user)
    return render(request, "frontend/account/recovery_codes.html", {"codes": codes, "new": False})


@require_POST
@login_required
def sign_out_everywhere(request):
    """End every other session of the person; this one stays signed in."""
    user = accounts.sign_out_everywhere(request.user)
    update_session_auth_hash(request, user)
    messages.success(request, _("You are now signed out on every other device and browser."))
    return redirect("account-security")


@require_POST
@login_required
def request_own_export(request):
    """Queue an export of the person's own data."""
    privacy.request_data_export(request.user, subject=request.user)
    messages.success(request, _("Your data is being gathered. Reload this page in a minute to download it."))
    return redirect("account-security")


@never_cache
@login_required
def download_export(request, export_id: int):
    """Send a finished export to the person who requested it (404 for anyone else)."""
    export = access_data_export(request.user, export_id)
    if export.status != DataExport.Status.DONE:
        raise Http404(_("This export is not ready."))
    path = privacy.export_file(export)
    if not path.exists():
        raise Http404(_("This export has been removed; request a new one."))
    return FileResponse(path.open("rb"), as_attachment=True, filename=f"brevven-data-{export.subject_id}.zip",
                        content_type="application/zip")


# ---------------------------------------------------------------------------- invitations


@never_cache
@sensitive_post_parameters("password1", "password2")
@sensitive_variables("token", "password")
def accept_invitation(request, token: str):
    """Let an invited person choose a user name and password, then sign them in."""
    try:
        invitation = accounts.find_invitation(token=token)
    except ValidationError as error:
        return render(request, "frontend/account/invitation_invalid.html", {"problems": error_messages(error)}, status=410)
    if accounts.is_sign_in_link(token):
        return _choose_new_password(request, token, invitation)
    errors = []
    if request.method == "POST":
        password = request.POST.get("password1", "")
        if password != request.POST.get("password2", ""):
            errors = [_("The two passwords differ; type the same password twice.")]
        else:
            try:
                user = accounts.accept_invitation(token=token, username=request.POST.get("username", ""), password=password)
            except ValidationError as error:
                errors = error_messages(error)
            else:
                login(request, user, backend="django.contrib.auth.backends.ModelBackend")
                messages.success(request, _("Welcome to Brevven! Remember your user name and password."))
                return redirect("home")
    return render(request, "frontend/account/accept_invitation.html", {
        "program": invitation.membership.program, "pseudonym": invitation.membership.pseudonym, "errors": errors,
        "username": request.POST.get("username", ""),
    })


@sensitive_variables("token", "password")
def _choose_new_password(request, token: str, link):
    """The page of a coordinator's sign-in link: show the user name, take a new password, sign in."""
    errors = []
    if request.method == "POST":
        password = request.POST.get("password1", "")
        if password != request.POST.get("password2", ""):
            errors = [_("The two passwords differ; type the same password twice.")]
        else:
            try:
                user = accounts.set_password_with_link(token=token, password=password)
            except ValidationError as error:
                errors = error_messages(error)
            else:
                login(request, user, backend="django.contrib.auth.backends.ModelBackend")
                messages.success(request, _("Your new password is saved. Remember it, with your user name."))
                return redirect("home")
    return render(request, "frontend/account/new_password.html", {
        "pseudonym": link.membership.pseudonym, "username": link.membership.user.username, "errors": errors,
    })


# ---------------------------------------------------------------------------- coordinators


@never_cache
@login_required
def program_people(request, program_id: int):
    """List a program's people with sign-in locks, and the unlock / invite / export buttons."""
    program = access_program(request.user, program_id, as_coordinator=True)
    memberships = list(
        program.memberships.select_related("user").annotate(
            invited_first=Case(When(status=Membership.Status.INVITED, then=Value(0)), default=Value(1), output_field=IntegerField())
        ).order_by("invited_first", "role", "pseudonym")
    )
    locked = accounts.locked_usernames(m.user.username for m in memberships)
    rows = [{"membership": m, "locked": m.user.username in locked,
             # Whether to offer "Erase…": the erasure page itself says when it is not allowed.
             "erasable": m.role != Membership.Role.COORDINATOR and not m.user.username.startswith("erased-")}
            for m in memberships]
    return render(request, "frontend/account/program_people.html", {
        "program": program, "rows": rows, "roles": [Membership.Role.MENTEE, Membership.Role.MENTOR],
        "countries": REGION_CHOICES,
        "invitation_link": request.session.pop("invitation_link", None),
        "sign_in_link": request.session.pop("sign_in_link", None),
    })


def _remember_link(request, token: str, key: str = "invitation_link") -> None:
    # Shown once on the next page view, then gone: only the hash stays in the database.
    request.session[key] = request.build_absolute_uri(reverse("accept-invitation", args=[token]))


@require_POST
@login_required
def invite_new_participant(request, program_id: int):
    """Add an invited mentee or mentor and show their link once."""
    program = access_program(request.user, program_id, as_coordinator=True)
    try:
        _membership, _invitation, token = accounts.invite_participant(
            request.user, program=program, role=request.POST.get("role", ""), pseudonym=request.POST.get("pseudonym", ""),
            country=request.POST.get("country", ""),
        )
    except (ValidationError, PermissionDenied) as error:
        messages.error(request, " ".join(error_messages(error)))
    else:
        _remember_link(request, token)
    return redirect("program-people", program_id=program.pk)


@require_POST
@login_required
def renew_invitation(request, membership_id: int):
    """Make a new link for an invited person (the earlier one stops working)."""
    membership = access_membership(request.user, membership_id)
    try:
        _invitation, token = accounts.create_invitation(request.user, membership=membership)
    except (ValidationError, PermissionDenied) as error:
        messages.error(request, " ".join(error_messages(error)))
    else:
        _remember_link(request, token)
    return redirect("program-people", program_id=membership.program_id)


@require_POST
@login_required
def issue_sign_in_link(request, membership_id: int):
    """Make a new sign-in link for a member without an e-mail address (the earlier links stop working)."""
    membership = access_membership(request.user, membership_id)
    try:
        _link, token = accounts.create_sign_in_link(request.user, membership=membership)
    except (ValidationError, PermissionDenied) as error:
        messages.error(request, " ".join(error_messages(error)))
    else:
        _remember_link(request, token, "sign_in_link")
    return redirect("program-people", program_id=membership.program_id)


@require_POST
@login_required
def unlock_member(request, membership_id: int):
    """Lift the sign-in lock on a person of the coordinator's program."""
    membership = access_membership(request.user, membership_id)
    accounts.unlock_sign_in(request.user, user=membership.user)
    messages.success(request, _("%(name)s can sign in again.") % {"name": membership.pseudonym})
    return redirect("program-people", program_id=membership.program_id)


@require_POST
@login_required
def export_member(request, membership_id: int):
    """Queue an export of a person's data for the coordinator (for the person or their parents),
    with the reason the coordinator gives (recorded by the service)."""
    membership = access_membership(request.user, membership_id)
    try:
        privacy.request_member_export(request.user, membership=membership, reason=request.POST.get("reason", ""))
    except (ValidationError, PermissionDenied) as error:
        messages.error(request, " ".join(error_messages(error)))
        return redirect("program-people", program_id=membership.program_id)
    messages.success(request, _("The data of %(name)s is being gathered. Download it from your account security page.")
                     % {"name": membership.pseudonym})
    return redirect("program-people", program_id=membership.program_id)
