"""Every write in the peer spaces: spaces, threads, posts, their moderation, reports.

A post's life, guarded and recorded like a letter's (letters.moderation):

    (new) ─▶ in_review ─approve (optionally with parts removed)─▶ published
                │  ▲  └─return with a note─▶ changes_requested ─resubmit─┘
                └─withhold─▶ withheld
    (new) ─▶ published            the mentors' space, when screening found nothing

Every post is screened with letters.screening, as letters are. The mentees' space is
pre-moderated: each post waits in the program's review queue. The mentors' space is
post-moderated: a post appears at once unless screening found something; members may
report a post there. Posts with a link are refused in the mentees' space.

Coordinators claim, approve, return and withhold posts as they do letters (each decision
in PostEvent and PostReviewEntry), and pin, lock, hide and delete threads and posts with
a reason (each in the program audit log, programs.audit.record).

Each service runs in one transaction, locks the row it changes, checks the actor and the
current state, and raises ValidationError, StateConflict or PermissionDenied with a
message a person can act on.
"""

import logging
from collections.abc import Sequence

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_variables

from letters import moderation, screening
from letters.models import FindingKind, FindingSeverity, ReviewAction
from letters.text import letter_length, normalise_newlines
from programs import audit
from programs.exceptions import StateConflict
from programs.models import Membership, Program, ProgramAuditAction, User
from programs.permissions import require_coordinator
from programs.selectors import screening_regions_for, watch_terms_for_screening
from spaces import notices
from spaces.models import (
    AUDIENCE_OF_ROLE, Audience, Post, PostEvent, PostFinding, PostReviewEntry, PostStatus, Report, Space,
    SpaceDeparture, Thread,
)
from spaces.permissions import active_membership, belonging_membership

logger = logging.getLogger(__name__)

#: Longest title and post, in user-perceived characters.
TITLE_MAX = 120
POST_MAX = 5000
REASON_MAX = 1000


# ---------------------------------------------------------------------------- spaces


def space_for(program: Program, audience: str) -> Space:
    """Return the program's space for `audience`, made the first time it is needed (no migration seeds them)."""
    if audience not in Audience.values:
        raise ValueError(f"unknown audience {audience!r}")
    try:
        with transaction.atomic():
            space, _created = Space.objects.get_or_create(program=program, audience=audience)
    except IntegrityError:  # made by a concurrent request between the read and the insert
        space = Space.objects.get(program=program, audience=audience)
    return space


def spaces_of(user) -> list[Space]:
    """Return the spaces `user` belongs in (as an active mentor or mentee) or coordinates, making missing ones.

    Ordered by program, then audience. A write only the first time a program needs a space.
    """
    found: dict[tuple[int, str], Space] = {}
    coordinated = Program.objects.coordinated_by(user) if user.is_authenticated else Program.objects.none()
    for program in coordinated.order_by("name", "pk"):
        for audience in (Audience.MENTEES, Audience.MENTORS):
            found[(program.pk, audience)] = space_for(program, audience)
    if user.is_authenticated:
        memberships = Membership.objects.active().filter(user=user, role__in=list(AUDIENCE_OF_ROLE))
        for membership in memberships.select_related("program").order_by("program__name", "pk"):
            audience = AUDIENCE_OF_ROLE[membership.role]
            found.setdefault((membership.program_id, audience), space_for(membership.program, audience))
    return list(found.values())


def leave_space(actor: User, *, space: Space) -> SpaceDeparture:
    """Take `actor` out of `space`: they stop seeing its threads and notices until they rejoin.

    Leaving a space already left changes nothing. Raises PermissionDenied for someone who
    does not belong in the space (coordinators cannot leave: they moderate it).
    """
    with transaction.atomic():
        membership = belonging_membership(actor, space)
        if membership is None:
            raise PermissionDenied(_("Only a member of this space can leave it."))
        departure, _created = SpaceDeparture.objects.get_or_create(space=space, membership=membership)
        return departure


def rejoin_space(actor: User, *, space: Space) -> None:
    """Bring `actor` back into a space they left; rejoining a space never left changes nothing."""
    with transaction.atomic():
        membership = belonging_membership(actor, space)
        if membership is None:
            raise PermissionDenied(_("Only a member of this space can join it."))
        SpaceDeparture.objects.filter(space=space, membership=membership).delete()


