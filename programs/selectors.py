"""Reads about programs, memberships and pairs."""

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.db import models
from django.db.models import Count, Exists, Min, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Length
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from letters.models import RECIPIENT_VISIBLE, LetterStatus
from programs.exceptions import StateConflict
from programs.models import Membership, Pair, Program, Report


def list_memberships_with_pairs(user) -> list[dict]:
    """Return `user`'s active memberships, each with its open pairs and unread-letter counts.

    Costs three queries whatever the number of memberships and pairs.
    """
    memberships = list(
        Membership.objects.active().filter(user=user).select_related("program").order_by("program__name")
    )
    # Literal id lists on the two indexed columns: joining to the user (or IN subqueries)
    # made SQLite and PostgreSQL scan every pair of the installation (docs/performance.md).
    # Pairs of an inactive membership would have no program entry below to appear under.
    own = [membership.pk for membership in memberships]
    pairs = (
        Pair.objects.open()
        .filter(Q(mentor_id__in=own) | Q(mentee_id__in=own))
        .select_related("mentor", "mentee", "program")
        .annotate(
            unread=Count(
                "letters",
                filter=Q(letters__status=LetterStatus.DELIVERED) & ~Q(letters__author__user=user),
            )
        )
    )
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
    first). Precondition: `report` was fetched through programs.access.access_report.
    """
    if report.status != Report.Status.DONE or not report.file:
        raise StateConflict(_("This report is not ready yet. Watch its status and download it once it is done."))
    return report.file


# ---------------------------------------------------------------------------- locale


def preferred_locale(user) -> tuple[str, str]:
    """Return (language, time zone) for `user`: their own choice, else their first program's.

    Either part is "" when neither the user nor a program says (the caller then falls back
    to the browser's language and the installation's time zone). One query at most.
    """
    language, time_zone = user.language, user.time_zone
    if language and time_zone:
        return language, time_zone
    program = (
        Program.objects.filter(memberships__user=user, memberships__status=Membership.Status.ACTIVE)
        .order_by("memberships__joined_at", "pk")
        .values("language", "time_zone")
        .first()
    )
    if program:
        language = language or program["language"]
        time_zone = time_zone or program["time_zone"]
    return language, time_zone


# ---------------------------------------------------------------------------- pair health

#: A pair with no submitted letter for this long needs attention; twice as long, it is at risk.
SILENCE_ATTENTION = timedelta(weeks=2)
SILENCE_AT_RISK = timedelta(weeks=4)
#: Returned and withheld letters and urgent findings count for this long.
RECENT = timedelta(weeks=4)
#: A mentee letter shorter than this share of the one before counts as shrinking...
SHRINK_RATIO = 0.5
#: ...if the one before was at least this long (short letters vary a lot).
SHRINK_MIN_PREVIOUS = 200


class HealthLevel(models.TextChoices):
    AT_RISK = "at_risk", _("At risk")
    NEEDS_ATTENTION = "needs_attention", _("Needs attention")
    ON_TRACK = "on_track", _("On track")


class HealthReason(models.TextChoices):
    URGENT_FINDING = "urgent_finding", _("A letter raised an urgent safeguarding concern")
    LETTER_WITHHELD = "letter_withheld", _("A letter was withheld recently")
    SILENT_LONG = "silent_long", _("No letter for four weeks or more")
    SILENT = "silent", _("No letter for two weeks or more")
    LETTER_OVERDUE = "letter_overdue", _("The mentee's letter is overdue")
    REPLY_OVERDUE = "reply_overdue", _("The mentor's reply is overdue")
    LETTER_RETURNED = "letter_returned", _("A letter was returned for changes recently")
    SHRINKING = "shrinking", _("The mentee's letters are getting much shorter")


#: Reasons that alone put a pair at risk; any other reason means it needs attention.
AT_RISK_REASONS = {HealthReason.URGENT_FINDING, HealthReason.LETTER_WITHHELD, HealthReason.SILENT_LONG}
#: This many reasons together also put a pair at risk.
AT_RISK_REASON_COUNT = 3
LEVEL_ORDER = {HealthLevel.AT_RISK: 0, HealthLevel.NEEDS_ATTENTION: 1, HealthLevel.ON_TRACK: 2}


@dataclass
class PairHealth:
    pair: Pair
    level: str
    reasons: list[str] = field(default_factory=list)
    last_letter_at: datetime | None = None

    @property
    def level_label(self) -> str:
        return HealthLevel(self.level).label

    @property
    def reason_labels(self) -> list[str]:
        return [HealthReason(reason).label for reason in self.reasons]


def _count_of(queryset, group_field: str) -> Subquery:
    """Return a Subquery counting `queryset`'s rows for the outer pair (grouped by `group_field`)."""
    return Subquery(
        queryset.order_by().values(group_field).annotate(n=Count("pk")).values("n")[:1],
        output_field=models.IntegerField(),
    )


