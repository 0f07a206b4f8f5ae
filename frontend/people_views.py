"""Coordinator pages for a program's people that once needed an operator: inviting a
co-coordinator and erasing a person (with the safeguarding hold privacy.services keeps).

Views parse input, call programs.accounts / privacy.services, and render; who may do what
is decided there (programs.permissions).
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from privacy import selectors as privacy_selectors
from privacy import services as privacy
from programs import accounts
from programs.access import access_membership, access_program
from programs.exceptions import error_messages
from programs.permissions import may_erase_person


@never_cache
@login_required
@require_POST
def invite_coordinator(request, program_id: int):
    """Add an invited co-coordinator to the program and show their link once on the people page."""
    program = access_program(request.user, program_id, as_coordinator=True)
    try:
        _membership, _invitation, token = accounts.invite_coordinator(
            request.user, program=program, pseudonym=request.POST.get("pseudonym", ""),
        )
    except (ValidationError, PermissionDenied) as error:
        messages.error(request, " ".join(error_messages(error)))
    else:
        # Shown once on the next page view, then gone: only the link's hash is stored.
        request.session["invitation_link"] = request.build_absolute_uri(reverse("accept-invitation", args=[token]))
    return redirect("program-people", program_id=program.pk)


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def erase_member(request, membership_id: int):
    """Show what erasing a person does and, once their pseudonym is typed to confirm, erase them.

    A coordinator reaches only the people of programs they coordinate (404 otherwise);
    whether they may erase this person (never a coordinator, nor someone who also takes
    part in a program they do not coordinate) is programs.permissions.may_erase_person,
    which privacy.services.erase_person checks again.
    """
    membership = access_membership(request.user, membership_id)
    program, person = membership.program, membership.user
    allowed = may_erase_person(request.user, person) and not person.username.startswith("erased-")
    errors = []
    if request.method == "POST" and allowed:
        typed = request.POST.get("confirm", "").strip()
        if typed.casefold() != membership.pseudonym.casefold():
            errors.append(_("Type the pseudonym “%(name)s” exactly to confirm.") % {"name": membership.pseudonym})
        else:
            try:
                record = privacy.erase_person(request.user, user=person)
            except (ValidationError, PermissionDenied) as error:
                errors.extend(error_messages(error))
            else:
                messages.success(request, _(
                    "%(name)s was erased. %(held)d of their letters stay under a safeguarding hold, for "
                    "coordinators only.") % {"name": membership.pseudonym, "held": record.letters_held})
                return redirect("program-people", program_id=program.pk)
    return render(request, "frontend/account/erase_member.html", {
        "program": program, "membership": membership, "allowed": allowed, "errors": errors,
        "preview": privacy_selectors.erasure_preview(person) if allowed else None,
        "hold_days": program.safeguarding_retention_days,
    }, status=400 if errors else (403 if request.method == "POST" and not allowed else 200))


urlpatterns = [
    path("programs/<int:program_id>/people/coordinators/", invite_coordinator, name="invite-coordinator"),
    path("people/<int:membership_id>/erase/", erase_member, name="erase-member"),
]
