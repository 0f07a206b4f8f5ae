"""Pages for mentees and mentors: parse input, call a selector or service, render. No business rules here."""

from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import dateformat, timezone, translation
from django.utils.formats import get_format
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from icalendar import Calendar, Event

from frontend.forms import LetterForm, PreferencesForm, ProfileForm, apply_service_error, whole_numbers
from frontend.selectors import home_summary, list_writing_pairs
from frontend.templatetags.brevven import avatar_url, status_html
from letters import selectors as letter_selectors
from letters import services as letter_services
from letters.access import access_letter, access_own_letter
from letters.models import LetterStatus
from letters.viewing import body_html_for
from letters.text import counter_messages as length_messages
from programs import services as program_services
from programs.access import access_own_pair, access_pair_for_members
from programs.exceptions import error_messages
from programs.models import AVATAR_CHOICES, Membership, User
from programs.permissions import member_coordinates
from programs.selectors import preferred_locale
from readings.access import access_assignment
from timeline.selectors import member_events

#: A page never shows more letters than this; a longer list posted to letters_mark_read is cut.
MAX_LETTERS_A_PAGE = 1000
#: How long a deadline's event in the calendar feed lasts (it ends at the deadline).
CALENDAR_EVENT_LENGTH = timedelta(minutes=30)


@never_cache
@login_required
def home(request):
    """Show the signed-in person what to do next in each of their programs."""
    return render(request, "frontend/home.html",
                  {"summary": home_summary(request.user, language=translation.get_language())})


@login_required
def assignment_detail(request, assignment_id: int):
    """Show a reading as assigned: its text, the prompt and when letters about it are due."""
    assignment = access_assignment(request.user, assignment_id)
    return render(request, "frontend/reading.html", {
        "assignment": assignment, "reading": assignment.reading,
        "pairs": list_writing_pairs(request.user, assignment.program_id),
    })


def _int_or_none(value) -> int | None:
    try:
        return int(value) if value not in (None, "") else None
    except (TypeError, ValueError):
        raise Http404(_("No such letter.")) from None


@require_POST
@login_required
def start_letter(request, pair_id: int):
    """Open the editor for a letter in the pair: the unsent one on the same subject, or a new draft."""
    pair = access_own_pair(request.user, pair_id)
    assignment_id = _int_or_none(request.POST.get("assignment"))
    in_reply_to_id = _int_or_none(request.POST.get("in_reply_to"))
    draft = letter_selectors.find_open_draft(
        request.user, pair=pair, assignment_id=assignment_id, in_reply_to_id=in_reply_to_id
    )
    if draft is None:
        assignment = access_assignment(request.user, assignment_id) if assignment_id else None
        in_reply_to = access_letter(request.user, in_reply_to_id) if in_reply_to_id else None
        try:
            draft = letter_services.save_draft(
                request.user, pair=pair, body="", assignment=assignment, in_reply_to=in_reply_to
            )
        except (ValidationError, PermissionDenied) as error:
            for message in error_messages(error):
                messages.error(request, message)
            return redirect("pair-thread", pair_id=pair.pk)
    return redirect("letter-edit", letter_id=draft.pk)


def _own_editable_letter(request, letter_id: int, *, related: bool = True):
    """Return the signed-in author's own letter; 404 for anyone else's.

    `related` False reads the letter's row only, for a request that hands it to a service
    (which reads it again, locked, with what it checks: letters.access.access_own_letter).
    """
    return access_own_letter(request.user, letter_id, related=related)


def _posted_version(request) -> str | None:
    """Return the draft version the editor posted: "Keep my text" carries the newer one it was shown."""
    return request.POST.get("keep_version") or request.POST.get("version") or None


