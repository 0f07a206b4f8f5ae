"""Peer spaces: one per program and audience (mentors, mentees), with threads, posts and reports.

A space is never mixed: mentors write only in the mentors' space, mentees only in the
mentees'. Everyone is known by the pseudonym and avatar of their membership. Posts go
through the same moderation as letters (letters.moderation): the mentees' space is
pre-moderated, the mentors' space post-moderated. Who sees what is decided by the
querysets here (`visible_to`) and the predicates in spaces.permissions, built on them;
every write is a service in spaces.services.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from letters.models import FindingKind, FindingSeverity, ReviewAction
from programs.models import AppendOnlyModel, Membership, Program, choices_constraint


class Audience(models.TextChoices):
    MENTORS = "mentors", _("Mentors")
    MENTEES = "mentees", _("Mentees")


#: The membership role that belongs in each audience's space.
ROLE_OF_AUDIENCE = {Audience.MENTORS: Membership.Role.MENTOR, Audience.MENTEES: Membership.Role.MENTEE}
AUDIENCE_OF_ROLE = {role: audience for audience, role in ROLE_OF_AUDIENCE.items()}


def _coordinated(user) -> models.QuerySet:
    return Program.objects.coordinated_by(user).values("pk")


def _eligible_spaces(user) -> Q:
    """The spaces `user` belongs in as an active mentor or mentee (whether or not they left one)."""
    memberships = Membership.objects.active().filter(user=user)
    return (
        Q(audience=Audience.MENTORS, program__in=memberships.filter(role=Membership.Role.MENTOR).values("program"))
        | Q(audience=Audience.MENTEES, program__in=memberships.filter(role=Membership.Role.MENTEE).values("program"))
    )


class SpaceQuerySet(models.QuerySet):
    def open_to(self, user) -> "SpaceQuerySet":
        """Return the spaces `user` may open: their own audience's (joined or left) and every space they coordinate."""
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self.all()
        return self.filter(_eligible_spaces(user) | Q(program__in=_coordinated(user)))

    def readable_by(self, user) -> "SpaceQuerySet":
        """Return the spaces whose threads `user` may read: open to them, and not left (coordinators never leave)."""
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self.all()
        left = SpaceDeparture.objects.filter(membership__user=user).values("space")
        return self.filter((_eligible_spaces(user) & ~Q(pk__in=left)) | Q(program__in=_coordinated(user)))


class Space(models.Model):
    """The peer space of one program's mentors or mentees. Made on demand (spaces.services.space_for)."""

    Audience = Audience

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="spaces")
    audience = models.CharField(_("audience"), max_length=16, choices=Audience.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = SpaceQuerySet.as_manager()

    class Meta:
        ordering = ["program", "audience"]
        constraints = [
            choices_constraint("audience", Audience.choices, "space_audience_valid"),
            models.UniqueConstraint(fields=["program", "audience"], name="space_one_per_program_and_audience"),
        ]

    def __str__(self) -> str:
        return f"{self.program} · {self.get_audience_display()}"

    @property
    def pre_moderated(self) -> bool:
        """The mentees' space: every post waits for a coordinator."""
        return self.audience == Audience.MENTEES


class SpaceDeparture(models.Model):
    """The marker of a member who left a space; rejoining removes it. No row: the member is in."""

    space = models.ForeignKey(Space, on_delete=models.CASCADE, related_name="departures")
    membership = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="space_departures")
    left_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["space", "membership"], name="spacedeparture_once")]


class PostStatus(models.TextChoices):
    IN_REVIEW = "in_review", _("With your coordinator")
    CHANGES_REQUESTED = "changes_requested", _("Returned — see the note")
    PUBLISHED = "published", _("Published")
    WITHHELD = "withheld", _("Withheld")


class ThreadQuerySet(models.QuerySet):
    def visible_to(self, user) -> "ThreadQuerySet":
        """Return the threads `user` may open.

        Coordinators of the program (and operators) see every thread, hidden and deleted
        ones included. A member who has not left the space sees a thread once its opening
        post is published and while the thread is neither hidden nor deleted; its author
        also sees it while the opening post waits or was returned.
        """
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self.all()
        readable = Space.objects.readable_by(user).values("pk")
        member_view = Q(space__in=readable, hidden_at__isnull=True, deleted_at__isnull=True) & (
            Q(opening__status=PostStatus.PUBLISHED, opening__hidden_at__isnull=True,
              opening__safeguarding_hold_until__isnull=True)
            | Q(author__user=user)
        )
        return self.filter(member_view | Q(space__program__in=_coordinated(user)))


