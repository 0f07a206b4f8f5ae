"""Records of the privacy duties: data exports, erasures, retention runs and what retention keeps.

These models moved here from the programs app; their tables keep the old names
(Meta.db_table), so moving them changed no database.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from programs.models import Membership, Program, choices_constraint


class DataExportStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Being prepared")
    DONE = "done", _("Ready to download")
    FAILED = "failed", _("Failed")


class DataExport(models.Model):
    """A ZIP of everything Brevven holds about `subject`, built in the background for `requested_by`.

    The file lives under PRIVATE_ROOT and only the requester may download it (privacy.access).
    """

    Status = DataExportStatus

    subject = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="data_exports")
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    file_path = models.CharField(max_length=300, blank=True)
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        db_table = "programs_dataexport"  # the table it had in the programs app
        ordering = ["-created_at", "pk"]
        constraints = [choices_constraint("status", DataExportStatus.choices, "dataexport_status_valid")]


class ErasureRecord(models.Model):
    """Audit of one erasure: who erased which account id, when and how much. No personal data."""

    erased_user_id = models.PositiveBigIntegerField()
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    memberships = models.PositiveIntegerField(default=0)
    letters_emptied = models.PositiveIntegerField(default=0)
    letters_kept = models.PositiveIntegerField(default=0)
    #: Letters kept whole under a safeguarding hold (withheld, or with an urgent finding).
    letters_held = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        db_table = "programs_erasurerecord"  # the table it had in the programs app
        ordering = ["-created_at", "pk"]


class ProgramStatistics(models.Model):
    """Anonymous counts kept for a program after retention removed its letters' text."""

    program = models.OneToOneField(Program, on_delete=models.CASCADE, related_name="statistics")
    pairs = models.PositiveIntegerField(default=0)
    mentees = models.PositiveIntegerField(default=0)
    mentors = models.PositiveIntegerField(default=0)
    letters = models.PositiveIntegerField(default=0)
    letters_delivered = models.PositiveIntegerField(default=0)
    letters_withheld = models.PositiveIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        db_table = "programs_programstatistics"  # the table it had in the programs app
        verbose_name_plural = _("program statistics")


class RetentionRun(models.Model):
    """One run of the retention sweep (privacy.services.apply_retention) and what it removed."""

    started_at = models.DateTimeField()
    finished_at = models.DateTimeField()
    programs = models.PositiveIntegerField(default=0)
    letters_emptied = models.PositiveIntegerField(default=0)
    findings_deleted = models.PositiveIntegerField(default=0)
    notes_cleared = models.PositiveIntegerField(default=0)

    class Meta:
        db_table = "programs_retentionrun"  # the table it had in the programs app
        ordering = ["-started_at", "pk"]


class ExportAuditEntry(models.Model):
    """Append-only record of a coordinator exporting a participant's data: who, whose, why, when.

    Written only by privacy.services.request_member_export. Erasing the participant clears
    the reason (it may name them) and keeps the rest.
    """

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="+")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    membership = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="+")
    reason = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "pk"]
        verbose_name_plural = _("export audit entries")
