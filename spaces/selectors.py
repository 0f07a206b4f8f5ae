"""Reads of the peer spaces, each with a constant number of queries whatever the data size.

Each selector assumes an authorised caller: its docstring says which access helper or
predicate checked the caller first. What a reader sees of a post (redactions applied or
marked, the note for its author) is decided here by `post_view_for`, which every page and
the API use.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.core.paginator import Paginator
from django.db.models import Case, Count, Exists, IntegerField, Max, OuterRef, Q, QuerySet, Subquery, Value, When
from django.utils import timezone
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from letters import moderation
from letters.models import FindingSeverity
from letters.reminders.escalation import UrgentItem, UrgentSource, opened_since
from letters.selectors import review_segments
from programs.compiled import CompiledRead
from programs.models import Membership, Program
from spaces.models import Post, PostEvent, PostFinding, PostReviewEntry, PostStatus, Report, Space, SpaceDeparture, Thread


def _public_replies(thread_ref: str = "pk") -> QuerySet:
    return Post.objects.public().filter(thread=OuterRef(thread_ref))


def _threads_for(user, space: Space, *, coordinates: bool) -> QuerySet[Thread]:
    """The threads of `space` that `user`, who may read it, sees: Thread.objects.visible_to's rule for one space.

    Written out for one space (whose access the caller checked) so that the query does not
    re-derive the reader's spaces for every row; tests/spaces check both give the same answer.
    """
    threads = Thread.objects.filter(space=space)
    if coordinates:
        return threads
    return threads.filter(hidden_at__isnull=True, deleted_at__isnull=True).filter(
        Q(opening__status=PostStatus.PUBLISHED, opening__hidden_at__isnull=True,
          opening__safeguarding_hold_until__isnull=True) | Q(author__user=user)
    )


def list_threads(user, space: Space, *, coordinates: bool) -> QuerySet[Thread]:
    """Return the threads of `space` that `user` may see: pinned first, then the most recently active.

    Each carries its opening post and author (select_related) and `reply_count` (published
    replies everyone sees). Preconditions: spaces.permissions.may_read(user, space) was
    checked, and `coordinates` is spaces.permissions.may_moderate(user, space).
    """
    replies = _public_replies().exclude(pk=OuterRef("opening_id")).order_by().values("thread")
    return (
        _threads_for(user, space, coordinates=coordinates)
        .select_related("opening", "author")
        .annotate(reply_count=Subquery(replies.annotate(n=Count("pk")).values("n")[:1], output_field=IntegerField()))
        .order_by("-pinned", "-last_activity_at", "-pk")
    )


def _posts_for(user, thread: Thread, *, coordinates: bool) -> QuerySet[Post]:
    """The posts of `thread` that `user`, who may read the thread, sees: Post.objects.visible_to's rule for one thread."""
    posts = Post.objects.filter(thread=thread)
    if coordinates:
        return posts
    return posts.filter(deleted_at__isnull=True, safeguarding_hold_until__isnull=True).filter(
        Q(status=PostStatus.PUBLISHED, hidden_at__isnull=True) | Q(author__user=user))


def list_posts(user, thread: Thread, *, coordinates: bool) -> QuerySet[Post]:
    """Return the posts of `thread` `user` may read, oldest first, with their authors.

    Each carries `return_note` (the last note a coordinator returned it with) and
    `open_reports` (how many reports await a coordinator). Preconditions: `thread` came
    from access_thread, and `coordinates` is spaces.permissions.may_moderate(user, space).
    """
    notes = PostEvent.objects.filter(post=OuterRef("pk"), to_status=PostStatus.CHANGES_REQUESTED).order_by("-pk")
    reports = Report.objects.filter(post=OuterRef("pk"), closed_at__isnull=True).order_by().values("post")
    return (
        _posts_for(user, thread, coordinates=coordinates)
        .select_related("author")
        .annotate(
            return_note=Subquery(notes.values("note")[:1]),
            open_reports=Subquery(reports.annotate(n=Count("pk")).values("n")[:1], output_field=IntegerField()),
        )
        .order_by("submitted_at", "pk")
    )


def title_of(post: Post, *, for_reader: bool) -> str:
    """Return the thread title held by an opening post's first line (redactions applied for readers)."""
    text = post.body_text
    if for_reader and post.redactions:
        text = "".join(_reader_pieces(text, post.redactions))
    return text.split("\n", 1)[0].strip()


