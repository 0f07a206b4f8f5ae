"""Stored monthly letter counts per pair: what the statistics page reads instead of every letter.

Counting every letter and tag of a program on each view of its statistics took most of a
second at 10,000 pairs. The counts are stored instead, a few rows per pair and month
(oversight.models.MonthlyLetterCount), and kept current the way pair health is
(oversight.health):

- every change that moves a pair's counts stamps its LetterTally `changed_at` in the
  change's own transaction: the letter and pair services announce their changes through
  programs.pair_changes (OversightConfig.ready connects `mark_pairs_changed`), and tagging
  a letter stamps its pair itself (oversight.services.set_letter_topic). The stamp is one
  small UPDATE;
- `recount_outdated(program)` counts again, from the letters, the pairs whose tally is
  stamped, missing (pairs made by an import, or before this table existed) or made in
  another time zone than the program's now, before the statistics are read: so a tag a
  coordinator just put on shows at once. One query when nothing is outdated;
- the task `oversight.tasks.recount_changed_letter_counts` does the same for every program
  every minute, so the page rarely finds work to do.

A pair's rows are always made again whole from its letters (never incremented), so a count
cannot drift from a recount, whatever order changes come in.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from datetime import date, datetime
from itertools import islice
from zoneinfo import ZoneInfo

from django.db import connection, transaction
from django.db.models import F, Q
from django.utils import timezone

from letters.models import Letter, LetterStatus
from oversight.models import LetterTally, LetterTopic, MonthlyLetterCount
from programs.models import Pair, Program
from programs.plain_insert import insert_rows

#: Pairs counted per round of queries (bounded by the database's limit on parameters).
RECOUNT_CHUNK = 500


def month_of(moment: datetime | None, zone: ZoneInfo) -> date | None:
    """Return the first day of the month of `zone` holding `moment`, or None when there is no moment."""
    if moment is None:
        return None
    local = moment.astimezone(zone)
    return date(local.year, local.month, 1)


def _chunks(ids: list[int], size: int):
    iterator = iter(ids)
    while chunk := list(islice(iterator, size)):
        yield chunk


def _count_rows(pairs: dict[int, tuple[int, str]]) -> list[tuple]:
    """Return the MonthlyLetterCount rows (tuples of ROW_FIELDS) of `pairs` (pair id -> (program id, time zone)), from their letters:
    per month, and for all time (`whole`).

    Two queries: the pairs' sent letters (any status but draft), and their tags (only a
    sent letter is ever tagged). A letter is in the month of its submission in its program's zone.
    """
    zones = {name: ZoneInfo(name) for _program, name in pairs.values()}
    sent: Counter = Counter()
    letter_month: dict[int, date | None] = {}
    letters = (Letter.objects.filter(pair_id__in=list(pairs)).exclude(status=LetterStatus.DRAFT)
               .values_list("pk", "pair_id", "submitted_at"))
    for letter_id, pair_id, submitted_at in letters:
        month = month_of(submitted_at, zones[pairs[pair_id][1]])
        letter_month[letter_id] = month
        sent[pair_id, month] += 1
    on_topic: Counter = Counter()
    tagged_letters: dict[tuple[int, date | None], set[int]] = {}
    for letter_id, pair_id, topic_id in LetterTopic.objects.filter(pair_id__in=list(pairs)).values_list(
            "letter_id", "pair_id", "topic_id"):
        month = letter_month.get(letter_id)
        on_topic[pair_id, month, topic_id] += 1
        tagged_letters.setdefault((pair_id, month), set()).add(letter_id)
    sent_ever, on_topic_ever, tagged_ever = Counter(), Counter(), Counter()
    for (pair_id, _month), count in sent.items():
        sent_ever[pair_id] += count
    for (pair_id, _month, topic_id), count in on_topic.items():
        on_topic_ever[pair_id, topic_id] += count
    for (pair_id, _month), letters in tagged_letters.items():
        tagged_ever[pair_id] += len(letters)

    def row(pair_id, month, topic_id, letters, tagged=0, whole=False):
        return (pairs[pair_id][0], pair_id, month, topic_id, letters, tagged, whole)

    rows = [row(pair_id, month, None, count, len(tagged_letters.get((pair_id, month), ())))
            for (pair_id, month), count in sent.items()]
    rows += [row(pair_id, month, topic_id, count) for (pair_id, month, topic_id), count in on_topic.items()]
    rows += [row(pair_id, None, None, count, tagged_ever[pair_id], whole=True) for pair_id, count in sent_ever.items()]
    rows += [row(pair_id, None, topic_id, count, whole=True) for (pair_id, topic_id), count in on_topic_ever.items()]
    return rows


#: The columns of a MonthlyLetterCount row as _count_rows returns it, in order.
ROW_FIELDS = ("program", "pair", "month", "topic", "letters", "tagged", "whole")


def _insert(rows: list[tuple]) -> None:
    """Insert `rows` (ROW_FIELDS) as plain values (programs.plain_insert).

    Not bulk_create: at 60,000 rows (a first count of 10,000 pairs) building model instances
    and compiling an INSERT per hundred rows cost most of the time.
    """
    adapt_date = connection.ops.adapt_datefield_value
    insert_rows(MonthlyLetterCount, ROW_FIELDS,
                [(program, pair, adapt_date(month), topic, letters, tagged, whole)
                 for program, pair, month, topic, letters, tagged, whole in rows])


def recount_pairs(pair_ids: Iterable[int], *, now: datetime | None = None) -> int:
    """Make the monthly counts of the pairs `pair_ids` again from their letters; return how many pairs.

    Effects: their MonthlyLetterCount rows are replaced and their LetterTally rows written;
    a tally stays stamped when it was stamped after `now` (a change made while counting is
    counted next time). One transaction per chunk of RECOUNT_CHUNK pairs, about seven queries each.
    """
    now = now or timezone.now()
    counted = 0
    for chunk in _chunks(sorted(set(pair_ids)), RECOUNT_CHUNK):
        pairs = {pk: (program_id, zone) for pk, program_id, zone in
                 Pair.objects.filter(pk__in=chunk).values_list("pk", "program_id", "program__time_zone")}
        if not pairs:
            continue
        with transaction.atomic():
            rows = _count_rows(pairs)
            MonthlyLetterCount.objects.filter(pair_id__in=list(pairs)).delete()
            _insert(rows)
            LetterTally.objects.bulk_create(
                [LetterTally(pair_id=pk, time_zone=zone, counted_at=now) for pk, (_p, zone) in pairs.items()],
                update_conflicts=True, unique_fields=["pair"], update_fields=["time_zone", "counted_at"])
            LetterTally.objects.filter(pair_id__in=list(pairs), changed_at__lte=now).update(changed_at=None)
        counted += len(pairs)
    return counted


def _outdated(pairs):
    """Return `pairs` narrowed to those whose counts are missing, stamped, or in another zone than their program's."""
    return pairs.filter(Q(letter_tally__isnull=True) | Q(letter_tally__changed_at__isnull=False)
                        | ~Q(letter_tally__time_zone=F("program__time_zone")))


def recount_outdated(program: Program | None = None, *, now: datetime | None = None) -> int:
    """Count again the outdated pairs of `program` (of every program when None); return how many.

    What the statistics call before reading, and what the minute task runs: one query when
    nothing is outdated.
    """
    pairs = Pair.objects.all() if program is None else Pair.objects.filter(program=program)
    ids = list(_outdated(pairs).values_list("pk", flat=True))
    return recount_pairs(ids, now=now) if ids else 0


def recount_program(program: Program, *, now: datetime | None = None) -> int:
    """Count every pair of `program` again (after a bulk import, or to check); return how many."""
    return recount_pairs(Pair.objects.filter(program=program).values_list("pk", flat=True), now=now)


def mark_pairs_changed(pairs: Iterable[Pair], *, now: datetime | None = None) -> None:
    """Stamp the tallies of `pairs` as changed, so their counts are made again before anyone reads them.

    The listener of programs.pair_changes, and what tagging calls. Precondition: inside the
    transaction of the change. One UPDATE; a pair without a tally needs no stamp (it is
    counted when first read).
    """
    ids = sorted({pair.pk for pair in pairs})
    if ids:
        LetterTally.objects.filter(pair_id__in=ids).update(changed_at=now or timezone.now())
