"""Writes to the toolbox: coordinators for their program's articles, operators for the installation-wide set.

Every write checks the actor, sanitises the text with the readings' sanitiser
(programs.richtext, READING_TAGS) and records a program audit entry in its transaction.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from programs import audit
from programs.models import LANGUAGE_CODES, Program, ProgramAuditEntry, User
from programs.permissions import is_operator, require_coordinator
from programs.richtext import READING_ATTRIBUTES, READING_TAGS, sanitize_html
from toolbox.models import Article, ArticleKind, ArticleVersion, Audience, HiddenArticle, Moment


def _require_author(actor: User, program: Program | None) -> None:
    """Raise PermissionDenied unless `actor` may write articles of `program` (None: operators only)."""
    if program is None:
        if not is_operator(actor):
            raise PermissionDenied(_("Only an operator can write the toolbox shared by every program."))
    else:
        require_coordinator(actor, program)


def _clean_article(audience: str, kind: str, moment: str) -> None:
    errors = {}
    if audience not in Audience.values:
        errors["audience"] = _("Choose whether the article is for mentors or for mentees.")
    if kind not in ArticleKind.values:
        errors["kind"] = _("Choose an article or an exercise.")
    if moment not in Moment.values:
        errors["moment"] = _("Choose a moment from the list.")
    if errors:
        raise ValidationError(errors)


def _clean_version(language: str, title: str, summary: str, body: str) -> tuple[str, str, str]:
    """Return the (title, summary, sanitised body) of a version, or raise ValidationError."""
    errors = {}
    title = (title or "").strip()
    if not title:
        errors["title"] = _("Give the article a title.")
    clean = sanitize_html(body, tags=READING_TAGS, attributes=READING_ATTRIBUTES)
    if not clean.text:
        errors["body"] = _("The article has no text.")
    if language not in LANGUAGE_CODES:
        errors["language"] = _("Choose English, Danish, Norwegian or French.")
    if errors:
        raise ValidationError(errors)
    return title, (summary or "").strip()[:300], clean.html


@transaction.atomic
def create_article(
    actor: User, *, program: Program | None, audience: str, kind: str = ArticleKind.ARTICLE, moment: str = "",
    language: str, title: str, body: str, summary: str = "",
) -> Article:
    """Add an article with its first language version to `program` (None: the installation-wide set)."""
    _require_author(actor, program)
    _clean_article(audience, kind, moment)
    title, summary, body = _clean_version(language, title, summary, body)
    article = Article.objects.create(program=program, audience=audience, kind=kind, moment=moment, created_by=actor)
    ArticleVersion.objects.create(article=article, language=language, title=title, summary=summary, body=body)
    audit.record(actor, program=program, action=ProgramAuditEntry.Action.ARTICLE_ADDED, target=article,
                 detail=f"{audience}, {language}")
    return article


@transaction.atomic
def update_article(actor: User, *, article: Article, audience: str, kind: str, moment: str) -> Article:
    """Change who an article is for, its kind and its moment."""
    article = Article.objects.select_for_update().get(pk=article.pk)
    _require_author(actor, article.program)
    _clean_article(audience, kind, moment)
    article.audience, article.kind, article.moment = audience, kind, moment
    article.save()
    audit.record(actor, program=article.program, action=ProgramAuditEntry.Action.ARTICLE_CHANGED, target=article,
                 detail=f"{audience}, {kind}, moment {moment or '-'}")
    return article


@transaction.atomic
def save_article_version(
    actor: User, *, article: Article, language: str, title: str, body: str, summary: str = "",
) -> ArticleVersion:
    """Write `article`'s version in `language`: a new one, or the existing one changed."""
    article = Article.objects.select_for_update().get(pk=article.pk)
    _require_author(actor, article.program)
    title, summary, body = _clean_version(language, title, summary, body)
    version, _created = ArticleVersion.objects.update_or_create(
        article=article, language=language, defaults={"title": title, "summary": summary, "body": body},
    )
    article.save(update_fields=["updated_at"])
    audit.record(actor, program=article.program, action=ProgramAuditEntry.Action.ARTICLE_CHANGED, target=article,
                 detail=f"version {language}")
    return version


@transaction.atomic
def set_article_hidden(actor: User, *, program: Program, article: Article, hidden: bool) -> bool:
    """Hide `article` from `program`'s members, or show it again; return whether anything changed.

    The article is the program's own or an installation-wide one; hiding never touches
    the article itself, so other programs keep seeing a shared one.
    """
    require_coordinator(actor, program)
    article = Article.objects.select_for_update().get(pk=article.pk)
    if article.program_id not in (None, program.pk):
        raise ValidationError(_("That article belongs to another program."))
    if hidden:
        _row, changed = HiddenArticle.objects.get_or_create(program=program, article=article,
                                                            defaults={"hidden_by": actor})
        action = ProgramAuditEntry.Action.ARTICLE_HIDDEN
    else:
        changed = HiddenArticle.objects.filter(program=program, article=article).delete()[0] > 0
        action = ProgramAuditEntry.Action.ARTICLE_SHOWN
    if changed:
        audit.record(actor, program=program, action=action, target=article,
                     detail="shared" if article.program_id is None else "own")
    return changed