class Thread(models.Model):
    """A conversation in a space: its opening post (whose first line is the title) and the replies.

    Coordinators pin it (shown first), lock it (no more replies), hide it (members no
    longer see it; it can be shown again) or delete it (for good, kept for the record).
    """

    space = models.ForeignKey(Space, on_delete=models.CASCADE, related_name="threads")
    author = models.ForeignKey(Membership, on_delete=models.PROTECT, related_name="space_threads")
    #: The first post; set in the same transaction that creates the thread (spaces.services.start_thread).
    opening = models.OneToOneField("Post", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    pinned = models.BooleanField(_("pinned"), default=False)
    locked = models.BooleanField(_("locked"), default=False)
    hidden_at = models.DateTimeField(null=True, blank=True)
    deleted_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    #: When a post in it was last published: the list's order after pinned threads.
    last_activity_at = models.DateTimeField(null=True, blank=True)

    objects = ThreadQuerySet.as_manager()

    class Meta:
        ordering = ["-pinned", "-last_activity_at", "-pk"]
        indexes = [models.Index(fields=["space", "-pinned", "-last_activity_at"], name="thread_space_order")]

    def __str__(self) -> str:
        return f"Thread {self.pk}"


class PostQuerySet(models.QuerySet):
    def visible_to(self, user) -> "PostQuerySet":
        """Return the posts `user` may read.

        Coordinators of the program (and operators) see every post. A member who may see
        the thread sees its published posts that are neither hidden nor deleted, and their
        own posts in every state but deleted: a post held for review is for coordinators
        and its author only. A post under a safeguarding hold (its author was erased) is
        for coordinators only, as a letter under one is.
        """
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self.all()
        threads = Thread.objects.visible_to(user).values("pk")
        public = Q(status=PostStatus.PUBLISHED, hidden_at__isnull=True)
        member_view = Q(thread__in=threads, deleted_at__isnull=True, safeguarding_hold_until__isnull=True) & (
            public | Q(author__user=user))
        return self.filter(member_view | Q(thread__space__program__in=_coordinated(user)))

    def public(self) -> "PostQuerySet":
        """The posts every reader of the thread sees: published, not hidden, not deleted, not under a safeguarding hold."""
        return self.filter(status=PostStatus.PUBLISHED, hidden_at__isnull=True, deleted_at__isnull=True,
                           safeguarding_hold_until__isnull=True)


class Post(models.Model):
    """One post: the opening of a thread or a reply. Plain text, escaped on output, like a letter.

    `body_text` is what the author typed (for an opening post, the title, a blank line,
    then the message); screening offsets and `redactions` refer to it. Status changes
    happen only in spaces.services, guarded like a letter's (letters.moderation).
    """

    Status = PostStatus

    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="posts")
    author = models.ForeignKey(Membership, on_delete=models.PROTECT, related_name="space_posts")
    body_text = models.TextField()
    status = models.CharField(_("status"), max_length=24, choices=PostStatus.choices)
    #: [[start, end], ...] of body_text that readers see as "[removed by your coordinator]".
    redactions = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField()
    published_at = models.DateTimeField(null=True, blank=True)
    claimed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+")
    claimed_until = models.DateTimeField(null=True, blank=True)
    hidden_at = models.DateTimeField(null=True, blank=True)
    deleted_at = models.DateTimeField(null=True, blank=True)
    #: Set when its author is erased and the post was withheld or had an urgent finding
    #: (privacy.services.erase_person): kept whole until then, for coordinators only, like a letter.
    safeguarding_hold_until = models.DateTimeField(null=True, blank=True)

    objects = PostQuerySet.as_manager()

    class Meta:
        ordering = ["submitted_at", "pk"]
        constraints = [
            choices_constraint("status", PostStatus.choices, "post_status_valid"),
            models.CheckConstraint(condition=~Q(status=PostStatus.PUBLISHED) | Q(published_at__isnull=False),
                                   name="post_published_has_date"),
            models.CheckConstraint(condition=Q(claimed_by__isnull=True) | Q(claimed_until__isnull=False),
                                   name="post_claim_has_expiry"),
        ]
        indexes = [
            models.Index(fields=["thread", "status", "submitted_at"], name="post_thread_order"),
            models.Index(fields=["status", "submitted_at"], name="post_review_queue"),
        ]

    def __str__(self) -> str:
        return f"Post {self.pk} ({self.status})"

    @property
    def is_opening(self) -> bool:
        return self.thread.opening_id == self.pk


class PostEvent(models.Model):
    """Append-only record of one post transition: who, from what, to what, the note, when."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="events")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                              related_name="+")
    from_status = models.CharField(max_length=24, choices=PostStatus.choices, blank=True)
    to_status = models.CharField(max_length=24, choices=PostStatus.choices)
    note = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]


class PostFinding(models.Model):
    """Something screening found in a post's text, at [start, end); the same kinds as a letter's findings."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="findings")
    kind = models.CharField(max_length=32, choices=FindingKind.choices)
    severity = models.CharField(max_length=16, choices=FindingSeverity.choices)
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    excerpt = models.CharField(max_length=200, blank=True)
    concept = models.CharField(max_length=64, blank=True, default="")

    class Meta:
        ordering = ["start", "pk"]
        constraints = [
            choices_constraint("kind", FindingKind.choices, "postfinding_kind_valid"),
            choices_constraint("severity", FindingSeverity.choices, "postfinding_severity_valid"),
            models.CheckConstraint(condition=Q(end__gt=models.F("start")), name="postfinding_span_not_empty"),
        ]


class PostReviewEntry(AppendOnlyModel):
    """Append-only record of what a coordinator did with a post in review: the letters' review actions."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="review_audit")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                              related_name="+")
    action = models.CharField(max_length=32, choices=ReviewAction.choices)
    at = models.DateTimeField(auto_now_add=True, db_index=True)
    detail = models.TextField(blank=True)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name_plural = "post review entries"
        constraints = [choices_constraint("action", ReviewAction.choices, "postreviewentry_action_valid")]


class Report(models.Model):
    """A member's report of a post to the program's coordinators; open until a coordinator closes it."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="reports")
    reporter = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="space_reports")
    reason = models.TextField(_("reason"), max_length=1000)
    created_at = models.DateTimeField(auto_now_add=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    closed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                  related_name="+")

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["post", "reporter"], condition=Q(closed_at__isnull=True),
                                    name="report_one_open_per_member_and_post"),
        ]
        indexes = [models.Index(fields=["closed_at"], name="report_open")]
