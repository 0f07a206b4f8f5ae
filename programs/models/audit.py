"""The program audit log: who changed a program's people, roles, settings or readings, and when."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from programs.models.base import AppendOnlyModel, choices_constraint
from programs.models.programs import Program


class ProgramAuditAction(models.TextChoices):
    MEMBER_ADDED = "member_added", _("Person added")
    COORDINATOR_GRANTED = "coordinator_granted", _("Made a coordinator")
    PEOPLE_IMPORTED = "people_imported", _("People imported")
    INVITATION_CREATED = "invitation_created", _("Invitation link made")
    SIGN_IN_LINK_CREATED = "sign_in_link_created", _("Sign-in link made")
    PAIRS_IMPORTED = "pairs_imported", _("Pairs imported")
    READING_ADDED = "reading_added", _("Reading added")
    READING_CHANGED = "reading_changed", _("Reading changed")
    ASSIGNMENT_SCHEDULED = "assignment_scheduled", _("Reading scheduled")
    WATCH_WORD_ADDED = "watch_word_added", _("Watch word added")
    WATCH_WORD_REMOVED = "watch_word_removed", _("Watch word removed")
    SCREENING_COUNTRIES_CHANGED = "screening_countries_changed", _("Screening countries changed")
    PERSON_ERASED = "person_erased", _("Person erased")
    MEMBER_DETAILS_CHANGED = "member_details_changed", _("Region or age band changed")
    TOPICS_CREATED = "topics_created", _("Default topics added")
    TOPIC_ADDED = "topic_added", _("Topic added")
    TOPIC_RENAMED = "topic_renamed", _("Topic renamed")
    TOPIC_RETIRED = "topic_retired", _("Topic retired")
    TOPIC_RESTORED = "topic_restored", _("Topic brought back")
    LETTER_TAGGED = "letter_tagged", _("Letter tagged with a topic")
    LETTER_UNTAGGED = "letter_untagged", _("Topic removed from a letter")
    ARTICLE_ADDED = "article_added", _("Toolbox article added")
    ARTICLE_CHANGED = "article_changed", _("Toolbox article changed")
    ARTICLE_HIDDEN = "article_hidden", _("Toolbox article hidden")
    ARTICLE_SHOWN = "article_shown", _("Toolbox article shown again")
    EVENT_ADDED = "event_added", _("Event added")
    EVENT_CHANGED = "event_changed", _("Event changed")
    EVENT_CANCELLED = "event_cancelled", _("Event cancelled")
    REWARDS_CHANGED = "rewards_changed", _("Stamps switched on or off")
    # Coordinators' actions in a program's peer spaces (spaces.services); the detail is their reason.
    SPACE_PINNED = "space_pinned", _("Thread pinned")
    SPACE_UNPINNED = "space_unpinned", _("Thread unpinned")
    SPACE_LOCKED = "space_locked", _("Thread locked")
    SPACE_UNLOCKED = "space_unlocked", _("Thread unlocked")
    SPACE_HIDDEN = "space_hidden", _("Hidden in a peer space")
    SPACE_SHOWN = "space_shown", _("Shown again in a peer space")
    SPACE_DELETED = "space_deleted", _("Deleted from a peer space")


class AuditTarget(models.TextChoices):
    """What an audit entry is about; each value is its model's `_meta.model_name` (programs.audit.record)."""

    PROGRAM = "program", _("program")
    MEMBERSHIP = "membership", _("person")
    INVITATION = "invitation", _("invitation")
    READING = "reading", _("reading")
    ASSIGNMENT = "assignment", _("assignment")
    WATCH_WORD = "watchword", _("watch word")
    TOPIC = "topic", _("topic")
    LETTER = "letter", _("letter")
    ARTICLE = "article", _("toolbox article")
    EVENT = "event", _("event")
    THREAD = "thread", _("thread")
    POST = "post", _("post")


class ProgramAuditEntry(AppendOnlyModel):
    """Append-only record of a change to a program's people, roles, settings or readings: who, what, when.

    Written by the services (programs.audit.record); letters keep their own history
    (LetterEvent, ReviewAuditEntry) and pairs theirs (PairEvent). `program` is empty for a
    change to the shared reading library. `detail` is short and holds no personal data
    (no names, addresses or letter text: pseudonyms and e-mail addresses stay out).
    """

    Action = ProgramAuditAction
    Target = AuditTarget

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="audit_entries", null=True, blank=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                              related_name="+")
    action = models.CharField(max_length=40, choices=Action.choices)
    target_type = models.CharField(max_length=20, choices=Target.choices, blank=True)
    target_id = models.PositiveBigIntegerField(null=True, blank=True)
    detail = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name_plural = "program audit entries"
        indexes = [models.Index(fields=["program", "-created_at", "-id"], name="programaudit_program_newest")]
        constraints = [
            choices_constraint("action", ProgramAuditAction.choices, "programaudit_action_valid"),
            models.CheckConstraint(condition=Q(target_type="") | Q(target_type__in=AuditTarget.values),
                                   name="programaudit_target_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.get_action_display()}: {self.detail}"

