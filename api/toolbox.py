"""The toolbox: articles and exercises for mentors or mentees. Members read; coordinators and operators write."""

from django.utils import translation
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, extend_schema_field, extend_schema_serializer
from rest_framework import serializers, status
from rest_framework.response import Response

from api.base import ApiListView, ApiView, IdField, errors
from programs.access import access_program
from programs.models import LANGUAGE_CHOICES
from toolbox import services
from toolbox.access import access_article
from toolbox.models import Article, ArticleKind, Audience, Moment
from toolbox.selectors import language_order, pick_version


@extend_schema_serializer(component_name="ArticleVersion")
class VersionSerializer(serializers.Serializer):
    language = serializers.ChoiceField(choices=LANGUAGE_CHOICES)
    title = serializers.CharField()
    summary = serializers.CharField()
    body_html = serializers.CharField(source="body", help_text="Sanitised HTML.")


class ArticleSummarySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    program = serializers.IntegerField(source="program_id", allow_null=True,
                                       help_text="Null: the installation-wide set every program shares.")
    audience = serializers.ChoiceField(choices=Audience.choices)
    kind = serializers.ChoiceField(choices=ArticleKind.choices)
    moment = serializers.ChoiceField(choices=Moment.choices, allow_blank=True)
    languages = serializers.SerializerMethodField()
    language = serializers.SerializerMethodField()
    title = serializers.SerializerMethodField()
    summary = serializers.SerializerMethodField()

    def _best(self, article):
        program_language = article.program.language if article.program_id else ""
        return pick_version(article.versions.all(), language_order(translation.get_language(), program_language))

    @extend_schema_field(serializers.ListField(child=serializers.ChoiceField(choices=LANGUAGE_CHOICES)))
    def get_languages(self, article):
        return sorted(version.language for version in article.versions.all())

    @extend_schema_field(serializers.ChoiceField(
        choices=LANGUAGE_CHOICES, help_text="The language shown: the caller's own if written, else the program's, else any."))
    def get_language(self, article):
        return self._best(article).language

    @extend_schema_field(serializers.CharField())
    def get_title(self, article):
        return self._best(article).title

    @extend_schema_field(serializers.CharField())
    def get_summary(self, article):
        return self._best(article).summary


class ArticleSerializer(ArticleSummarySerializer):
    body_html = serializers.SerializerMethodField(help_text="Sanitised HTML of the language shown.")
    versions = VersionSerializer(many=True, source="versions.all")

    @extend_schema_field(serializers.CharField())
    def get_body_html(self, article):
        return self._best(article).body


def render_article(article: Article, *, status_code: int = status.HTTP_200_OK) -> Response:
    article = Article.objects.select_related("program").prefetch_related("versions").get(pk=article.pk)
    return Response(ArticleSerializer(article).data, status=status_code)


@extend_schema_serializer(component_name="ArticleVersionInput")
class VersionInputSerializer(serializers.Serializer):
    language = serializers.ChoiceField(choices=LANGUAGE_CHOICES)
    title = serializers.CharField(max_length=200)
    summary = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")
    body = serializers.CharField(help_text="Plain text or simple HTML; sanitised like readings.")


class ArticleListView(ApiListView):
    class FilterSerializer(serializers.Serializer):
        program = IdField(required=False, help_text="Only this program's own articles.")
        audience = serializers.ChoiceField(choices=Audience.choices, required=False)
        shared = serializers.BooleanField(required=False, allow_null=True, default=None,
                                          help_text="true: only the installation-wide set; false: only programs' own.")

    @extend_schema_serializer(component_name="ArticleCreateInput")
    class CreateInputSerializer(VersionInputSerializer):
        program = IdField(allow_null=True, help_text="Null: the installation-wide set (operators only).")
        audience = serializers.ChoiceField(choices=Audience.choices)
        kind = serializers.ChoiceField(choices=ArticleKind.choices, default=ArticleKind.ARTICLE)
        moment = serializers.ChoiceField(choices=Moment.choices, allow_blank=True, default="")

    serializer_class = ArticleSummarySerializer
    filter_serializer_class = FilterSerializer

    @extend_schema(operation_id="toolbox_articles_list", summary="List toolbox articles", tags=["toolbox"],
                   parameters=[FilterSerializer], responses={200: ArticleSummarySerializer(many=True), **errors(400, 404)})
    def get(self, request, *args, **kwargs):
        """List the articles the caller may read: members those for their role, coordinators all of their programs'."""
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        user = self.request.user
        articles = Article.objects.visible_to(user)
        filters = self.get_filters()
        if "program" in filters:
            articles = articles.filter(program=access_program(user, filters["program"]))
        if "audience" in filters:
            articles = articles.filter(audience=filters["audience"])
        if filters.get("shared") is not None:
            articles = articles.filter(program__isnull=filters["shared"])
        return articles.select_related("program").prefetch_related("versions").order_by("-pk")

    @extend_schema(operation_id="toolbox_articles_create", summary="Write an article (coordinators, operators)",
                   tags=["toolbox"], request=CreateInputSerializer,
                   responses={201: ArticleSerializer, **errors(400, 403, 404)})
    def post(self, request):
        """Add an article with its first language version to a program, or (operators) to the shared set."""
        parser = self.CreateInputSerializer(data=request.data)
        parser.is_valid(raise_exception=True)
        data = parser.validated_data
        program_id = data.pop("program")
        program = access_program(request.user, program_id) if program_id else None
        article = services.create_article(request.user, program=program, **data)
        return render_article(article, status_code=status.HTTP_201_CREATED)