@never_cache
@login_required
def letter_edit(request, letter_id: int):
    """The letter editor: save the draft, or send it to the coordinator. Input is never lost.

    A save or send from a page older than the last save elsewhere (another tab or device)
    is refused by the service; the page then shows both texts and lets the author choose
    (letters.services.DraftConflict).
    """
    # A post goes to a service, which re-reads the letter under its lock: the page's own
    # read then needs the row only, and the page re-reads it in full when it is shown again.
    posted = request.method == "POST"
    letter = _own_editable_letter(request, letter_id, related=not posted)
    if letter.status not in letter_selectors.EDITABLE_STATUSES:
        return redirect("letter-detail", letter_id=letter.pk)
    form = LetterForm(request.POST or None, initial={"body": letter.body_text})
    version = letter_selectors.draft_version(letter)
    conflict = None
    if request.method == "POST" and form.is_valid():
        body = form.cleaned_data["body"]
        version = _posted_version(request)
        try:
            if request.POST.get("action") == "send":
                letter_services.submit_letter(request.user, letter=letter, body=body, expected_version=version)
                messages.success(request, _("Sent. Your coordinator will read your letter before it is delivered."))
                return redirect("my-letters")
            letter_services.save_draft(request.user, letter=letter, body=body, expected_version=version)
            messages.success(request, _("Your draft is saved."))
            return redirect("letter-edit", letter_id=letter.pk)
        except letter_services.DraftConflict as error:
            conflict = error
            form.add_error(None, error.messages[0])
        except ValidationError as error:
            apply_service_error(form, error)
            version = None
    if posted:  # shown again (a refusal or a conflict): with everything the page shows, as saved now
        letter = _own_editable_letter(request, letter_id)
        version = version or letter_selectors.draft_version(letter)
    return render(request, "frontend/letter_edit.html", {
        "letter": letter, "form": form, "program": letter.pair.program, "version": version, "conflict": conflict,
        "length_messages": length_messages(),
        "partner": letter.pair.partner_of(letter.author),
        "return_note": letter_selectors.latest_event_note(letter) if letter.status == LetterStatus.CHANGES_REQUESTED else "",
    }, status=409 if conflict else 200)


@never_cache
@require_POST
@login_required
def letter_draft_save(request, letter_id: int):
    """Save the draft's text as the author types (called by draft.js); answer in JSON.

    400 with the reason (such as the letter's length, in the counter's words) when the
    text is refused; 409 with the newer saved text and its version when the letter was
    saved elsewhere since the editor's `version`.
    """
    letter = _own_editable_letter(request, letter_id, related=False)
    try:
        letter = letter_services.save_draft(
            request.user, letter=letter, body=request.POST.get("body", ""), expected_version=_posted_version(request)
        )
    except letter_services.DraftConflict as conflict:
        return JsonResponse({
            "saved": False, "conflict": True, "errors": error_messages(conflict),
            "current": {"body": conflict.current_body, "version": conflict.current_version},
        }, status=409)
    except ValidationError as error:
        return JsonResponse({"saved": False, "errors": error_messages(error)}, status=400)
    return JsonResponse({
        "saved": True, "saved_at": int(letter.updated_at.timestamp() * 1000),
        "version": letter_selectors.draft_version(letter),
        "message": _("Saved at %(time)s") % {"time": timezone.localtime(letter.updated_at).strftime("%H:%M")},
    })


@never_cache
@login_required
def letter_detail(request, letter_id: int):
    """Show one letter: its author sees its status; its recipient reads it.

    Opening the page changes nothing: the page's mark-as-read form is posted by
    mark-read.js once the page is shown (letters_mark_read), so a link scanner that
    fetches the URL does not make the letter "read".
    """
    letter = access_letter(request.user, letter_id)
    is_author = letter.author.user_id == request.user.pk
    if is_author and letter.status in letter_selectors.EDITABLE_STATUSES:
        return redirect("letter-edit", letter_id=letter.pk)
    is_new = not is_author and letter.recipient.user_id == request.user.pk and letter.status == LetterStatus.DELIVERED
    return render(request, "frontend/letter_detail.html", {
        "letter": letter, "is_author": is_author, "unread": [letter] if is_new else [],
        "note": letter_selectors.latest_event_note(letter) if is_author else "",
        "redaction_notice": letter_selectors.redaction_notice(letter) if is_author else None,
    })


