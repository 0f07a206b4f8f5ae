"""Pages of the peer spaces: the spaces, a thread, writing, reporting, leaving; the coordinators' actions,
the posts in the review queue and a post's review page.

Views parse the form, fetch through spaces.access, call a spaces service or selector, and
render. The rules (who writes where, moderation, screening) live in spaces.services.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from frontend.forms import apply_service_error
from frontend import review_views  # its span parsing; it imports this module back for the queue filter
from frontend.space_forms import POST_ACTIONS, THREAD_ACTIONS, EditPostForm, ReplyForm, ReportForm, ThreadForm
from letters import moderation
from programs.access import access_program
from programs.exceptions import StateConflict, error_messages
from spaces import selectors, services
from spaces.access import access_post, access_post_for_review, access_report, access_space, access_thread
from spaces.models import PostStatus
from spaces.permissions import active_membership, may_moderate

#: Threads on one page of a space.
THREADS_PER_PAGE = 30
#: Posts waiting on one page of the review queue.
QUEUE_PAGE_SIZE = 50


def _refused(request, error) -> None:
    for message in error_messages(error):
        messages.error(request, message)


@never_cache
@login_required
def space_list(request):
    """The spaces the person belongs in or coordinates (made the first time a program needs them)."""
    return render(request, "frontend/spaces/list.html", {"spaces": services.spaces_of(request.user)})


@never_cache
@login_required
def space_detail(request, space_id: int):
    """A space: its threads, pinned first; a member who left sees only how to come back."""
    space = access_space(request.user, space_id)
    moderator = may_moderate(request.user, space)
    left = not moderator and selectors.has_left(request.user, space)
    page = None
    if not left:
        threads = selectors.list_threads(request.user, space, coordinates=moderator)
        page = Paginator(threads, THREADS_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "frontend/spaces/space.html", {
        "space": space, "program": space.program, "moderator": moderator, "left": left, "page": page,
        "rows": selectors.thread_rows(request.user, list(page)) if page else [],
    })


@login_required
@require_POST
def space_membership(request, space_id: int):
    """Leave the space, or join it again."""
    space = access_space(request.user, space_id)
    try:
        if request.POST.get("action") == "rejoin":
            services.rejoin_space(request.user, space=space)
            messages.success(request, _("Welcome back. You see the space's threads again."))
        else:
            services.leave_space(request.user, space=space)
            messages.success(request, _("You left the space. You can come back whenever you like."))
    except (ValidationError, PermissionDenied) as error:
        _refused(request, error)
    return redirect("space-detail", space_id=space.pk)


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def thread_new(request, space_id: int):
    """Start a thread: a title and a first message."""
    space = access_space(request.user, space_id)
    if active_membership(request.user, space) is None:
        messages.error(request, _("Only the members of this space can write in it."))
        return redirect("space-detail", space_id=space.pk)
    form = ThreadForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            thread = services.start_thread(request.user, space=space, title=form.cleaned_data["title"],
                                           body=form.cleaned_data["body"])
        except PermissionDenied as error:
            _refused(request, error)
            return redirect("space-detail", space_id=space.pk)
        except ValidationError as error:
            apply_service_error(form, error)
        else:
            messages.success(request, _written_message(thread.opening))
            return redirect("space-thread", thread_id=thread.pk)
    return render(request, "frontend/spaces/thread_new.html", {"space": space, "form": form})


def _written_message(post) -> str:
    if post.status == PostStatus.PUBLISHED:
        return _("Your post is in the space.")
    return _("Thank you. Your post will appear when a coordinator has read it.")


def _thread_context(request, thread, *, reply_form=None) -> dict:
    space = thread.space
    moderator = may_moderate(request.user, space)
    member = active_membership(request.user, space)
    page, posts = selectors.thread_page(request.user, thread, coordinates=moderator,
                                        page_number=request.GET.get("page"))
    return {
        "thread": thread, "space": space, "program": space.program, "posts": posts, "page": page,
        "moderator": moderator, "title": selectors.thread_title(request.user, thread, coordinates=moderator),
        "member": member,
        "can_reply": bool(member) and not (thread.locked or thread.hidden_at or thread.deleted_at)
        and thread.opening is not None and thread.opening.status == PostStatus.PUBLISHED,
        "reply_form": reply_form or ReplyForm(),
    }


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def thread_detail(request, thread_id: int):
    """A thread: its posts with pseudonym and avatar, and the reply form (POST adds a reply)."""
    thread = access_thread(request.user, thread_id)
    form = None
    if request.method == "POST":
        form = ReplyForm(request.POST)
        if form.is_valid():
            try:
                post = services.reply_to_thread(request.user, thread=thread, body=form.cleaned_data["body"])
            except (PermissionDenied, StateConflict) as error:
                _refused(request, error)
                return redirect("space-thread", thread_id=thread.pk)
            except ValidationError as error:
                apply_service_error(form, error)
            else:
                messages.success(request, _written_message(post))
                return redirect("space-thread", thread_id=thread.pk)
    return render(request, "frontend/spaces/thread.html", _thread_context(request, thread, reply_form=form),
                  status=400 if form is not None else 200)


def _moderate_thread(user, thread, action: str, reason: str):
    if action in ("pin", "unpin"):
        return services.set_thread_pinned(user, thread=thread, pinned=action == "pin", reason=reason)
    if action in ("lock", "unlock"):
        return services.set_thread_locked(user, thread=thread, locked=action == "lock", reason=reason)
    if action in ("hide", "show"):
        return services.set_thread_hidden(user, thread=thread, hidden=action == "hide", reason=reason)
    return services.delete_thread(user, thread=thread, reason=reason)


@login_required
@require_POST
def thread_moderate(request, thread_id: int):
    """A coordinator pins, locks, hides or deletes a thread (or undoes it), with a reason."""
    thread = access_thread(request.user, thread_id)
    action = request.POST.get("action", "")
    if action not in THREAD_ACTIONS:
        messages.error(request, _("Choose one of the buttons."))
        return redirect("space-thread", thread_id=thread.pk)
    try:
        _moderate_thread(request.user, thread, action, request.POST.get("reason", ""))
    except (ValidationError, PermissionDenied) as error:
        _refused(request, error)
    else:
        messages.success(request, _("Done. It is recorded in the program's audit log with your reason."))
    return redirect("space-thread", thread_id=thread.pk)


@login_required
@require_POST
def post_moderate(request, post_id: int):
    """A coordinator hides, shows again or deletes a post, with a reason."""
    post = access_post(request.user, post_id)
    action = request.POST.get("action", "")
    try:
        if action not in POST_ACTIONS:
            raise ValidationError(_("Choose one of the buttons."))
        reason = request.POST.get("reason", "")
        if action == "delete":
            services.delete_post(request.user, post=post, reason=reason)
        else:
            services.set_post_hidden(request.user, post=post, hidden=action == "hide", reason=reason)
    except (ValidationError, PermissionDenied) as error:
        _refused(request, error)
    else:
        messages.success(request, _("Done. It is recorded in the program's audit log with your reason."))
    return redirect("space-thread", thread_id=post.thread_id)


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def post_report(request, post_id: int):
    """A member reports a post to the coordinators."""
    post = access_post(request.user, post_id)
    form = ReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.report_post(request.user, post=post, reason=form.cleaned_data["reason"])
        except PermissionDenied as error:
            _refused(request, error)
            return redirect("space-thread", thread_id=post.thread_id)
        except ValidationError as error:
            apply_service_error(form, error)
        else:
            messages.success(request, _("Thank you. A coordinator will look at the post."))
            return redirect("space-thread", thread_id=post.thread_id)
    view = selectors.post_view_for(request.user, post, coordinates=False,
                                   membership_ids=selectors.membership_ids_of(request.user))
    return render(request, "frontend/spaces/report.html", {"post": post, "view": view, "form": form})


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def post_edit(request, post_id: int):
    """The author changes a returned post and sends it again."""
    post = access_post(request.user, post_id)
    form = EditPostForm(request.POST or None, initial={"body": post.body_text})
    if request.method == "POST" and form.is_valid():
        try:
            post = services.resubmit_post(request.user, post=post, body=form.cleaned_data["body"])
        except (ValidationError, PermissionDenied) as error:
            if isinstance(error, ValidationError) and not isinstance(error, StateConflict):
                apply_service_error(form, error)
            else:
                _refused(request, error)
                return redirect("space-thread", thread_id=post.thread_id)
        else:
            messages.success(request, _written_message(post))
            return redirect("space-thread", thread_id=post.thread_id)
    note = selectors.list_posts(request.user, post.thread, coordinates=False).filter(pk=post.pk).values_list(
        "return_note", flat=True)
    return render(request, "frontend/spaces/post_edit.html", {"post": post, "form": form, "note": next(iter(note), "")})


# ---------------------------------------------------------------------------- coordinators


@never_cache
@login_required
def space_reports(request, program_id: int):
    """The open reports on posts of the program's spaces, oldest first."""
    program = access_program(request.user, program_id, as_coordinator=True)
    return render(request, "frontend/spaces/reports.html", {
        "program": program, "reports": list(selectors.list_open_reports(program)[:200]),
    })


