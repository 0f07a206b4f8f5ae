"""Pages for a person's notifications and e-mail settings. Views only: rules live in letters."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from letters.reminders import preferences as notification_preferences
from letters.access import access_notification
from letters.models import ReminderKind
from letters.selectors import list_notifications, render_notification
from programs.exceptions import error_messages


@never_cache
@login_required
def notification_list(request):
    """List my notifications, newest first, 50 a page."""
    page = Paginator(list_notifications(request.user), 50).get_page(request.GET.get("page"))
    for notification in page.object_list:
        notification.shown_title, notification.shown_body = render_notification(notification)
    return render(request, "frontend/notifications/list.html", {"page": page})


@never_cache
@login_required
@require_POST
def notification_read(request, notification_id: int):
    """Mark one notification read; with `open`, go on to the page it points at."""
    notification = access_notification(request.user, notification_id)
    notification_preferences.mark_notification_read(request.user, notification=notification)
    if request.POST.get("open") and url_has_allowed_host_and_scheme(notification.url, allowed_hosts={request.get_host()}):
        return redirect(notification.url)
    return redirect("notifications")


@never_cache
@login_required
@require_POST
def notifications_read_all(request):
    count = notification_preferences.mark_all_notifications_read(request.user)
    messages.success(request, _("Marked %(count)d notifications as read.") % {"count": count})
    return redirect("notifications")


@never_cache
@login_required
def notification_settings(request):
    """Choose which kinds of notice also come by e-mail (urgent safeguarding alerts always do)."""
    preference = notification_preferences.preference_for(request.user)
    if request.method == "POST":
        wanted = set(request.POST.getlist("email"))
        muted = [kind for kind in notification_preferences.MUTABLE_KINDS if kind not in wanted]
        try:
            notification_preferences.set_email_preferences(request.user, muted_kinds=muted)
        except ValidationError as error:
            for message in error_messages(error):
                messages.error(request, message)
        else:
            messages.success(request, _("Your e-mail settings are saved."))
            return redirect("notification-settings")
    labels = dict(ReminderKind.choices)
    choices = [
        {"kind": kind, "label": labels[kind], "on": preference.wants_email(kind)}
        for kind in notification_preferences.MUTABLE_KINDS
    ]
    return render(request, "frontend/notifications/settings.html", {"choices": choices})


urlpatterns = [
    path("notifications/", notification_list, name="notifications"),
    path("notifications/<int:notification_id>/read/", notification_read, name="notification-read"),
    path("notifications/read-all/", notifications_read_all, name="notifications-read-all"),
    path("notifications/settings/", notification_settings, name="notification-settings"),
]