@never_cache
@require_POST
@login_required
def letters_mark_read(request):
    """Record that the signed-in recipient was shown the posted letters, in one service call.

    Posted by mark-read.js after the page is shown (answered in JSON), or by the page's
    "Mark as read" button without JavaScript (answered by going back to the page).
    """
    read = letter_services.mark_letters_read(
        request.user, letter_ids=whole_numbers(request.POST.getlist("letter"))[:MAX_LETTERS_A_PAGE]
    )
    if request.headers.get("X-Requested-With") == "fetch":
        return JsonResponse({"read": [letter.pk for letter in read]})
    next_url = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()},
                                           require_https=request.is_secure()):
        next_url = reverse("my-letters")
    return redirect(next_url)


@never_cache
@login_required
def my_letters(request):
    """List the signed-in person's letters with a plain-language status each."""
    letters = list(letter_selectors.list_my_letters(request.user))
    for letter in letters:
        # By id: the author is the pair's other side, and loading it would cost a query a letter.
        letter.partner = letter.pair.mentee if letter.author_id == letter.pair.mentor_id else letter.pair.mentor
        # The prefetched events are newest first; the latest return note is what the author needs.
        letter.return_note = next(
            (e.note for e in letter.events.all() if e.to_status == LetterStatus.CHANGES_REQUESTED and e.note), ""
        )
    return render(request, "frontend/my_letters.html", {"letters": letters})


@never_cache
@login_required
def pair_thread(request, pair_id: int):
    """Show the letters between the two people of a pair, oldest first; unread ones are marked "New".

    Like letter_detail, opening the page changes nothing; mark-read.js posts the new
    letters' ids once the page is shown.
    """
    pair = access_pair_for_members(request.user, pair_id)
    me = pair.member_for(request.user)
    if me is None:
        return redirect("coordinator-pair", pair_id=pair.pk)
    # Whether the person also coordinates the program is worked out once for the page, from their
    # own membership in the pair (no query): it decides which form of the visibility rule reads
    # the letters and what letters.viewing shows of each.
    coordinates = member_coordinates(request.user, pair, me)
    letters = list(letter_selectors.list_thread(request.user, pair, member=me, coordinates=coordinates))
    letter_selectors.attach_redaction_spans(letters)
    # What varies per letter is worked out here, in plain Python: a {% url %}, a localised
    # date and a status tag per letter were half of the page's rendering (docs/performance.md).
    reading_url, edit_url = _url_maker("assignment-detail"), _url_maker("letter-edit")
    date_format = get_format("DATETIME_FORMAT")
    statuses = {}
    for letter in letters:
        letter.was_new = letter.author_id != me.pk and letter.status == LetterStatus.DELIVERED
        letter.mine = letter.author_id == me.pk
        letter.shown_body = body_html_for(request.user, letter, coordinates=coordinates)
        letter.reading_url = reading_url(letter.assignment_id) if letter.assignment_id else ""
        letter.edit_url = edit_url(letter.pk)
        letter.sent_on = (dateformat.format(timezone.template_localtime(letter.submitted_at), date_format)
                          if letter.submitted_at else "")
        if letter.status not in statuses:
            statuses[letter.status] = status_html(letter.status)
        letter.status_html = statuses[letter.status]
    partner = pair.partner_of(me)
    return render(request, "frontend/thread.html", {
        "pair": pair, "me": me, "partner": partner, "letters": letters,
        "unread": [letter for letter in letters if letter.was_new],
        "can_write": pair.status == pair.Status.ACTIVE,
        # Every letter is by one of the two: their avatars are worked out once, not per letter.
        "my_avatar": avatar_url(me.avatar), "partner_avatar": avatar_url(partner.avatar),
    })


#: A number no URL of ours holds but the id itself: _url_maker reverses with it, then puts ids in its place.
_ID_MARK = 987654321


def _url_maker(name: str):
    """Return a function of an id giving the URL `name` takes one id in, reversed once (in the active language).

    Reversing per row of a long list costs more than the rest of the row; formatting does not.
    """
    prefix, suffix = reverse(name, args=[_ID_MARK]).split(str(_ID_MARK))
    return lambda pk: f"{prefix}{int(pk)}{suffix}"


