"""The committed OpenAPI description matches the code, and Swagger UI needs no internet."""

from io import StringIO
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.test import Client
from django.utils import translation

COMMITTED = Path(settings.BASE_DIR) / "docs" / "openapi.yaml"


def test_committed_schema_matches_the_code():
    with translation.override("en"):
        out = StringIO()
        call_command("spectacular", "--validate", "--fail-on-warn", stdout=out)
    assert out.getvalue() == COMMITTED.read_text(), (
        "docs/openapi.yaml is out of date with the API code. Regenerate it with `make openapi` "
        "(DEBUG=1 .venv/bin/python manage.py spectacular --file docs/openapi.yaml --validate) and commit it."
    )


def test_docs_page_loads_swagger_ui_from_our_own_static_files(db):
    page = Client().get("/api/docs/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js" in html
    assert "cdn" not in html.lower() and "https://" not in html
    # No inline script or style (for the Content-Security-Policy): the start-up script and
    # the page's CSS are files.
    assert "<script>" not in html.replace(" ", "") and "<style" not in html
    assert "/static/api/swagger-page.css" in html
