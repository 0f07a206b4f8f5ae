"""Every write to a goal, a step or a passport setting. Stamps are written by goals.rewards.

Each service runs in one transaction, locks the row it changes, checks that the actor is
the mentee who owns it, and raises ValidationError or PermissionDenied with a message a
person can act on. Goal and step text is screened like a letter, because an adult may
read it (docs/design.md, "Goals and stamps"):

- an urgent concern (safeguarding, or an urgent watch word): the text is saved, the goal is
  held back from the mentor (`safeguarding_hold`), and the program's coordinators get the
  same urgent alert an urgent letter gives them (letters.reminders.planning.plan_urgent_alert);
- contact details (phone, e-mail, address, link, social media name): refused, nothing saved,
  with a message saying what to take out (the page keeps the typed text);
- any other finding (a watch word that holds, a concern that needs a look): refused the same
  way, with a message pointing to the coordinator.

No audit row is written: a goal is the mentee's own note, not a change to people, roles,
settings or content of the program; coordinators see only counts (goals.selectors).
"""

import logging

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_variables

from goals.models import MAX_GOAL_CHARS, MAX_GOALS, MAX_STEPS, Goal, GoalStep, Passport
from letters import screening
from letters.models import FindingSeverity
from letters.reminders.planning import plan_urgent_alert
from letters.tasks import enqueue_sweep
from programs.models import Membership, User
from programs.selectors import screening_regions_for, watch_terms_for_screening

logger = logging.getLogger(__name__)


# ---------------------------------------------------------------------------- checks


def _require_own_mentee_membership(actor: User, membership: Membership) -> None:
    """Raise PermissionDenied unless `membership` is `actor`'s own active mentee membership."""
    if (membership.user_id != actor.pk or membership.role != Membership.Role.MENTEE
            or membership.status != Membership.Status.ACTIVE):
        raise PermissionDenied(_("Only a mentee can keep goals, and only their own."))


def mentee_membership_in(actor: User, program) -> Membership:
    """Return `actor`'s active mentee membership in `program`; PermissionDenied if they are no mentee there.

    Precondition: the caller fetched `program` through programs.access (it is visible to `actor`).
    """
    membership = Membership.objects.active().filter(
        user=actor, program=program, role=Membership.Role.MENTEE
    ).select_related("program").first()
    if membership is None:
        raise PermissionDenied(_("Only a mentee can keep goals, and only their own."))
    return membership


def _clean_text(text, field: str = "text") -> str:
    """Return `text` stripped, or raise ValidationError if it is empty or too long."""
    text = " ".join(str(text or "").split())
    if not text:
        raise ValidationError({field: _("Write a few words.")})
    if len(text) > MAX_GOAL_CHARS:
        raise ValidationError({field: _("Keep it under %(max)d characters.") % {"max": MAX_GOAL_CHARS}})
    return text


@sensitive_variables("text")
def screen_goal_text(membership: Membership, text: str, field: str = "text") -> bool:
    """Screen a goal's or step's `text` as a letter of `membership` would be; return True if urgent.

    Raises ValidationError (nothing is saved) for contact details and for any other finding
    that is not urgent. An urgent finding is not refused: the words may be a child asking
    for help, so they are kept for the coordinators (the caller holds the goal back).
    """
    program = membership.program
    found = screening.screen(
        text, language=program.language, regions=screening_regions_for(program, membership),
        watch_terms=watch_terms_for_screening(program), author_role=Membership.Role.MENTEE,
    )
    if any(finding.severity == FindingSeverity.URGENT for finding in found):
        return True
    if any(finding.kind.startswith("contact.") for finding in found):
        raise ValidationError({field: _(
            "A goal cannot hold contact details: no phone numbers, e-mail or street addresses, links or social media "
            "names. Take them out and save again."
        )})
    if found:
        raise ValidationError({field: _(
            "Some words here need a coordinator's look before an adult may read them, so this was not saved. "
            "Change the words, or talk to your coordinator."
        )})
    return False


def _hold_and_alert(goal: Goal) -> None:
    """Hold `goal` back from the mentor and alert the coordinators once, in the caller's transaction."""
    if goal.safeguarding_hold:
        return  # already held: the coordinators were alerted when the hold began
    Goal.objects.filter(pk=goal.pk).update(safeguarding_hold=True)
    goal.safeguarding_hold = True
    membership = goal.membership
    pair = membership.pairs_as_mentee.order_by("-started_at", "-pk").first()
    plan_urgent_alert(
        program=membership.program, pair_id=pair.pk if pair else None, object_key=f"goal:{goal.pk}",
        details={"author": membership.pseudonym, "about": "goal"}, now=timezone.now(),
    )
    enqueue_sweep()  # delivers the alert once this transaction commits
    # Ids only: a goal's words never go into the logs.
    logger.warning("Goal %s has an urgent screening finding; its coordinators are alerted.", goal.pk)


def _lock_goal(goal: Goal) -> Goal:
    return Goal.objects.select_for_update(of=("self",)).select_related("membership__program").get(pk=goal.pk)


def _lock_step(step: GoalStep) -> GoalStep:
    return GoalStep.objects.select_for_update(of=("self",)).select_related("goal__membership__program").get(pk=step.pk)


# ---------------------------------------------------------------------------- goals