@login_required
def profile(request):
    """Show and change the person's avatar, bio, language and time zone, and their calendar feed."""
    memberships = list(
        Membership.objects.active().filter(user=request.user).exclude(role=Membership.Role.COORDINATOR)
        .select_related("program")
    )
    preferences = PreferencesForm(
        request.POST if request.POST.get("form") == "preferences" else None,
        initial={"language": request.user.language, "time_zone": request.user.time_zone},
    )
    profile_forms = []
    for membership in memberships:
        bound = request.POST.get("form") == f"membership-{membership.pk}"
        profile_forms.append((membership, ProfileForm(
            request.POST if bound else None, prefix=f"m{membership.pk}",
            initial={"avatar": membership.avatar, "bio": membership.bio},
        )))
    if request.method == "POST":
        if request.POST.get("form") == "preferences" and preferences.is_valid():
            try:
                program_services.update_preferences(request.user, **preferences.cleaned_data)
                messages.success(request, _("Your settings are saved."))
                return redirect("profile")
            except ValidationError as error:
                apply_service_error(preferences, error)
        for membership, form in profile_forms:
            if form.is_bound and form.is_valid():
                try:
                    program_services.update_profile(request.user, membership=membership, **form.cleaned_data)
                    messages.success(request, _("Your profile is saved."))
                    return redirect("profile")
                except (ValidationError, PermissionDenied) as error:
                    apply_service_error(form, error if isinstance(error, ValidationError) else ValidationError(str(error)))
    feed_url = (
        request.build_absolute_uri(f"/calendar/{request.user.calendar_token}.ics") if request.user.calendar_token else ""
    )
    return render(request, "frontend/profile.html", {
        "preferences": preferences, "profile_forms": profile_forms, "feed_url": feed_url,
        "avatars": AVATAR_CHOICES,
    })


@require_POST
@login_required
def calendar_token_reset(request):
    """Make a new secret calendar address; the old one stops working."""
    program_services.reset_calendar_token(request.user)
    messages.success(request, _("Your calendar address is new. Add it to your calendar app again."))
    return redirect("profile")


def calendar_feed(request, token: str):
    """Serve the deadlines of the user whose secret token is in the URL, as iCalendar."""
    if len(token) < 20:
        raise Http404(_("No such calendar."))
    user = User.objects.filter(calendar_token=token, is_active=True).first()
    if user is None:
        raise Http404(_("No such calendar."))
    language = preferred_locale(user)[0]
    with translation.override(language or translation.get_language()):
        return _calendar_response(user)


def _calendar_response(user) -> HttpResponse:
    calendar = Calendar()
    calendar.add("prodid", "-//Brevven//calendar//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", "Brevven")
    now = timezone.now()
    for due in letter_selectors.list_due_dates(user, since=now):
        event = Event()
        event.add("uid", f"{due.uid}@brevven")
        event.add("dtstamp", now)
        # A real block of time before the deadline, so calendars show it (a zero-length
        # event vanishes in some) and it ends when the letter is due.
        event.add("dtstart", due.due_at - CALENDAR_EVENT_LENGTH)
        event.add("dtend", due.due_at)
        summary = _("Letter due: %(title)s") if due.kind == "letter" else _("Reply due to %(title)s")
        event.add("summary", summary % {"title": due.title})
        calendar.add_component(event)
    for item in member_events(user, since=now):
        calendar.add_component(_calendar_event(item, now))
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Cache-Control"] = "private, no-store"
    return response


def _calendar_event(item, now) -> Event:
    """Return a timeline event as an iCalendar event with its real start and end (a cancelled one says so)."""
    event = Event()
    event.add("uid", f"event-{item.pk}@brevven")
    event.add("dtstamp", now)
    event.add("dtstart", item.starts_at)
    event.add("dtend", item.ends_at)
    event.add("summary", item.title)
    if item.place:
        event.add("location", item.place)
    if item.description:
        event.add("description", item.description)
    event.add("status", "CANCELLED" if item.is_cancelled else "CONFIRMED")
    return event
