"""PDF booklets of a pair's letters and program reports, built in the background by WeasyPrint.

`run_report(report_id)` is the body of the build task: it claims the Report row (queued →
running) with a guarded UPDATE, builds the PDF, stores it, and records done or failed
with a reason a person can act on. Booklets hold only letters the recipient could read
(delivered or read): never a draft, a letter in review, a returned or a withheld one.
"""

from __future__ import annotations

import logging
import math
import statistics
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Count, F, Q
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.html import escape
from django.utils.translation import gettext as _

from letters import deadlines
from letters.deadlines import DeadlineState
from letters.models import RECIPIENT_VISIBLE, Finding, Letter, LetterEvent, LetterStatus
from letters.viewing import recipient_view
from oversight.models import Report
from oversight.statistics import counted_months, program_statistics
from programs.models import Membership, Pair, Program
from readings.models import Assignment

logger = logging.getLogger(__name__)

PRINT_CSS = Path(__file__).resolve().parent / "pdf" / "print.css"
#: A report still "running" after this long belonged to a worker that died; it may be taken over.
RUNNING_LEASE = timedelta(minutes=5)


# ---------------------------------------------------------------------------- booklets


def printable_html(letter: Letter) -> str:
    """Return the HTML of `letter` as its recipient reads it (letters.viewing), for printing."""
    return recipient_view(letter).body_html


def booklet_letters(pair: Pair) -> list[Letter]:
    """Return the letters of `pair` that belong in its booklet, in the order they were delivered."""
    return list(
        Letter.objects.filter(pair=pair, status__in=RECIPIENT_VISIBLE, safeguarding_hold_until__isnull=True)
        .select_related("author", "assignment__reading")
        .order_by("delivered_at", "pk")
    )


def _booklet_context(pair: Pair) -> dict:
    return {
        "pair": pair,
        "letters": [{"letter": letter, "html": printable_html(letter)} for letter in booklet_letters(pair)],
        "zone": pair.program.time_zone,
    }


def render_booklets(program: Program, pairs: list[Pair]) -> bytes:
    """Return one PDF holding the booklet of each of `pairs`, each starting on a new page."""
    html = render_to_string("oversight/pdf/booklets.html", {
        "program": program, "booklets": [_booklet_context(pair) for pair in pairs],
    })
    return _pdf(html)


# ---------------------------------------------------------------------------- program report


@dataclass
class ProgramStats:
    pairs_active: int
    letters_written: int
    letters_delivered: int
    mentee_on_time: float | None
    mentor_on_time: float | None
    mentee_overdue: int
    mentor_overdue: int
    pairs_letter_overdue: int
    pairs_reply_overdue: int
    review_median_hours: float | None
    review_p90_hours: float | None
    sla_breaches: int
    reviews: int
    findings: list[tuple[str, int]]
    pairs: list[dict]
    weeks: list[tuple[date, int]]


def period_bounds(program: Program, start: date, end: date) -> tuple[datetime, datetime]:
    """Return [start 00:00, the day after end 00:00) in the program's zone, as aware datetimes."""
    zone = ZoneInfo(program.time_zone)
    return datetime.combine(start, time(), tzinfo=zone), datetime.combine(end + timedelta(days=1), time(), tzinfo=zone)


def _by_state(rows) -> Counter:
    return Counter({row["state"]: row["n"] for row in rows})


def deadline_states(program: Program, since: datetime, until: datetime, now: datetime) -> tuple[Counter, Counter]:
    """Return (mentee letters, mentor replies) of `program` due in [since, until), counted by DeadlineState at `now`.

    The states come from letters.deadlines: a letter or reply owed and not sent by its due
    moment is OVERDUE, which every on-time figure counts as not on time. One query per
    assignment due in the period, plus one for the replies.
    """
    letters = Counter()
    for assignment in Assignment.objects.filter(program=program, due_at__gte=since, due_at__lt=until):
        letters += _by_state(
            deadlines.annotate_letter_deadline(deadlines.pairs_for_assignment(assignment), assignment, now=now)
            .values(state=F("letter_state")).annotate(n=Count("pk")).order_by()
        )
    replies = _by_state(
        deadlines.annotate_reply_deadlines(Letter.objects.filter(pair__program=program), now=now)
        .filter(reply_due__gte=since, reply_due__lt=until)
        .values(state=F("reply_state")).annotate(n=Count("pk")).order_by()
    )
    return letters, replies


