"""Pair health: which pairs are drifting, why, and the stored judgement the dashboard reads.

The rules (`judge_pair_health`) read facts that `annotate_pair_health` adds to a queryset
of pairs in one query. Judging every pair of a large program takes seconds, so the
coordinator dashboard does not judge on each view: it reads `PairHealthRecord` rows, one
sorted page at a time (`pair_health_overview`). Those rows are written here only, by
`refresh_pair_health`, which runs

- within a minute of every change of a pair's letters or status: the letter and pair
  services announce it through programs.pair_changes, `mark_pairs_changed` (which
  OversightConfig.ready connects to it) stamps the pair's row `changed_at` in the change's
  own transaction, and the task `oversight.tasks.refresh_changed_pair_health` judges the
  stamped pairs every minute. Building and compiling the judging query cost a letter
  submit more CPU than everything else it does; the stamp is one small UPDATE;
- when a dashboard is read, for the pairs whose row is still stamped or missing (pairs
  made by an import or before the task first ran), before anything is shown: so a
  coordinator's own decision shows at once even when no worker has run yet;
- for every open pair from the scheduled task `oversight.tasks.refresh_all_pair_health`
  (every REFRESH_EVERY_MINUTES), for what time alone changes: a silence growing, a
  deadline or a reply window passing, a recent event growing old.

A single pair's page and the API judge live (`get_pair_health`): one pair costs one query.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from itertools import islice

from django.db import connection, models
from django.db.models import Count, Exists, Min, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Length
from django.utils import timezone

from letters import deadlines
from oversight.models import HEALTH_LEVEL_RANK, HealthLevel, HealthReason, PairHealthRecord
from programs.models import Pair, Program
from programs.permissions import require_coordinator

#: A pair with no submitted letter for this long needs attention; twice as long, it is at risk.
SILENCE_ATTENTION = timedelta(weeks=2)
SILENCE_AT_RISK = timedelta(weeks=4)
#: Returned and withheld letters and urgent findings count for this long.
RECENT = timedelta(weeks=4)
#: A mentee letter shorter than this share of the one before counts as shrinking...
SHRINK_RATIO = 0.5
#: ...if the one before was at least this long (short letters vary a lot).
SHRINK_MIN_PREVIOUS = 200

#: Reasons that alone put a pair at risk; any other reason means it needs attention.
AT_RISK_REASONS = {HealthReason.URGENT_FINDING, HealthReason.LETTER_WITHHELD, HealthReason.SILENT_LONG}
#: This many reasons together also put a pair at risk.
AT_RISK_REASON_COUNT = 3

#: How often the scheduled task re-judges every open pair (what the dashboard says of its age).
REFRESH_EVERY_MINUTES = 10
#: Pairs judged and written per query when many are refreshed at once.
REFRESH_CHUNK = 500

#: The dashboard's orders of a program's records, worst first by default; the pair's id breaks
#: ties so pages never overlap. Each is one index of PairHealthRecord, whole.
SORT_ORDERS = {
    "health": ("level_rank", "-reason_count", "mentee_sort", "pair_id"),
    "quiet": ("quiet_since", "pair_id"),
    "mentee": ("mentee_sort", "pair_id"),
    "mentor": ("mentor_sort", "pair_id"),
}


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


# ---------------------------------------------------------------------------- the rules


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

    submitted = Letter.objects.filter(pair=OuterRef("pk"), submitted_at__isnull=False)
    mentee_letters = submitted.filter(author=OuterRef("mentee_id")).order_by("-submitted_at", "-pk")
    recent_events = LetterEvent.objects.filter(letter__pair=OuterRef("pk"), created_at__gte=now - RECENT)
    # has_overdue_letter and has_overdue_reply: the deadline rules, from the one module that owns them.
    return deadlines.annotate_pair_deadlines(pairs, now=now, reply_window=program.reply_window).annotate(
        last_letter_at=Subquery(submitted.order_by("-submitted_at").values("submitted_at")[:1]),
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
    # letters.deadlines annotates these False for a pair that is not active (it owes nothing).
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


def get_pair_health(pair: Pair, *, now: datetime | None = None) -> PairHealth:
    """Return the health of one pair, judged now (one query)."""
    now = now or timezone.now()
    annotated = annotate_pair_health(
        Pair.objects.filter(pk=pair.pk).select_related("mentor", "mentee"), program=pair.program, now=now
    ).get()
    return judge_pair_health(annotated, now=now)


# ---------------------------------------------------------------------------- the stored judgement


def _as_record(health: PairHealth, now: datetime) -> PairHealthRecord:
    """Precondition: `health.pair` was read with its mentor and mentee (their pseudonyms sort the dashboard)."""
    pair = health.pair
    return PairHealthRecord(
        pair_id=pair.pk, program_id=pair.program_id, level=health.level, level_rank=HEALTH_LEVEL_RANK[health.level],
        reasons=[str(reason) for reason in health.reasons], reason_count=len(health.reasons),
        last_letter_at=health.last_letter_at, quiet_since=health.last_letter_at or pair.started_at,
        letter_overdue=HealthReason.LETTER_OVERDUE in health.reasons,
        reply_overdue=HealthReason.REPLY_OVERDUE in health.reasons,
        mentee_sort=pair.mentee.pseudonym.lower(), mentor_sort=pair.mentor.pseudonym.lower(), judged_at=now,
    )


#: The record's columns, in the order _write_records inserts them; the first is the conflict key.
#: judged_at and changed_at come last: the upsert treats them apart.
RECORD_FIELDS = ("pair", "program", "level", "level_rank", "reasons", "reason_count", "last_letter_at",
                 "quiet_since", "letter_overdue", "reply_overdue", "mentee_sort", "mentor_sort",
                 "judged_at", "changed_at")


def _write_records(records: list[PairHealthRecord]) -> None:
    """Insert or update `records`, but never replace a record judged later than the one given.

    A scheduled refresh judges thousands of pairs over a few seconds; a letter decided in
    between stores its pair's fresher judgement, which the refresh's older one must not
    overwrite. Likewise a row stamped `changed_at` stays stamped unless the new judgement
    was made after that change. Django's bulk_create(update_conflicts=True) cannot say
    "only if older", so this is the one upsert written in SQL: `ON CONFLICT ... DO UPDATE
    ... WHERE`, which SQLite (3.24+) and PostgreSQL both understand. One statement per batch.
    """
    fields = [PairHealthRecord._meta.get_field(name) for name in RECORD_FIELDS]
    table = connection.ops.quote_name(PairHealthRecord._meta.db_table)
    columns = [connection.ops.quote_name(field.column) for field in fields]
    judged_at, changed_at = columns[-2], columns[-1]
    updates = ", ".join(f"{column} = excluded.{column}" for column in columns[1:-1])
    updates += (f", {changed_at} = CASE WHEN {table}.{changed_at} > excluded.{judged_at} "
                f"THEN {table}.{changed_at} ELSE NULL END")
    row_placeholder = "(" + ", ".join(["%s"] * len(fields)) + ")"
    batch = max(1, (connection.features.max_query_params or 10_000) // len(fields))
    with connection.cursor() as cursor:
        for start in range(0, len(records), batch):
            rows = records[start:start + batch]
            params = [
                field.get_db_prep_save(getattr(record, field.attname), connection)
                for record in rows for field in fields
            ]
            cursor.execute(
                f"INSERT INTO {table} ({', '.join(columns)}) VALUES {', '.join([row_placeholder] * len(rows))} "
                f"ON CONFLICT ({columns[0]}) DO UPDATE SET {updates} WHERE {table}.{judged_at} <= excluded.{judged_at}",
                params,
            )


def _store(pairs: QuerySet, program: Program, now: datetime) -> int:
    """Judge `pairs` of `program` and write their records; return how many.

    One judging query, and one upsert per batch (about 100 pairs on SQLite, 1,000 on PostgreSQL).
    """
    records = [_as_record(judge_pair_health(pair, now=now), now)
               for pair in annotate_pair_health(pairs.select_related("mentor", "mentee"), program=program, now=now)]
    _write_records(records)
    return len(records)


def _chunks(ids, size: int):
    iterator = iter(ids)
    while chunk := list(islice(iterator, size)):
        yield chunk


def refresh_pair_health(pairs: Iterable[Pair], *, now: datetime | None = None) -> int:
    """Judge the open ones of `pairs` now and store their records; return how many were stored.

    The records of the closed ones are deleted: only open pairs have a record, so the
    dashboard counts a program's records without reading its pairs. Two queries per program
    and chunk when each pair's program is already loaded, and one more when a pair is closed.
    """
    now = now or timezone.now()
    by_program: dict[int, tuple[Program, set[int]]] = {}
    closed = []
    for pair in pairs:
        if pair.status == Pair.Status.CLOSED:
            closed.append(pair.pk)
            continue
        by_program.setdefault(pair.program_id, (pair.program, set()))[1].add(pair.pk)
    if closed:
        PairHealthRecord.objects.filter(pair_id__in=closed).delete()
    stored = 0
    for program, ids in by_program.values():
        for chunk in _chunks(sorted(ids), REFRESH_CHUNK):
            stored += _store(Pair.objects.filter(pk__in=chunk).open(), program, now)
    return stored


def mark_pairs_changed(pairs: Iterable[Pair], *, now: datetime | None = None) -> None:
    """Stamp the records of `pairs` as changed, so they are judged again before anyone reads them.

    The listener of programs.pair_changes. Precondition: inside the transaction of the change,
    so the stamp and the change are saved together. One UPDATE: no job is queued per change
    (queueing one cost a submit as much as judging); `refresh_changed_pair_health` runs every
    minute instead. A pair without a record yet needs no stamp: the dashboard judges pairs
    without one before it shows anything, and the scheduled refresh stores them.
    """
    ids = sorted({pair.pk for pair in pairs})
    if ids:
        PairHealthRecord.objects.filter(pair_id__in=ids).update(changed_at=now or timezone.now())


def refresh_changed_pair_health(*, now: datetime | None = None) -> int:
    """Judge every pair whose record is stamped changed; return how many (the worker's task).

    A record judged after its change (by the dashboard or an earlier run) is no longer
    stamped, so running the task again does nothing.
    """
    now = now or timezone.now()
    stamped = Pair.objects.filter(health_record__changed_at__isnull=False).select_related("program")
    return refresh_pair_health(list(stamped), now=now)


def refresh_program_health(program: Program, *, now: datetime | None = None, outdated_only: bool = False) -> int:
    """Judge the open pairs of `program`; return how many.

    With `outdated_only`, only those whose record is missing or stamped changed.
    """
    now = now or timezone.now()
    pairs = Pair.objects.open().filter(program=program)
    if outdated_only:
        pairs = pairs.filter(Q(health_record__isnull=True) | Q(health_record__changed_at__isnull=False))
    ids = list(pairs.order_by("pk").values_list("pk", flat=True))
    return sum(_store(Pair.objects.filter(pk__in=chunk), program, now) for chunk in _chunks(ids, REFRESH_CHUNK))


def refresh_all_pair_health(*, now: datetime | None = None) -> int:
    """Re-judge every open pair of every program (the scheduled task); return how many.

    Effects: the records of closed pairs are deleted as well (nothing reads them).
    """
    now = now or timezone.now()
    PairHealthRecord.objects.filter(pair__status=Pair.Status.CLOSED).delete()
    programs = Program.objects.filter(pk__in=Pair.objects.open().values("program_id"))
    return sum(refresh_program_health(program, now=now) for program in programs)


# ---------------------------------------------------------------------------- the dashboard's read


class _CountedPairs:
    """A sorted queryset of pairs whose length is already known, so paging it runs no COUNT."""

    def __init__(self, queryset: QuerySet, count: int):
        self.queryset, self.known_count = queryset, count

    def __len__(self) -> int:
        return self.known_count

    def __getitem__(self, index: slice) -> list[PairHealth]:
        """Return the pairs in `index` (a slice, as Paginator asks), read in one query."""
        return [
            PairHealth(pair=record.pair, level=record.level, reasons=record.reasons,
                       last_letter_at=record.last_letter_at)
            for record in self.queryset[index]
        ]


@dataclass
class HealthOverview:
    """What the dashboard shows of pair health: the level counts, the overdue counts, the oldest
    judgement, the pairs to page."""

    level_counts: dict[str, int]
    #: {"letter": open pairs whose mentee letter is overdue, "reply": whose mentor reply is}.
    overdue: dict[str, int]
    judged_at: datetime | None
    pairs: _CountedPairs


def pair_health_overview(user, program: Program, *, level: str = "", sort: str = "health") -> HealthOverview:
    """Return `program`'s pair health as last judged, filtered by `level` and sorted by `sort`.

    Raises PermissionDenied unless `user` coordinates `program`: then every pair of the
    program is visible to them (Pair.objects.visible_to), and the program's records are read
    without joining its pairs. Records that are stamped changed, missing (pairs made by an
    import, or before the task first ran) or left by a closed pair are brought up to date
    first. Costs four queries (the check, the counts, the open pairs' number, and one per page
    read from `pairs`), whatever the number of pairs: the counts and the page are read from indexes of the records (PairHealthRecord.Meta).
    More when records had to be brought up to date.
    """
    require_coordinator(user, program)
    records = PairHealthRecord.objects.filter(program=program)
    summary = _summarise(records)
    if summary["stamped"] or summary["records"] != Pair.objects.open().filter(program=program).count():
        # A closed pair's record is normally deleted when its closing is judged; one left by a
        # pair closed some other way goes here, so the counts below are the open pairs'.
        records.filter(pair__status=Pair.Status.CLOSED).delete()
        refresh_program_health(program, outdated_only=True)
        summary = _summarise(records)
    judged_at = summary["oldest"]
    overdue = {"letter": summary["overdue_letter"], "reply": summary["overdue_reply"]}
    level_counts = {value: summary[value] for value in HealthLevel.values}
    shown = records.filter(level=level) if level else records
    shown = shown.select_related("pair__mentor", "pair__mentee").order_by(*SORT_ORDERS.get(sort, SORT_ORDERS["health"]))
    total = level_counts.get(level, 0) if level else sum(level_counts.values())
    return HealthOverview(level_counts=level_counts, overdue=overdue, judged_at=judged_at,
                          pairs=_CountedPairs(shown, total))


def _summarise(records: QuerySet) -> dict:
    """Count `records` by level and overdue, with the oldest judgement, how many and how many stamped; one query."""
    return records.aggregate(
        oldest=Min("judged_at"), overdue_letter=Count("pk", filter=Q(letter_overdue=True)),
        overdue_reply=Count("pk", filter=Q(reply_overdue=True)), records=Count("pk"),
        stamped=Count("pk", filter=Q(changed_at__isnull=False)),
        **{value: Count("pk", filter=Q(level=value)) for value in HealthLevel.values},
    )
