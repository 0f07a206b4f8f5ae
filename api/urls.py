"""REST API routes: /api/v1/ for resources, /api/schema/ and /api/docs/ for the OpenAPI description."""

from django.http import JsonResponse
from django.urls import include, path, re_path
from django.utils.translation import gettext as _
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from api.errors import error_body


def unknown_endpoint(request, *args, **kwargs):
    """Answer any other path under /api/ in the API's JSON error format, not with an HTML page."""
    message = _("There is no such API endpoint. Paths end with a slash; see /api/docs/.")
    return JsonResponse(error_body("not_found", message), status=404)


urlpatterns = [
    path("v1/", include("api.v1")),
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    # The split view serves Swagger UI's start-up script as a file: no inline script, so the
    # page works under a strict Content-Security-Policy. Its assets come from
    # drf-spectacular-sidecar (our own static files), not from a CDN; api/swagger_ui.html
    # moves the package's inline <style> into a static file too.
    path(
        "docs/", SpectacularSwaggerSplitView.as_view(url_name="api-schema", template_name="api/swagger_ui.html"),
        name="api-docs",
    ),
    re_path(r"^.*$", unknown_endpoint),
]
