"""Pages for a program's statistics, its topics, its members' region and age band, and tagging a
letter with topics from its review page. Views only: the rules live in oversight and programs.

Programs are fetched with `access_program(..., as_coordinator=True)`, topics with
`access_topic`, members with `access_membership` and letters with
`access_letter_for_review`, so anything outside the coordinator's programs answers 404.
"""

import csv

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from letters.access import access_letter_for_review
from oversight import services as oversight_services
from oversight.access import access_topic
from oversight.statistics import SUPPRESS_BELOW, list_topics, program_statistics, statistics_csv_rows
from programs import services as program_services
from programs.access import access_membership, access_program
from programs.exceptions import StateConflict, error_messages
from programs.models import AgeBand, Membership

MEMBERS_PER_PAGE = 50


def _flash(request, error: Exception) -> None:
    for message in error_messages(error):
        messages.error(request, message)


@never_cache
@login_required
def statistics_page(request, program_id: int):
    """The program's letters and pairs by topic, month, region and age band, small counts suppressed."""
    program = access_program(request.user, program_id, as_coordinator=True)
    return render(request, "frontend/statistics/statistics.html", {
        "program": program, "tables": program_statistics(program).named(), "threshold": SUPPRESS_BELOW,
    })


@never_cache
@login_required
def statistics_csv(request, program_id: int):
    """The same tables as a CSV file, suppressed the same way."""
    program = access_program(request.user, program_id, as_coordinator=True)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="statistics-{program.slug}.csv"'
    response.write("\ufeff")  # so that spreadsheet programs read the file as UTF-8
    csv.writer(response).writerows(statistics_csv_rows(program_statistics(program)))
    return response


@never_cache
@login_required
def topics_page(request, program_id: int):
    """The program's topics: add one (POST), and rename, retire or bring back each."""
    program = access_program(request.user, program_id, as_coordinator=True)
    if request.method == "POST":
        try:
            topic = oversight_services.add_topic(request.user, program=program, name=request.POST.get("name", ""))
        except (ValidationError, PermissionDenied) as error:
            _flash(request, error)
        else:
            messages.success(request, _("The topic “%(name)s” was added.") % {"name": topic.label})
        return redirect("coordinator-topics", program_id=program.pk)
    return render(request, "frontend/statistics/topics.html", {"program": program, "topics": list_topics(program)})


@require_POST
@login_required
def topic_change(request, topic_id: int):
    """Rename a topic (`action` rename, with `name`), retire it or bring it back."""
    topic = access_topic(request.user, topic_id)
    action = request.POST.get("action", "")
    try:
        if action == "rename":
            oversight_services.rename_topic(request.user, topic=topic, name=request.POST.get("name", ""))
        elif action in ("retire", "restore"):
            oversight_services.set_topic_retired(request.user, topic=topic, retired=action == "retire")
        else:
            raise ValidationError(_("Choose one of the buttons."))
    except (ValidationError, PermissionDenied) as error:
        _flash(request, error)
    else:
        messages.success(request, _("The topic was changed."))
    return redirect("coordinator-topics", program_id=topic.program_id)


@require_POST
@login_required
def topics_restore_defaults(request, program_id: int):
    """Add the default topics the program lacks."""
    program = access_program(request.user, program_id, as_coordinator=True)
    added = oversight_services.restore_default_topics(request.user, program=program)
    messages.success(request, _("%(count)d default topics were added.") % {"count": added})
    return redirect("coordinator-topics", program_id=program.pk)


def _wants_json(request) -> bool:
    return "application/json" in request.headers.get("Accept", "")


@require_POST
@login_required
def letter_topic_toggle(request, letter_id: int):
    """Put a topic on a letter, or take it off (`topic`, `tagged` "1" or "0").

    The review page's script asks for JSON ({"tagged": ...}, or {"errors": [...]} with 400 or
    409) and changes the button in place; a plain form post goes back to the review page.
    """
    letter = access_letter_for_review(request.user, letter_id)
    topic_id = request.POST.get("topic", "")
    topic = access_topic(request.user, int(topic_id)) if topic_id.isdigit() else None
    try:
        if topic is None:
            raise ValidationError(_("Choose one of the topics."))
        tagged = oversight_services.set_letter_topic(request.user, letter=letter, topic=topic,
                                                     tagged=request.POST.get("tagged") == "1")
    except (ValidationError, PermissionDenied) as error:
        if _wants_json(request):
            code = 409 if isinstance(error, StateConflict) else 400
            return JsonResponse({"errors": error_messages(error)}, status=code)
        _flash(request, error)
    else:
        if _wants_json(request):
            return JsonResponse({"tagged": tagged})
    return redirect(reverse("review-letter", args=[letter.pk]) + "#letter-topics")


@never_cache
@login_required
def member_details(request, program_id: int):
    """The program's mentees and mentors with their region and age band, 50 a page, each editable."""
    program = access_program(request.user, program_id, as_coordinator=True)
    members = (program.memberships.filter(role__in=[Membership.Role.MENTEE, Membership.Role.MENTOR])
               .order_by("role", "pseudonym", "pk"))
    page = Paginator(members, MEMBERS_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "frontend/statistics/member_details.html", {
        "program": program, "page": page, "age_bands": AgeBand.choices,
    })


@require_POST
@login_required
def member_details_save(request, membership_id: int):
    """Save one member's region and age band; back to the page they were on."""
    membership = access_membership(request.user, membership_id)
    try:
        program_services.set_member_details(request.user, membership=membership,
                                            region=request.POST.get("region", ""),
                                            age_band=request.POST.get("age_band", ""))
    except (ValidationError, PermissionDenied) as error:
        _flash(request, error)
    else:
        messages.success(request, _("The details of %(name)s were saved.") % {"name": membership.pseudonym})
    target = reverse("coordinator-member-details", args=[membership.program_id])
    page = request.POST.get("page", "")
    return redirect(f"{target}?page={page}" if page.isdigit() else target)


urlpatterns = [
    path("programs/<int:program_id>/statistics/", statistics_page, name="coordinator-statistics"),
    path("programs/<int:program_id>/statistics/export.csv", statistics_csv, name="coordinator-statistics-csv"),
    path("programs/<int:program_id>/statistics/people/", member_details, name="coordinator-member-details"),
    path("programs/<int:program_id>/topics/", topics_page, name="coordinator-topics"),
    path("programs/<int:program_id>/topics/defaults/", topics_restore_defaults, name="coordinator-topics-defaults"),
    path("topics/<int:topic_id>/", topic_change, name="coordinator-topic-change"),
    path("people/<int:membership_id>/details/", member_details_save, name="coordinator-member-details-save"),
    path("letters/<int:letter_id>/topics/", letter_topic_toggle, name="review-letter-topic"),
]
