"""Reads of the toolbox: the member's library, one article in the best language, the home page's tip,
and the coordinators' list.

Each selector says which helper checked the caller first; none filters on the caller's
behalf beyond what it is asked for. The query counts are constant whatever the number
of articles, versions and pairs.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Exists, OuterRef, Prefetch, Q, Value
from django.utils import timezone

from letters.deadlines import overdue_reply_expression
from letters.models import Letter
from programs.compiled import CompiledRead
from programs.models import LANGUAGE_CODES, Membership, Pair, Program
from toolbox.models import AUDIENCE_OF_ROLE, Article, ArticleVersion, HiddenArticle, Moment

#: A pair's program that ends within this many days is "ending": its members get the tip on ending well.
ENDING_SOON = timedelta(days=21)


# ---------------------------------------------------------------------------- languages


def language_order(*preferred: str) -> list[str]:
    """Return the languages to try, best first: the `preferred` ones (own, then the program's), then any."""
    order = [code for code in preferred if code]
    return list(dict.fromkeys(order + LANGUAGE_CODES))


def pick_version(versions, languages: list[str]) -> ArticleVersion | None:
    """Return the version of the first language in `languages` that exists among `versions` (None if none)."""
    by_language = {version.language: version for version in versions}
    for language in languages:
        if language in by_language:
            return by_language[language]
    return next(iter(by_language.values()), None)


def _with_versions(articles):
    return articles.select_related("program").prefetch_related(
        Prefetch("versions", queryset=ArticleVersion.objects.order_by("language"))
    )


def _with_hidden(articles, program_ids):
    """Prefetch, as `hidden_here`, the hidings of each article in `program_ids` (no query when there are no articles)."""
    return articles.prefetch_related(
        Prefetch("hidden_in", queryset=HiddenArticle.objects.filter(program_id__in=program_ids), to_attr="hidden_here")
    )


def _hidden_pairs(articles) -> set[tuple[int, int]]:
    """Return the (program id, article id) hidings prefetched by _with_hidden."""
    return {(hiding.program_id, article.pk) for article in articles for hiding in article.hidden_here}


# ---------------------------------------------------------------------------- members


@dataclass(frozen=True)
class Shelf:
    """The articles one membership reads, each with the version to show first."""

    membership: Membership
    entries: list  # [(Article, ArticleVersion)]


def _member_memberships(user) -> list[Membership]:
    return list(
        Membership.objects.filter(user=user, status=Membership.Status.ACTIVE, role__in=list(AUDIENCE_OF_ROLE))
        .select_related("program").order_by("program__name", "pk")
    )


def _fits(article: Article, membership: Membership, hidden: set[tuple[int, int]]) -> bool:
    return (
        article.audience == AUDIENCE_OF_ROLE[membership.role]
        and article.program_id in (None, membership.program_id)
        and (membership.program_id, article.pk) not in hidden
    )


def list_member_shelves(user, *, language: str) -> list[Shelf]:
    """Return, per program `user` is a mentor or mentee in, the articles for their role, newest first.

    Each article comes with the version in `language` if there is one, else the program's
    language, else any. Four queries (two when there is no article). Precondition: `user` is signed in (the page requires it).
    """
    memberships = _member_memberships(user)
    if not memberships:
        return []
    program_ids = {m.program_id for m in memberships}
    articles = list(_with_hidden(_with_versions(
        Article.objects.filter(Q(program_id__in=program_ids) | Q(program__isnull=True))
        .filter(audience__in={AUDIENCE_OF_ROLE[m.role] for m in memberships})
    ), program_ids).order_by("-pk"))
    hidden = _hidden_pairs(articles)
    shelves = []
    for membership in memberships:
        languages = language_order(language, membership.program.language)
        entries = [
            (article, pick_version(article.versions.all(), languages))
            for article in articles if _fits(article, membership, hidden)
        ]
        shelves.append(Shelf(membership=membership, entries=[(a, v) for a, v in entries if v is not None]))
    return shelves


def article_languages(user, article: Article, *, language: str) -> list[str]:
    """Return the order in which to try `article`'s languages for `user`: theirs, the program's, any.

    The program is the article's own, or for a shared article the first program in which
    `user` reads it. One query at most. Precondition: fetched by toolbox.access.access_article.
    """
    if article.program_id is not None:
        return language_order(language, article.program.language)
    program_language = (
        Membership.objects.filter(user=user, status=Membership.Status.ACTIVE).order_by("joined_at", "pk")
        .values_list("program__language", flat=True).first()
    )
    return language_order(language, program_language or "")


# ---------------------------------------------------------------------------- the tip of the moment


def _own_open_pairs(user) -> list[Pair]:
    """Return `user`'s open pairs as a member, with their program and mentor (two plain queries).

    By literal membership ids on the two indexed columns: `mentor__user=… | mentee__user=…`
    made the database read every pair of the installation (docs/performance.md).
    """
    own = list(Membership.objects.filter(user=user).values_list("pk", flat=True))
    if not own:
        return []
    return list(Pair.objects.open().filter(Q(mentor_id__in=own) | Q(mentee_id__in=own)).select_related("program", "mentor"))


def _pair_facts(pair_ids, overdue_reply):
    """Rows (pair id, whether its mentee has sent a letter, `overdue_reply`) of the pairs `pair_ids`."""
    wrote = Letter.objects.filter(pair=OuterRef("pk"), author=OuterRef("mentee_id"), submitted_at__isnull=False)
    return (Pair.objects.filter(pk__in=pair_ids).annotate(mentee_wrote=Exists(wrote), has_overdue_reply=overdue_reply)
            .values_list("pk", "mentee_wrote", "has_overdue_reply"))


def _pair_facts_without_replies(pair_ids):
    return _pair_facts(pair_ids, Value(False))


#: Asked on every home page of a person who mentors none of their pairs (most are mentees):
#: its statement is built once (programs.compiled).
_mentee_pair_facts = CompiledRead(_pair_facts_without_replies)


def _pairs_with_moments(user, *, now, pairs=None) -> list[Pair]:
    """Return `user`'s open pairs as a member, in id order, with `mentee_wrote` and `has_overdue_reply` set.

    `pairs` are those pairs (program and mentor loaded) when the caller has them already,
    as the home page does. One query for the two facts: whether the mentee wrote, and, only
    when `user` mentors one of the pairs, the reply deadline rule of letters.deadlines (a
    mentee is never told about a mentor's reply, so their page does not pay for that rule).
    """
    pairs = sorted(_own_open_pairs(user) if pairs is None else pairs, key=lambda pair: pair.pk)
    if not pairs:
        return []
    pair_ids = [pair.pk for pair in pairs]
    if any(pair.mentor.user_id == user.pk for pair in pairs):
        rows = _pair_facts(pair_ids, overdue_reply_expression(now=now))
    else:
        rows = _mentee_pair_facts.rows(pair_ids)
    known = {pk: (wrote, overdue) for pk, wrote, overdue in rows}
    for pair in pairs:
        pair.mentee_wrote, pair.has_overdue_reply = known.get(pair.pk, (True, False))
    return pairs


def moments_for(pair: Pair, user, *, today: date) -> list[tuple[str, str]]:
    """Return the (audience, moment) pairs that apply to `user` in `pair`, the most pressing first.

    The deadline rules come from letters.deadlines (_pairs_with_moments set the pair's
    `has_overdue_reply` with its expression): a mentor whose reply is overdue; a mentee who has not sent a
    letter yet; anyone whose program ends within ENDING_SOON.
    """
    is_mentor = pair.mentor.user_id == user.pk
    audience = AUDIENCE_OF_ROLE[Membership.Role.MENTOR if is_mentor else Membership.Role.MENTEE]
    moments = []
    if is_mentor and pair.has_overdue_reply:
        moments.append((audience, Moment.REPLY_OVERDUE))
    if not is_mentor and not pair.mentee_wrote and pair.status == Pair.Status.ACTIVE:
        moments.append((audience, Moment.NEVER_WROTE))
    if pair.program.ends_on - today <= ENDING_SOON:
        moments.append((audience, Moment.PAIR_ENDING))
    return moments


@dataclass(frozen=True)
class Tip:
    article: Article
    version: ArticleVersion
    moment: str


def tip_of_the_moment(user, *, language: str, now=None, pairs=None) -> Tip | None:
    """Return the one toolbox article that fits `user`'s moment best, or None.

    Looks at each of their open pairs (letters.deadlines decides what is overdue), takes the
    most pressing moment that some article visible in that program speaks to, and shows
    that article in the best language. `pairs`: `user`'s open pairs as a member (program and
    mentor loaded) when the caller has them, which saves the two queries that find them. At
    most three queries (five without `pairs`), whatever the number of pairs or articles.
    """
    now = now or timezone.now()
    pairs = _pairs_with_moments(user, now=now, pairs=pairs)
    wanted = [(pair, audience, moment) for pair in pairs
              for audience, moment in moments_for(pair, user, today=timezone.localdate(now))]
    if not wanted:
        return None
    program_ids = {pair.program_id for pair in pairs}
    articles = list(_with_hidden(_with_versions(
        Article.objects.filter(Q(program_id__in=program_ids) | Q(program__isnull=True))
        .filter(moment__in={moment for _pair, _audience, moment in wanted})
    ), program_ids).order_by("program_id", "pk"))
    hidden = _hidden_pairs(articles)
    order = list(Moment.values)
    for pair, audience, moment in sorted(wanted, key=lambda item: order.index(item[2])):
        for article in articles:
            if (article.moment == moment and article.audience == audience
                    and article.program_id in (None, pair.program_id) and (pair.program_id, article.pk) not in hidden):
                version = pick_version(article.versions.all(), language_order(language, pair.program.language))
                if version is not None:
                    return Tip(article=article, version=version, moment=moment)
    return None


# ---------------------------------------------------------------------------- coordinators


def list_program_articles(program: Program, *, language: str) -> list[dict]:
    """Return `program`'s own articles and the installation-wide ones, each with whether it is hidden here.

    Items: {"article", "version" (best language), "languages" (codes written), "shared", "hidden"}.
    Three queries. Precondition: the caller coordinates `program` (access_program(..., as_coordinator=True)).
    """
    articles = _with_versions(Article.objects.filter(Q(program=program) | Q(program__isnull=True))).order_by(
        "program_id", "-pk"
    )
    hidden = set(HiddenArticle.objects.filter(program=program).values_list("article_id", flat=True))
    languages = language_order(language, program.language)
    return [
        {"article": article, "version": pick_version(article.versions.all(), languages),
         "languages": [v.language for v in article.versions.all()], "shared": article.program_id is None,
         "hidden": article.pk in hidden}
        for article in articles
    ]


def list_shared_articles(*, language: str) -> list[dict]:
    """Return the installation-wide articles for the operators' page (two queries)."""
    articles = _with_versions(Article.objects.filter(program__isnull=True)).order_by("-pk")
    return [
        {"article": article, "version": pick_version(article.versions.all(), language_order(language)),
         "languages": [v.language for v in article.versions.all()]}
        for article in articles
    ]
