"""Forms of the goals and passport pages: they parse input; goals.services checks it."""

from django import forms
from django.utils.translation import gettext_lazy as _

from goals.models import MAX_GOAL_CHARS


class GoalForm(forms.Form):
    text = forms.CharField(label=_("Your goal"), max_length=MAX_GOAL_CHARS, required=False,
                           help_text=_("In your own words, e.g. “read a whole book in French”."))
    steps = forms.CharField(label=_("Small steps (optional, one a line)"), required=False,
                            widget=forms.Textarea(attrs={"rows": 3}))
    shared_with_mentor = forms.BooleanField(label=_("My mentor may see this goal"), required=False)
    shared_with_coordinators = forms.BooleanField(label=_("My coordinators may read this goal"), required=False)

    def step_lines(self) -> list[str]:
        return [line for line in self.cleaned_data.get("steps", "").splitlines() if line.strip()]


class GoalEditForm(forms.Form):
    text = forms.CharField(label=_("Your goal"), max_length=MAX_GOAL_CHARS, required=False)
    shared_with_mentor = forms.BooleanField(label=_("My mentor may see this goal"), required=False)
    shared_with_coordinators = forms.BooleanField(label=_("My coordinators may read this goal"), required=False)


class StepForm(forms.Form):
    text = forms.CharField(label=_("A new step"), max_length=MAX_GOAL_CHARS, required=False)


class PassportShareForm(forms.Form):
    shown_to_partner = forms.BooleanField(label=_("My mentor may see my stamps"), required=False)


class RewardsForm(forms.Form):
    enabled = forms.BooleanField(label=_("Mentees collect stamps in their letter passport"), required=False)