# ---------------------------------------------------------------------------- writing


def _clean_text(text: str, *, field: str, maximum: int, empty_message: str) -> str:
    text = normalise_newlines(text or "").strip()
    if not text:
        raise ValidationError({field: empty_message})
    if letter_length(text) > maximum:
        raise ValidationError({field: _("Please keep it under %(max)d characters (it has %(count)d).")
                               % {"max": maximum, "count": letter_length(text)}})
    return text


def _participant(actor: User, space: Space) -> Membership:
    membership = active_membership(actor, space)
    if membership is None:
        if belonging_membership(actor, space) is not None:
            raise PermissionDenied(_("You left this space. Join it again to write here."))
        raise PermissionDenied(_("Only the members of this space can write in it."))
    return membership


@sensitive_variables("text")
def _screen(text: str, program: Program, author: Membership) -> list:
    """Return what screening finds in `text`, read as letters are (the program's countries and watch words)."""
    return screening.screen(
        text, language=program.language, regions=screening_regions_for(program, author),
        watch_terms=watch_terms_for_screening(program), author_role=author.role,
    )


def _refuse_links(space: Space, found: list) -> None:
    """Refuse a post with a link in the mentees' space; the caller keeps the text for the author."""
    if space.pre_moderated and any(f.kind == FindingKind.URL for f in found):
        raise ValidationError({"body": _(
            "Links are not allowed in this space, so your post was not sent. Remove the link (or write the "
            "site's name without the address) and send it again. Your text is still here."
        )})


def _store_findings(post: Post, found: list) -> list[PostFinding]:
    post.findings.all().delete()
    return PostFinding.objects.bulk_create(
        PostFinding(post=post, kind=f.kind, severity=f.severity, start=f.start, end=f.end, excerpt=f.excerpt,
                    concept=f.concept)
        for f in found
    )


def _routes_to_review(space: Space, found: list) -> bool:
    """Pre-moderation in the mentees' space; in the mentors' space only what screening found waits."""
    return space.pre_moderated or bool(found)


def _post_published(post: Post, now) -> None:
    """What follows a post appearing: the thread's activity moves, the thread's author hears of a reply."""
    Thread.objects.filter(pk=post.thread_id).update(last_activity_at=now)
    if not post.is_opening:
        notices.reply_published(post)


@sensitive_variables("text")
def _new_post(actor: User, *, thread: Thread, author: Membership, text: str, found: list) -> Post:
    """Create a post in `thread` as screening and the space's moderation say; record and announce it."""
    space, now = thread.space, timezone.now()
    status = PostStatus.IN_REVIEW if _routes_to_review(space, found) else PostStatus.PUBLISHED
    post = Post.objects.create(
        thread=thread, author=author, body_text=text, status=status, submitted_at=now,
        published_at=now if status == PostStatus.PUBLISHED else None,
    )
    _store_findings(post, found)
    PostEvent.objects.create(post=post, actor=actor, from_status="", to_status=status)
    if any(f.severity == FindingSeverity.URGENT for f in found):
        logger.warning("Post %s has an urgent screening finding and waits for a coordinator.", post.pk)
    return post


def _announce(post: Post, found: list) -> None:
    """Say what follows a new or resent post: published, or held by screening (coordinators alerted if urgent)."""
    if post.status == PostStatus.PUBLISHED:
        _post_published(post, post.published_at)
        return
    if found:
        notices.post_held(post)
    if any(f.severity == FindingSeverity.URGENT for f in found):
        notices.post_urgent(post)


@sensitive_variables("title", "body", "text")
def start_thread(actor: User, *, space: Space, title: str, body: str) -> Thread:
    """Open a thread in `space` with its first post; return the thread.

    The post's text is the title, a blank line and the message. It is screened; in the
    mentees' space it waits for a coordinator (and a link is refused), in the mentors'
    space it appears at once unless screening found something. Only a member who belongs
    in the space and has not left it may write.
    """
    title = _clean_text(title, field="title", maximum=TITLE_MAX, empty_message=_("Give your thread a title."))
    if "\n" in title:
        raise ValidationError({"title": _("A title fits on one line.")})
    body = _clean_text(body, field="body", maximum=POST_MAX, empty_message=_("Write a message."))
    text = f"{title}\n\n{body}"
    with transaction.atomic():
        space = Space.objects.select_related("program").get(pk=space.pk)
        author = _participant(actor, space)
        found = _screen(text, space.program, author)
        _refuse_links(space, found)
        thread = Thread.objects.create(space=space, author=author)
        post = _new_post(actor, thread=thread, author=author, text=text, found=found)
        thread.opening = post
        thread.save(update_fields=["opening"])
        _announce(post, found)
        return thread


