"""Letters, their audit trail and the findings of screening.

Status changes happen only in letters.services; see DESIGN.md for the lifecycle.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from programs.models import AppendOnlyModel, AppendOnlyQuerySet, Membership, Pair, Program, choices_constraint
from readings.models import Assignment


class LetterStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    IN_REVIEW = "in_review", _("With your coordinator")
    CHANGES_REQUESTED = "changes_requested", _("Returned — see the note")
    DELIVERED = "delivered", _("Delivered")
    READ = "read", _("Read")
    WITHHELD = "withheld", _("Withheld")


#: Statuses in which the recipient may see a letter.
RECIPIENT_VISIBLE = (LetterStatus.DELIVERED, LetterStatus.READ)


class LetterQuerySet(models.QuerySet):
    def visible_to(self, user) -> "LetterQuerySet":
        """Return the letters `user` may see.

        Authors see their own letters in every state; the other side of the pair sees
        delivered and read letters; coordinators see every non-draft letter of the programs
        they coordinate; operators see every non-draft letter. Nobody sees another's draft.
        """
        if not user.is_authenticated:
            return self.none()
        own = Q(author__user=user, safeguarding_hold_until__isnull=True)
        if user.is_superuser:
            return self.filter(own | ~Q(status=LetterStatus.DRAFT))
        # A letter under a safeguarding hold is for coordinators only (letters.viewing).
        to_me = Q(status__in=RECIPIENT_VISIBLE, safeguarding_hold_until__isnull=True) & (
            Q(pair__mentor__user=user) | Q(pair__mentee__user=user)
        )
        coordinated = Q(pair__program__in=Program.objects.coordinated_by(user).values("pk")) & ~Q(
            status=LetterStatus.DRAFT
        )
        return self.filter(own | to_me | coordinated)

    def visible_to_pair_member(self, member) -> "LetterQuerySet":
        """Return the letters of one pair that its mentor or mentee `member` may see: visible_to, written
        for that one reader without the three-way OR and the program subquery (the thread page's read).

        For such a reader visible_to comes down to "not under a safeguarding hold, and either
        their own or delivered": in a pair every letter is the mentor's or the mentee's, and a
        person holds one membership per program. Precondition: `self` holds one pair's letters
        (`pair.letters`), `member` is that pair's mentor or mentee, and its user neither
        coordinates the program nor is an operator (they see more: use visible_to).
        tests/letters/test_selectors.py checks that both agree.
        """
        return self.filter(Q(author=member) | Q(status__in=RECIPIENT_VISIBLE), safeguarding_hold_until__isnull=True)

    def delivered(self) -> "LetterQuerySet":
        return self.filter(status__in=RECIPIENT_VISIBLE)


class Letter(models.Model):
    """One letter from one side of a pair to the other.

    A letter is plain text: `body_text` is exactly what its author typed (line endings made
    uniform), and screening offsets, redactions and length limits refer to it. Pages, PDFs
    and the API escape it when they show it (letters.text, letters.selectors). `body_html`
    is only its escaped HTML rendering, kept for data exports; nothing shows it as markup.
    """

    pair = models.ForeignKey(Pair, on_delete=models.CASCADE, related_name="letters")
    author = models.ForeignKey(Membership, on_delete=models.PROTECT, related_name="letters")
    assignment = models.ForeignKey(Assignment, on_delete=models.SET_NULL, null=True, blank=True, related_name="letters")
    in_reply_to = models.ForeignKey("self", on_delete=models.SET_NULL, null=True, blank=True, related_name="replies")
    body_html = models.TextField(_("letter"), blank=True)
    body_text = models.TextField(blank=True)
    status = models.CharField(_("status"), max_length=24, choices=LetterStatus.choices, default=LetterStatus.DRAFT)
    is_late = models.BooleanField(_("late"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    delivered_at = models.DateTimeField(null=True, blank=True)
    read_at = models.DateTimeField(null=True, blank=True)
    # The coordinator reading the letter in review right now, until `claimed_until`; an
    # expired claim is free for anyone (see letters.services.claim_letter).
    claimed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    claimed_until = models.DateTimeField(null=True, blank=True)
    #: Set when the author was erased while this letter was withheld or raised an urgent
    #: finding: text and decision are kept, for coordinators only, until then; the retention
    #: sweep empties it afterwards (privacy.services).
    safeguarding_hold_until = models.DateTimeField(null=True, blank=True)

    objects = LetterQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            choices_constraint("status", LetterStatus.choices, "letter_status_valid"),
            models.CheckConstraint(
                condition=~Q(status__in=RECIPIENT_VISIBLE) | Q(delivered_at__isnull=False),
                name="letter_delivered_has_date",
            ),
            models.CheckConstraint(
                condition=Q(status=LetterStatus.DRAFT) | Q(submitted_at__isnull=False), name="letter_submitted_has_date"
            ),
            models.CheckConstraint(
                condition=Q(claimed_by__isnull=True) | Q(claimed_until__isnull=False), name="letter_claim_has_expiry"
            ),
        ]
        indexes = [
            models.Index(fields=["pair", "status"]),
            models.Index(fields=["status", "submitted_at"]),
            # A person's own drafts and letters (home page, editor): without it SQLite read them
            # through the status index, i.e. every draft of the installation (docs/performance.md).
            models.Index(fields=["author", "status"]),
        ]

    def __str__(self) -> str:
        return f"Letter {self.pk} ({self.status})"

    @property
    def recipient(self) -> Membership:
        """Return the membership on the other side of the pair."""
        return self.pair.partner_of(self.author)


class LetterEvent(models.Model):
    """Append-only record of one letter transition: who, from what, to what, why, when."""

    letter = models.ForeignKey(Letter, on_delete=models.CASCADE, related_name="events")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True)
    from_status = models.CharField(max_length=24, choices=LetterStatus.choices)
    to_status = models.CharField(max_length=24, choices=LetterStatus.choices)
    note = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            choices_constraint("from_status", LetterStatus.choices, "letterevent_from_valid"),
            choices_constraint("to_status", LetterStatus.choices, "letterevent_to_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.from_status} → {self.to_status}"


class FindingKind(models.TextChoices):
    PHONE = "contact.phone", _("Phone number")
    EMAIL = "contact.email", _("E-mail address")
    URL = "contact.url", _("Link or web address")
    SOCIAL = "contact.social", _("Social media handle")
    ADDRESS = "contact.address", _("Street address")
    SAFEGUARDING = "safeguarding", _("Safeguarding concern")
    BLOCKED_TERM = "blocked_term", _("Watch word")


class FindingSeverity(models.TextChoices):
    HOLD = "hold", _("Hold for review")
    URGENT = "urgent", _("Urgent")


#: What a safeguarding finding recognised (Finding.concept), as the coordinator reads it.
#: The keys are the concept names of letters/screening/lexicon/*.toml.
CONCEPT_LABELS = {
    "self_harm": _("self-harm"),
    "suicidal": _("suicidal thoughts"),
    "abuse": _("abuse"),
    "neglect": _("neglect"),
    "sexual": _("sexual content"),
    "grooming.secrecy": _("grooming: asks for secrecy"),
    "grooming.flattery": _("grooming: flattery that sets the child apart"),
    "grooming.meeting": _("grooming: wants to meet"),
    "grooming.gift": _("grooming: offers a gift"),
    "grooming.photo": _("grooming: asks for a photo"),
    "grooming.platform": _("grooming: moves the talk to another app"),
    "grooming.personal_info": _("grooming: asks for personal details"),
    "exploitation": _("exploitation: forced marriage, crime, trafficking or extremism"),
    "watch_word": _("watch word"),
}


class Finding(models.Model):
    """Something screening found in a letter's plain text, at [start, end)."""

    Kind = FindingKind

    Severity = FindingSeverity

    letter = models.ForeignKey(Letter, on_delete=models.CASCADE, related_name="findings")
    kind = models.CharField(max_length=32, choices=Kind.choices)
    severity = models.CharField(max_length=16, choices=Severity.choices)
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    excerpt = models.CharField(max_length=200, blank=True)
    #: What screening recognised, e.g. "grooming.secrecy" (see CONCEPT_LABELS); empty for
    #: contact details. Free text, not choices: a concept added to the lexicon needs no migration.
    concept = models.CharField(max_length=64, blank=True, default="")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["start", "pk"]
        constraints = [
            choices_constraint("kind", FindingKind.choices, "finding_kind_valid"),
            choices_constraint("severity", FindingSeverity.choices, "finding_severity_valid"),
            models.CheckConstraint(condition=Q(end__gt=models.F("start")), name="finding_span_not_empty"),
        ]

    @property
    def concept_label(self) -> str:
        """The concept in the reader's language; an unknown concept is shown as it is stored."""
        return str(CONCEPT_LABELS.get(self.concept, self.concept))


class Redaction(models.Model):
    """A span of a delivered letter's plain text, [start, end), that its recipient never sees.

    Written only by letters.services.approve_letter, which validates and merges the spans.
    """

    letter = models.ForeignKey(Letter, on_delete=models.CASCADE, related_name="redactions")
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["start", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(end__gt=models.F("start")), name="redaction_span_not_empty"),
        ]

    def __str__(self) -> str:
        return f"[{self.start}, {self.end})"


