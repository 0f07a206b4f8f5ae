"""REST API routes: /api/v1/ for resources, /api/schema/ and /api/docs/ for the OpenAPI description.

The docs use the "split" Swagger view: its start-up script is a separate file, so the
strict Content-Security-Policy (no inline script) holds there too. Swagger UI does add
<style> elements of its own, so that one page alone also allows inline styles.
"""

from csp.decorators import csp_update
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

urlpatterns = [
    path("v1/", include("api.v1")),
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path(
        "docs/",
        csp_update({"style-src": ["'unsafe-inline'"]})(SpectacularSwaggerSplitView.as_view(url_name="api-schema")),
        name="api-docs",
    ),
]