def _lock_thread(thread: Thread) -> Thread:
    return Thread.objects.select_for_update(of=("self",)).select_related("space__program", "author").get(pk=thread.pk)


@sensitive_variables("body")
def reply_to_thread(actor: User, *, thread: Thread, body: str) -> Post:
    """Add a reply to an open thread; return it. Moderated as start_thread's first post is.

    Refused in a locked, hidden or deleted thread and in one whose first post is not published.
    """
    body = _clean_text(body, field="body", maximum=POST_MAX, empty_message=_("Write a message."))
    with transaction.atomic():
        thread = _lock_thread(thread)
        author = _participant(actor, thread.space)
        if thread.locked or thread.hidden_at or thread.deleted_at:
            raise StateConflict(_("This thread is closed to new replies."))
        if not Post.objects.public().filter(pk=thread.opening_id).exists():
            raise StateConflict(_("This thread is not open yet: its first post is still with a coordinator."))
        found = _screen(body, thread.space.program, author)
        _refuse_links(thread.space, found)
        post = _new_post(actor, thread=thread, author=author, text=body, found=found)
        _announce(post, found)
        return post


def _lock_post(post: Post) -> Post:
    return (
        Post.objects.select_for_update(of=("self",))
        .select_related("thread__space__program", "thread__author", "author")
        .get(pk=post.pk)
    )


def _conflict(post: Post) -> StateConflict:
    return StateConflict(
        _("This post is now “%(status)s”; someone may have acted on it already. Reload the page to see it.")
        % {"status": post.get_status_display()}
    )


def _transition(post: Post, *, actor: User | None, allowed_from, to: str, note: str = "", **fields) -> Post:
    """Move a locked post between states with letters.moderation's guarded UPDATE; record the event."""
    from_status = moderation.guarded_update(post, allowed_from=allowed_from, to=to, conflict=_conflict, **fields)
    PostEvent.objects.create(post=post, actor=actor, from_status=from_status, to_status=to, note=note)
    return post


@sensitive_variables("body", "text")
def resubmit_post(actor: User, *, post: Post, body: str) -> Post:
    """Send a returned post again with new text; it is screened again and routed as a new one.

    For an opening post, `body` is the whole text: the title on the first line, then the message.
    """
    text = _clean_text(body, field="body", maximum=POST_MAX + TITLE_MAX, empty_message=_("Write a message."))
    with transaction.atomic():
        post = _lock_post(post)
        if post.author.user_id != actor.pk:
            raise PermissionDenied(_("Only the author of a post can change it."))
        _participant(actor, post.thread.space)
        if post.status != PostStatus.CHANGES_REQUESTED:
            raise _conflict(post)
        found = _screen(text, post.thread.space.program, post.author)
        _refuse_links(post.thread.space, found)
        now = timezone.now()
        to = PostStatus.IN_REVIEW if _routes_to_review(post.thread.space, found) else PostStatus.PUBLISHED
        Post.objects.filter(pk=post.pk).update(body_text=text, redactions=[])
        post.body_text, post.redactions = text, []
        _transition(post, actor=actor, allowed_from=(PostStatus.CHANGES_REQUESTED,), to=to, submitted_at=now,
                    published_at=now if to == PostStatus.PUBLISHED else None)
        _store_findings(post, found)
        _announce(post, found)
        return post


# ---------------------------------------------------------------------------- review: the letters' workflow


def _audit_review(post: Post, *, actor: User, action: str, detail: str = "") -> PostReviewEntry:
    return PostReviewEntry.objects.create(post=post, actor=actor, action=action, detail=detail)


def _claimed_elsewhere(post: Post) -> StateConflict:
    return moderation.claimed_elsewhere(post, post.thread.space.program_id, _(
        "%(name)s is reviewing this post until %(time)s. Pick another one, or come back when they are done."
    ))