def _reader_pieces(text: str, spans) -> list[str]:
    marker, pieces, position = _("[removed by your coordinator]"), [], 0
    for start, end in sorted(tuple(span) for span in spans):
        pieces += [text[position:start], marker]
        position = end
    pieces.append(text[position:])
    return pieces


@dataclass(frozen=True)
class PostView:
    """What one reader sees of one post."""

    html: SafeString
    title: str
    status_label: str
    note: str  # the coordinator's note to the author of a returned post; empty for everyone else
    is_mine: bool
    moderated: bool  # the reader coordinates the program: sees every state and the hidden flag


def status_labels() -> dict[str, str]:
    """Return each post status's label in the current language, for a page to translate once, not per post."""
    return {value: str(label) for value, label in PostStatus.choices}


def post_view_for(user, post: Post, *, coordinates: bool, membership_ids: set[int],
                  labels: dict[str, str] | None = None) -> PostView:
    """Return what `user` sees of `post`: readers the text with removed parts replaced; its author and
    coordinators the removed parts struck through; the author the note of a returned post.

    `membership_ids` are the caller's memberships (they author through them); `coordinates`
    says whether they coordinate the program; `labels` (status_labels()) saves a page of posts
    translating the same status for each. Precondition: `post` came from list_posts or
    access_post, so `user` may see it at all.
    """
    mine = post.author_id in membership_ids
    sees_all = mine or coordinates
    text = post.body_text
    if post.thread.opening_id == post.pk:
        title = title_of(post, for_reader=not sees_all)
        text = text.split("\n", 1)[1] if "\n" in text else ""
        offset = len(post.body_text) - len(text)
        spans = [(max(s - offset, 0), e - offset) for s, e in post.redactions if e > offset]
    else:
        title, spans = "", post.redactions
    html = moderation.author_view_html(text, spans) if sees_all else moderation.reader_html(text, spans)
    note = getattr(post, "return_note", "") or "" if mine and post.status == PostStatus.CHANGES_REQUESTED else ""
    label = labels[post.status] if labels is not None else post.get_status_display()
    return PostView(html=html, title=title, status_label=label, note=note, is_mine=mine, moderated=coordinates)


def own_posts(user) -> list[tuple[Post, str | None]]:
    """Return every post `user` wrote that they still see, oldest first, each with its thread's title as they see it.

    For the person's data export (privacy.services): every state but deleted, and not under
    a safeguarding hold (Post.objects.visible_to's rule for an author's own posts), in
    spaces they left too, since the words are theirs. The title is None when the thread's
    opening post is someone else's that they may no longer read (held, hidden, deleted, or
    in a hidden or deleted thread): it is another member's words. Two queries.
    """
    mine = membership_ids_of(user)
    posts = list(
        Post.objects.filter(author_id__in=mine, deleted_at__isnull=True, safeguarding_hold_until__isnull=True)
        .select_related("thread__space__program", "thread__opening")
        .order_by("submitted_at", "pk")
    )
    rows = []
    for post in posts:
        thread, opening = post.thread, post.thread.opening
        if opening is not None and opening.author_id in mine:
            title = title_of(opening, for_reader=False)
        elif (opening is not None and opening.status == PostStatus.PUBLISHED and opening.hidden_at is None
              and opening.deleted_at is None and opening.safeguarding_hold_until is None
              and thread.hidden_at is None and thread.deleted_at is None):
            title = title_of(opening, for_reader=True)
        else:
            title = None
        rows.append((post, title))
    return rows


def membership_ids_of(user) -> set[int]:
    """Return the ids of `user`'s memberships (one query), for post_view_for."""
    if not user.is_authenticated:
        return set()
    return set(Membership.objects.filter(user=user).values_list("pk", flat=True))


def has_left(user, space: Space) -> bool:
    """Return True if `user` belongs in `space` and left it (the page offers to rejoin)."""
    return SpaceDeparture.objects.filter(space=space, membership__user=user).exists()


# ---------------------------------------------------------------------------- review


def list_post_review_queue(program: Program) -> QuerySet[Post]:
    """Return the posts of `program`'s spaces waiting for a coordinator: urgent first, then the oldest.

    Each carries `has_findings`, `has_urgent` and `claim_holder` (the pseudonym of the coordinator
    holding a live claim). Precondition: the caller may review `program` (access_program as coordinator).
    """
    now = timezone.now()
    findings = PostFinding.objects.filter(post=OuterRef("pk"))
    holder = Membership.objects.filter(user=OuterRef("claimed_by"), program=program).values("pseudonym")[:1]
    return (
        Post.objects.filter(thread__space__program=program, status=PostStatus.IN_REVIEW)
        .select_related("author", "thread__space", "thread__opening")
        .annotate(
            has_findings=Exists(findings),
            has_urgent=Exists(findings.filter(severity=FindingSeverity.URGENT)),
            claim_holder=Case(When(claimed_until__gt=now, then=Subquery(holder)), default=Value(None)),
        )
        .order_by("-has_urgent", "submitted_at", "pk")
    )