def annotate_pair_health(pairs: QuerySet, *, program: Program, now: datetime) -> QuerySet:
    """Annotate `pairs` of `program` with the facts pair health is judged on; still one query.

    Precondition: every pair in `pairs` belongs to `program` (its reply window applies).
    """
    from letters.models import Finding, Letter, LetterEvent, LetterStatus
    from readings.models import Assignment

    submitted = Letter.objects.filter(pair=OuterRef("pk"), submitted_at__isnull=False)
    mentee_letters = submitted.filter(author=OuterRef("mentee_id")).order_by("-submitted_at", "-pk")
    assignment_answered = Letter.objects.filter(
        pair=OuterRef(OuterRef("pk")), author=OuterRef(OuterRef("mentee_id")), assignment=OuterRef("pk"),
        submitted_at__isnull=False,
    )
    overdue_assignments = (
        Assignment.objects.filter(program=OuterRef("program_id"), due_at__lt=now, due_at__gt=OuterRef("started_at"))
        .filter(Q(targets_all_pairs=True) | Q(pairs=OuterRef("pk")))
        .filter(~Exists(assignment_answered))
    )
    mentor_answered = Letter.objects.filter(
        pair=OuterRef(OuterRef("pk")), author=OuterRef(OuterRef("mentor_id")),
        submitted_at__gte=OuterRef("delivered_at"),
    )
    unanswered_long = Letter.objects.filter(
        pair=OuterRef("pk"), author=OuterRef("mentee_id"), status__in=RECIPIENT_VISIBLE,
        delivered_at__lt=now - program.reply_window,
    ).filter(~Exists(mentor_answered))
    recent_events = LetterEvent.objects.filter(letter__pair=OuterRef("pk"), created_at__gte=now - RECENT)
    return pairs.annotate(
        last_letter_at=Subquery(submitted.order_by("-submitted_at").values("submitted_at")[:1]),
        has_overdue_letter=Exists(overdue_assignments),
        has_overdue_reply=Exists(unanswered_long),
        returned_recently=_count_of(
            recent_events.filter(to_status=LetterStatus.CHANGES_REQUESTED), "letter__pair"
        ),
        withheld_recently=_count_of(recent_events.filter(to_status=LetterStatus.WITHHELD), "letter__pair"),
        has_urgent_finding=Exists(
            Finding.objects.filter(
                letter__pair=OuterRef("pk"), severity=Finding.Severity.URGENT, created_at__gte=now - RECENT
            )
        ),
        latest_mentee_length=Subquery(mentee_letters.annotate(n=Length("body_text")).values("n")[:1]),
        previous_mentee_length=Subquery(mentee_letters.annotate(n=Length("body_text")).values("n")[1:2]),
    )


def judge_pair_health(pair: Pair, *, now: datetime) -> PairHealth:
    """Return the health of a pair annotated by `annotate_pair_health`, with its reasons.

    A paused pair is not expected to write, so only the reasons about what was written
    (findings, returned or withheld letters) count for it.
    """
    reasons = []
    if pair.has_urgent_finding:
        reasons.append(HealthReason.URGENT_FINDING)
    if pair.withheld_recently:
        reasons.append(HealthReason.LETTER_WITHHELD)
    if pair.status == Pair.Status.ACTIVE:
        silent_for = now - (pair.last_letter_at or pair.started_at)
        if silent_for >= SILENCE_AT_RISK:
            reasons.append(HealthReason.SILENT_LONG)
        elif silent_for >= SILENCE_ATTENTION:
            reasons.append(HealthReason.SILENT)
        if pair.has_overdue_letter:
            reasons.append(HealthReason.LETTER_OVERDUE)
        if pair.has_overdue_reply:
            reasons.append(HealthReason.REPLY_OVERDUE)
    if pair.returned_recently:
        reasons.append(HealthReason.LETTER_RETURNED)
    latest, previous = pair.latest_mentee_length, pair.previous_mentee_length
    if latest is not None and previous is not None and previous >= SHRINK_MIN_PREVIOUS and latest < previous * SHRINK_RATIO:
        reasons.append(HealthReason.SHRINKING)
    if any(reason in AT_RISK_REASONS for reason in reasons) or len(reasons) >= AT_RISK_REASON_COUNT:
        level = HealthLevel.AT_RISK
    elif reasons:
        level = HealthLevel.NEEDS_ATTENTION
    else:
        level = HealthLevel.ON_TRACK
    return PairHealth(pair=pair, level=level, reasons=reasons, last_letter_at=pair.last_letter_at)


