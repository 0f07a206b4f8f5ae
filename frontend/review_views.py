"""The coordinator's review pages: the queue of a program and the review of one letter.

Views parse the form, call a letters service or selector, and render; the rules (who may
decide, claims, redaction checks) live in letters.services. Every page is `never_cache`:
letter text must not linger in shared caches.
"""

from dataclasses import dataclass
from datetime import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models.functions import Substr
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.timesince import timesince, timeuntil
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from frontend import space_views
from frontend.forms import whole_numbers
from letters import deadlines, selectors, services
from letters.access import access_letter_for_review
from letters.models import Finding, Letter, LetterStatus
from programs.access import access_program
from programs.exceptions import StateConflict, error_messages

#: The decisions the review page's forms can post, by the value of their `action` button.
DECISIONS = ("approve", "redact", "changes", "withhold", "release")
#: Letters on one page of the queue. A whole deadline's backlog on one page cost ~0.5 s to
#: render at 500 letters (docs/performance.md); nobody reads further than the first screens.
QUEUE_PAGE_SIZE = 50

#: The queue's screening filter: `?screening=findings` or `?screening=clean` (anything else: all letters).
SCREENING_FILTERS = ("findings", "clean")

#: How much of each letter the queue reads to show its first line.
OPENING_CHARS = 400


@dataclass(frozen=True)
class QueueRow:
    """One letter of the review queue with its texts already in the reader's language.

    Built in Python rather than in the template: with 50 rows a page, the template tags
    (three `blocktranslate`s and two `timesince`s a row) were a third of the page's
    time, and the same gettext calls here cost a fraction of that (docs/performance.md).
    """

    letter: Letter
    title: str
    about: str
    badges: list[tuple[str, bool]]
    bulk_label: str
    waiting: str
    deadline: str


def about_line(letter: Letter) -> str:
    """Return what a queued letter is about: "About “The lighthouse cat”", "Reply to Star Fox" or ""."""
    if letter.reading_title:
        return _("About “%(title)s”") % {"title": letter.reading_title}
    if letter.reply_to_name:
        return _("Reply to %(name)s") % {"name": letter.reply_to_name}
    return ""


def finding_badges(letter: Letter) -> list[tuple[str, bool]]:
    """Return each kind of finding of `letter` once, as (label, is urgent), urgent kinds first."""
    badges: dict[str, bool] = {}
    for finding in letter.findings.all():
        label = finding.get_kind_display()
        badges[label] = badges.get(label, False) or finding.severity == Finding.Severity.URGENT
    return sorted(badges.items(), key=lambda item: not item[1])


def queue_rows(letters: list[Letter], *, now: datetime) -> list[QueueRow]:
    """Return a QueueRow for each of `letters`, as selectors.list_review_queue annotates them.

    The message ids are the ones the template used, so the translations still apply.
    """
    rows = []
    for letter in letters:
        if letter.is_overdue:
            deadline = _("Overdue by %(late)s") % {"late": timesince(letter.review_due, now)}
        else:
            deadline = _("Due in %(left)s") % {"left": timeuntil(letter.review_due, now)}
        author = letter.author.pseudonym
        rows.append(QueueRow(
            letter=letter,
            title=_("From %(author)s to %(recipient)s") % {"author": author, "recipient": letter.recipient.pseudonym},
            about=about_line(letter),
            badges=finding_badges(letter),
            bulk_label=_("Approve the letter from %(name)s together with the others") % {"name": author},
            waiting=_("Waiting %(time)s") % {"time": timesince(letter.submitted_at, now)},
            deadline=deadline,
        ))
    return rows


@never_cache
@login_required
def review_queue(request, program_id: int):
    """List the program's letters waiting for a coordinator, urgent first, then oldest."""
    program = access_program(request.user, program_id, as_coordinator=True)
    if request.GET.get("kind") == "posts":  # the same queue, showing posts of the peer spaces
        return space_views.post_review_queue(request, program)
    screening = request.GET.get("screening", "")
    order = selectors.review_queue_order(request.user, program)
    if screening in SCREENING_FILTERS:
        order = order.filter(has_findings=screening == "findings")
    # The page's ids first, from the plain order; then only those letters with all a row shows
    # (working that out for every waiting letter before sorting cost more than the rest).
    page = Paginator(order.values_list("pk", flat=True), QUEUE_PAGE_SIZE).get_page(request.GET.get("page"))
    ids = list(page)
    # The queue shows no letter text; leave the bodies in the database.
    # Only the start of each letter, for its first line: a letter may be 100,000 characters.
    letters = {letter.pk: letter for letter in selectors.list_review_queue(
        request.user, program, with_finding_kinds=True,
    ).defer("body_html", "body_text").annotate(opening=Substr("body_text", 1, OPENING_CHARS)).filter(pk__in=ids)}
    queue = [letters[pk] for pk in ids if pk in letters]  # in the page's order; one decided meanwhile is left out
    return render(request, "frontend/review/queue.html", {
        "program": program, "rows": queue_rows(queue, now=timezone.now()), "page": page,
        "screening": screening if screening in SCREENING_FILTERS else "",
        "query": f"screening={screening}" if screening in SCREENING_FILTERS else "",
        "waiting": page.paginator.count, "bulk_count": sum(not letter.has_findings for letter in queue),
        "sla_hours": round(program.review_sla.total_seconds() / 3600),
    })