def count_posts_waiting(program: Program) -> int:
    """Return how many posts of `program` wait for a coordinator. Precondition: as list_post_review_queue."""
    return Post.objects.filter(thread__space__program=program, status=PostStatus.IN_REVIEW).count()


def list_open_reports(program: Program) -> QuerySet[Report]:
    """Return the open reports on posts of `program`, oldest first, with the post and its thread.

    Precondition: the caller coordinates `program` (access_program as coordinator).
    """
    return (
        Report.objects.filter(post__thread__space__program=program, closed_at__isnull=True)
        .select_related("post__author", "post__thread__space", "reporter")
        .order_by("created_at", "pk")
    )


def urgent_posts_waiting(cutoff: datetime) -> list[UrgentItem]:
    """Return the posts with an urgent finding that wait for a coordinator since `cutoff` or earlier (one query).

    Waiting: in review, and neither hidden nor deleted (a coordinator who hid or deleted
    it has acted on it). For the reminder sweep's escalation (POST_ESCALATION); the items
    carry the post's id and nothing that names anyone. Precondition: none (no viewer).
    """
    rows = (
        Post.objects.filter(status=PostStatus.IN_REVIEW, submitted_at__lte=cutoff, hidden_at__isnull=True,
                            deleted_at__isnull=True)
        .filter(Exists(PostFinding.objects.filter(post=OuterRef("pk"), severity=FindingSeverity.URGENT)))
        .order_by("submitted_at", "pk")
        .values_list("pk", "submitted_at", "thread__space__program_id")
    )
    return [UrgentItem(object_key=f"post:{pk}", program_id=program_id, since=submitted_at,
                       details={"about": "post", "post": pk})
            for pk, submitted_at, program_id in rows]


def opened_post_ids(waiting: Mapping[int, datetime]) -> set[int]:
    """Return which posts of `waiting` ({id: submitted at}) a coordinator opened since (one query).

    Opened means a line in the post's review log at or after its submission: its review
    page was opened (frontend.space_views.post_review records that on every GET), or it
    was claimed or decided; the same meaning as a letter's.
    """
    last_seen = dict(
        PostReviewEntry.objects.filter(post_id__in=list(waiting)).order_by()
        .values("post_id").annotate(last=Max("at")).values_list("post_id", "last")
    )
    return opened_since(last_seen, waiting)


#: What the spaces give the reminder sweep so that urgent posts escalate like letters
#: (registered by SpacesConfig.ready: letters may not import the spaces).
POST_ESCALATION = UrgentSource(prefix="post", waiting=urgent_posts_waiting, opened=opened_post_ids)


def review_segments_for(post: Post, findings: list[PostFinding]):
    """Return the post's text cut at its findings, for highlighting (letters.selectors.review_segments)."""
    return review_segments(post, findings)


def list_post_review_audit(post: Post) -> QuerySet[PostReviewEntry]:
    """Return the post's review log with each actor's pseudonym. Precondition: access_post_for_review."""
    pseudonym = Membership.objects.filter(
        user=OuterRef("actor"), program=OuterRef("post__thread__space__program")).values("pseudonym")[:1]
    return PostReviewEntry.objects.filter(post=post).annotate(actor_pseudonym=Subquery(pseudonym)).order_by("at", "pk")


# ---------------------------------------------------------------------------- home page and dashboard

#: How far back the home page looks for new replies.
NEW_REPLIES_SINCE = timedelta(days=14)
#: How many of them the home page shows.
NEW_REPLIES_SHOWN = 5


def _own_open_threads_of(user_id, membership_ids):
    """The threads these memberships of the user started, still shown, in spaces the user has not left."""
    left = SpaceDeparture.objects.filter(membership__user_id=user_id).values("space")
    return (Thread.objects.filter(author_id__in=membership_ids, hidden_at__isnull=True, deleted_at__isnull=True)
            .exclude(space__in=left).values_list("pk"))


#: Asked on every view of the home page: its statement is built once (programs.compiled).
_own_open_threads = CompiledRead(_own_open_threads_of)


