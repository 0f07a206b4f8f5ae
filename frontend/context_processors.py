"""What every page's layout needs: the unread-notice count in the navigation."""

from django.utils.functional import SimpleLazyObject

from letters.selectors import count_unread_notifications


def unread_notices(request) -> dict:
    """Return {"unread_notices": the signed-in person's unread count} for the navigation.

    Lazy and kept on the request: a page that never shows it costs nothing, and one that
    renders several templates asks the database once.
    """
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"unread_notices": 0}
    if not hasattr(request, "_unread_notices"):
        request._unread_notices = SimpleLazyObject(lambda: count_unread_notifications(user))
    return {"unread_notices": request._unread_notices}