@never_cache
@login_required
@require_POST
def bulk_approve(request, program_id: int):
    """Approve the ticked letters that have no findings; say how many were delivered and skipped."""
    program = access_program(request.user, program_id, as_coordinator=True)
    ids = set(whole_numbers(request.POST.getlist("letter")))
    if not ids:
        messages.warning(request, _("Tick the letters you want to approve, then press the button again."))
        return redirect("review-queue", program_id=program.pk)
    try:
        approved = services.bulk_approve_letters(request.user, program=program, letter_ids=ids)
    except (ValidationError, PermissionDenied) as error:
        for message in error_messages(error):
            messages.error(request, message)
        return redirect("review-queue", program_id=program.pk)
    messages.success(request, ngettext("%(count)d letter delivered.", "%(count)d letters delivered.",
                                       len(approved)) % {"count": len(approved)})
    skipped = len(ids) - len(approved)
    if skipped:
        messages.info(request, ngettext(
            "%(count)d letter was skipped: it has findings, another coordinator is reading it, or it was "
            "decided already. Open it to review it.",
            "%(count)d letters were skipped: they have findings, another coordinator is reading them, or they "
            "were decided already. Open them to review them.",
            skipped) % {"count": skipped})
    return redirect("review-queue", program_id=program.pk)


class SpanSyntaxError(ValueError):
    """A typed "start-end" pair could not be read."""


def parse_spans(checked: list[str], typed: str) -> list[tuple[int, int]]:
    """Return the spans from the ticked finding checkboxes and the typed "start-end" list.

    Raises SpanSyntaxError for text that is not a comma- or space-separated list of
    start-end pairs of whole numbers. Whether the spans fit the letter is the service's call.
    """
    spans = []
    for item in [*checked, *typed.replace(",", " ").split()]:
        start, dash, end = item.strip().partition("-")
        if not dash or not start.isdigit() or not end.isdigit():
            raise SpanSyntaxError(item)
        spans.append((int(start), int(end)))
    return spans


def chosen_spans(post) -> list[tuple[int, int]]:
    """Return the parts a coordinator chose to remove on a review page (letters' and posts').

    Raises ValidationError, in words the coordinator can act on, for a part that is not
    written as start-end or when no part was chosen.
    """
    try:
        spans = parse_spans(post.getlist("span"), post.get("extra_spans", ""))
    except SpanSyntaxError as error:
        raise ValidationError(
            _("“%(item)s” is not a part to remove. Write each part as start-end, for example 15-27.")
            % {"item": error.args[0]}
        ) from None
    if not spans:
        raise ValidationError(_("Choose at least one part to remove, or use “Approve” instead."))
    return spans


def _decide(request, letter: Letter, action: str) -> Letter:
    """Call the service for `action` with the posted fields; raise what the service raises."""
    post = request.POST
    # This page shows the findings highlighted in the letter's text: its decisions are the
    # ones that may deliver a letter with findings (letters.services.approve_letter).
    if action == "approve":
        return services.approve_letter(request.user, letter=letter, note=post.get("approve_note", ""),
                                       findings_seen=True)
    if action == "redact":
        return services.approve_letter(request.user, letter=letter, note=post.get("redaction_note", ""),
                                       redactions=chosen_spans(post), findings_seen=True)
    if action == "changes":
        return services.request_changes(request.user, letter=letter, note=post.get("changes_note", ""))
    if action == "withhold":
        return services.withhold_letter(request.user, letter=letter, reason=post.get("withhold_reason", ""),
                                        pause_pair=post.get("pause_pair") == "on")
    return services.release_claim(request.user, letter=letter)