class ReviewAction(models.TextChoices):
    OPENED = "opened", _("Opened")
    CLAIMED = "claimed", _("Claimed")
    APPROVED = "approved", _("Approved")
    APPROVED_WITH_REDACTIONS = "approved_with_redactions", _("Approved with parts removed")
    CHANGES_REQUESTED = "changes_requested", _("Asked for changes")
    WITHHELD = "withheld", _("Withheld")
    RELEASED = "released", _("Released")


class ReviewAuditQuerySet(AppendOnlyQuerySet):
    """Review audit entries: append-only, with one privacy exception, `erase_details`.

    Erasure and retention must remove the words of a decision (notes may quote the letter or
    name the child), while the entry itself (who did what, when) stays, stamped with when its
    detail was erased.
    """

    def erase_details(self) -> int:
        """Empty the detail of these entries and stamp `detail_erased_at`; return how many changed.

        Called only by privacy.services (erasure and retention). Entries already empty are left alone.
        """
        return models.QuerySet.update(self.exclude(detail=""), detail="", detail_erased_at=timezone.now())


class ReviewAuditEntry(AppendOnlyModel):
    """Append-only record of what a coordinator did with a letter in review, and when.

    Written by letters.services; read through letters.selectors.list_review_audit.
    """

    Action = ReviewAction

    letter = models.ForeignKey(Letter, on_delete=models.CASCADE, related_name="review_audit")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                              related_name="+")
    action = models.CharField(max_length=32, choices=Action.choices)
    at = models.DateTimeField(auto_now_add=True, db_index=True)
    detail = models.TextField(blank=True)
    #: When erasure or retention emptied `detail` (ReviewAuditQuerySet.erase_details); null otherwise.
    detail_erased_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = ReviewAuditQuerySet.as_manager()

    class Meta:
        ordering = ["at", "pk"]
        verbose_name_plural = "review audit entries"
        constraints = [choices_constraint("action", ReviewAction.choices, "reviewauditentry_action_valid")]

    def __str__(self) -> str:
        return f"{self.action} letter {self.letter_id}"


