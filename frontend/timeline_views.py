"""The timeline pages: members see events and reading deadlines together; coordinators add, change and
cancel their program's events. Views only: the rules live in the timeline app."""

from zoneinfo import ZoneInfo

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from frontend.community_forms import EventForm
from frontend.forms import apply_service_error
from programs.access import access_program
from programs.exceptions import error_messages
from programs.models import Pair
from timeline import services
from timeline.access import access_event
from timeline.selectors import list_member_timeline, list_program_events


@never_cache
@login_required
def timeline(request):
    """The person's events and reading deadlines, oldest first; past ones greyed."""
    return render(request, "frontend/timeline/timeline.html", {"items": list_member_timeline(request.user)})


def _event_form(request, program, event=None) -> EventForm:
    initial = {}
    if event is not None:
        zone = ZoneInfo(program.time_zone)
        starts, ends = event.starts_at.astimezone(zone), event.ends_at.astimezone(zone)
        initial = {"kind": event.kind, "title": event.title, "date": starts.date(), "starts": starts.time(),
                   "ends": ends.time(), "place": event.place, "description": event.description,
                   "pairs": list(event.pairs.all())}
    pairs = Pair.objects.open().filter(program=program).select_related("mentor", "mentee").order_by("pk")
    return EventForm(request.POST or None, initial=initial, program=program, pairs=pairs)


def _service_arguments(form: EventForm) -> dict:
    data = dict(form.cleaned_data)
    data["day"] = data.pop("date")
    data["pairs"] = list(data["pairs"])
    return data


@login_required
def program_events(request, program_id: int):
    """The program's events, and a form to add one."""
    program = access_program(request.user, program_id, as_coordinator=True)
    form = _event_form(request, program)
    if request.method == "POST" and form.is_valid():
        try:
            services.create_event(request.user, program=program, **_service_arguments(form))
        except ValidationError as error:
            apply_service_error(form, error)
        else:
            messages.success(request, _("The event is on the timeline."))
            return redirect("coordinator-events", program_id=program.pk)
    return render(request, "frontend/timeline/events.html", {
        "program": program, "form": form, "events": list_program_events(program),
    })


def _program_event(request, program_id: int, event_id: int):
    program = access_program(request.user, program_id, as_coordinator=True)
    event = access_event(request.user, event_id)
    if event.program_id != program.pk:
        raise Http404(_("No such event."))
    return program, event


@login_required
def event_edit(request, program_id: int, event_id: int):
    """Change an event; the members it concerns are told."""
    program, event = _program_event(request, program_id, event_id)
    form = _event_form(request, program, event)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_event(request.user, event=event, **_service_arguments(form))
        except ValidationError as error:
            apply_service_error(form, error)
        else:
            messages.success(request, _("The event is changed, and the people it concerns are told."))
            return redirect("coordinator-events", program_id=program.pk)
    return render(request, "frontend/timeline/event_form.html", {"program": program, "event": event, "form": form})


@require_POST
@login_required
def event_cancel(request, program_id: int, event_id: int):
    """Cancel an event; the members it concerns are told."""
    program, event = _program_event(request, program_id, event_id)
    try:
        services.cancel_event(request.user, event=event)
    except ValidationError as error:
        for message in error_messages(error):
            messages.error(request, message)
    else:
        messages.success(request, _("The event is cancelled, and the people it concerns are told."))
    return redirect("coordinator-events", program_id=program.pk)


urlpatterns = [
    path("timeline/", timeline, name="timeline"),
    path("programs/<int:program_id>/events/", program_events, name="coordinator-events"),
    path("programs/<int:program_id>/events/<int:event_id>/", event_edit, name="coordinator-event-edit"),
    path("programs/<int:program_id>/events/<int:event_id>/cancel/", event_cancel, name="coordinator-event-cancel"),
]
