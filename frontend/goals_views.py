"""Pages for goals and the letter passport: a mentee's goals, the passport, the coordinators'
counts and the program's stamps setting. Parse input, call goals.services or a selector, render."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from frontend.forms import apply_service_error
from frontend.goals_forms import GoalEditForm, GoalForm, PassportShareForm, RewardsForm, StepForm
from goals import selectors, services
from goals.access import access_own_goal, access_own_mentee_membership, access_own_step, own_mentee_memberships
from goals.models import MAX_GOALS
from goals.stamps import CATALOGUE
from programs import services as program_services
from programs.access import access_program
from programs.exceptions import error_messages


def _flash(request, error: Exception) -> None:
    for message in error_messages(error):
        messages.error(request, message)


def _back_to_goals():
    return redirect("goals")


@never_cache
@login_required
def goals_page(request):
    """A mentee's goals in each program where they are a mentee, and a form to add one."""
    memberships = list(own_mentee_memberships(request.user).order_by("program__name", "pk"))
    form = GoalForm(request.POST or None)
    if request.method == "POST":
        membership = access_own_mentee_membership(request.user, request.POST.get("program"))
        if form.is_valid():
            try:
                services.create_goal(
                    request.user, membership=membership, text=form.cleaned_data["text"], steps=form.step_lines(),
                    shared_with_mentor=form.cleaned_data["shared_with_mentor"],
                    shared_with_coordinators=form.cleaned_data["shared_with_coordinators"],
                )
                messages.success(request, _("Your goal is saved."))
                return _back_to_goals()
            except ValidationError as error:
                apply_service_error(form, error)
    sections = [{"membership": m, "goals": selectors.list_own_goals(m)} for m in memberships]
    return render(request, "frontend/goals/goals.html", {
        "sections": sections, "form": form, "max_goals": MAX_GOALS,
    }, status=400 if form.errors else 200)


@require_POST
@login_required
def goal_update(request, goal_id: int):
    """Change a goal's words or who may see it."""
    goal = access_own_goal(request.user, goal_id)
    form = GoalEditForm(request.POST)
    if form.is_valid():
        try:
            services.update_goal(request.user, goal=goal, text=form.cleaned_data["text"],
                                 shared_with_mentor=form.cleaned_data["shared_with_mentor"],
                                 shared_with_coordinators=form.cleaned_data["shared_with_coordinators"])
            messages.success(request, _("Your goal is saved."))
        except ValidationError as error:
            _flash(request, error)
    return _back_to_goals()


@require_POST
@login_required
def goal_delete(request, goal_id: int):
    goal = access_own_goal(request.user, goal_id)
    services.delete_goal(request.user, goal=goal)
    messages.success(request, _("The goal is deleted."))
    return _back_to_goals()


@require_POST
@login_required
def step_add(request, goal_id: int):
    goal = access_own_goal(request.user, goal_id)
    form = StepForm(request.POST)
    if form.is_valid():
        try:
            services.add_step(request.user, goal=goal, text=form.cleaned_data["text"])
            messages.success(request, _("The step is added."))
        except ValidationError as error:
            _flash(request, error)
    return _back_to_goals()


@require_POST
@login_required
def step_toggle(request, step_id: int):
    """Tick a step off, or on again."""
    step = access_own_step(request.user, step_id)
    done = request.POST.get("done") == "1"
    services.update_step(request.user, step=step, done=done)
    messages.success(request, _("Well done: the step is ticked off.") if done else _("The step is open again."))
    return _back_to_goals()


@require_POST
@login_required
def step_delete(request, step_id: int):
    step = access_own_step(request.user, step_id)
    services.delete_step(request.user, step=step)
    messages.success(request, _("The step is deleted."))
    return _back_to_goals()


@never_cache
@login_required
def passport(request):
    """The signed-in mentee's own stamps (and whether their mentor may see them), and the passports shown to a mentor."""
    memberships = list(own_mentee_memberships(request.user).order_by("program__name", "pk"))
    if request.method == "POST":
        membership = access_own_mentee_membership(request.user, request.POST.get("program"))
        form = PassportShareForm(request.POST)
        if form.is_valid():
            services.set_passport_sharing(request.user, membership=membership,
                                          shown_to_partner=form.cleaned_data["shown_to_partner"])
            messages.success(request, _("Your choice is saved."))
        return redirect("passport")
    own = [
        {"membership": m, "stamps": selectors.list_stamps(m), "shared": selectors.passport_is_shared(m),
         "form": PassportShareForm(initial={"shown_to_partner": selectors.passport_is_shared(m)})}
        for m in memberships
    ]
    return render(request, "frontend/goals/passport.html", {
        "own": own, "partners": selectors.passports_shown_to(request.user), "catalogue": CATALOGUE.values(),
    })


@never_cache
@login_required
def coordinator_goals(request, program_id: int):
    """Goals in a program, for its coordinators: counts per pair, and only the words shared with them or held."""
    program = access_program(request.user, program_id, as_coordinator=True)
    return render(request, "frontend/goals/coordinator_goals.html", {
        "program": program, "counts": selectors.program_goal_counts(program),
        "readable": selectors.goals_coordinators_may_read(program),
    })


@require_POST
@login_required
def rewards_setting(request, program_id: int):
    """Switch the letter passport's stamps on or off for a program (from the settings page)."""
    program = access_program(request.user, program_id, as_coordinator=True)
    form = RewardsForm(request.POST)
    if form.is_valid():
        program_services.set_rewards_enabled(request.user, program=program, enabled=form.cleaned_data["enabled"])
        messages.success(request, _("Stamps are on for this program.") if form.cleaned_data["enabled"]
                         else _("Stamps are off for this program."))
    return redirect("coordinator-settings", program_id=program.pk)


urlpatterns = [
    path("goals/", goals_page, name="goals"),
    path("goals/<int:goal_id>/", goal_update, name="goal-update"),
    path("goals/<int:goal_id>/delete/", goal_delete, name="goal-delete"),
    path("goals/<int:goal_id>/steps/", step_add, name="goal-step-add"),
    path("goals/steps/<int:step_id>/", step_toggle, name="goal-step-toggle"),
    path("goals/steps/<int:step_id>/delete/", step_delete, name="goal-step-delete"),
    path("passport/", passport, name="passport"),
    path("programs/<int:program_id>/goals/", coordinator_goals, name="coordinator-goals"),
    path("programs/<int:program_id>/settings/rewards/", rewards_setting, name="coordinator-rewards"),
]