# ---------------------------------------------------------------------------- reminders


class ReminderKind(models.TextChoices):
    READING_OPEN = "reading_open", _("A new reading is open")
    LETTER_DUE = "letter_due", _("Your letter is due soon")
    LETTER_OVERDUE = "letter_overdue", _("Your letter is overdue")
    LETTER_DELIVERED = "letter_delivered", _("A letter arrived for you")
    LETTER_RETURNED = "letter_returned", _("Your letter was returned with a note")
    REPLY_DUE = "reply_due", _("Your reply is due soon")
    REPLY_OVERDUE = "reply_overdue", _("Your reply is overdue")
    PAIR_FLAG = "pair_flag", _("A mentor's reply is several days late")
    URGENT_FINDING = "urgent_finding", _("Urgent safeguarding concern")
    URGENT_ESCALATION = "urgent_escalation", _("Urgent safeguarding concern not yet opened")
    REVIEW_DIGEST = "review_digest", _("Letters waiting past the review deadline")
    WEEKLY_DIGEST = "weekly_digest", _("Pairs that need attention this week")
    LETTER_WITHHELD = "letter_withheld", _("Your letter was not passed on")
    LETTER_REDACTED = "letter_redacted", _("Your letter was delivered with parts removed")
    # The timeline's events and the peer spaces' notices (timeline.services, spaces.notices):
    # shown in the app at once and e-mailed by the delivery (letters.reminders.notices.notify);
    # SPACE_URGENT is no longer written (an urgent post gives coordinators URGENT_FINDING, as
    # an urgent letter does) and stays for old notices.
    EVENT_CHANGED = "event_changed", _("An event in your program changed")
    EVENT_CANCELLED = "event_cancelled", _("An event in your program was cancelled")
    SPACE_REPLY = "space_reply", _("A new reply in your thread")
    SPACE_POST_HELD = "space_post_held", _("Your post waits for a coordinator")
    SPACE_POST_RETURNED = "space_post_returned", _("Your post was returned with a note")
    SPACE_REPORT = "space_report", _("A post was reported")
    SPACE_URGENT = "space_urgent", _("A post with a possible safeguarding concern")


