"""Template helpers for Brevven's pages."""

import logging

from django import template
from django.conf import settings
from django.templatetags.static import static
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy

from programs.models import AVATAR_CODES

logger = logging.getLogger(__name__)
register = template.Library()


#: Where a link whose page cannot be found points in production (see page_url).
BROKEN_LINK = "#link-unavailable"


@register.simple_tag
def page_url(name: str, *args) -> str:
    """Return the URL named `name` with `args`; a name or arguments that do not resolve fail loudly.

    With settings.BREVVEN_STRICT_LINKS (DEBUG, and the test suite) NoReverseMatch is raised,
    so the test that renders the page fails. In production the error is logged and the link
    is still rendered, pointing to BROKEN_LINK, so a person sees it and can report it
    rather than a page that silently lost a link.
    """
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        if settings.BREVVEN_STRICT_LINKS:
            raise
        logger.error("a page links to URL name %r with %d arguments, which does not resolve", name, len(args))
        return BROKEN_LINK


@register.simple_tag
def avatar_url(code: str) -> str:
    """Return the static URL of avatar `code`, or the neutral one for an unknown or empty code."""
    return static(f"frontend/avatars/{code if code in AVATAR_CODES else 'none'}.svg")


#: A letter's status in plain words for its author, and the class that styles it (never colour alone).
_STATUS_WORDS = {
    "draft": ("status-draft", gettext_lazy("Draft — not sent yet")),
    "in_review": ("status-review", gettext_lazy("With your coordinator")),
    "changes_requested": ("status-returned", gettext_lazy("Returned — see the note")),
    "delivered": ("status-delivered", gettext_lazy("Delivered")),
    "read": ("status-read", gettext_lazy("Delivered and read")),
    "withheld": ("status-withheld", gettext_lazy("Not delivered — your coordinator will talk to you")),
}


@register.simple_tag
def letter_status(letter) -> str:
    """Return `letter`'s status for its author as a labelled span ("" for an unknown status).

    A tag rather than an include: a page listing letters renders it once per letter, and an
    include costs a template context each time. frontend/includes/letter_status.html calls it.
    """
    return status_html(letter.status)


def status_html(status: str) -> str:
    """Return the labelled span letter_status shows for a letter in `status` ("" for an unknown one)."""
    css, words = _STATUS_WORDS.get(status, ("", ""))
    return format_html('<span class="status {}">{}</span>', css, words) if css else ""


@register.simple_tag(takes_context=True)
def letter_body(context, letter) -> str:
    """Return `letter`'s HTML as the signed-in person may read it (letters.viewing decides).

    Whether the person coordinates the letter's program is asked once per program and request
    (remembered on the request: each include has its own render context), so a thread costs
    no query per letter for it.
    """
    from letters.viewing import letter_view_for
    from programs.permissions import is_coordinator

    request = context["request"]
    user = request.user
    if not hasattr(request, "_coordinated_programs"):
        request._coordinated_programs = {}
    known = request._coordinated_programs
    program = letter.pair.program
    if program.pk not in known:
        known[program.pk] = is_coordinator(user, program)
    return letter_view_for(user, letter, coordinates=known[program.pk]).body_html


def _day_and_date(local, today) -> str:
    """Return "Friday 11 December, 17:00" for `local` in the active language's own formats.

    The year is named only when it is not `today`'s.
    """
    from django.utils import formats
    from django.utils.translation import gettext

    date = formats.date_format(local, "MONTH_DAY_FORMAT" if local.year == today.year else "DATE_FORMAT")
    return gettext("%(weekday)s %(date)s, %(time)s") % {
        "weekday": formats.date_format(local, "l"), "date": date, "time": formats.time_format(local, "TIME_FORMAT"),
    }


def _other_zone_time(moment, zone_name: str) -> str:
    """Return "17:00 in Europe/Copenhagen" when `zone_name` is not the viewer's own zone, else "".

    The viewer's own zone is the active one (frontend.middleware: their own choice, else
    their program's). An unknown or empty `zone_name` names nothing.
    """
    import zoneinfo

    from django.utils import formats, timezone
    from django.utils.translation import gettext

    try:
        zone = zoneinfo.ZoneInfo(zone_name) if zone_name else None
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return ""
    if zone is None or str(zone) == str(timezone.get_current_timezone()):
        return ""
    there = timezone.localtime(moment, zone)
    if there.utcoffset() == timezone.localtime(moment).utcoffset() and there.tzname() == timezone.localtime(moment).tzname():
        return ""  # the same clock under another name (e.g. Europe/Oslo and Europe/Copenhagen)
    return gettext("%(time)s in %(zone)s") % {
        "time": formats.time_format(there, "TIME_FORMAT"), "zone": zone_name.replace("_", " "),
    }


@register.filter
def due_phrase(moment, zone_name: str = "") -> str:
    """Return "is due in 9 days (Friday 11 December, 17:00)" for `moment`, in the active language and time zone.

    Days are counted between calendar dates in the viewer's zone, so a deadline tomorrow
    morning reads "is due tomorrow" tonight. A past deadline reads "was due 3 days ago (…)".
    `zone_name` is the zone the deadline was set in (its program's): when its clock is not
    the viewer's, the time there is added with the zone named, "(Friday 11 December, 16:00;
    17:00 in Europe/Copenhagen)". Empty for None.
    """
    from django.utils import timezone
    from django.utils.translation import gettext, ngettext

    if moment is None:
        return ""
    local, today = timezone.localtime(moment), timezone.localtime().date()
    days = (local.date() - today).days
    when = _day_and_date(local, today)
    if elsewhere := _other_zone_time(moment, zone_name):
        when = gettext("%(when)s; %(elsewhere)s") % {"when": when, "elsewhere": elsewhere}
    if days == 0:
        text = gettext("is due today (%(when)s)") if moment >= timezone.now() else gettext("was due today (%(when)s)")
    elif days == 1:
        text = gettext("is due tomorrow (%(when)s)")
    elif days > 1:
        text = ngettext("is due in %(count)d day (%(when)s)", "is due in %(count)d days (%(when)s)", days)
    else:
        text = ngettext("was due %(count)d day ago (%(when)s)", "was due %(count)d days ago (%(when)s)", -days)
    return text % {"count": abs(days), "when": when}


@register.filter
def excerpt(letter) -> str:
    """Return the first line of a letter as its author or a coordinator sees it (plain text)."""
    from letters.selectors import letter_excerpt

    return letter_excerpt(letter)


@register.filter
def recipient_excerpt(letter) -> str:
    """Return the first line of a delivered letter as its recipient sees it, removed parts hidden."""
    from letters.selectors import letter_excerpt

    return letter_excerpt(letter, for_recipient=True)


@register.filter
def first_line_of(text: str) -> str:
    """Return the first line of plain `text` (e.g. the start of a letter a list fetched), cut short."""
    from letters.selectors import first_line

    return first_line(text or "")


@register.inclusion_tag("frontend/includes/program_menu.html", takes_context=True)
def program_menu(context, program):
    """Render the program menu (frontend.program_menu) for `program`, marking the page shown now."""
    from frontend.program_menu import program_menu as menu_links

    match = getattr(context.get("request"), "resolver_match", None)
    return {"menu_program": program, "links": menu_links(program.pk, match.url_name if match else None)}