def post_claim_conflict(actor: User, post: Post) -> StateConflict | None:
    """Return the refusal `actor` would get for deciding on `post` now (another's live claim), or None. Writes nothing."""
    if moderation.live_claim_by_someone_else(post, actor):
        return _claimed_elsewhere(post)
    return None


def _lock_for_decision(actor: User, post: Post) -> Post:
    post = _lock_post(post)
    require_coordinator(actor, post.thread.space.program)
    if conflict := post_claim_conflict(actor, post):
        raise conflict
    return post


def record_post_opened(actor: User, *, post: Post) -> PostReviewEntry:
    """Record in the post's review log that `actor` opened it on the review page."""
    with transaction.atomic():
        post = Post.objects.select_related("thread__space__program").get(pk=post.pk)
        require_coordinator(actor, post.thread.space.program)
        return _audit_review(post, actor=actor, action=ReviewAction.OPENED)


def claim_post(actor: User, *, post: Post) -> Post:
    """Keep a post in review for `actor` for letters.moderation.CLAIM_DURATION; claiming again extends it."""
    with transaction.atomic():
        post = _lock_post(post)
        require_coordinator(actor, post.thread.space.program)
        if post.status != PostStatus.IN_REVIEW:
            raise _conflict(post)
        now = timezone.now()
        if moderation.live_claim_by_someone_else(post, actor, now):
            raise _claimed_elsewhere(post)
        renewing = moderation.holds_live_claim(post, actor, now)
        post.claimed_by, post.claimed_until = actor, now + moderation.CLAIM_DURATION
        post.save(update_fields=["claimed_by", "claimed_until"])
        if not renewing:
            _audit_review(post, actor=actor, action=ReviewAction.CLAIMED)
        return post


def release_post_claim(actor: User, *, post: Post) -> Post:
    """Give up `actor`'s claim on a post; releasing a post you do not hold changes nothing."""
    with transaction.atomic():
        post = _lock_post(post)
        require_coordinator(actor, post.thread.space.program)
        if post.claimed_by_id != actor.pk:
            return post
        post.claimed_by, post.claimed_until = None, None
        post.save(update_fields=["claimed_by", "claimed_until"])
        _audit_review(post, actor=actor, action=ReviewAction.RELEASED)
        return post


def approve_post(actor: User, *, post: Post, note: str = "", redactions: Sequence[tuple[int, int]] = (),
                 findings_seen: bool = False) -> Post:
    """Publish a post in review, optionally with parts removed; return it.

    As for letters, a post with findings is published only by a caller that showed them
    highlighted (`findings_seen`, the review page); the API is told to use that page.
    """
    with transaction.atomic():
        post = _lock_for_decision(actor, post)
        if not findings_seen and post.findings.exists():
            raise ValidationError(_(
                "Screening found something in this post. Decide on it on its review page, where the findings are "
                "highlighted in the text."
            ))
        spans = moderation.clean_redactions(post.body_text, redactions)
        now, note = timezone.now(), (note or "").strip()
        _transition(post, actor=actor, allowed_from=(PostStatus.IN_REVIEW,), to=PostStatus.PUBLISHED, note=note,
                    published_at=now, redactions=[list(span) for span in spans], **moderation.NO_CLAIM)
        if spans:
            _audit_review(post, actor=actor, action=ReviewAction.APPROVED_WITH_REDACTIONS,
                          detail=", ".join(f"{start}-{end}" for start, end in spans))
        else:
            _audit_review(post, actor=actor, action=ReviewAction.APPROVED, detail=note)
        _post_published(post, now)
        return post


def return_post(actor: User, *, post: Post, note: str) -> Post:
    """Send a post in review back to its author with `note` saying what to change."""
    note = moderation.require_note(note, _("Write a note so the author knows what to change."))
    with transaction.atomic():
        post = _lock_for_decision(actor, post)
        _transition(post, actor=actor, allowed_from=(PostStatus.IN_REVIEW,), to=PostStatus.CHANGES_REQUESTED,
                    note=note, **moderation.NO_CLAIM)
        _audit_review(post, actor=actor, action=ReviewAction.CHANGES_REQUESTED, detail=note)
        notices.post_returned(post)
        return post