#: Kinds a person can never switch off by e-mail: a child's safety comes first.
ALWAYS_EMAILED = frozenset({ReminderKind.URGENT_FINDING, ReminderKind.URGENT_ESCALATION})
#: Kinds that are only in-app notices stored with their words, never e-mailed nor offered on
#: the settings page: none is written any more. SPACE_URGENT stays for the notices written
#: before urgent posts used URGENT_FINDING. (Event notices were in-app only until they went
#: through the reminders; their old notices keep their stored words too.)
IN_APP_ONLY = frozenset({ReminderKind.SPACE_URGENT})
#: Kinds the apps above letters plan about their own objects (the peer spaces' notices, the
#: timeline's changed and cancelled events) with letters.reminders.notices.notify: a Reminder
#: row, worded here in letters (letters.reminders.messages) and sent by the same delivery as
#: every other reminder, so the member's e-mail preferences and a mentee's quiet hours apply.
PLANNED_FROM_ABOVE = frozenset({
    ReminderKind.SPACE_REPLY, ReminderKind.SPACE_POST_HELD, ReminderKind.SPACE_POST_RETURNED,
    ReminderKind.SPACE_REPORT, ReminderKind.EVENT_CHANGED, ReminderKind.EVENT_CANCELLED,
})


class ReminderStatus(models.TextChoices):
    PENDING = "pending", _("Waiting")
    SENDING = "sending", _("Being sent")
    SENT = "sent", _("Sent")
    CANCELLED = "cancelled", _("No longer needed")
    FAILED = "failed", _("Failed")


