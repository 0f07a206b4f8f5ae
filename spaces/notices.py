"""In-app notices of the peer spaces: a reply to your thread, your post held or returned, a report.

They are letters.models.Notification rows of the kinds in letters.models.IN_APP_ONLY,
written in the same transaction as the change they announce and worded in the reader's
language at that moment (their own choice, else the program's). They are never e-mailed:
the reminders' e-mail path is keyed to letters, pairs and readings, and a space's notices
are chatty enough that the page is where they belong. A notice never quotes a post and
names nobody: the reader opens the page to see it.
"""

from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from letters.models import ReminderKind
from letters.reminders.notices import InAppNotice, notify_in_app
from programs.models import Membership, Program, User
from spaces.models import Post, Report, SpaceDeparture


def _language(user: User, program: Program) -> str:
    return user.language or program.language


def _notify(user: User, program: Program, kind: str, url: str, title, body) -> None:
    """Write one notice to `user`, worded (title and body are callables) in their language."""
    with translation.override(_language(user, program)):
        notify_in_app(kind=kind, program_id=program.pk, url=url,
                      notices=[InAppNotice(user_id=user.pk, title=title(), body=body())])


def _thread_url(post: Post) -> str:
    return reverse("space-thread", args=[post.thread_id])


def reply_published(post: Post) -> None:
    """Tell the thread's author that a reply appeared, unless they wrote it or left the space."""
    thread = post.thread
    author = thread.author
    if author.pk == post.author_id or author.status != Membership.Status.ACTIVE:
        return
    if SpaceDeparture.objects.filter(space_id=thread.space_id, membership=author).exists():
        return
    _notify(author.user, thread.space.program, ReminderKind.SPACE_REPLY, _thread_url(post),
            lambda: _("A new reply in your thread"),
            lambda: _("Someone replied in a thread you started. Open the thread to read it."))


def post_held(post: Post) -> None:
    """Tell the author that screening held their post for a coordinator."""
    _notify(post.author.user, post.thread.space.program, ReminderKind.SPACE_POST_HELD, _thread_url(post),
            lambda: _("Your post waits for a coordinator"),
            lambda: _("Your post will appear when a coordinator has read it. You do not need to do anything."))


def post_returned(post: Post) -> None:
    """Tell the author that their post came back with a note."""
    _notify(post.author.user, post.thread.space.program, ReminderKind.SPACE_POST_RETURNED, _thread_url(post),
            lambda: _("Your post was returned with a note"),
            lambda: _("A coordinator asked you to change your post. Open it to read the note and send it again."))


def _coordinators(program: Program):
    return User.objects.filter(
        memberships__program=program, memberships__role=Membership.Role.COORDINATOR,
        memberships__status=Membership.Status.ACTIVE,
    ).distinct()


def post_urgent(post: Post) -> None:
    """Tell every coordinator of the program at once that screening found a possible safeguarding concern in a post.

    In-app only, like every notice of the spaces: unlike a letter's urgent finding, it is
    not e-mailed (docs/moderation.md). The post waits at the top of the review queue.
    """
    program = post.thread.space.program
    url = reverse("space-post-review", args=[post.pk])
    for user in _coordinators(program):
        _notify(user, program, ReminderKind.SPACE_URGENT, url,
                lambda: _("A post with a possible safeguarding concern"),
                lambda: _("Screening found a possible safeguarding concern in a post in one of your program's peer "
                          "spaces. It waits for you at the top of the review queue."))


def post_reported(report: Report) -> None:
    """Tell every coordinator of the program that a post was reported (never by whom, never what it says)."""
    program = report.post.thread.space.program
    url = reverse("space-reports", args=[program.pk])
    for user in _coordinators(program):
        _notify(user, program, ReminderKind.SPACE_REPORT, url,
                lambda: _("A post was reported"),
                lambda: _("A member reported a post in one of your program's peer spaces. Open the reports to decide."))
