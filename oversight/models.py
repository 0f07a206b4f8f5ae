"""What coordinators watch: each pair's stored health, the PDFs made in the background, and letter topics.

Both models moved here from the programs app; their tables keep the old names
(Meta.db_table), so moving them changed no database.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from programs.models import Pair, Program, choices_constraint

# ---------------------------------------------------------------------------- pair health


class HealthLevel(models.TextChoices):
    AT_RISK = "at_risk", _("At risk")
    NEEDS_ATTENTION = "needs_attention", _("Needs attention")
    ON_TRACK = "on_track", _("On track")


#: Sorts pairs worst first (the dashboard's default order).
HEALTH_LEVEL_RANK = {HealthLevel.AT_RISK: 0, HealthLevel.NEEDS_ATTENTION: 1, HealthLevel.ON_TRACK: 2}


class HealthReason(models.TextChoices):
    URGENT_FINDING = "urgent_finding", _("A letter raised an urgent safeguarding concern")
    LETTER_WITHHELD = "letter_withheld", _("A letter was withheld recently")
    SILENT_LONG = "silent_long", _("No letter for four weeks or more")
    SILENT = "silent", _("No letter for two weeks or more")
    LETTER_OVERDUE = "letter_overdue", _("The mentee's letter is overdue")
    REPLY_OVERDUE = "reply_overdue", _("The mentor's reply is overdue")
    LETTER_RETURNED = "letter_returned", _("A letter was returned for changes recently")
    SHRINKING = "shrinking", _("The mentee's letters are getting much shorter")


class PairHealthRecord(models.Model):
    """A pair's health as last judged, so that the coordinator dashboard reads one sorted page.

    Judging health reads a pair's letters, events and findings; doing that for every pair of
    a large program on each dashboard view is what made the dashboard slow. The rules live in
    oversight.health, which alone writes these rows: the services mark a pair's row changed in
    the same transaction as any change of its letters or status (through programs.pair_changes),
    a worker re-judges it right after, the dashboard re-judges whatever is still marked before
    it shows anything, and a scheduled task refreshes every row for what time alone changes
    (a silence growing, a deadline passing). Only open pairs have a row: a closed pair's row
    is deleted when its closing is judged.
    """

    pair = models.OneToOneField(Pair, on_delete=models.CASCADE, primary_key=True, related_name="health_record")
    # A copy of pair.program (which never changes), so a program's rows are read from one index.
    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="+")
    level = models.CharField(max_length=20, choices=HealthLevel.choices)
    level_rank = models.PositiveSmallIntegerField()
    reasons = models.JSONField(default=list)
    reason_count = models.PositiveSmallIntegerField(default=0)
    last_letter_at = models.DateTimeField(null=True, blank=True)
    #: The last letter's moment, or the pair's start when it has none: "longest without a letter" sorts by it.
    quiet_since = models.DateTimeField()
    #: Whether the mentee's letter or the mentor's reply was overdue when judged (letters.deadlines):
    #: the dashboard counts these rather than run the deadline rules over every pair on each view.
    letter_overdue = models.BooleanField(default=False)
    reply_overdue = models.BooleanField(default=False)
    #: The mentee's and mentor's pseudonyms in lower case, as they were when judged: the
    #: dashboard's orders by name and its tie-break read them from the same index as the rest
    #: of the order. A renamed member sorts by the new name from the next refresh on.
    mentee_sort = models.CharField(max_length=60, blank=True, default="")
    mentor_sort = models.CharField(max_length=60, blank=True, default="")
    judged_at = models.DateTimeField()
    #: When the pair or its letters last changed after `judged_at`; empty while the judgement is current.
    changed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        db_table = "programs_pairhealthrecord"  # the table it had in the programs app
        # Each of the dashboard's orders (oversight.health.SORT_ORDERS) whole, tie-break included,
        # so that a page is read from its index in the same time at 1,000 pairs as at 10,000.
        indexes = [
            models.Index(fields=["program", "level_rank", "-reason_count", "mentee_sort", "pair"],
                         name="pairhealth_worst_first"),
            models.Index(fields=["program", "quiet_since", "pair"], name="pairhealth_quietest_first"),
            models.Index(fields=["program", "mentee_sort", "pair"], name="pairhealth_by_mentee"),
            models.Index(fields=["program", "mentor_sort", "pair"], name="pairhealth_by_mentor"),
        ]
        constraints = [choices_constraint("level", HealthLevel.choices, "pairhealth_level_valid")]

    def __str__(self) -> str:
        return f"{self.pair_id}: {self.level}"


# ---------------------------------------------------------------------------- reports


class ReportKind(models.TextChoices):
    PAIR_BOOKLET = "pair_booklet", _("Booklet of one pair")
    PROGRAM_BOOKLETS = "program_booklets", _("Booklets of every pair in a program")
    PROGRAM_REPORT = "program_report", _("Program report")


class ReportStatus(models.TextChoices):
    QUEUED = "queued", _("Waiting to start")
    RUNNING = "running", _("Being made")
    DONE = "done", _("Ready")
    FAILED = "failed", _("Failed")


class ReportQuerySet(models.QuerySet):
    def visible_to(self, user) -> "ReportQuerySet":
        """Return the reports `user` asked for, plus every report of the programs they coordinate."""
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self.all()
        coordinated = Program.objects.coordinated_by(user).values("pk")
        return self.filter(Q(requested_by=user) | Q(program__in=coordinated))


class Report(models.Model):
    """A PDF made in the background (a booklet or a program report), with a status to watch.

    Written only by oversight.services (request, retry) and the build task; the file is
    served only through an access check, never from a public media URL.
    """

    Kind = ReportKind
    Status = ReportStatus

    kind = models.CharField(_("kind"), max_length=24, choices=ReportKind.choices)
    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="reports")
    pair = models.ForeignKey(Pair, on_delete=models.CASCADE, null=True, blank=True, related_name="reports")
    period_start = models.DateField(_("from"), null=True, blank=True)
    period_end = models.DateField(_("to"), null=True, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="reports"
    )
    status = models.CharField(_("status"), max_length=16, choices=ReportStatus.choices, default=ReportStatus.QUEUED)
    file = models.FileField(_("file"), upload_to="reports/%Y/%m/", blank=True)
    error = models.TextField(_("what went wrong"), blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    objects = ReportQuerySet.as_manager()

    class Meta:
        db_table = "programs_report"  # the table it had in the programs app
        ordering = ["-created_at", "-pk"]
        constraints = [
            choices_constraint("kind", ReportKind.choices, "report_kind_valid"),
            choices_constraint("status", ReportStatus.choices, "report_status_valid"),
            models.CheckConstraint(
                condition=~Q(kind="pair_booklet") | Q(pair__isnull=False), name="report_booklet_has_pair"
            ),
            models.CheckConstraint(
                condition=~Q(kind="program_report") | Q(period_start__isnull=False, period_end__isnull=False),
                name="report_program_report_has_period",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.get_status_display()})"


# ---------------------------------------------------------------------------- topics


class DefaultTopic(models.TextChoices):
    """The topics every program starts with; their names are translated, so each reader sees their own language."""

    SCHOOL = "school", _("School")
    FRIENDS = "friends", _("Friends")
    FAMILY = "family", _("Family")
    FEELINGS = "feelings", _("Feelings")
    READING = "reading", _("The reading")
    HOBBIES = "hobbies", _("Hobbies")
    FUTURE = "future", _("The future")
    OTHER = "other", _("Other")


#: The longest topic name a coordinator may give, in characters.
TOPIC_NAME_MAX_LENGTH = 60


class Topic(models.Model):
    """Something a program's letters are about, which a coordinator may tag letters with.

    A default topic has a `key` (DefaultTopic) and no `name` until a coordinator renames it,
    so it is shown in each reader's language; a topic a coordinator adds has a name and no
    key. A retired topic keeps its tags (the statistics still count them) but is offered no
    more. Written only by oversight.services.
    """

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="topics")
    key = models.CharField(max_length=20, choices=DefaultTopic.choices, blank=True)
    name = models.CharField(_("name"), max_length=TOPIC_NAME_MAX_LENGTH, blank=True)
    retired_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["program", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["program", "key"], condition=~Q(key=""), name="topic_default_once"),
            models.CheckConstraint(condition=~Q(key="", name=""), name="topic_has_key_or_name"),
            models.CheckConstraint(condition=Q(key="") | Q(key__in=DefaultTopic.values), name="topic_key_valid"),
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        """The topic's name as its program shows it: the coordinator's name, else the translated default."""
        if self.name:
            return self.name
        return str(DefaultTopic(self.key).label)

    @property
    def is_active(self) -> bool:
        return self.retired_at is None


class LetterTopic(models.Model):
    """One topic on one letter, put there by a coordinator while reviewing it (oversight.services).

    Only a sent letter is tagged, and a sent letter never becomes a draft again, so every row
    counts as a sent letter.
    """

    letter = models.ForeignKey("letters.Letter", on_delete=models.CASCADE, related_name="topic_tags")
    topic = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="letter_tags")
    #: A copy of letter.pair (which never changes), so the statistics count pairs per topic
    #: from this table alone instead of reading every tagged letter (oversight.statistics).
    pair = models.ForeignKey(Pair, on_delete=models.CASCADE, related_name="+")
    tagged_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                  related_name="+")
    tagged_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["letter", "topic"]
        constraints = [models.UniqueConstraint(fields=["letter", "topic"], name="lettertopic_once_per_letter")]

    def __str__(self) -> str:
        return f"{self.letter_id}: {self.topic_id}"


# ---------------------------------------------------------------------------- stored letter counts


class LetterTally(models.Model):
    """When a pair's monthly letter counts (MonthlyLetterCount) were made, and whether they are out of date.

    Written only by oversight.statistics. `changed_at` is stamped in the transaction of every
    change that moves the counts (a letter sent or decided, a tag put on or taken off); the
    counts of a stamped pair, of a pair without a tally, and of a pair counted in another time
    zone than its program's now are made again before the statistics are read, and by a task
    every minute. `time_zone` is the zone whose months the counts use.
    """

    pair = models.OneToOneField(Pair, on_delete=models.CASCADE, primary_key=True, related_name="letter_tally")
    time_zone = models.CharField(max_length=64)
    counted_at = models.DateTimeField()
    changed_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.pair_id}: {self.counted_at:%Y-%m-%d %H:%M}"


class MonthlyLetterCount(models.Model):
    """How many letters one pair sent in one month of its program's time zone, in all or on one topic.

    A row without a topic counts the pair's sent letters of the month (`letters`) and how many of
    them carry any topic (`tagged`); a row with a topic counts the letters tagged with it. A row
    marked `whole` counts all time (its month is None), so the page without a period reads one row
    per pair and topic and never counts distinct pairs; otherwise a month of None holds sent
    letters without a submission time. Written only by oversight.letter_counts,
    which makes a pair's rows again from its letters whenever they are out of date (LetterTally):
    the statistics page then reads a few rows per pair instead of every letter and tag.
    """

    # Each foreign key leads one of the covering indexes below instead of an index of its own.
    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="+", db_index=False)
    pair = models.ForeignKey(Pair, on_delete=models.CASCADE, related_name="letter_counts", db_index=False)
    month = models.DateField(null=True, blank=True)
    topic = models.ForeignKey(Topic, on_delete=models.CASCADE, null=True, blank=True, related_name="monthly_counts",
                              db_index=False)
    letters = models.PositiveIntegerField()
    tagged = models.PositiveIntegerField(default=0)
    whole = models.BooleanField(default=False)

    class Meta:
        # Covering indexes, one per way the statistics read (oversight.statistics): by program
        # for the month table, by topic for the topic table, by pair for the region and age-band
        # tables. The equality columns come first; `whole` is tested as NOT whole, which an
        # index cannot seek, so it comes after them.
        indexes = [
            models.Index(fields=["program", "topic", "whole", "month", "pair", "letters", "tagged"],
                         name="monthlycount_program"),
            models.Index(fields=["topic", "whole", "pair", "letters"], name="monthlycount_topic"),
            models.Index(fields=["pair", "topic", "whole", "letters", "tagged"], name="monthlycount_pair"),
        ]

    def __str__(self) -> str:
        return f"{self.pair_id} {self.month} {self.topic_id}: {self.letters}"