@sensitive_variables("text", "steps")
def create_goal(actor: User, *, membership: Membership, text: str, shared_with_mentor: bool = False,
                shared_with_coordinators: bool = False, steps=()) -> Goal:
    """Write a new goal (and its first steps) for the mentee `actor` in `membership`'s program; return it.

    At most MAX_GOALS goals and MAX_STEPS steps each. Text is screened (see the module).
    """
    _require_own_mentee_membership(actor, membership)
    text = _clean_text(text)
    step_texts = [_clean_text(step, "steps") for step in steps if str(step or "").strip()]
    if len(step_texts) > MAX_STEPS:
        raise ValidationError({"steps": _("A goal can have up to %(max)d steps.") % {"max": MAX_STEPS}})
    urgent = screen_goal_text(membership, text)
    for step_text in step_texts:
        urgent = screen_goal_text(membership, step_text, "steps") or urgent
    with transaction.atomic():
        locked = Membership.objects.select_for_update().select_related("program").get(pk=membership.pk)
        if Goal.objects.kept().filter(membership=locked).count() >= MAX_GOALS:
            raise ValidationError(_("You have %(max)d goals already. Finish or delete one to add another.")
                                  % {"max": MAX_GOALS})
        goal = Goal.objects.create(membership=locked, text=text, shared_with_mentor=bool(shared_with_mentor),
                                   shared_with_coordinators=bool(shared_with_coordinators))
        GoalStep.objects.bulk_create(GoalStep(goal=goal, text=step_text) for step_text in step_texts)
        if urgent:
            _hold_and_alert(goal)
    return goal


@sensitive_variables("text")
def update_goal(actor: User, *, goal: Goal, text: str | None = None, shared_with_mentor: bool | None = None,
                shared_with_coordinators: bool | None = None) -> Goal:
    """Change a goal's words or who may see it (None: unchanged); return it. Text is screened again."""
    with transaction.atomic():
        goal = _lock_goal(goal)
        _require_own_mentee_membership(actor, goal.membership)
        fields = []
        if text is not None:
            goal.text = _clean_text(text)
            if screen_goal_text(goal.membership, goal.text):
                _hold_and_alert(goal)
            fields.append("text")
        if shared_with_mentor is not None:
            goal.shared_with_mentor = bool(shared_with_mentor)
            fields.append("shared_with_mentor")
        if shared_with_coordinators is not None:
            goal.shared_with_coordinators = bool(shared_with_coordinators)
            fields.append("shared_with_coordinators")
        if fields:
            goal.save(update_fields=[*fields, "updated_at"])
    return goal


def delete_goal(actor: User, *, goal: Goal) -> None:
    """Delete a goal and its steps.

    A goal under a safeguarding hold leaves the mentee's list but is kept (withdrawn) for the
    coordinators who were alerted about it; erasing the mentee removes it (privacy.services).
    """
    with transaction.atomic():
        goal = _lock_goal(goal)
        _require_own_mentee_membership(actor, goal.membership)
        if goal.withdrawn_at is not None:
            return
        if goal.safeguarding_hold:
            goal.withdrawn_at = timezone.now()
            goal.save(update_fields=["withdrawn_at", "updated_at"])
            return
        goal.delete()


# ---------------------------------------------------------------------------- steps


@sensitive_variables("text")
def add_step(actor: User, *, goal: Goal, text: str) -> GoalStep:
    """Add a small step to a goal (at most MAX_STEPS); return it. Text is screened."""
    with transaction.atomic():
        goal = _lock_goal(goal)
        _require_own_mentee_membership(actor, goal.membership)
        text = _clean_text(text)
        if goal.steps.count() >= MAX_STEPS:
            raise ValidationError({"text": _("A goal can have up to %(max)d steps.") % {"max": MAX_STEPS}})
        if screen_goal_text(goal.membership, text):
            _hold_and_alert(goal)
        return GoalStep.objects.create(goal=goal, text=text)


@sensitive_variables("text")
def update_step(actor: User, *, step: GoalStep, text: str | None = None, done: bool | None = None) -> GoalStep:
    """Change a step's words, or tick it off (`done`=True) or on again (False); return it.

    Ticking an already ticked step keeps its first moment, so a stamp for it is never given twice.
    """
    with transaction.atomic():
        step = _lock_step(step)
        goal = step.goal
        _require_own_mentee_membership(actor, goal.membership)
        fields = []
        if text is not None:
            step.text = _clean_text(text)
            if screen_goal_text(goal.membership, step.text):
                _hold_and_alert(goal)
            fields.append("text")
        if done is not None and bool(done) != (step.done_at is not None):
            step.done_at = timezone.now() if done else None
            fields.append("done_at")
        if fields:
            step.save(update_fields=fields)
            Goal.objects.filter(pk=goal.pk).update(updated_at=timezone.now())
    return step


def delete_step(actor: User, *, step: GoalStep) -> None:
    """Delete a step of one's own goal."""
    with transaction.atomic():
        step = _lock_step(step)
        _require_own_mentee_membership(actor, step.goal.membership)
        step.delete()


# ---------------------------------------------------------------------------- the passport


def set_passport_sharing(actor: User, *, membership: Membership, shown_to_partner: bool) -> Passport:
    """Choose whether the mentee's partner may see their stamps; return the passport setting."""
    _require_own_mentee_membership(actor, membership)
    with transaction.atomic():
        passport, _created = Passport.objects.select_for_update().get_or_create(membership=membership)
        if passport.shown_to_partner != bool(shown_to_partner):
            passport.shown_to_partner = bool(shown_to_partner)
            passport.save(update_fields=["shown_to_partner", "updated_at"])
    return passport
