"""REST API routes: /api/v1/ for resources, /api/schema/ and /api/docs/ for the OpenAPI description."""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

urlpatterns = [
    path("v1/", include("api.v1")),
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    # The split view serves Swagger UI's start-up script as a file: no inline script, so the
    # page works under a strict Content-Security-Policy. Its assets come from
    # drf-spectacular-sidecar (our own static files), not from a CDN.
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api-schema"), name="api-docs"),
]
