"""The toolbox: short articles and exercises for mentors or for mentees, in one or more languages.

An article belongs to a program, or to nobody (`program` empty): the installation-wide set
an operator writes, which every program shares unless its coordinators hide an article
(`HiddenArticle`). Each article has one version per language it is written in; the text
is sanitised HTML (toolbox.services, with the sanitiser readings use).
"""

from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from programs.models import LANGUAGE_CHOICES, Membership, Program, choices_constraint


class Audience(models.TextChoices):
    MENTORS = "mentors", _("Mentors")
    MENTEES = "mentees", _("Mentees")


class ArticleKind(models.TextChoices):
    ARTICLE = "article", _("Article")
    EXERCISE = "exercise", _("Exercise")


class Moment(models.TextChoices):
    """When an article is the tip on a member's home page (toolbox.moments decides which applies)."""

    NONE = "", _("No particular moment")
    REPLY_OVERDUE = "reply_overdue", _("A mentor's reply is overdue")
    NEVER_WROTE = "never_wrote", _("A mentee has not written a letter yet")
    PAIR_ENDING = "pair_ending", _("The program ends soon")


#: The audience each member role reads; coordinators read every article of their programs.
AUDIENCE_OF_ROLE = {Membership.Role.MENTOR: Audience.MENTORS, Membership.Role.MENTEE: Audience.MENTEES}


class ArticleQuerySet(models.QuerySet):
    def visible_to(self, user) -> "ArticleQuerySet":
        """Return the articles `user` may open.

        Operators: all. Coordinators: their programs' articles and the installation-wide
        set (hidden ones included: they decide about hiding). Mentors and mentees: the
        articles for their role of the programs they belong to with that role, and the
        installation-wide ones for that role that at least one of those programs has not hidden.
        """
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self.all()
        coordinated = Program.objects.coordinated_by(user).values("pk")
        visible = Q(program__in=coordinated) | (Q(program__isnull=True) & Exists(coordinated))
        for role, audience in AUDIENCE_OF_ROLE.items():
            visible |= self._for_members(user, role, audience)
        return self.filter(visible)

    @staticmethod
    def _for_members(user, role: str, audience: str) -> Q:
        memberships = Membership.objects.filter(user=user, role=role, status=Membership.Status.ACTIVE)
        hidden_here = HiddenArticle.objects.filter(article=OuterRef("pk"), program=OuterRef("program"))
        hidden_in_membership = HiddenArticle.objects.filter(article=OuterRef(OuterRef("pk")), program=OuterRef("program"))
        own = Q(program__in=memberships.values("program")) & ~Exists(hidden_here)
        shared = Q(program__isnull=True) & Exists(memberships.filter(~Exists(hidden_in_membership)))
        return Q(audience=audience) & (own | shared)


class Article(models.Model):
    """An article or exercise for one audience; its words live in its versions (one per language)."""

    Audience = Audience
    Kind = ArticleKind
    Moment = Moment

    program = models.ForeignKey(
        Program, on_delete=models.CASCADE, null=True, blank=True, related_name="toolbox_articles",
        help_text=_("Empty: the installation-wide set every program shares."),
    )
    audience = models.CharField(_("for"), max_length=10, choices=Audience.choices)
    kind = models.CharField(_("kind"), max_length=10, choices=ArticleKind.choices, default=ArticleKind.ARTICLE)
    moment = models.CharField(_("tip for the moment"), max_length=20, choices=Moment.choices, blank=True, default="")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["pk"]
        constraints = [
            choices_constraint("audience", Audience.choices, "article_audience_valid"),
            choices_constraint("kind", ArticleKind.choices, "article_kind_valid"),
            choices_constraint("moment", Moment.choices, "article_moment_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.pk} ({self.get_audience_display()})"


class ArticleVersion(models.Model):
    """An article's title and text in one language. `body` is sanitised HTML (toolbox.services)."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="versions")
    language = models.CharField(_("language"), max_length=8, choices=LANGUAGE_CHOICES)
    title = models.CharField(_("title"), max_length=200)
    summary = models.CharField(_("one-line summary"), max_length=300, blank=True)
    body = models.TextField(_("text"))
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["article", "language"]
        constraints = [
            choices_constraint("language", LANGUAGE_CHOICES, "articleversion_language_valid"),
            models.UniqueConstraint(fields=["article", "language"], name="articleversion_one_per_language"),
        ]

    def __str__(self) -> str:
        return f"{self.title} [{self.language}]"


class HiddenArticle(models.Model):
    """A program's coordinators chose not to show `article` (their own or an installation-wide one)."""

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="hidden_articles")
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="hidden_in")
    hidden_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                  related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["program", "article"], name="hiddenarticle_once_per_program")]