def withhold_post(actor: User, *, post: Post, reason: str) -> Post:
    """Keep a post in review from ever appearing; the reason stays in its history, for coordinators."""
    reason = moderation.require_note(reason, _("Write down why the post is withheld; it stays in its history."))
    with transaction.atomic():
        post = _lock_for_decision(actor, post)
        _transition(post, actor=actor, allowed_from=(PostStatus.IN_REVIEW,), to=PostStatus.WITHHELD, note=reason,
                    **moderation.NO_CLAIM)
        _audit_review(post, actor=actor, action=ReviewAction.WITHHELD, detail=reason)
        return post


# ---------------------------------------------------------------------------- reports


def report_post(actor: User, *, post: Post, reason: str) -> Report:
    """Report a published post of someone else to the program's coordinators; return the report.

    Reporting a post one already reported (still open) is refused, as is reporting one's own.
    """
    reason = _clean_text(reason, field="reason", maximum=REASON_MAX,
                         empty_message=_("Say in a few words what is wrong with this post."))
    with transaction.atomic():
        post = _lock_post(post)
        reporter = _participant(actor, post.thread.space)
        if post.author_id == reporter.pk:
            raise ValidationError(_("You cannot report your own post. You can ask a coordinator to remove it."))
        if post.status != PostStatus.PUBLISHED or post.hidden_at or post.deleted_at:
            raise StateConflict(_("This post is not shown any more, so there is nothing to report."))
        if Report.objects.filter(post=post, reporter=reporter, closed_at__isnull=True).exists():
            raise StateConflict(_("You have reported this post already; a coordinator will look at it."))
        report = Report.objects.create(post=post, reporter=reporter, reason=reason)
        notices.post_reported(report)
        return report


def _close_reports(actor: User, post: Post) -> int:
    return Report.objects.filter(post=post, closed_at__isnull=True).update(closed_at=timezone.now(), closed_by=actor)


def close_report(actor: User, *, report: Report) -> Report:
    """Close a report without acting on its post (a coordinator read it and found nothing wrong)."""
    with transaction.atomic():
        report = Report.objects.select_for_update(of=("self",)).select_related("post__thread__space__program").get(
            pk=report.pk)
        require_coordinator(actor, report.post.thread.space.program)
        if report.closed_at is None:
            report.closed_at, report.closed_by = timezone.now(), actor
            report.save(update_fields=["closed_at", "closed_by"])
        return report


# ---------------------------------------------------------------------------- coordinators' actions


def _reason(reason: str) -> str:
    """Return the coordinator's reason stripped; refuse an empty one. Called after the permission check,
    so a member is told they may not act rather than what to write."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Write down why; it is kept in the program's audit log.")})
    return reason


def _record(actor: User, thing, *, action: str, reason: str) -> None:
    program = thing.space.program if isinstance(thing, Thread) else thing.thread.space.program
    audit.record(actor, program=program, action=action, target=thing, detail=reason)


def set_thread_pinned(actor: User, *, thread: Thread, pinned: bool, reason: str) -> Thread:
    """Pin a thread to the top of its space's list, or unpin it; recorded with the reason."""
    return _set_thread_flag(actor, thread, "pinned", pinned, reason,
                            ProgramAuditAction.SPACE_PINNED if pinned else ProgramAuditAction.SPACE_UNPINNED)


def set_thread_locked(actor: User, *, thread: Thread, locked: bool, reason: str) -> Thread:
    """Lock a thread (no more replies; it stays readable) or unlock it; recorded with the reason."""
    return _set_thread_flag(actor, thread, "locked", locked, reason,
                            ProgramAuditAction.SPACE_LOCKED if locked else ProgramAuditAction.SPACE_UNLOCKED)


def _set_thread_flag(actor, thread, name, value, reason, action) -> Thread:
    with transaction.atomic():
        thread = _lock_thread(thread)
        require_coordinator(actor, thread.space.program)
        reason = _reason(reason)
        if thread.deleted_at:
            raise StateConflict(_("This thread was deleted."))
        if getattr(thread, name) != value:
            setattr(thread, name, value)
            thread.save(update_fields=[name])
            _record(actor, thread, action=action, reason=reason)
        return thread