@login_required
@require_POST
def report_close(request, space_report_id: int):
    """Close a report without acting on the post."""
    report = access_report(request.user, space_report_id)
    services.close_report(request.user, report=report)
    messages.success(request, _("The report is closed."))
    return redirect("space-reports", program_id=report.post.thread.space.program_id)


def post_review_queue(request, program):
    """The review queue showing posts (the `kind=posts` filter of frontend.review_views.review_queue)."""
    page = Paginator(selectors.list_post_review_queue(program), QUEUE_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "frontend/spaces/review_queue.html", {
        "program": program, "page": page, "posts": list(page), "waiting": page.paginator.count,
    })


REVIEW_DONE = {
    "approve": lambda: _("The post is published."),
    "redact": lambda: _("The post is published with the chosen parts removed."),
    "changes": lambda: _("The post went back to its author with your note."),
    "withhold": lambda: _("The post was withheld. Follow up as your safeguarding procedure says."),
    "release": lambda: _("You released the post; another coordinator can take it now."),
}


def _decide(request, post, action: str):
    post_data = request.POST
    if action == "approve":
        return services.approve_post(request.user, post=post, note=post_data.get("approve_note", ""),
                                     findings_seen=True)
    if action == "redact":
        return services.approve_post(request.user, post=post, note=post_data.get("redaction_note", ""),
                                     redactions=review_views.chosen_spans(post_data), findings_seen=True)
    if action == "changes":
        return services.return_post(request.user, post=post, note=post_data.get("changes_note", ""))
    if action == "withhold":
        return services.withhold_post(request.user, post=post, reason=post_data.get("withhold_reason", ""))
    return services.release_post_claim(request.user, post=post)