class Reminder(models.Model):
    """One message owed to one person, for one reason, at one moment.

    The key (recipient, kind, object_key, due_at) is unique, so planning it again, a retried
    task, a restarted worker or two clusters sweeping at once all land on this same row. A
    row is claimed (pending → sending) by a guarded UPDATE before anything is sent, and a
    sent row is never sent again. `send_after` is `due_at`, or the next morning for a mentee
    whose evening it would otherwise interrupt; a mentee's e-mail that comes due in quiet
    hours anyway (workers were down) waits again. Written only by letters.reminders.
    """

    Kind = ReminderKind
    Status = ReminderStatus

    # No index of its own: the unique key (reminder_once_per_key) starts with the recipient, so
    # its index serves every lookup by recipient (a person's reminders, the check when a user
    # is deleted), and one index fewer to fill is a tenth of inserting a first sweep's rows.
    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reminders",
                                  db_index=False)
    kind = models.CharField(max_length=24, choices=ReminderKind.choices)
    #: "letter:12", "assignment:3", "program:1": what the reminder is about.
    object_key = models.CharField(max_length=40)
    due_at = models.DateTimeField()
    send_after = models.DateTimeField()
    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="reminders")
    pair = models.ForeignKey(Pair, on_delete=models.CASCADE, null=True, blank=True, related_name="reminders")
    letter = models.ForeignKey(Letter, on_delete=models.CASCADE, null=True, blank=True, related_name="reminders")
    assignment = models.ForeignKey(
        Assignment, on_delete=models.CASCADE, null=True, blank=True, related_name="reminders"
    )
    #: Pseudonyms and counts for digests, captured when planned. Never letter text.
    details = models.JSONField(default=dict, blank=True)
    status = models.CharField(max_length=16, choices=ReminderStatus.choices, default=ReminderStatus.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    claimed_at = models.DateTimeField(null=True, blank=True)
    #: Set, in its own committed UPDATE, just before the e-mail goes to the mail server. A row
    #: whose worker died with this set may have gone out, so it is not sent again unless its
    #: kind must rather arrive twice than never (letters.reminders.delivery.RESEND_IF_UNSURE).
    handed_over_at = models.DateTimeField(null=True, blank=True)
    #: The recipient is a mentee: no e-mail between QUIET_FROM and QUIET_UNTIL program time,
    #: checked when the row is sent (letters.reminders.delivery.deliver_due_reminders).
    quiet_hours = models.BooleanField(default=False)
    sent_at = models.DateTimeField(null=True, blank=True)
    emailed = models.BooleanField(default=False)
    last_error = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["send_after", "pk"]
        constraints = [
            choices_constraint("kind", ReminderKind.choices, "reminder_kind_valid"),
            choices_constraint("status", ReminderStatus.choices, "reminder_status_valid"),
            models.UniqueConstraint(fields=["recipient", "kind", "object_key", "due_at"], name="reminder_once_per_key"),
            models.CheckConstraint(condition=~Q(status="sent") | Q(sent_at__isnull=False), name="reminder_sent_has_date"),
        ]
        indexes = [
            models.Index(fields=["status", "send_after"]),
            # Before inserting, a sweep reads the rows that could share a key with what it owes
            # now: per kind, those due at or after the oldest owed moment (reminders._existing_rows).
            models.Index(fields=["kind", "due_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.object_key} → user {self.recipient_id} ({self.status})"


class Notification(models.Model):
    """An in-app notice shown on the notifications page; made when its reminder is sent."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    reminder = models.OneToOneField(Reminder, on_delete=models.SET_NULL, null=True, blank=True, related_name="notification")
    kind = models.CharField(max_length=24, choices=ReminderKind.choices)
    program = models.ForeignKey(Program, on_delete=models.CASCADE, null=True, blank=True, related_name="notifications")
    title = models.CharField(max_length=200)
    body = models.TextField(blank=True)
    url = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [choices_constraint("kind", ReminderKind.choices, "notification_kind_valid")]
        indexes = [models.Index(fields=["user", "read_at"])]

    def __str__(self) -> str:
        return self.title


class NotificationPreference(models.Model):
    """Which notices a person does not want by e-mail (they still appear in the app).

    No row means every e-mail is wanted. Urgent safeguarding alerts are always e-mailed.
    """

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preference")
    email_muted_kinds = models.JSONField(default=list, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    def wants_email(self, kind: str) -> bool:
        """Return True if this person wants e-mail of `kind` (always for urgent alerts)."""
        return kind in ALWAYS_EMAILED or kind not in self.email_muted_kinds
