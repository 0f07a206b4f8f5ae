"""CSRF_FAILURE_VIEW: send a refused request to the answer its caller can read.

Under /api/ the caller is a program or the site's own scripts: it gets the API's JSON error
(api.csrf). Everywhere else it is a person whose form was refused, typically after their
session ended mid-letter: they get a translated page in the site's layout
(frontend.error_views). Both apps answer for themselves; only the project knows both.
"""

from api.csrf import csrf_failure as api_csrf_failure
from frontend.error_views import csrf_failure as page_csrf_failure


def csrf_failure(request, reason: str = ""):
    """Answer a failed CSRF check with the API's JSON error under /api/, a page elsewhere."""
    if request.path.startswith("/api/"):
        return api_csrf_failure(request, reason=reason)
    return page_csrf_failure(request, reason=reason)
