"""The toolbox pages: members read articles for their role; coordinators write their program's and hide
any; operators write the installation-wide set. Views only: the rules live in the toolbox app."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from frontend.community_forms import ArticleSettingsForm, ArticleVersionForm, NewArticleForm
from frontend.forms import apply_service_error
from programs.access import access_program
from programs.exceptions import error_messages
from programs.models import LANGUAGE_CODES
from programs.permissions import is_operator
from toolbox import services
from toolbox.access import access_article
from toolbox.selectors import article_languages, list_member_shelves, list_program_articles, list_shared_articles, pick_version


# ---------------------------------------------------------------------------- members


@login_required
def toolbox(request):
    """The articles and exercises for the person's role in each of their programs."""
    shelves = list_member_shelves(request.user, language=translation.get_language())
    return render(request, "frontend/toolbox/library.html", {"shelves": shelves})


@login_required
def article(request, article_id: int):
    """One article in the reader's language first (?lang= picks another version that exists)."""
    item = access_article(request.user, article_id)
    versions = list(item.versions.all())
    order = article_languages(request.user, item, language=translation.get_language())
    asked = request.GET.get("lang", "")
    if asked in LANGUAGE_CODES:
        order = [asked, *order]
    version = pick_version(versions, order)
    if version is None:
        raise Http404(_("No such article."))
    return render(request, "frontend/toolbox/article.html", {
        "article": item, "version": version,
        "others": sorted((v for v in versions if v.language != version.language), key=lambda v: order.index(v.language)),
    })


# ---------------------------------------------------------------------------- writers


def _writer_context(request, program_id: int | None):
    """Return the program whose toolbox is being written (None: the shared set, operators only)."""
    if program_id is None:
        if not is_operator(request.user):
            raise Http404(_("No such page."))
        return None
    return access_program(request.user, program_id, as_coordinator=True)


def _list_url(program) -> str:
    return reverse("coordinator-toolbox", args=[program.pk]) if program else reverse("operator-toolbox")


def _article_url(program, article) -> str:
    if program is None:
        return reverse("operator-toolbox-article", args=[article.pk])
    return reverse("coordinator-toolbox-article", args=[program.pk, article.pk])


@login_required
def coordinator_toolbox(request, program_id: int | None = None):
    """The program's own articles and the shared ones, with hide and show; or, for operators, the shared set."""
    program = _writer_context(request, program_id)
    language = translation.get_language()
    items = list_program_articles(program, language=language) if program else list_shared_articles(language=language)
    return render(request, "frontend/toolbox/manage.html", {"program": program, "items": items})


@login_required
def article_new(request, program_id: int | None = None):
    """Write a new article: its settings and its first language version."""
    program = _writer_context(request, program_id)
    form = NewArticleForm(request.POST or None, initial={"language": program.language if program else "en"})
    if request.method == "POST" and form.is_valid():
        try:
            created = services.create_article(request.user, program=program, **form.cleaned_data)
        except (ValidationError, PermissionDenied) as error:
            apply_service_error(form, error if isinstance(error, ValidationError) else ValidationError(str(error)))
        else:
            messages.success(request, _("The article is saved."))
            return redirect(_article_url(program, created))
    return render(request, "frontend/toolbox/article_form.html", {"program": program, "form": form, "article": None})


def _own_article(request, program, article_id: int):
    """Return the article if it belongs to `program` (None: the shared set); 404 otherwise."""
    item = access_article(request.user, article_id)
    if item.program_id != (program.pk if program else None):
        raise Http404(_("No such article."))
    return item


@login_required
def article_edit(request, article_id: int, program_id: int | None = None):
    """Change an article's settings, or write it in one more language (?lang= opens that version)."""
    program = _writer_context(request, program_id)
    item = _own_article(request, program, article_id)
    versions = {version.language: version for version in item.versions.all()}
    language = request.GET.get("lang") if request.GET.get("lang") in LANGUAGE_CODES else next(iter(versions), "en")
    current = versions.get(language)
    settings_form = ArticleSettingsForm(
        request.POST if request.POST.get("form") == "settings" else None,
        initial={"audience": item.audience, "kind": item.kind, "moment": item.moment}, prefix="settings",
    )
    version_form = ArticleVersionForm(
        request.POST if request.POST.get("form") == "version" else None, prefix="version",
        initial={"language": language, "title": current.title if current else "",
                 "summary": current.summary if current else "", "body": current.body if current else ""},
    )
    for form, save in ((settings_form, services.update_article), (version_form, services.save_article_version)):
        if form.is_bound and form.is_valid():
            try:
                save(request.user, article=item, **form.cleaned_data)
            except ValidationError as error:
                apply_service_error(form, error)
            else:
                messages.success(request, _("The article is saved."))
                return redirect(_article_url(program, item) + (
                    f"?lang={form.cleaned_data['language']}" if form is version_form else ""))
    return render(request, "frontend/toolbox/article_form.html", {
        "program": program, "article": item, "settings_form": settings_form, "version_form": version_form,
        "versions": versions, "language": language,
    })


@require_POST
@login_required
def article_visibility(request, program_id: int, article_id: int):
    """Hide an article from the program's members, or show it again."""
    program = access_program(request.user, program_id, as_coordinator=True)
    item = access_article(request.user, article_id)
    try:
        services.set_article_hidden(request.user, program=program, article=item, hidden=request.POST.get("hide") == "1")
    except (ValidationError, PermissionDenied) as error:
        for message in error_messages(error):
            messages.error(request, message)
    else:
        messages.success(request, _("Hidden from this program's members.") if request.POST.get("hide") == "1"
                         else _("Shown to this program's members again."))
    return redirect("coordinator-toolbox", program_id=program.pk)


urlpatterns = [
    path("toolbox/", toolbox, name="toolbox"),
    path("toolbox/<int:article_id>/", article, name="toolbox-article"),
    path("programs/<int:program_id>/toolbox/", coordinator_toolbox, name="coordinator-toolbox"),
    path("programs/<int:program_id>/toolbox/new/", article_new, name="coordinator-toolbox-new"),
    path("programs/<int:program_id>/toolbox/<int:article_id>/", article_edit, name="coordinator-toolbox-article"),
    path("programs/<int:program_id>/toolbox/<int:article_id>/visibility/", article_visibility,
         name="coordinator-toolbox-visibility"),
    path("operator/toolbox/", coordinator_toolbox, name="operator-toolbox"),
    path("operator/toolbox/new/", article_new, name="operator-toolbox-new"),
    path("operator/toolbox/<int:article_id>/", article_edit, name="operator-toolbox-article"),
]
