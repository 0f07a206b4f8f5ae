"""Fetch-and-authorise helpers for the toolbox; see programs/access.py."""

from django.http import Http404
from django.utils.translation import gettext as _

from toolbox.models import Article


def access_article(user, article_id: int) -> Article:
    """Return the article if `user` may open it (Article.objects.visible_to), else raise Http404.

    The versions come prefetched, so a page can choose its language without another query.
    """
    try:
        return (
            Article.objects.visible_to(user).select_related("program").prefetch_related("versions").get(pk=article_id)
        )
    except (Article.DoesNotExist, ValueError, TypeError):
        raise Http404(_("No such article.")) from None