def decision_choices() -> list[tuple[str, str, str]]:
    """Return the review page's decisions as (action, label, keyboard shortcut), in the page's order."""
    return [
        ("approve", _("Approve and deliver"), "a"),
        ("redact", _("Remove parts, then deliver"), "p"),
        ("changes", _("Ask the author for changes"), "c"),
        ("withhold", _("Withhold the letter"), "w"),
    ]


def decision_buttons() -> dict[str, str]:
    """Return the decision button's words for each decision (review.js shows the chosen one's)."""
    return {
        "approve": _("Approve and deliver"),
        "redact": _("Remove these parts and deliver"),
        "changes": _("Send back to the author"),
        "withhold": _("Withhold the letter"),
    }


DONE_MESSAGES = {
    "approve": lambda: _("The letter was delivered."),
    "redact": lambda: _("The letter was delivered with the chosen parts removed; its author is told what and why."),
    "changes": lambda: _("The letter went back to its author with your note."),
    "withhold": lambda: _("The letter was withheld. Follow up as your safeguarding procedure says."),
    "release": lambda: _("You released the letter; another coordinator can take it now."),
}


def _page_context(request, letter: Letter, *, claim_problem: list[str] = (), errors: list[str] = (),
                  typed=None) -> dict:
    findings = list(letter.findings.all())
    for finding in findings:
        finding.span_text = letter.body_text[finding.start:finding.end]
        finding.span_value = f"{finding.start}-{finding.end}"
    typed = typed if typed is not None else {}
    review_due = deadlines.review_due_for(letter)
    # Found spans start ticked; after a refused "remove parts" post, keep what was ticked.
    redact_posted = hasattr(typed, "getlist") and typed.get("action") == "redact"
    ticked = set(typed.getlist("span")) if redact_posted else {f.span_value for f in findings}
    return {
        "letter": letter,
        "program": letter.pair.program,
        "findings": findings,
        "ticked": ticked,
        "segments": selectors.review_segments(letter, findings),
        "context_letters": selectors.list_pair_context(request.user, letter),
        "audit": list(selectors.list_review_audit(request.user, letter=letter)),
        "review_due": review_due,
        "is_overdue": deadlines.is_overdue(review_due, timezone.now()),
        "in_review": letter.status == LetterStatus.IN_REVIEW,
        "holds_claim": letter.claimed_by_id == request.user.pk and letter.status == LetterStatus.IN_REVIEW,
        "claim_problem": claim_problem,
        "claim_minutes": round(services.CLAIM_DURATION.total_seconds() / 60),
        "errors": errors,
        "typed": typed,
        "chosen": typed.get("action", "") if hasattr(typed, "get") else "",
        "decision_choices": decision_choices(),
        "decision_buttons": decision_buttons(),
    }


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def review_letter(request, letter_id: int):
    """Show a letter for review; take "Start reviewing" (a claim) and the coordinator's decision on it.

    Opening the page records the opening in the review log and claims nothing: the claim
    is made by the "Start reviewing" button, and a decision needs no claim of its own.
    """
    letter = access_letter_for_review(request.user, letter_id)
    if request.method == "POST":
        action = request.POST.get("action", "")
        if action == "claim":
            return _claim(request, letter)
        if action not in DECISIONS:
            return render(request, "frontend/review/letter.html", _page_context(
                request, letter, errors=[_("Choose a decision first: approve, remove parts, ask for changes or withhold.")], typed=request.POST), status=400)
        try:
            _decide(request, letter, action)
        except (ValidationError, PermissionDenied) as error:
            letter.refresh_from_db()
            status = 409 if isinstance(error, StateConflict) else 400
            return render(request, "frontend/review/letter.html", _page_context(
                request, letter, errors=error_messages(error), typed=request.POST), status=status)
        messages.success(request, DONE_MESSAGES[action]())
        return redirect("review-queue", program_id=letter.pair.program_id)
    services.record_letter_opened(request.user, letter=letter)
    conflict = services.claim_conflict(request.user, letter) if letter.status == LetterStatus.IN_REVIEW else None
    return render(request, "frontend/review/letter.html", _page_context(
        request, letter, claim_problem=error_messages(conflict) if conflict else []))


def _claim(request, letter: Letter):
    """Claim `letter` for the signed-in coordinator and show the page again (409 if someone else holds it).

    The page is rendered rather than redirected to, so that claiming does not log a
    second opening of the letter.
    """
    try:
        letter = services.claim_letter(request.user, letter=letter)
    except StateConflict as error:
        letter.refresh_from_db()
        return render(request, "frontend/review/letter.html", _page_context(
            request, letter, claim_problem=error_messages(error)), status=409)
    return render(request, "frontend/review/letter.html", _page_context(request, letter))
