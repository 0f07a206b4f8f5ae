"""A program's statistics: letters and pairs by topic, by month, by region and by age band.

Every number that leaves this module has passed through `suppress`, the one rule that keeps
a child from being singled out: a count under SUPPRESS_BELOW is shown as "< 5". The page, its
CSV export, the API and the program report PDF all read `program_statistics`, which returns
the tables already suppressed; the raw counts stay inside this module.

What is counted:

- a *letter* is a letter that was sent (any status but draft), dated by the month of its
  submission in the program's time zone; a period counts the whole months it touches
  (the counts are stored per pair and month: oversight.letter_counts keeps them current,
  and every table here reads them, so the page, the CSV, the API and the report agree);
- a pair's *region* and *age band* are its mentee's (the statistics describe the children
  a program reaches); an empty value is counted as "Unknown";
- regions with fewer than SUPPRESS_BELOW pairs are counted together as "Other regions", so a
  small place's name is never printed next to a handful of children;
- a letter may carry several topics, so the topic table can add up to more letters than
  were sent; "No topic" counts the letters nobody tagged and the pairs none of whose
  letters has a topic;
- a month row counts the letters sent in it and the pairs that sent one; a letter sent
  before the program's first month or after its last (and after today's) is counted in an
  "earlier" or "later" row.

A selector: it assumes an authorised caller. Pages and the API fetch the program with
`access_program(..., as_coordinator=True)` first; the report builder only runs for a report
its coordinator asked for.
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.db.models import Case, Count, FilteredRelation, IntegerField, Q, Sum, Value, When
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from letters.models import Letter
from oversight import letter_counts
from oversight.letter_counts import month_of
from oversight.models import MonthlyLetterCount, Topic
from programs.models import AgeBand, Pair, Program

#: Counts under this are never shown as they are.
SUPPRESS_BELOW = 5
#: What is shown instead of a count under SUPPRESS_BELOW (the same in every language).
SUPPRESSED = f"< {SUPPRESS_BELOW}"
#: The key of the row that counts what is not known (no region, no age band, no topic).
UNKNOWN = "unknown"
#: The key of the row that gathers the regions with few pairs.
OTHER_REGIONS = "other"


def suppress(count: int) -> str:
    """Return `count` as it may be shown: "< 5" when under SUPPRESS_BELOW (zero included), else the number."""
    return SUPPRESSED if count < SUPPRESS_BELOW else str(count)


@dataclass(frozen=True)
class StatisticsRow:
    """One category of a table: a stable `key`, its `label` in the current language, and suppressed counts."""

    key: str
    label: str
    letters: str
    pairs: str


@dataclass(frozen=True)
class StatisticsTables:
    """The four tables of a program's statistics, every count already suppressed."""

    by_topic: list[StatisticsRow]
    by_month: list[StatisticsRow]
    by_region: list[StatisticsRow]
    by_age_band: list[StatisticsRow]

    def named(self) -> list[tuple[str, str, list[StatisticsRow]]]:
        """Return (key, translated title, rows) for each table, in the order pages and files show them."""
        return [
            ("topic", _("By topic"), self.by_topic),
            ("month", _("By month"), self.by_month),
            ("region", _("By region"), self.by_region),
            ("age_band", _("By age band"), self.by_age_band),
        ]


@dataclass(frozen=True)
class _Count:
    key: str
    label: str
    letters: int
    pairs: int


def _whole_months(program: Program, since: datetime | None, until: datetime | None) -> tuple[datetime | None, datetime | None]:
    """Return [since, until) widened to whole months of the program's zone (None stays None).

    The counts are stored per month (oversight.letter_counts), so a period is counted in
    the months it touches: a report from the 10th of June to the 20th of August counts
    June, July and August.
    """
    zone = ZoneInfo(program.time_zone)
    if since is not None:
        since = datetime.combine(month_of(since, zone), time(), tzinfo=zone)
    if until is not None:
        last = month_of(until - timedelta(microseconds=1), zone)
        until = datetime.combine(_next_month(last), time(), tzinfo=zone)
    return since, until