def _on_time(states: Counter) -> float | None:
    return deadlines.on_time_rate(
        states[DeadlineState.ON_TIME], states[DeadlineState.LATE], states[DeadlineState.OVERDUE]
    )


def percentile(values: list[float], fraction: float) -> float | None:
    """Return the nearest-rank percentile of `values` (None for no values)."""
    if not values:
        return None
    ordered = sorted(values)
    return ordered[max(0, math.ceil(fraction * len(ordered)) - 1)]


def review_durations(program: Program, since: datetime, until: datetime) -> list[timedelta]:
    """Return how long each review decided within the period took, from its (re)submission."""
    events = (
        LetterEvent.objects.filter(letter__pair__program=program, created_at__lt=until)
        .filter(Q(to_status=LetterStatus.IN_REVIEW) | Q(from_status=LetterStatus.IN_REVIEW))
        .order_by("letter_id", "created_at", "pk")
        .values_list("letter_id", "from_status", "to_status", "created_at")
    )
    durations, entered = [], {}
    for letter_id, from_status, to_status, created_at in events:
        if to_status == LetterStatus.IN_REVIEW:
            entered[letter_id] = created_at
        elif from_status == LetterStatus.IN_REVIEW and letter_id in entered:
            if created_at >= since:
                durations.append(created_at - entered[letter_id])
            del entered[letter_id]
    return durations


def program_stats(program: Program, start: date, end: date, *, now: datetime | None = None) -> ProgramStats:
    """Return the figures of `program`'s report for [start, end] (dates in the program's zone), made at `now`.

    On-time figures count the deadlines that fell in the period (letters.deadlines): sent by
    the due moment is on time; sent after it, or owed and still not sent, is not. The pairs
    with an overdue letter or reply are counted at `now`, as the dashboard counts them.
    """
    now = now or timezone.now()
    since, until = period_bounds(program, start, end)
    letters = Letter.objects.filter(pair__program=program)
    written = letters.filter(submitted_at__gte=since, submitted_at__lt=until)
    counts = written.aggregate(total=Count("pk"))
    mentee_states, mentor_states = deadline_states(program, since, until, now)
    overdue_pairs = deadlines.count_overdue_pairs(Pair.objects.filter(program=program), now=now,
                                                  reply_window=program.reply_window)
    durations = review_durations(program, since, until)
    hours = [d.total_seconds() / 3600 for d in durations]
    pairs = list(
        Pair.objects.filter(program=program, started_at__lt=until)
        .filter(Q(closed_at__isnull=True) | Q(closed_at__gte=since))
        .select_related("mentor", "mentee")
        .annotate(letters_in_period=Count("letters", filter=Q(letters__submitted_at__gte=since, letters__submitted_at__lt=until)))
        .order_by("pk")
    )
    week_counts: dict[date, int] = {}
    first_monday = start - timedelta(days=start.weekday())
    monday = first_monday
    while monday <= end:
        week_counts[monday] = 0
        monday += timedelta(days=7)
    zone = ZoneInfo(program.time_zone)
    for submitted_at in written.values_list("submitted_at", flat=True):
        day = submitted_at.astimezone(zone).date()
        week_counts[day - timedelta(days=day.weekday())] += 1
    kinds = dict(Finding.Kind.choices)
    findings = [
        (str(kinds.get(row["kind"], row["kind"])), row["n"])
        for row in Finding.objects.filter(letter__pair__program=program, created_at__gte=since, created_at__lt=until)
        .values("kind").annotate(n=Count("pk")).order_by("kind")
    ]
    return ProgramStats(
        pairs_active=len(pairs),
        letters_written=counts["total"],
        letters_delivered=letters.filter(delivered_at__gte=since, delivered_at__lt=until).count(),
        mentee_on_time=_on_time(mentee_states),
        mentor_on_time=_on_time(mentor_states),
        mentee_overdue=mentee_states[DeadlineState.OVERDUE],
        mentor_overdue=mentor_states[DeadlineState.OVERDUE],
        pairs_letter_overdue=overdue_pairs["letter"],
        pairs_reply_overdue=overdue_pairs["reply"],
        review_median_hours=statistics.median(hours) if hours else None,
        review_p90_hours=percentile(hours, 0.9),
        sla_breaches=sum(1 for d in durations if deadlines.review_took_too_long(d, program.review_sla)),
        reviews=len(hours),
        findings=findings,
        pairs=[{"mentor": p.mentor.pseudonym, "mentee": p.mentee.pseudonym, "status": p.get_status_display(),
                "letters": p.letters_in_period} for p in pairs],
        weeks=sorted(week_counts.items()),
    )


