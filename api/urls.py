"""REST API routes: /api/v1/ for resources, /api/schema/ and /api/docs/ for the OpenAPI description.

The docs use the "split" Swagger view: its start-up script is a separate file, and its
assets come from drf-spectacular-sidecar (our own static files, no CDN), so the strict
Content-Security-Policy (no inline script) holds there too. Swagger UI adds <style>
elements of its own at run time, so that one page alone also allows inline styles.
"""

from csp.decorators import csp_update
from django.http import JsonResponse
from django.urls import include, path, re_path
from django.utils.translation import gettext as _
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from api.errors import error_body


def unknown_endpoint(request, *args, **kwargs):
    """Answer any other path under /api/ in the API's JSON error format, not with an HTML page."""
    message = _("There is no such API endpoint. Paths end with a slash; see /api/docs/.")
    return JsonResponse(error_body("not_found", message), status=404)


swagger_ui = SpectacularSwaggerSplitView.as_view(url_name="api-schema", template_name="api/swagger_ui.html")

urlpatterns = [
    path("v1/", include("api.v1")),
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("docs/", csp_update({"style-src": ["'unsafe-inline'"]})(swagger_ui), name="api-docs"),
    re_path(r"^.*$", unknown_endpoint),
]