HEALTH_SORTS = {
    "health": lambda h: (LEVEL_ORDER[h.level], -len(h.reasons), h.pair.mentee.pseudonym.lower()),
    "mentee": lambda h: h.pair.mentee.pseudonym.lower(),
    "mentor": lambda h: h.pair.mentor.pseudonym.lower(),
    "quiet": lambda h: (h.last_letter_at or h.pair.started_at),
}


def list_pair_health(
    user, program: Program, *, level: str = "", sort: str = "health", now: datetime | None = None,
) -> list[PairHealth]:
    """Return the health of every open pair of `program`, filtered by `level` and sorted by `sort`.

    Precondition: `user` coordinates `program` (programs.access.access_program). One query
    whatever the number of pairs and letters: everything is computed by annotations.
    """
    now = now or timezone.now()
    pairs = annotate_pair_health(
        Pair.objects.visible_to(user).open().filter(program=program).select_related("mentor", "mentee"),
        program=program, now=now,
    )
    healths = [judge_pair_health(pair, now=now) for pair in pairs]
    if level:
        healths = [h for h in healths if h.level == level]
    return sorted(healths, key=HEALTH_SORTS.get(sort, HEALTH_SORTS["health"]))


def get_pair_health(pair: Pair, *, now: datetime | None = None) -> PairHealth:
    """Return the health of one pair (one query)."""
    now = now or timezone.now()
    annotated = annotate_pair_health(
        Pair.objects.filter(pk=pair.pk).select_related("mentor", "mentee"), program=pair.program, now=now
    ).get()
    return judge_pair_health(annotated, now=now)


def count_health_levels(healths: list[PairHealth]) -> dict[str, int]:
    """Return {level: number of pairs} for `healths`, every level present."""
    counts = {level: 0 for level in HealthLevel.values}
    for health in healths:
        counts[health.level] += 1
    return counts


# ---------------------------------------------------------------------------- coordinator pages


def program_overview(program: Program, *, now: datetime | None = None) -> dict:
    """Return the review backlog and the current assignment's counts for `program`'s dashboard.

    Precondition: the caller coordinates `program`. Four queries at most, whatever the data size.
    Drafts are never counted: coordinators do not see letters that were never submitted.
    """
    from letters.models import Letter, LetterStatus
    from readings.models import Assignment

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
    return {
        "review_waiting": review["waiting"],
        "review_oldest": review["oldest"],
        "current_assignment": current,
        "assignment_counts": assignment_counts,
    }


def list_pair_timeline(pair: Pair) -> list[dict]:
    """Return a pair's history for its coordinator, oldest first: letters, letter and pair events, notes.

    Each item is {"kind": "letter" | "letter_event" | "pair_event" | "note", "at": datetime, "object": ...}.
    Drafts are left out. Four queries whatever the history's length.
    """
    from letters.models import Letter, LetterEvent, LetterStatus

    letters = (
        Letter.objects.filter(pair=pair).exclude(status=LetterStatus.DRAFT)
        .select_related("author", "assignment__reading")
    )
    events = LetterEvent.objects.filter(letter__pair=pair).exclude(to_status=LetterStatus.IN_REVIEW).select_related(
        "letter__author", "actor"
    )
    items = [{"kind": "letter", "at": letter.submitted_at, "object": letter} for letter in letters]
    items += [{"kind": "letter_event", "at": event.created_at, "object": event} for event in events]
    items += [{"kind": "pair_event", "at": e.created_at, "object": e} for e in pair.events.select_related("actor")]
    items += [{"kind": "note", "at": n.created_at, "object": n} for n in pair.notes.select_related("author")]
    return sorted(items, key=lambda item: item["at"])