def counted_months(program: Program, since: datetime, until: datetime) -> tuple[date, date]:
    """Return the first days of the first and the last month that the period [since, until) is counted in."""
    zone = ZoneInfo(program.time_zone)
    return month_of(since, zone), month_of(until - timedelta(microseconds=1), zone)


def _next_month(first_day: date) -> date:
    return date(first_day.year + 1, 1, 1) if first_day.month == 12 else date(first_day.year, first_day.month + 1, 1)


def _in_period(since: datetime | None, until: datetime | None, zone: ZoneInfo, prefix: str = "") -> Q:
    """Return the condition on MonthlyLetterCount rows (reached through `prefix`) that count [since, until).

    Without a period, the rows for all time (`whole`: one per pair and topic); with one, the
    monthly rows of its months. Precondition: since and until are whole months
    (_whole_months). Rows without a month (letters never given a submission time) are only
    counted without a period.
    """
    if since is None and until is None:
        return Q(**{f"{prefix}whole": True})
    condition = Q(**{f"{prefix}whole": False})
    if since is not None:
        condition &= Q(**{f"{prefix}month__gte": month_of(since, zone)})
    if until is not None:
        condition &= Q(**{f"{prefix}month__lt": month_of(until, zone)})
    return condition


def _pairs(program: Program, since: datetime | None, until: datetime | None):
    """Return the program's pairs that existed during the period (all of them without one)."""
    pairs = Pair.objects.filter(program=program)
    if until is not None:
        pairs = pairs.filter(started_at__lt=until)
    if since is not None:
        pairs = pairs.filter(Q(closed_at__isnull=True) | Q(closed_at__gte=since))
    return pairs


def _month_starts(first: datetime, last: datetime, zone: ZoneInfo) -> list[datetime]:
    """Return the first moment of every month of `zone` from the one holding `first` to the one after `last`."""
    local = first.astimezone(zone)
    year, month = local.year, local.month
    end = last.astimezone(zone)
    starts = []
    while (year, month) <= (end.year, end.month):
        starts.append(datetime(year, month, 1, tzinfo=zone))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    starts.append(datetime(year, month, 1, tzinfo=zone))
    return starts


@dataclass(frozen=True)
class RawStatistics:
    """The four tables with their counts as they are: only this module sees them (suppress before showing)."""

    by_topic: list[_Count]
    by_month: list[_Count]
    by_region: list[_Count]
    by_age_band: list[_Count]


def _month_span(program: Program, since: datetime | None, until: datetime | None) -> tuple[datetime, datetime]:
    """Return the moments whose months the month table covers: the period, else the program's dates up to today."""
    zone = ZoneInfo(program.time_zone)
    first = since or datetime.combine(program.starts_on, time(), tzinfo=zone)
    last = until or max(datetime.combine(program.ends_on, time(), tzinfo=zone), timezone.now())
    return first, last


def _count_by_month(program: Program, since, until) -> tuple[list[_Count], dict]:
    """Return the month table and the totals (letters sent, letters with a topic), from one query.

    Reads the pairs' monthly rows without a topic (one per pair and month, so a month's
    pairs are its rows). A month outside the program's months (before it started, or after
    it ended and after today's month) is counted in an "earlier" or "later" row, whose pairs
    are counted once each however many of those months they wrote in.
    """
    zone = ZoneInfo(program.time_zone)
    starts = _month_starts(*_month_span(program, since, until), zone)
    earlier, later = -1, len(starts)
    whens = [When(month__isnull=True, then=Value(later)), When(month__lt=starts[0].date(), then=Value(earlier))]
    whens += [When(month__lt=end.date(), then=Value(index)) for index, end in enumerate(starts[1:])]
    groups = (
        MonthlyLetterCount.objects.filter(program=program, whole=False, topic__isnull=True)
        .filter(_in_period(since, until, zone) if since or until else Q())
        .annotate(bucket=Case(*whens, default=Value(later), output_field=IntegerField()))
        .values("bucket")
        .annotate(letters=Sum("letters"), tagged=Sum("tagged"), pairs=Count("pair", distinct=True))
        .order_by("bucket")
    )
    rows, totals = [], {"letters": 0, "tagged": 0}
    for group in groups:
        index = group["bucket"]
        totals["letters"] += group["letters"]
        totals["tagged"] += group["tagged"]
        if index == earlier:
            key, label = "earlier", _("Before %(month)s") % {"month": _month_label(starts[0].date())}
        elif index == later:
            key, label = "later", _("After %(month)s") % {"month": _month_label(starts[-2].date())}
        else:
            key, label = f"{starts[index]:%Y-%m}", _month_label(starts[index].date())
        rows.append(_Count(key, label, group["letters"], group["pairs"]))
    return rows, totals