def letters_per_week_svg(weeks: list[tuple[date, int]], *, width: int = 480, height: int = 160) -> str:
    """Return an SVG bar chart of letters per week, with a text label on every bar."""
    bottom, top, left = 24, 16, 8
    tallest = max((count for _week, count in weeks), default=0) or 1
    slot = (width - left) / max(len(weeks), 1)
    bar = max(slot * 0.7, 1)
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
             f'viewBox="0 0 {width} {height}" role="img" aria-label="{escape(_("Letters per week"))}">',
             f'<line x1="{left}" y1="{height - bottom}" x2="{width}" y2="{height - bottom}" stroke="#555"/>']
    for index, (week, count) in enumerate(weeks):
        bar_height = (height - bottom - top) * count / tallest
        x = left + index * slot + (slot - bar) / 2
        y = height - bottom - bar_height
        parts.append(f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar:.1f}" height="{bar_height:.1f}" fill="#2b6cb0"/>')
        parts.append(f'<text x="{x + bar / 2:.1f}" y="{y - 3:.1f}" font-size="9" text-anchor="middle">{count}</text>')
        parts.append(f'<text x="{x + bar / 2:.1f}" y="{height - 8}" font-size="8" text-anchor="middle">'
                     f'{week:%d/%m}</text>')
    parts.append("</svg>")
    return "".join(parts)


def render_program_report(program: Program, start: date, end: date) -> bytes:
    stats = program_stats(program, start, end)
    since, until = period_bounds(program, start, end)
    tables = program_statistics(program, since=since, until=until)
    html = render_to_string("oversight/pdf/program_report.html", {
        "program": program, "start": start, "end": end, "stats": stats,
        "chart": letters_per_week_svg(stats.weeks),
        # The same suppressed tables as the statistics page: topics, regions and age bands of the period.
        "statistics_tables": [table for table in tables.named() if table[0] in ("topic", "region", "age_band")],
        # They are counted by whole months (oversight.letter_counts); the PDF says which.
        "statistics_months": counted_months(program, since, until),
    })
    return _pdf(html)


# ---------------------------------------------------------------------------- running a report


def _pdf(html: str) -> bytes:
    from weasyprint import CSS, HTML

    from letters.pdf_fetcher import StaticFilesOnlyFetcher, pdf_base_url

    fetcher = StaticFilesOnlyFetcher()  # our static files only: no remote URL, no other file
    return HTML(string=html, base_url=pdf_base_url(), url_fetcher=fetcher).write_pdf(
        stylesheets=[CSS(filename=str(PRINT_CSS), url_fetcher=fetcher)])


def build_pdf(report: Report) -> bytes:
    """Return the PDF bytes of `report` (pure: no change to the row)."""
    program = report.program
    if report.kind == Report.Kind.PAIR_BOOKLET:
        pair = Pair.objects.select_related("program", "mentor", "mentee").get(pk=report.pair_id)
        return render_booklets(program, [pair])
    if report.kind == Report.Kind.PROGRAM_BOOKLETS:
        pairs = list(Pair.objects.filter(program=program).select_related("program", "mentor", "mentee").order_by("pk"))
        return render_booklets(program, pairs)
    return render_program_report(program, report.period_start, report.period_end)


