"""A program's statistics: letters and pairs by topic, by month, by region and by age band.

Every number that leaves this module has passed through `suppress`, the one rule that keeps
a child from being singled out: a count under SUPPRESS_BELOW is shown as "< 5". The page, its
CSV export, the API and the program report PDF all read `program_statistics`, which returns
the tables already suppressed; the raw counts stay inside this module.

What is counted:

- a *letter* is a letter that was sent (any status but draft), dated by its submission in
  the program's time zone; within a period only those sent in it;
- a pair's *region* and *age band* are its mentee's (the statistics describe the children
  a program reaches); an empty value is counted as "Unknown";
- regions with fewer than SUPPRESS_BELOW pairs are counted together as "Other regions", so a
  small place's name is never printed next to a handful of children;
- a letter may carry several topics, so the topic table can add up to more letters than
  were sent; "No topic" counts the letters nobody tagged.

A selector: it assumes an authorised caller. Pages and the API fetch the program with
`access_program(..., as_coordinator=True)` first; the report builder only runs for a report
its coordinator asked for.
"""

from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from django.db.models import Count, Q
from django.db.models.functions import TruncMonth
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from letters.models import Letter, LetterStatus
from oversight.models import Topic
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


def _letter_filter(prefix: str, since: datetime | None, until: datetime | None) -> Q:
    """Return the condition "a sent letter (in the period)" for letters reached through `prefix`."""
    condition = ~Q(**{f"{prefix}status": LetterStatus.DRAFT})
    if since is not None:
        condition &= Q(**{f"{prefix}submitted_at__gte": since})
    if until is not None:
        condition &= Q(**{f"{prefix}submitted_at__lt": until})
    return condition


def _pairs(program: Program, since: datetime | None, until: datetime | None):
    """Return the program's pairs that existed during the period (all of them without one)."""
    pairs = Pair.objects.filter(program=program)
    if until is not None:
        pairs = pairs.filter(started_at__lt=until)
    if since is not None:
        pairs = pairs.filter(Q(closed_at__isnull=True) | Q(closed_at__gte=since))
    return pairs


def count_by_topic(program: Program, since=None, until=None) -> list[_Count]:
    """Return letters and pairs per topic of `program` (retired ones included), then the untagged letters. Two queries."""
    sent = _letter_filter("letter_tags__letter__", since, until)
    topics = (
        Topic.objects.filter(program=program)
        .annotate(letters=Count("letter_tags", filter=sent),
                  pairs=Count("letter_tags__letter__pair", filter=sent, distinct=True))
        .order_by("pk")
    )
    rows = []
    for topic in topics:
        label = topic.label if topic.is_active else _("%(topic)s (retired)") % {"topic": topic.label}
        rows.append(_Count(str(topic.pk), label, topic.letters, topic.pairs))
    untagged = (
        Letter.objects.filter(_letter_filter("", since, until), pair__program=program, topic_tags__isnull=True)
        .aggregate(letters=Count("pk"), pairs=Count("pair", distinct=True))
    )
    rows.append(_Count(UNKNOWN, _("No topic"), untagged["letters"], untagged["pairs"]))
    return rows


def count_by_month(program: Program, since=None, until=None) -> list[_Count]:
    """Return letters sent and pairs that sent one, per month of the program's time zone, oldest first. One query."""
    zone = ZoneInfo(program.time_zone)
    months = (
        Letter.objects.filter(_letter_filter("", since, until), pair__program=program)
        .annotate(month=TruncMonth("submitted_at", tzinfo=zone))
        .values("month")
        .annotate(letters=Count("pk"), pairs=Count("pair", distinct=True))
        .order_by("month")
    )
    return [_Count(f"{row['month']:%Y-%m}", _month_label(row["month"].date()), row["letters"], row["pairs"])
            for row in months]


def _month_label(first_day: date) -> str:
    return date_format(first_day, "YEAR_MONTH_FORMAT")


def _by_mentee_field(program: Program, field: str, since, until) -> dict[str, tuple[int, int]]:
    """Return {value of the mentee's `field`: (letters, pairs)} over the period's pairs. One query."""
    rows = (
        _pairs(program, since, until)
        .values(f"mentee__{field}")
        .annotate(pairs=Count("pk", distinct=True), letters=Count("letters", filter=_letter_filter("letters__", since, until)))
    )
    return {row[f"mentee__{field}"]: (row["letters"], row["pairs"]) for row in rows}


def count_by_region(program: Program, since=None, until=None) -> list[_Count]:
    """Return letters and pairs per mentee region by name, then "Other regions" (each under
    SUPPRESS_BELOW pairs, gathered) and "Unknown" when there are any. One query."""
    counts = _by_mentee_field(program, "region", since, until)
    unknown = counts.pop("", (0, 0))
    rows, other_letters, other_pairs = [], 0, 0
    for region in sorted(counts, key=str.casefold):
        letters, pairs = counts[region]
        if pairs < SUPPRESS_BELOW:
            other_letters, other_pairs = other_letters + letters, other_pairs + pairs
        else:
            rows.append(_Count(region, region, letters, pairs))
    if other_pairs:
        rows.append(_Count(OTHER_REGIONS, _("Other regions (each with fewer than %(count)d pairs)") % {"count": SUPPRESS_BELOW}, other_letters, other_pairs))
    if unknown[1]:
        rows.append(_Count(UNKNOWN, pgettext("statistics", "Unknown"), *unknown))
    return rows


def count_by_age_band(program: Program, since=None, until=None) -> list[_Count]:
    """Return letters and pairs per mentee age band, every band listed (youngest first), then "Unknown". One query."""
    counts = _by_mentee_field(program, "age_band", since, until)
    rows = [_Count(band.value, str(band.label), *counts.get(band.value, (0, 0))) for band in AgeBand]
    rows.append(_Count(UNKNOWN, pgettext("statistics", "Unknown"), *counts.get("", (0, 0))))
    return rows


def _suppressed(counts: list[_Count]) -> list[StatisticsRow]:
    return [StatisticsRow(c.key, c.label, suppress(c.letters), suppress(c.pairs)) for c in counts]


def program_statistics(program: Program, *, since: datetime | None = None,
                       until: datetime | None = None) -> StatisticsTables:
    """Return `program`'s four tables, every count suppressed, for letters sent in [since, until) (all time if None).

    Five queries whatever the size of the program. Labels are in the current language.
    """
    return StatisticsTables(
        by_topic=_suppressed(count_by_topic(program, since, until)),
        by_month=_suppressed(count_by_month(program, since, until)),
        by_region=_suppressed(count_by_region(program, since, until)),
        by_age_band=_suppressed(count_by_age_band(program, since, until)),
    )


def statistics_csv_rows(tables: StatisticsTables) -> list[list[str]]:
    """Return the CSV export of `tables`: a header, then one line per category of each table (suppressed)."""
    lines = [[_("table"), _("key"), _("category"), _("letters"), _("pairs")]]
    for key, _title, rows in tables.named():
        lines.extend([key, row.key, row.label, row.letters, row.pairs] for row in rows)
    return lines


def list_topics(program: Program) -> list[Topic]:
    """Return `program`'s topics, active ones first, each in the order they were made. One query."""
    return sorted(Topic.objects.filter(program=program), key=lambda t: (t.retired_at is not None, t.pk))


def letter_topic_ids(letter: Letter) -> set[int]:
    """Return the ids of the topics `letter` is tagged with. One query."""
    return set(letter.topic_tags.values_list("topic_id", flat=True))
