"""What WeasyPrint may load while it prints a PDF: the project's own static files, nothing else.

By default WeasyPrint fetches any URL a document names: remote addresses (a tracking pixel,
an internal service reachable from the worker) and any file the worker can read. Nothing
in Brevven's PDFs names such a URL today, and letter text is sanitised before it reaches
a template; this fetcher is the second line of defence. Every HTML() and CSS() that makes
a Brevven PDF is given one (`StaticFilesOnlyFetcher`).

A URL is served only when it names a static file that Django's staticfiles finders (or,
after collectstatic, the static files storage) know: `<our site>/static/<name>` (relative
URLs resolve against SITE_URL, see `pdf_base_url`) or a `file://` path inside one of the
static directories. Everything else is refused with one log line that names the scheme
and host only (a path or query could carry personal data), and WeasyPrint leaves that
resource out of the PDF.
"""

from __future__ import annotations

import logging
import mimetypes
from pathlib import Path
from urllib.parse import unquote, urlsplit
from urllib.request import url2pathname

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from weasyprint.urls import URLFetcher, URLFetcherResponse

logger = logging.getLogger(__name__)


def pdf_base_url() -> str:
    """Return the base URL of our PDFs' HTML, so `{% static %}` paths resolve to our own site."""
    return settings.SITE_URL + "/"


def static_roots() -> list[Path]:
    """Return every directory static files are served from (finders' locations and STATIC_ROOT), resolved."""
    roots = [Path(settings.STATIC_ROOT)]
    for finder in finders.get_finders():
        roots += [Path(storage.location) for storage in getattr(finder, "storages", {}).values()]
    return [root.resolve() for root in roots]


def _static_name(url: str) -> str | None:
    """Return the static file name an http(s) URL of our own site names, or None."""
    parts, site = urlsplit(url), urlsplit(settings.SITE_URL)
    static_prefix = urlsplit(settings.STATIC_URL).path
    if not static_prefix.startswith("/"):
        static_prefix = "/" + static_prefix
    if (parts.scheme, parts.netloc) != (site.scheme, site.netloc) or not parts.path.startswith(static_prefix):
        return None
    return unquote(parts.path[len(static_prefix):])


def _find_static(name: str) -> Path | None:
    """Return the file of static file `name` (found by the finders, else in the storage), or None."""
    if not name or ".." in Path(name).parts:
        return None
    found = finders.find(name)
    if found:
        return Path(found)
    if staticfiles_storage.exists(name):
        return Path(staticfiles_storage.path(name))
    return None


def static_file_for(url: str) -> Path | None:
    """Return the local static file `url` names, or None if it names anything else."""
    scheme = urlsplit(url).scheme.lower()
    if scheme in ("http", "https"):
        name = _static_name(url)
        path = _find_static(name) if name is not None else None
    elif scheme == "file":
        path = Path(url2pathname(urlsplit(url).path))
    else:
        return None
    if path is None:
        return None
    path = path.resolve()  # follows symlinks and "..", so nothing escapes the static directories
    if not path.is_file() or not any(path.is_relative_to(root) for root in static_roots()):
        return None
    return path


class StaticFilesOnlyFetcher(URLFetcher):
    """A WeasyPrint URL fetcher that serves our static files from disk and refuses every other URL.

    It never opens a network connection: our own site's static URLs are read from the
    static directories. A refusal raises, which WeasyPrint turns into a missing resource.
    """

    def fetch(self, url, headers=None):
        path = static_file_for(url)
        if path is None:
            parts = urlsplit(url)
            logger.warning("PDF resource refused: %s%s is not one of Brevven's static files",
                           f"{parts.scheme}:" if parts.scheme else "", f"//{parts.netloc}" if parts.netloc else "")
            raise ValueError("only the project's static files may be fetched while printing")
        content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(path.as_uri(), path.read_bytes(), {"Content-Type": content_type})