def _claim(report_id: int, now: datetime) -> bool:
    """Take the report for building: queued, or running under a worker that died. Return True if taken."""
    stale_running = Q(status=Report.Status.RUNNING, started_at__lt=now - RUNNING_LEASE)
    return bool(
        Report.objects.filter(Q(pk=report_id) & (Q(status=Report.Status.QUEUED) | stale_running)).update(
            status=Report.Status.RUNNING, started_at=now, finished_at=None, error="", attempts=F("attempts") + 1
        )
    )


def run_report(report_id: int) -> str:
    """Build report `report_id` if it still needs building; return its resulting status."""
    now = timezone.now()
    if not _claim(report_id, now):
        return Report.objects.filter(pk=report_id).values_list("status", flat=True).first() or "missing"
    report = Report.objects.select_related("program", "requested_by").get(pk=report_id)
    language = (report.requested_by.language if report.requested_by else "") or report.program.language
    try:
        with translation.override(language):
            pdf = build_pdf(report)
    except Exception as error:  # noqa: BLE001 - any failure is shown to the requester, who can retry
        logger.exception("report %s failed", report_id)
        with translation.override(language):
            message = _("The PDF could not be made (%(error)s). Try again; if it fails again, tell your operator.") % {
                "error": type(error).__name__}
        Report.objects.filter(pk=report_id, status=Report.Status.RUNNING).update(
            status=Report.Status.FAILED, error=message, finished_at=timezone.now()
        )
        return Report.Status.FAILED
    report.file.save(f"{report.kind}-{report.pk}.pdf", ContentFile(pdf), save=False)
    with transaction.atomic():
        finished = Report.objects.filter(pk=report_id, status=Report.Status.RUNNING).update(
            status=Report.Status.DONE, file=report.file.name, finished_at=timezone.now()
        )
    if finished and report.requested_by_id is None:
        transaction.on_commit(lambda: notify_coordinators_of_report(report_id))
    return Report.Status.DONE


def last_full_week(today: date) -> tuple[date, date]:
    """Return Monday and Sunday of the last complete week before `today`."""
    monday = today - timedelta(days=today.weekday() + 7)
    return monday, monday + timedelta(days=6)


def request_weekly_reports(today: date) -> int:
    """Queue last week's report for each running program (once per program and week); return how many were new."""
    from oversight.tasks import enqueue_report

    start, end = last_full_week(today)
    created = 0
    for program in Program.objects.filter(starts_on__lte=end, ends_on__gte=start):
        with transaction.atomic():  # the report and the job that builds it are saved together
            report, new = Report.objects.get_or_create(
                kind=Report.Kind.PROGRAM_REPORT, program=program, period_start=start, period_end=end, requested_by=None,
            )
            if new:
                created += 1
                enqueue_report(report.pk)
    return created


def notify_coordinators_of_report(report_id: int) -> None:
    """E-mail each coordinator of the program a link to a weekly report that is ready."""
    from django.conf import settings
    from django.core.mail import send_mass_mail
    from django.urls import reverse

    report = Report.objects.select_related("program").get(pk=report_id)
    link = settings.SITE_URL + reverse("report-detail", args=[report.pk])
    messages = []
    for membership in Membership.objects.active().filter(program=report.program, role=Membership.Role.COORDINATOR).select_related("user"):
        if not membership.user.email:
            continue
        with translation.override(membership.user.language or report.program.language):
            subject = _("Weekly report for %(program)s") % {"program": report.program.name}
            body = _("Hello %(name)s,\n\nThe report for %(start)s to %(end)s is ready: %(link)s") % {
                "name": membership.pseudonym, "start": report.period_start, "end": report.period_end, "link": link}
        messages.append((subject, body, None, [membership.user.email]))
    send_mass_mail(messages, fail_silently=False)
