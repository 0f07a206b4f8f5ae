"""WeasyPrint loads only our own static files while printing a PDF; every other URL is refused."""

import io
import logging
import socket
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from pypdf import PdfReader

from letters import pdf_fetcher
from oversight import reports
from letters.pdf_fetcher import StaticFilesOnlyFetcher

SITE_CSS = Path(finders.find("frontend/site.css"))


@pytest.fixture(autouse=True)
def no_network(monkeypatch):
    """Fail the test if anything tries to open a network connection."""
    def refuse(*args, **kwargs):
        raise AssertionError(f"a network connection was attempted: {args[:1]}")

    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket.socket, "connect", refuse)


def test_our_static_files_are_served_from_disk_by_url_and_by_path():
    fetcher = StaticFilesOnlyFetcher()
    for url in (settings.SITE_URL + "/" + settings.STATIC_URL.strip("/") + "/frontend/site.css", SITE_CSS.as_uri()):
        response = fetcher(url)
        assert response.read() == SITE_CSS.read_bytes()
        assert response.content_type == "text/css"


@pytest.mark.parametrize("url, logged", [
    ("https://example.org/pixel.png", "https://example.org"),
    ("http://169.254.169.254/latest/meta-data/", "http://169.254.169.254"),
    ("file:///etc/passwd", "file:"),
    (SITE_CSS.as_uri().replace("site.css", "../../../config/settings.py"), "file:"),
    ("https://evil.example/static/frontend/site.css", "https://evil.example"),  # our path, another host
    (settings.SITE_URL + "/static/../config/settings.py", settings.SITE_URL),
    (settings.SITE_URL + "/static/frontend/no-such-file.css", settings.SITE_URL),
    ("data:text/css,body{color:red}", "data:"),
])
def test_everything_else_is_refused_with_a_log_line_naming_only_scheme_and_host(url, logged, caplog):
    with caplog.at_level(logging.WARNING, logger="letters.pdf_fetcher"), pytest.raises(ValueError):
        StaticFilesOnlyFetcher()(url)
    (record,) = caplog.records
    assert record.getMessage() == f"PDF resource refused: {logged} is not one of Brevven's static files"


def test_a_pdf_keeps_our_stylesheets_and_leaves_out_what_it_may_not_fetch(monkeypatch, caplog):
    asked = []
    real = pdf_fetcher.static_file_for
    monkeypatch.setattr(pdf_fetcher, "static_file_for", lambda url: asked.append(url) or real(url))
    html = (
        '<html><head><link rel="stylesheet" href="/static/frontend/site.css">'
        '<link rel="stylesheet" href="file:///etc/hostname"></head>'
        '<body><p>Hello</p><img src="https://example.org/pixel.png" alt=""></body></html>'
    )
    with caplog.at_level(logging.WARNING, logger="letters.pdf_fetcher"):
        pdf = reports._pdf(html)
    page = PdfReader(io.BytesIO(pdf)).pages[0]
    # print.css (size: A4) was applied: 210 x 297 mm in points.
    assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (595, 842)
    assert settings.SITE_URL + "/static/frontend/site.css" in asked  # resolved against our site, and served
    refused = sorted(record.getMessage() for record in caplog.records if record.name == "letters.pdf_fetcher")
    assert refused == ["PDF resource refused: file: is not one of Brevven's static files",
                       "PDF resource refused: https://example.org is not one of Brevven's static files"]