def count_statistics(program: Program, since: datetime | None = None, until: datetime | None = None) -> RawStatistics:
    """Count `program`'s letters sent in the months of [since, until) (all time if None) and its pairs.

    Months are those of the program's time zone; a period is widened to the whole months it
    touches (_whole_months). Reads the stored monthly counts after counting again the pairs
    whose counts are outdated (oversight.letter_counts): four queries when none is.
    """
    since, until = _whole_months(program, since, until)
    letter_counts.recount_outdated(program)  # one query, more only when a pair changed since the last count
    by_month, totals = _count_by_month(program, since, until)  # one query
    mentees = _count_by_mentee(program, since, until)  # one query
    totals["pairs"] = mentees.pop("pairs_with_letters")
    totals["tagged_pairs"] = mentees.pop("pairs_with_topics")
    return RawStatistics(
        by_topic=_count_by_topic(program, since, until, totals),  # one query
        by_month=by_month,
        **mentees,
    )


def _count_by_topic(program: Program, since, until, totals: dict) -> list[_Count]:
    """Return letters and pairs per topic (retired ones included), then "No topic": the letters nobody
    tagged and the pairs none of whose letters has a topic. One query."""
    in_period = _in_period(since, until, ZoneInfo(program.time_zone), prefix="monthly_counts__")
    # All time has one row per pair and topic; a period's months may hold several.
    distinct = since is not None or until is not None
    topics = (
        Topic.objects.filter(program=program)
        .annotate(counted=FilteredRelation("monthly_counts", condition=in_period))
        .annotate(letters=Coalesce(Sum("counted__letters"), 0), pairs=Count("counted__pair", distinct=distinct))
        .order_by("pk")
    )
    rows = []
    for topic in topics:
        label = topic.label if topic.is_active else _("%(topic)s (retired)") % {"topic": topic.label}
        rows.append(_Count(str(topic.pk), label, topic.letters, topic.pairs))
    rows.append(_Count(UNKNOWN, _("No topic"), totals["letters"] - totals["tagged"],
                       totals["pairs"] - totals["tagged_pairs"]))
    return rows


def _month_label(first_day: date) -> str:
    return date_format(first_day, "YEAR_MONTH_FORMAT")


def _count_by_mentee(program: Program, since, until) -> dict:
    """Return the region and age-band tables from one query over the period's pairs, grouped by both,
    how many of those pairs sent a letter in the period (`pairs_with_letters`) and how many a
    letter with a topic (`pairs_with_topics`).

    The pairs are joined to their rows without a topic for the period only (a
    FilteredRelation: the condition is in the join, so the topic rows are never read).
    """
    condition = Q(letter_counts__topic__isnull=True) & _in_period(
        since, until, ZoneInfo(program.time_zone), prefix="letter_counts__")
    # All time joins each pair to at most one row, so nothing needs counting as distinct.
    distinct = since is not None or until is not None
    groups = (
        _pairs(program, since, until)
        .annotate(sent=FilteredRelation("letter_counts", condition=condition))
        .values("mentee__region", "mentee__age_band")
        .annotate(pairs=Count("pk", distinct=distinct), sent_letters=Coalesce(Sum("sent__letters"), 0),
                  writing=Count("sent__pair", distinct=distinct),
                  with_topics=Count("sent__pair", filter=Q(sent__tagged__gt=0), distinct=distinct))
    )
    regions, bands = defaultdict(lambda: [0, 0]), defaultdict(lambda: [0, 0])
    writing = with_topics = 0
    for group in groups:
        writing += group["writing"]
        with_topics += group["with_topics"]
        for totals, value in ((regions, group["mentee__region"]), (bands, group["mentee__age_band"])):
            totals[value][0] += group["sent_letters"]
            totals[value][1] += group["pairs"]
    return {"by_region": _region_rows(regions), "by_age_band": _age_band_rows(bands),
            "pairs_with_letters": writing, "pairs_with_topics": with_topics}


