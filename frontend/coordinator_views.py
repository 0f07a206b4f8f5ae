"""Pages for coordinators: the dashboard, a pair's page, people and pairs, readings, the calendar,
and the program's settings (screening countries and watch words).

Every program is fetched with `access_program(..., as_coordinator=True)` and every pair
with `access_coordinated_pair`, so other programs answer 404.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from frontend.forms import (
    AssignmentForm, CsvImportForm, DecisionForm, HealthFilterForm, NoteForm, PairForm, PairStatusForm, ReadingForm,
    ScreeningCountriesForm, WatchWordForm, apply_service_error,
)
from letters import services as letter_services
from letters.access import access_letter
from oversight.health import REFRESH_EVERY_MINUTES, get_pair_health, pair_health_overview
from oversight.selectors import list_pair_timeline, program_overview
from programs import services as program_services
from programs.access import access_coordinated_pair, access_program, access_watch_word
from programs.exceptions import error_messages
from programs.models import DEFAULT_REGION_BY_LANGUAGE, REGION_CHOICES, Pair
from programs.selectors import list_program_audit, list_watch_words
from readings import services as reading_services
from readings.access import access_reading
from readings.selectors import list_program_calendar, list_program_readings

PAIRS_PER_PAGE = 25


def _flash_errors(request, error: Exception) -> None:
    for message in error_messages(error):
        messages.error(request, message)


@never_cache
@login_required
def dashboard(request, program_id: int):
    """The program at a glance: the review backlog, the current reading's counts and pair health.

    Pair health is read as last judged (oversight.health): one page of pairs, sorted in the database.
    """
    program = access_program(request.user, program_id, as_coordinator=True)
    filters = HealthFilterForm(request.GET or None)
    level = sort = ""
    if filters.is_valid():
        level, sort = filters.cleaned_data["level"], filters.cleaned_data["sort"]
    health = pair_health_overview(request.user, program, level=level, sort=sort or "health")
    page = Paginator(health.pairs, PAIRS_PER_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "frontend/coordinator/dashboard.html", {
        "program": program, "overview": program_overview(program), "filters": filters, "page": page,
        "level_counts": health.level_counts, "overdue": health.overdue, "health_judged_at": health.judged_at,
        "health_refresh_minutes": REFRESH_EVERY_MINUTES, "query": query.urlencode(),
    })


@never_cache
@login_required
def pair_page(request, pair_id: int):
    """A pair for its coordinator: health, timeline, private notes, and status changes."""
    pair = access_coordinated_pair(request.user, pair_id)
    return render(request, "frontend/coordinator/pair.html", {
        "pair": pair, "program": pair.program, "health": get_pair_health(pair), "timeline": list_pair_timeline(pair),
        "note_form": NoteForm(), "status_form": PairStatusForm(), "decision_form": DecisionForm(),
    })


@require_POST
@login_required
def pair_note_add(request, pair_id: int):
    pair = access_coordinated_pair(request.user, pair_id)
    form = NoteForm(request.POST)
    if form.is_valid():
        try:
            program_services.add_pair_note(request.user, pair=pair, text=form.cleaned_data["text"])
            messages.success(request, _("Note saved. Only coordinators can see it."))
        except (ValidationError, PermissionDenied) as error:
            _flash_errors(request, error)
    else:
        messages.error(request, _("Write the note before saving it."))
    return redirect("coordinator-pair", pair_id=pair.pk)


@require_POST
@login_required
def pair_status_change(request, pair_id: int):
    """Pause, resume or close a pair with a reason (the services keep its history)."""
    pair = access_coordinated_pair(request.user, pair_id)
    form = PairStatusForm(request.POST)
    if not form.is_valid():
        raise Http404
    action, reason = form.cleaned_data["action"], form.cleaned_data["reason"]
    try:
        if action == "pause":
            program_services.pause_pair(request.user, pair=pair, reason=reason)
        elif action == "resume":
            program_services.resume_pair(request.user, pair=pair, note=reason)
        else:
            program_services.close_pair(request.user, pair=pair, reason=reason)
        messages.success(request, _("The pair's status is changed."))
    except (ValidationError, PermissionDenied) as error:
        _flash_errors(request, error)
    return redirect("coordinator-pair", pair_id=pair.pk)


@require_POST
@login_required
def letter_decide(request, pair_id: int, letter_id: int):
    """Deliver a letter in review, or return it with a note.

    A plain fallback on the pair page; the review queue (moderation branch) adds redactions.
    """
    pair = access_coordinated_pair(request.user, pair_id)
    letter = access_letter(request.user, letter_id)
    if letter.pair_id != pair.pk:
        raise Http404(_("No such letter."))
    form = DecisionForm(request.POST)
    if not form.is_valid():
        raise Http404
    try:
        if form.cleaned_data["decision"] == "approve":
            letter_services.approve_letter(request.user, letter=letter, note=form.cleaned_data["note"])
            messages.success(request, _("The letter is delivered."))
        else:
            letter_services.request_changes(request.user, letter=letter, note=form.cleaned_data["note"])
            messages.success(request, _("The letter is returned to its author with your note."))
    except (ValidationError, PermissionDenied) as error:
        _flash_errors(request, error)
    return redirect("coordinator-pair", pair_id=pair.pk)


@login_required
def people(request, program_id: int):
    """Import the program's participants from a CSV file (all or nothing).

    They join as invited members; the People page (programs.accounts) makes their links.
    """
    program = access_program(request.user, program_id, as_coordinator=True)
    upload = CsvImportForm(request.POST or None, request.FILES or None)
    import_errors = []
    if request.method == "POST" and upload.is_valid():
        try:
            created = program_services.import_participants(request.user, program=program, csv_text=upload.read_text())
            messages.success(request, _("%(count)d people are added to the program.") % {"count": len(created)})
            return redirect("program-people", program.pk)
        except ValidationError as error:
            import_errors = error.messages
    return render(request, "frontend/coordinator/people.html", {
        "program": program, "upload": upload, "import_errors": import_errors,
    })


@login_required
def pairs(request, program_id: int):
    """The program's pairs; match one, or import many from a CSV file."""
    program = access_program(request.user, program_id, as_coordinator=True)
    form = PairForm(request.POST if request.POST.get("form") == "one" else None, program=program)
    upload = CsvImportForm(request.POST if request.POST.get("form") == "csv" else None, request.FILES or None)
    import_errors = []
    if request.method == "POST":
        if form.is_bound and form.is_valid():
            try:
                program_services.create_pair(request.user, program=program, **form.cleaned_data)
                messages.success(request, _("The pair is created."))
                return redirect("coordinator-pairs", program_id=program.pk)
            except ValidationError as error:
                apply_service_error(form, error)
        elif upload.is_bound and upload.is_valid():
            try:
                created = program_services.import_pairs(request.user, program=program, csv_text=upload.read_text())
                messages.success(request, _("%(count)d pairs are created.") % {"count": len(created)})
                return redirect("coordinator-pairs", program_id=program.pk)
            except ValidationError as error:
                import_errors = error.messages
    pair_list = Pair.objects.filter(program=program).select_related("mentor", "mentee").order_by("status", "pk")
    return render(request, "frontend/coordinator/pairs.html", {
        "program": program, "form": form, "upload": upload, "import_errors": import_errors, "pairs": pair_list,
    })


