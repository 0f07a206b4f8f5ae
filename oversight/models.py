"""What coordinators watch: each pair's stored health and the PDFs made in the background.

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
    (a silence growing, a deadline passing).
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
    judged_at = models.DateTimeField()
    #: When the pair or its letters last changed after `judged_at`; empty while the judgement is current.
    changed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        db_table = "programs_pairhealthrecord"  # the table it had in the programs app
        indexes = [
            models.Index(fields=["program", "level_rank", "-reason_count"], name="pairhealth_worst_first"),
            models.Index(fields=["program", "quiet_since"], name="pairhealth_quietest_first"),
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