class ArticleDetailView(ApiView):
    @extend_schema_serializer(component_name="ArticleUpdateInput")
    class UpdateInputSerializer(serializers.Serializer):
        audience = serializers.ChoiceField(choices=Audience.choices)
        kind = serializers.ChoiceField(choices=ArticleKind.choices)
        moment = serializers.ChoiceField(choices=Moment.choices, allow_blank=True)

    @extend_schema(operation_id="toolbox_articles_retrieve", summary="Read one toolbox article", tags=["toolbox"],
                   responses={200: ArticleSerializer, **errors(404)})
    def get(self, request, article_id: int):
        """Return an article: the caller's language first (then the program's, then any), and every version."""
        return Response(ArticleSerializer(access_article(request.user, article_id)).data)

    @extend_schema(operation_id="toolbox_articles_update", summary="Change who an article is for (writers)",
                   tags=["toolbox"], request=UpdateInputSerializer,
                   responses={200: ArticleSerializer, **errors(400, 403, 404)})
    def put(self, request, article_id: int):
        """Change an article's audience, kind and moment."""
        article = access_article(request.user, article_id)
        parser = self.UpdateInputSerializer(data=request.data)
        parser.is_valid(raise_exception=True)
        return render_article(services.update_article(request.user, article=article, **parser.validated_data))


class ArticleVersionView(ApiView):
    @extend_schema(operation_id="toolbox_articles_version_save", summary="Write an article in one language (writers)",
                   tags=["toolbox"], request=VersionInputSerializer,
                   responses={200: ArticleSerializer, **errors(400, 403, 404)})
    def post(self, request, article_id: int):
        """Add the article's version in a language, or change it if it exists."""
        article = access_article(request.user, article_id)
        parser = VersionInputSerializer(data=request.data)
        parser.is_valid(raise_exception=True)
        services.save_article_version(request.user, article=article, **parser.validated_data)
        return render_article(article)


@extend_schema_serializer(component_name="ArticleHideInput")
class HideInputSerializer(serializers.Serializer):
    program = IdField(required=False, help_text="The program to hide it in; by default the article's own.")


class _HideView(ApiView):
    hidden: bool

    def post(self, request, article_id: int):
        article = access_article(request.user, article_id)
        parser = HideInputSerializer(data=request.data)
        parser.is_valid(raise_exception=True)
        program_id = parser.validated_data.get("program") or article.program_id
        if program_id is None:
            raise serializers.ValidationError({"program": [_("Say in which program to hide or show a shared article.")]})
        program = access_program(request.user, program_id)
        services.set_article_hidden(request.user, program=program, article=article, hidden=self.hidden)
        return Response({"article": article.pk, "program": program.pk, "hidden": self.hidden})


@extend_schema_serializer(component_name="ArticleHidden")
class HideOutputSerializer(serializers.Serializer):
    article = serializers.IntegerField()
    program = serializers.IntegerField()
    hidden = serializers.BooleanField()


class ArticleHideView(_HideView):
    hidden = True

    @extend_schema(operation_id="toolbox_articles_hide", summary="Hide an article in a program (coordinators)",
                   tags=["toolbox"], request=HideInputSerializer,
                   responses={200: HideOutputSerializer, **errors(400, 403, 404)})
    def post(self, request, article_id: int):
        """Stop showing the article to the program's members (a shared one stays in other programs)."""
        return super().post(request, article_id)


class ArticleShowView(_HideView):
    hidden = False

    @extend_schema(operation_id="toolbox_articles_show", summary="Show a hidden article again (coordinators)",
                   tags=["toolbox"], request=HideInputSerializer,
                   responses={200: HideOutputSerializer, **errors(400, 403, 404)})
    def post(self, request, article_id: int):
        """Show the article to the program's members again."""
        return super().post(request, article_id)