@login_required
def readings(request, program_id: int):
    """The readings this program may use."""
    program = access_program(request.user, program_id, as_coordinator=True)
    return render(request, "frontend/coordinator/readings.html", {
        "program": program, "readings": list_program_readings(program),
    })


@login_required
def reading_edit(request, program_id: int, reading_id: int | None = None):
    """Add a reading to the program's library, or change one of its own."""
    program = access_program(request.user, program_id, as_coordinator=True)
    reading = None
    if reading_id is not None:
        reading = access_reading(request.user, reading_id)
        if reading.program_id != program.pk:
            raise Http404(_("No such reading."))
    initial = {"language": program.language}
    if reading is not None:
        initial = {"title": reading.title, "body": reading.body, "language": reading.language,
                   "credit": reading.credit, "reading_level": reading.reading_level}
    form = ReadingForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            if reading is None:
                reading_services.create_reading(request.user, program=program, **form.cleaned_data)
            else:
                reading_services.update_reading(request.user, reading=reading, **form.cleaned_data)
            messages.success(request, _("The reading is saved."))
            return redirect("coordinator-readings", program_id=program.pk)
        except ValidationError as error:
            apply_service_error(form, error)
    return render(request, "frontend/coordinator/reading_form.html", {
        "program": program, "reading": reading, "form": form,
    })