def _review_context(request, post, *, claim_problem=(), errors=(), typed=None) -> dict:
    findings = list(post.findings.all())
    for finding in findings:
        finding.span_text = post.body_text[finding.start:finding.end]
        finding.span_value = f"{finding.start}-{finding.end}"
    in_review = post.status == PostStatus.IN_REVIEW
    return {
        "post": post, "program": post.thread.space.program, "space": post.thread.space, "findings": findings,
        "segments": selectors.review_segments_for(post, findings),
        "audit": list(selectors.list_post_review_audit(post)),
        "in_review": in_review, "holds_claim": in_review and post.claimed_by_id == request.user.pk,
        "claim_problem": claim_problem, "errors": errors, "typed": typed or {},
        "claim_minutes": round(moderation.CLAIM_DURATION.total_seconds() / 60),
        "is_reply": post.thread.opening_id != post.pk,
    }


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def post_review(request, post_id: int):
    """Review one post with the letters' decisions: claim, approve (with parts removed), return, withhold."""
    post = access_post_for_review(request.user, post_id)
    template = "frontend/spaces/post_review.html"
    if request.method == "POST":
        action = request.POST.get("action", "")
        try:
            if action == "claim":
                post = services.claim_post(request.user, post=post)
                return render(request, template, _review_context(request, post))
            if action not in REVIEW_DONE:
                raise ValidationError(_("Choose one of the buttons below."))
            _decide(request, post, action)
        except (ValidationError, PermissionDenied) as error:
            post.refresh_from_db()
            status = 409 if isinstance(error, StateConflict) else 400
            key = "claim_problem" if action == "claim" else "errors"
            return render(request, template, _review_context(
                request, post, typed=request.POST, **{key: error_messages(error)}), status=status)
        messages.success(request, REVIEW_DONE[action]())
        return redirect(f"{_queue_url(post)}?kind=posts")
    services.record_post_opened(request.user, post=post)
    conflict = services.post_claim_conflict(request.user, post) if post.status == PostStatus.IN_REVIEW else None
    return render(request, template, _review_context(
        request, post, claim_problem=error_messages(conflict) if conflict else []))


def _queue_url(post) -> str:
    return reverse("review-queue", args=[post.thread.space.program_id])


urlpatterns = [
    path("spaces/", space_list, name="space-list"),
    path("spaces/<int:space_id>/", space_detail, name="space-detail"),
    path("spaces/<int:space_id>/membership/", space_membership, name="space-membership"),
    path("spaces/<int:space_id>/new/", thread_new, name="space-thread-new"),
    path("threads/<int:thread_id>/", thread_detail, name="space-thread"),
    path("threads/<int:thread_id>/moderate/", thread_moderate, name="space-thread-moderate"),
    path("space-posts/<int:post_id>/report/", post_report, name="space-post-report"),
    path("space-posts/<int:post_id>/edit/", post_edit, name="space-post-edit"),
    path("space-posts/<int:post_id>/moderate/", post_moderate, name="space-post-moderate"),
    path("space-posts/<int:post_id>/review/", post_review, name="space-post-review"),
    path("programs/<int:program_id>/space-reports/", space_reports, name="space-reports"),
    path("space-reports/<int:space_report_id>/close/", report_close, name="space-report-close"),
]
