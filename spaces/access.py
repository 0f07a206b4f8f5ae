"""Fetch-and-authorise helpers for the peer spaces: 404 for anything the user may not see.

Built on the querysets of spaces.models (open_to, readable_by, visible_to), so a mentor
never reaches the mentees' space, a member of one program never another's, and a post
held for review only its author and the coordinators.
"""

from django.http import Http404
from django.utils.translation import gettext as _

from programs.models import Program
from spaces.models import Post, Report, Space, Thread


def access_space(user, space_id: int) -> Space:
    """Return the space if `user` may open it: their own audience's (even after leaving) or one they coordinate."""
    try:
        return Space.objects.open_to(user).select_related("program").get(pk=space_id)
    except (Space.DoesNotExist, ValueError, TypeError):
        raise Http404(_("No such space.")) from None


def access_thread(user, thread_id: int) -> Thread:
    """Return the thread if `user` may read it (Thread.objects.visible_to)."""
    threads = Thread.objects.visible_to(user).select_related("space__program", "author", "opening")
    try:
        return threads.get(pk=thread_id)
    except (Thread.DoesNotExist, ValueError, TypeError):
        raise Http404(_("No such thread.")) from None


def access_post(user, post_id: int) -> Post:
    """Return the post if `user` may read it (Post.objects.visible_to)."""
    posts = Post.objects.visible_to(user).select_related("thread__space__program", "thread__opening", "author")
    try:
        return posts.get(pk=post_id)
    except (Post.DoesNotExist, ValueError, TypeError):
        raise Http404(_("No such post.")) from None


def access_post_for_review(user, post_id: int) -> Post:
    """Return a post of a program `user` coordinates (any, for an operator), else Http404.

    Its author sees it elsewhere, but never its review page.
    """
    posts = Post.objects.filter(thread__space__program__in=Program.objects.coordinated_by(user).values("pk"))
    try:
        return posts.select_related("thread__space__program", "thread__opening", "author").get(pk=post_id)
    except (Post.DoesNotExist, ValueError, TypeError):
        raise Http404(_("No such post.")) from None


def access_report(user, report_id: int) -> Report:
    """Return a report on a post of a program `user` coordinates, else Http404."""
    reports = Report.objects.filter(post__thread__space__program__in=Program.objects.coordinated_by(user).values("pk"))
    try:
        return reports.select_related("post__thread__space__program", "reporter").get(pk=report_id)
    except (Report.DoesNotExist, ValueError, TypeError):
        raise Http404(_("No such report.")) from None