def list_new_replies(user, *, memberships=None) -> list[Post]:
    """Return the NEW_REPLIES_SHOWN newest replies others published in the threads `user` started
    (last two weeks), newest first.

    Only threads they may still see, in spaces they have not left (Post.objects.visible_to).
    `memberships`: `user`'s active memberships, when the caller loaded them (the home page):
    their threads are then found by author id, without a join to the memberships.
    """
    if not user.is_authenticated:
        return []
    # The person's own open threads in spaces they still belong in (a short list), then their new replies.
    if memberships is None:
        left = SpaceDeparture.objects.filter(membership__user=user).values("space")
        own = Thread.objects.filter(author__user=user, author__status=Membership.Status.ACTIVE)
        threads = list(
            own.filter(hidden_at__isnull=True, deleted_at__isnull=True).exclude(space__in=left)
            .values_list("pk", flat=True)
        )
    else:
        active = [m.pk for m in memberships if m.status == Membership.Status.ACTIVE]
        threads = [row[0] for row in _own_open_threads.rows(user.pk, active)] if active else []
    if not threads:
        return []
    since = timezone.now() - NEW_REPLIES_SINCE
    if memberships is None:
        posts = _replies_in(threads, since).exclude(author__user=user)
        return list(posts.select_related("author").order_by("-published_at", "-pk")[:NEW_REPLIES_SHOWN])
    # A person has one membership per program, and these threads are in their programs' spaces,
    # so their own posts there are those of these memberships.
    return _new_replies_by_others.objects(threads, since, [m.pk for m in memberships])


def _replies_in(thread_ids, since):
    return Post.objects.public().filter(thread__in=thread_ids, published_at__gte=since)


def _new_replies_by_others_of(thread_ids, since, own_membership_ids):
    return (_replies_in(thread_ids, since).exclude(author_id__in=own_membership_ids)
            .select_related("author").order_by("-published_at", "-pk")[:NEW_REPLIES_SHOWN])


#: Asked on every home page (which has the person's memberships): its statement is built once
#: (programs.compiled).
_new_replies_by_others = CompiledRead(_new_replies_by_others_of)


def space_dashboard_counts(program: Program) -> dict:
    """Return posts waiting and open reports of `program` (two queries). Precondition: the caller coordinates it."""
    return {
        "posts_waiting": count_posts_waiting(program),
        "open_reports": Report.objects.filter(post__thread__space__program=program, closed_at__isnull=True).count(),
    }


def program_spaces(program: Program) -> list[Space]:
    """Return the spaces `program` has (those made so far), mentees' first."""
    return list(Space.objects.filter(program=program).order_by("-audience"))


#: Posts on one page of a thread: a long thread is read a page at a time (docs/performance.md).
POSTS_PER_PAGE = 50


def thread_page(user, thread: Thread, *, coordinates: bool, page_number=None):
    """Return (page, rows): one page of the posts of `thread` that `user` may read, and for each
    post what they see of it, in three queries whatever the thread's length.

    `page` is a django Paginator page; `rows` are (post, PostView) pairs. Precondition:
    `thread` came from spaces.access.access_thread; `coordinates` says whether `user`
    coordinates its program (spaces.permissions.may_moderate).
    """
    mine = membership_ids_of(user)
    page = Paginator(list_posts(user, thread, coordinates=coordinates), POSTS_PER_PAGE).get_page(page_number)
    posts = list(page)
    for post in posts:
        post.thread = thread  # every post is of this thread: no query per post to read it back
    labels = status_labels()
    return page, [(post, post_view_for(user, post, coordinates=coordinates, membership_ids=mine, labels=labels))
                  for post in posts]


def thread_title(user, thread: Thread, *, coordinates: bool = False) -> str:
    """Return the thread's title as `user` sees it (redactions applied unless they wrote it or moderate it).

    Precondition: `thread` came from access_thread (its opening post is loaded). No query.
    """
    opening = thread.opening
    if opening is None:
        return ""
    return title_of(opening, for_reader=not coordinates and opening.author_id not in membership_ids_of(user))


def thread_rows(user, threads) -> list[tuple[Thread, str]]:
    """Return each of `threads` (from list_threads) with the title `user` sees. No query."""
    mine = membership_ids_of(user) if threads else set()
    rows = []
    for thread in threads:
        opening = thread.opening
        title = title_of(opening, for_reader=opening.author_id not in mine) if opening else ""
        rows.append((thread, title))
    return rows