def set_thread_hidden(actor: User, *, thread: Thread, hidden: bool, reason: str) -> Thread:
    """Hide a thread from the space's members (coordinators still see it), or show it again."""
    with transaction.atomic():
        thread = _lock_thread(thread)
        require_coordinator(actor, thread.space.program)
        reason = _reason(reason)
        if thread.deleted_at:
            raise StateConflict(_("This thread was deleted."))
        if bool(thread.hidden_at) != hidden:
            thread.hidden_at = timezone.now() if hidden else None
            thread.save(update_fields=["hidden_at"])
            _record(actor, thread, action=ProgramAuditAction.SPACE_HIDDEN if hidden else ProgramAuditAction.SPACE_SHOWN,
                    reason=reason)
        return thread


def delete_thread(actor: User, *, thread: Thread, reason: str) -> Thread:
    """Delete a thread for good: members never see it again; its rows stay for the record (soft delete)."""
    with transaction.atomic():
        thread = _lock_thread(thread)
        require_coordinator(actor, thread.space.program)
        reason = _reason(reason)
        if thread.deleted_at is None:
            thread.deleted_at = timezone.now()
            thread.save(update_fields=["deleted_at"])
            _record(actor, thread, action=ProgramAuditAction.SPACE_DELETED, reason=reason)
            Report.objects.filter(post__thread=thread, closed_at__isnull=True).update(
                closed_at=thread.deleted_at, closed_by=actor)
        return thread


def set_post_hidden(actor: User, *, post: Post, hidden: bool, reason: str) -> Post:
    """Hide a post from the members (its author and coordinators still see it), or show it again.

    Hiding a post closes the open reports on it: the coordinator has acted.
    """
    with transaction.atomic():
        post = _lock_post(post)
        require_coordinator(actor, post.thread.space.program)
        reason = _reason(reason)
        if post.deleted_at:
            raise StateConflict(_("This post was deleted."))
        if bool(post.hidden_at) != hidden:
            post.hidden_at = timezone.now() if hidden else None
            post.save(update_fields=["hidden_at"])
            _record(actor, post, action=ProgramAuditAction.SPACE_HIDDEN if hidden else ProgramAuditAction.SPACE_SHOWN,
                    reason=reason)
        if hidden:
            _close_reports(actor, post)
        return post


def delete_post(actor: User, *, post: Post, reason: str) -> Post:
    """Delete a post for good (its author no longer sees it either); kept for the record, reports closed."""
    with transaction.atomic():
        post = _lock_post(post)
        require_coordinator(actor, post.thread.space.program)
        reason = _reason(reason)
        if post.deleted_at is None:
            post.deleted_at = timezone.now()
            post.save(update_fields=["deleted_at"])
            _record(actor, post, action=ProgramAuditAction.SPACE_DELETED, reason=reason)
            _close_reports(actor, post)
        return post


# ---------------------------------------------------------------------------- privacy


def empty_posts(posts) -> int:
    """Empty the words of `posts` (a queryset) and everything that may quote them; return how many posts changed.

    Called by privacy.services only (erasure and retention), inside their transaction. The
    posts keep their place in their threads (replies stay readable); their text, removed
    parts and findings go, the notes of their events and review entries are emptied, and
    so are the reasons of the reports on them. The caller leaves out the posts a
    safeguarding hold keeps.
    """
    ids = posts.values("pk")
    PostFinding.objects.filter(post__in=ids).delete()
    PostEvent.objects.filter(post__in=ids).exclude(note="").update(note="")
    # The review log is append-only; erasure and retention are its one allowed change, as for letters.
    QuerySet.update(PostReviewEntry.objects.filter(post__in=ids).exclude(detail=""), detail="")
    Report.objects.filter(post__in=ids).exclude(reason="").update(reason="")
    return Post.objects.filter(pk__in=ids).exclude(body_text="").update(body_text="", redactions=[])


def erase_posts_of(memberships) -> int:
    """Empty the words of `memberships` in the peer spaces, for a person's erasure; return how many posts.

    Called by privacy.services.erase_person inside its transaction, after it placed its
    safeguarding holds: their posts not under a hold are emptied (empty_posts), and the
    reasons of every report they made. A post under a hold keeps its words, findings and
    decisions for the coordinators until the hold ends (the retention sweep empties it then).
    """
    Report.objects.filter(reporter__in=memberships).exclude(reason="").update(reason="")
    return empty_posts(Post.objects.filter(author__in=memberships, safeguarding_hold_until__isnull=True))
