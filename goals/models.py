"""Goals a mentee writes for themself, their small steps, and the stamps of the letter passport.

Every write goes through goals.services (goals and steps) or goals.rewards (stamps); the
rules of who sees what are in goals.access and goals.selectors.
"""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from programs.models import Membership, choices_constraint

#: The most goals a mentee keeps at once, and steps per goal (goals.services enforces both).
MAX_GOALS = 5
MAX_STEPS = 8
#: Longest goal or step, in characters: a goal is a sentence, not a letter.
MAX_GOAL_CHARS = 200


class GoalQuerySet(models.QuerySet):
    def kept(self) -> "GoalQuerySet":
        """The goals their mentee still has (not withdrawn: see Goal.withdrawn_at)."""
        return self.filter(withdrawn_at__isnull=True)

    def shown_to_mentor(self) -> "GoalQuerySet":
        """The goals a mentee shares with their mentor and that no urgent concern holds back."""
        return self.kept().filter(shared_with_mentor=True, safeguarding_hold=False)


class Goal(models.Model):
    """One goal of one mentee in one program, in their own words.

    `shared_with_mentor`: the mentee's mentor (in any of the mentee's pairs in the program)
    sees it beside the letter editor. `shared_with_coordinators`: the program's coordinators
    may read its words; otherwise they see counts only. `safeguarding_hold`: screening found
    an urgent concern in its words when it was saved; coordinators were alerted and may
    read it, the mentor never sees it while the hold lasts (docs/design.md).
    """

    membership = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="goals")
    text = models.CharField(_("goal"), max_length=MAX_GOAL_CHARS)
    shared_with_mentor = models.BooleanField(_("my mentor may see this goal"), default=False)
    shared_with_coordinators = models.BooleanField(_("my coordinators may read this goal"), default=False)
    safeguarding_hold = models.BooleanField(default=False, editable=False)
    #: Set when the mentee deleted a goal under a safeguarding hold: it leaves their list but
    #: stays for the coordinators who were alerted about it (goals.services.delete_goal).
    withdrawn_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = GoalQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["membership", "created_at"])]

    def __str__(self) -> str:
        return f"Goal {self.pk}"


class GoalStep(models.Model):
    """A small step towards a goal; ticked off when `done_at` is set."""

    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="steps")
    text = models.CharField(_("step"), max_length=MAX_GOAL_CHARS)
    done_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        # The award job reads the steps ticked off since its last run.
        indexes = [models.Index(fields=["done_at"])]

    def __str__(self) -> str:
        return f"Step {self.pk}"


class StampKind(models.TextChoices):
    FIRST_LETTER = "first_letter", _("First letter")
    ON_TIME = "on_time", _("A letter on time")
    READING_FINISHED = "reading_finished", _("A reading finished")
    THREE_ON_TIME = "three_on_time", _("Three in a row on time")
    REPLY_READ = "reply_read", _("A reply read")
    GOAL_STEP = "goal_step", _("A goal step done")
    LONG_LETTER = "long_letter", _("A thoughtful long letter")


class Stamp(models.Model):
    """A stamp in a mentee's letter passport, for one thing that happened.

    (membership, kind, source) is unique: `source` names what earned it ("letter:12",
    "assignment:3", "step:7", or "once" for a stamp earned once only), so the same event
    never gives two stamps and running the award job again gives none. Written only by
    goals.rewards.
    """

    Kind = StampKind

    # No index of its own: the unique key and the passport's index both begin with it, and the
    # award job's first run, which writes hundreds of thousands of stamps, kept a third up to date.
    membership = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="stamps", db_index=False)
    kind = models.CharField(max_length=24, choices=StampKind.choices)
    source = models.CharField(max_length=40)
    earned_at = models.DateTimeField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-earned_at", "-pk"]
        constraints = [
            choices_constraint("kind", StampKind.choices, "stamp_kind_valid"),
            models.UniqueConstraint(fields=["membership", "kind", "source"], name="stamp_once_per_source"),
        ]
        indexes = [models.Index(fields=["membership", "-earned_at"])]

    def __str__(self) -> str:
        return f"{self.kind} {self.source}"


class Passport(models.Model):
    """A mentee's choice about their passport: whether their partner may see their stamps. No row: private."""

    membership = models.OneToOneField(Membership, on_delete=models.CASCADE, related_name="passport")
    shown_to_partner = models.BooleanField(_("my partner may see my stamps"), default=False)
    updated_at = models.DateTimeField(auto_now=True)


class AwardRun(models.Model):
    """Where the award job stopped: the last letter event and step tick it has looked at.

    One row per run (append-only in practice); the newest row's cursors are where the next
    run starts. Re-reading what an older run read gives nothing new (Stamp's unique key).
    """

    started_at = models.DateTimeField()
    last_event_id = models.PositiveBigIntegerField(default=0)
    steps_done_before = models.DateTimeField(null=True, blank=True)
    stamps_created = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-pk"]
        constraints = [models.CheckConstraint(condition=Q(stamps_created__gte=0), name="awardrun_count_positive")]