def _region_rows(counts: dict) -> list[_Count]:
    """Return the regions by name, then "Other regions" (each under SUPPRESS_BELOW pairs, gathered),
    then "Unknown", each of the last two only when it has pairs."""
    unknown = counts.pop("", (0, 0))
    rows, other_letters, other_pairs = [], 0, 0
    for region in sorted(counts, key=str.casefold):
        letters, pairs = counts[region]
        if pairs < SUPPRESS_BELOW:
            other_letters, other_pairs = other_letters + letters, other_pairs + pairs
        else:
            rows.append(_Count(region, region, letters, pairs))
    if other_pairs:
        label = _("Other regions (each with fewer than %(count)d pairs)") % {"count": SUPPRESS_BELOW}
        rows.append(_Count(OTHER_REGIONS, label, other_letters, other_pairs))
    if unknown[1]:
        rows.append(_Count(UNKNOWN, pgettext("statistics", "Unknown"), *unknown))
    return rows


def _age_band_rows(counts: dict) -> list[_Count]:
    """Return every age band, youngest first, then "Unknown"."""
    rows = [_Count(band.value, str(band.label), *counts.get(band.value, (0, 0))) for band in AgeBand]
    rows.append(_Count(UNKNOWN, pgettext("statistics", "Unknown"), *counts.get("", (0, 0))))
    return rows


def _suppressed(counts: list[_Count]) -> list[StatisticsRow]:
    return [StatisticsRow(c.key, c.label, suppress(c.letters), suppress(c.pairs)) for c in counts]


def program_statistics(program: Program, *, since: datetime | None = None,
                       until: datetime | None = None) -> StatisticsTables:
    """Return `program`'s four tables, every count suppressed, for letters sent in [since, until) (all time if None).

    Four queries whatever the size of the program, when no pair's counts are outdated
    (count_statistics). Labels are in the current language.
    """
    counts = count_statistics(program, since, until)
    return StatisticsTables(
        by_topic=_suppressed(counts.by_topic),
        by_month=_suppressed(counts.by_month),
        by_region=_suppressed(counts.by_region),
        by_age_band=_suppressed(counts.by_age_band),
    )


#: What a spreadsheet program reads as the start of a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(text: str) -> str:
    """Return `text` so a spreadsheet shows it as typed: one starting like a formula gets a leading apostrophe.

    Region and topic names are typed by people; "=HYPERLINK(...)" must not run when the file is opened.
    """
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def statistics_csv_rows(tables: StatisticsTables) -> list[list[str]]:
    """Return the CSV export of `tables`: a header, then one line per category of each table (suppressed)."""
    lines = [[_("table"), _("key"), _("category"), _("letters"), _("pairs")]]
    for key, _title, rows in tables.named():
        lines.extend([key, spreadsheet_safe(row.key), spreadsheet_safe(row.label), row.letters, row.pairs]
                     for row in rows)
    return lines


def list_topics(program: Program) -> list[Topic]:
    """Return `program`'s topics, active ones first, each in the order they were made. One query."""
    return sorted(Topic.objects.filter(program=program), key=lambda t: (t.retired_at is not None, t.pk))


def letter_topic_ids(letter: Letter) -> set[int]:
    """Return the ids of the topics `letter` is tagged with. One query."""
    return set(letter.topic_tags.values_list("topic_id", flat=True))
