"""A program's screening settings kept as rows: its watch words (its countries are a Program field)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from programs.models.base import choices_constraint
from programs.models.programs import Program


class WatchWordSeverity(models.TextChoices):
    """What a watch word does to a letter; the values are letters.models.FindingSeverity's."""

    HOLD = "hold", _("Hold: the letter waits for a coordinator")
    URGENT = "urgent", _("Urgent: alert the coordinators at once")


class WatchWord(models.Model):
    """A word or phrase a program's coordinators want screening to find in every letter.

    Written only by programs.services.add_watch_word and remove_watch_word. Matched like
    every screening word: whole words, ignoring case and accents (letters.screening.blocked).
    """

    Severity = WatchWordSeverity

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="watch_words")
    term = models.TextField(_("word or phrase"))
    #: The term folded (lower case, no accents, single spaces): two terms that find the same
    #: words share it, and the program keeps only one of them.
    match_key = models.TextField(editable=False)
    severity = models.CharField(_("severity"), max_length=10, choices=Severity.choices, default=Severity.HOLD)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["program", "match_key", "pk"]
        constraints = [
            choices_constraint("severity", WatchWordSeverity.choices, "watchword_severity_valid"),
            models.UniqueConstraint(fields=["program", "match_key"], name="watchword_one_per_key_in_program"),
        ]

    def __str__(self) -> str:
        return self.term
