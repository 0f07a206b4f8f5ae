"""Loading, once per process, what Brevven otherwise loads on the first request that needs it.

A fresh web worker used to spend its first request importing every view (the URLconf),
reading four languages' translation catalogues and compiling templates, and its first
submitted letter loading screening's data: about 1 s and 3 s of CPU, which `make load`
saw as multi-second requests right after the workers started, five workers at once
(docs/performance.md, "The first request of a worker"). config/wsgi.py calls `warm_up()`
once the application is loaded; under `gunicorn --preload` that is once, in the parent
process, before the workers are forked.
"""

import sys
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.template.loader import get_template
from django.urls import get_resolver
from django.utils import translation

from letters.screening.warmup import warm_up as warm_up_screening


def warm_up() -> None:
    """Import the URLconf, load every language's catalogue and the project's templates, and warm screening.

    Precondition: django.setup() has run. Effects: module imports and per-process caches
    only; it opens no database connection, so workers forked afterwards share nothing
    they should not.
    """
    get_resolver().url_patterns  # noqa: B018  (imports every view module)
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            translation.gettext("Home")  # loads the catalogue of `code`
    for name in project_template_names():
        get_template(name)
    warm_up_screening()


def project_template_names() -> list[str]:
    """Return the names of the HTML templates of Brevven's own apps (not those of installed packages)."""
    root = Path(settings.BASE_DIR).resolve()
    environment = Path(sys.prefix).resolve()  # a virtual environment may live inside the checkout
    names = []
    for config in apps.get_app_configs():
        folder = Path(config.path).resolve() / "templates"
        if root in folder.parents and environment not in folder.parents and folder.is_dir():
            names += sorted(str(path.relative_to(folder)) for path in folder.rglob("*.html"))
    return names
