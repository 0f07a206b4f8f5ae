"""Notices of the peer spaces: a reply to your thread, your post held or returned, a report, an urgent post.

This module decides who is told of what; letters.reminders does the rest, as for letters.
Each notice is a reminder planned in the transaction of the change it announces
(letters.reminders.notices.notify): it appears in the app at once and the reminder sweep
e-mails it once, with the member's e-mail preferences and, for a mentee, quiet hours. Its
words live in letters.reminders.messages, in the reader's language; a notice never quotes
a post and names nobody (the e-mail links to the page).

Replies and reports are gathered like the review digest: one notice per thread (a reply)
or per program (a report) and hour, so a busy thread does not send an e-mail per reply.
A post held or returned is one notice per post and decision.

An urgent screening finding in a post alerts every coordinator of the program the way an
urgent letter does (letters.reminders.planning.plan_urgent_alert: e-mailed whatever their
preferences, at once).
"""

from django.utils import timezone

from letters.models import ReminderKind
from letters.reminders.notices import notify
from letters.reminders.planning import plan_urgent_alert, start_of_hour
from letters.tasks import enqueue_sweep
from programs.models import Membership, Program
from spaces.models import Post, Report, SpaceDeparture


def _quiet(membership: Membership) -> bool:
    """A mentee gets no e-mail in the program's quiet hours (letters.reminders.planning.QUIET_FROM)."""
    return membership.role == Membership.Role.MENTEE


def _member_notice(kind: str, membership: Membership, program: Program, *, object_key: str, due_at, post: Post) -> None:
    notify(kind=kind, program=program, recipients=[(membership.user_id, _quiet(membership))], object_key=object_key,
           due_at=due_at, details={"thread": post.thread_id})


def reply_published(post: Post) -> None:
    """Tell the thread's author that a reply appeared, unless they wrote it or left the space; once per thread and hour."""
    thread = post.thread
    author = thread.author
    if author.pk == post.author_id or author.status != Membership.Status.ACTIVE:
        return
    if SpaceDeparture.objects.filter(space_id=thread.space_id, membership=author).exists():
        return
    _member_notice(ReminderKind.SPACE_REPLY, author, thread.space.program, object_key=f"thread:{thread.pk}",
                   due_at=start_of_hour(timezone.now()), post=post)


def post_held(post: Post) -> None:
    """Tell the author that screening held their post for a coordinator."""
    _member_notice(ReminderKind.SPACE_POST_HELD, post.author, post.thread.space.program, object_key=f"post:{post.pk}",
                   due_at=timezone.now(), post=post)


def post_returned(post: Post) -> None:
    """Tell the author that their post came back with a note."""
    _member_notice(ReminderKind.SPACE_POST_RETURNED, post.author, post.thread.space.program,
                   object_key=f"post:{post.pk}", due_at=timezone.now(), post=post)


def _coordinator_ids(program: Program) -> list[int]:
    return list(
        Membership.objects.active().filter(program=program, role=Membership.Role.COORDINATOR, user__is_active=True)
        .values_list("user_id", flat=True).distinct()
    )


def post_urgent(post: Post) -> None:
    """Alert every coordinator of the program that screening found a possible safeguarding concern in `post`.

    The letters' urgent alert (URGENT_FINDING, about a post): e-mailed whatever their
    preferences by the sweep queued once the caller's transaction commits. The post waits
    at the top of the review queue. The alert names the author's pseudonym, never the words.
    """
    plan_urgent_alert(
        program=post.thread.space.program, pair_id=None, object_key=f"post:{post.pk}",
        details={"author": post.author.pseudonym, "about": "post", "post": post.pk}, now=timezone.now(),
    )
    enqueue_sweep()  # delivers the alert once this transaction commits


def post_reported(report: Report) -> None:
    """Tell every coordinator of the program that a post was reported (never by whom, never what it says); once an hour."""
    program = report.post.thread.space.program
    notify(kind=ReminderKind.SPACE_REPORT, program=program,
           recipients=[(user_id, False) for user_id in _coordinator_ids(program)],
           object_key=f"reports:{program.pk}", due_at=start_of_hour(timezone.now()), details={})
