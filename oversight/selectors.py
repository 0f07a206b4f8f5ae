"""Reads for the pages that combine programs with their letters and readings.

The participants' home page (their pairs with unread counts), the coordinator dashboard's
counts, a pair's timeline, and a finished report's file.
"""

from datetime import datetime

from django.db.models import Count, Exists, Min, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from letters.models import RECIPIENT_VISIBLE, Finding, Letter, LetterEvent, LetterStatus
from oversight.models import Report
from programs.compiled import CompiledRead
from programs.exceptions import StateConflict
from programs.models import Membership, Pair, Program
from readings.models import Assignment


def _active_memberships_of(user_id):
    return Membership.objects.active().filter(user_id=user_id).select_related("program").order_by("program__name")


def _open_pairs_with_unread_of(mentor_ids, mentee_ids, own_ids):
    """The open pairs where one of `mentor_ids` mentors or one of `mentee_ids` is mentored, each with
    `unread`: its delivered letters by anyone but `own_ids` (the same ids, given once per use)."""
    # Literal id lists on the two indexed columns: joining to the user (or IN subqueries)
    # made SQLite and PostgreSQL scan every pair of the installation (docs/performance.md).
    return (
        Pair.objects.open()
        .filter(Q(mentor_id__in=mentor_ids) | Q(mentee_id__in=mentee_ids))
        .select_related("mentor", "mentee", "program")
        .annotate(
            unread=Count(
                "letters",
                # By author id, not author__user: the same letters without a join per letter.
                filter=Q(letters__status=LetterStatus.DELIVERED) & ~Q(letters__author_id__in=own_ids),
            )
        )
    )


#: Both asked on every home page: their statements are built once (programs.compiled).
_active_memberships = CompiledRead(_active_memberships_of)
_open_pairs_with_unread = CompiledRead(_open_pairs_with_unread_of)


def list_memberships_with_pairs(user) -> list[dict]:
    """Return `user`'s active memberships, each with its open pairs and unread-letter counts.

    Costs two queries whatever the number of memberships and pairs.
    """
    memberships = _active_memberships.objects(user.pk)
    # Pairs of an inactive membership would have no program entry below to appear under.
    own = [membership.pk for membership in memberships]
    pairs = _open_pairs_with_unread.objects(own, own, own)
    by_program: dict[int, list[Pair]] = {}
    for pair in pairs:
        by_program.setdefault(pair.program_id, []).append(pair)
    return [
        {
            "membership": membership,
            "program": membership.program,
            "pairs": [
                {"pair": pair, "partner": pair.partner_of(pair.member_for(user)), "unread": pair.unread}
                for pair in by_program.get(membership.program_id, [])
            ],
        }
        for membership in memberships
    ]


def finished_report_file(report):
    """Return the PDF file of a finished `report`, ready to open.

    Raises StateConflict while the report is queued, being made, or failed (retry it
    first). Precondition: `report` was fetched through oversight.access.access_report.
    """
    if report.status != Report.Status.DONE or not report.file:
        raise StateConflict(_("This report is not ready yet. Watch its status and download it once it is done."))
    return report.file


# ---------------------------------------------------------------------------- coordinator pages


def program_overview(program: Program, *, now: datetime | None = None) -> dict:
    """Return the review backlog and the current assignment's counts.

    Precondition: the caller coordinates `program`. Four queries at most, whatever the data size.
    Drafts are never counted: coordinators do not see letters that were never submitted.
    """
    now = now or timezone.now()
    review = Letter.objects.filter(pair__program=program, status=LetterStatus.IN_REVIEW).aggregate(
        waiting=Count("pk"), oldest=Min("submitted_at")
    )
    opened = Assignment.objects.filter(program=program, opens_at__lte=now).select_related("reading")
    # The current assignment is the open one due next; after the last is due, the last one.
    current = opened.filter(due_at__gte=now).order_by("due_at", "pk").first() or opened.order_by("-due_at", "-pk").first()
    assignment_counts = None
    if current is not None:
        letters = Letter.objects.filter(
            assignment=current, pair__status=Pair.Status.ACTIVE, author__role=Membership.Role.MENTEE,
            submitted_at__isnull=False,
        )
        counts = letters.aggregate(
            sent=Count("pair", distinct=True),
            delivered=Count("pair", filter=Q(status__in=RECIPIENT_VISIBLE), distinct=True),
            waiting=Count("pk", filter=Q(status=LetterStatus.IN_REVIEW)),
            returned=Count("pk", filter=Q(status=LetterStatus.CHANGES_REQUESTED)),
            late=Count("pk", filter=Q(is_late=True)),
        )
        active = Pair.objects.filter(program=program, status=Pair.Status.ACTIVE)
        if not current.targets_all_pairs:
            active = active.filter(assignments=current)
        counts["pairs"] = active.count()
        counts["not_sent"] = max(counts["pairs"] - counts["sent"], 0)
        assignment_counts = counts
    # The pairs with overdue deadlines come with pair health (oversight.health.pair_health_overview),
    # judged by the same rules as the program report and the weekly e-mail (letters.deadlines).
    return {
        "review_waiting": review["waiting"],
        "review_oldest": review["oldest"],
        "current_assignment": current,
        "assignment_counts": assignment_counts,
    }


def list_pair_timeline(pair: Pair) -> list[dict]:
    """Return a pair's history for its coordinator, oldest first: letters, letter and pair events, notes.

    Each item is {"kind": "letter" | "letter_event" | "pair_event" | "note", "at": datetime, "object": ...}.
    Drafts are left out; each letter carries `has_findings` (screening found something).
    Four queries whatever the history's length.
    """
    letters = (
        Letter.objects.filter(pair=pair).exclude(status=LetterStatus.DRAFT)
        .select_related("author", "assignment__reading")
        .annotate(has_findings=Exists(Finding.objects.filter(letter=OuterRef("pk"))))
    )
    events = LetterEvent.objects.filter(letter__pair=pair).exclude(to_status=LetterStatus.IN_REVIEW).select_related(
        "letter__author", "actor"
    )
    items = [{"kind": "letter", "at": letter.submitted_at, "object": letter} for letter in letters]
    items += [{"kind": "letter_event", "at": event.created_at, "object": event} for event in events]
    items += [{"kind": "pair_event", "at": e.created_at, "object": e} for e in pair.events.select_related("actor")]
    items += [{"kind": "note", "at": n.created_at, "object": n} for n in pair.notes.select_related("author")]
    return sorted(items, key=lambda item: item["at"])