@login_required
def calendar(request, program_id: int):
    """The program's assignments by week, and a form to schedule a reading."""
    program = access_program(request.user, program_id, as_coordinator=True)
    form = AssignmentForm(request.POST or None, program=program, readings=list_program_readings(program))
    if request.method == "POST" and form.is_valid():
        try:
            reading_services.schedule_assignment(request.user, program=program, **form.cleaned_data)
            messages.success(request, _("The reading is scheduled."))
            return redirect("coordinator-calendar", program_id=program.pk)
        except ValidationError as error:
            apply_service_error(form, error)
    return render(request, "frontend/coordinator/calendar.html", {
        "program": program, "form": form, "weeks": list_program_calendar(program),
    })



@never_cache
@login_required
def program_settings(request, program_id: int):
    """The program's settings a coordinator may change: for now, the countries screening reads."""
    program = access_program(request.user, program_id, as_coordinator=True)
    form = ScreeningCountriesForm(request.POST or None, initial={"countries": program.screening_countries})
    if request.method == "POST" and form.is_valid():
        try:
            program_services.set_screening_countries(request.user, program=program, countries=form.cleaned_data["countries"])
            messages.success(request, _("The screening countries are saved. They apply to the next letter sent."))
            return redirect("coordinator-settings", program_id=program.pk)
        except ValidationError as error:
            apply_service_error(form, error)
    default_country = dict(REGION_CHOICES)[DEFAULT_REGION_BY_LANGUAGE.get(program.language, "GB")]
    return render(request, "frontend/coordinator/settings.html", {
        "program": program, "form": form, "default_country": default_country,
        "watch_word_count": program.watch_words.count(),
    })


#: Audit entries per page.
AUDIT_PER_PAGE = 50


@never_cache
@login_required
def program_audit(request, program_id: int):
    """The program's audit log, newest first: who changed its people, roles, settings and readings."""
    program = access_program(request.user, program_id, as_coordinator=True)
    page = Paginator(list_program_audit(program), AUDIT_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "frontend/coordinator/audit.html", {"program": program, "page": page, "entries": list(page)})


@never_cache
@login_required
def watch_words(request, program_id: int):
    """The program's watch words: list them, add one with its severity."""
    program = access_program(request.user, program_id, as_coordinator=True)
    form = WatchWordForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            word = program_services.add_watch_word(
                request.user, program=program, term=form.cleaned_data["term"], severity=form.cleaned_data["severity"]
            )
            messages.success(request, _("“%(term)s” is added. The next letter sent is checked for it.") % {"term": word.term})
            return redirect("coordinator-watch-words", program_id=program.pk)
        except ValidationError as error:
            apply_service_error(form, error)
    return render(request, "frontend/coordinator/watch_words.html", {
        "program": program, "form": form, "watch_words": list_watch_words(program),
    })


@require_POST
@login_required
def watch_word_remove(request, watch_word_id: int):
    """Remove one watch word; letters already screened keep their findings."""
    word = access_watch_word(request.user, watch_word_id)
    try:
        program_services.remove_watch_word(request.user, watch_word=word)
        messages.success(request, _("“%(term)s” is removed from the watch words.") % {"term": word.term})
    except (ValidationError, PermissionDenied) as error:
        _flash_errors(request, error)
    return redirect("coordinator-watch-words", program_id=word.program_id)
