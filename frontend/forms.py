"""Forms that parse page input. They hold no rules: the services check everything that matters."""

from zoneinfo import ZoneInfo, available_timezones

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from oversight.models import HealthLevel
from programs.models import AVATAR_CHOICES, LANGUAGE_CHOICES, REGION_CHOICES, Membership, WatchWord


def apply_service_error(form: forms.Form, error: ValidationError) -> None:
    """Show a service's ValidationError on `form`: on its fields where they match, else on top."""
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            for message in errors:
                form.add_error(field if field in form.fields else None, message)
    else:
        for message in error.messages:
            form.add_error(None, message)


def whole_numbers(values: list[str]) -> list[int]:
    """Return the whole numbers among posted `values` (such as ticked letter ids); drop anything else."""
    return [int(value) for value in values if value.strip().isdigit()]


class LetterForm(forms.Form):
    body = forms.CharField(label=_("Your letter"), required=False, widget=forms.Textarea(attrs={"rows": 14}))


class PreferencesForm(forms.Form):
    language = forms.ChoiceField(
        label=_("Language"), required=False, choices=[("", _("The program's language"))] + LANGUAGE_CHOICES
    )
    time_zone = forms.ChoiceField(label=_("Time zone"), required=False, choices=())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        zones = sorted(z for z in available_timezones() if "/" in z and not z.startswith(("Etc/", "SystemV/")))
        self.fields["time_zone"].choices = [("", _("The program's time zone"))] + [(z, z.replace("_", " ")) for z in zones]


class ProfileForm(forms.Form):
    avatar = forms.ChoiceField(label=_("Picture"), required=False, choices=[("", _("No picture"))] + AVATAR_CHOICES,
                               widget=forms.RadioSelect)
    bio = forms.CharField(label=_("A few words about you"), required=False, max_length=1000,
                          widget=forms.Textarea(attrs={"rows": 4}))


class NoteForm(forms.Form):
    text = forms.CharField(label=_("Private note"), widget=forms.Textarea(attrs={"rows": 3}), max_length=4000)


class PairStatusForm(forms.Form):
    action = forms.ChoiceField(choices=[("pause", _("Pause")), ("resume", _("Resume")), ("close", _("Close"))])
    reason = forms.CharField(label=_("Reason"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(choices=[("approve", _("Deliver")), ("return", _("Return to the author"))])
    note = forms.CharField(label=_("Note to the author"), required=False, widget=forms.Textarea(attrs={"rows": 3}))


class CsvImportForm(forms.Form):
    file = forms.FileField(label=_("CSV file"))

    def read_text(self) -> str:
        """Return the uploaded file as text (UTF-8, with or without a byte-order mark)."""
        data = self.cleaned_data["file"].read()
        try:
            return data.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise ValidationError(_("Save the file as UTF-8 CSV and upload it again.")) from None


class PairForm(forms.Form):
    mentor = forms.ModelChoiceField(label=_("Mentor"), queryset=Membership.objects.none())
    mentee = forms.ModelChoiceField(label=_("Mentee"), queryset=Membership.objects.none())

    def __init__(self, *args, program, **kwargs):
        super().__init__(*args, **kwargs)
        members = Membership.objects.active().filter(program=program).order_by("pseudonym")
        self.fields["mentor"].queryset = members.filter(role=Membership.Role.MENTOR)
        self.fields["mentee"].queryset = members.filter(role=Membership.Role.MENTEE)
        for field in ("mentor", "mentee"):
            self.fields[field].label_from_instance = lambda m: m.pseudonym


class ReadingForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    body = forms.CharField(
        label=_("Text"), widget=forms.Textarea(attrs={"rows": 14}),
        help_text=_("Plain text, or simple HTML: paragraphs, headings, bold, italic, lists, quotes and links."),
    )
    language = forms.ChoiceField(label=_("Language"), choices=LANGUAGE_CHOICES)
    credit = forms.CharField(label=_("Credit or source"), required=False, max_length=300)
    reading_level = forms.CharField(label=_("Reading level"), required=False, max_length=40)


class LocalDateTimeField(forms.DateTimeField):
    """A date and time typed in a given time zone (the program's), not the viewer's."""

    widget = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")

    def __init__(self, *args, time_zone: str = "UTC", **kwargs):
        self.zone = ZoneInfo(time_zone)
        super().__init__(*args, **kwargs)

    def to_python(self, value):
        with timezone.override(self.zone):
            return super().to_python(value)

    def prepare_value(self, value):
        if hasattr(value, "tzinfo") and value.tzinfo is not None:
            value = value.astimezone(self.zone).replace(tzinfo=None)
        return super().prepare_value(value)


class AssignmentForm(forms.Form):
    reading = forms.ModelChoiceField(label=_("Reading"), queryset=None)
    prompt = forms.CharField(label=_("Prompt for the letter"), required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, program, readings, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reading"].queryset = readings
        help_text = _("In the program's time zone (%(zone)s).") % {"zone": program.time_zone}
        self.fields["opens_at"] = LocalDateTimeField(label=_("Opens"), time_zone=program.time_zone, help_text=help_text)
        self.fields["due_at"] = LocalDateTimeField(label=_("Letters due"), time_zone=program.time_zone, help_text=help_text)


class HealthFilterForm(forms.Form):
    level = forms.ChoiceField(label=_("Health"), required=False, choices=[("", _("All pairs"))] + HealthLevel.choices)
    sort = forms.ChoiceField(label=_("Sort by"), required=False, choices=[
        ("health", _("Health, worst first")), ("quiet", _("Longest without a letter")),
        ("mentee", _("Mentee pseudonym")), ("mentor", _("Mentor pseudonym")),
    ])


class ScreeningCountriesForm(forms.Form):
    countries = forms.MultipleChoiceField(
        label=_("Countries whose phone numbers and addresses screening looks for"), required=False,
        choices=REGION_CHOICES, widget=forms.CheckboxSelectMultiple,
    )


class WatchWordForm(forms.Form):
    """A watch word as typed; programs.services.add_watch_word checks it (empty, too long, already there)."""

    term = forms.CharField(
        label=_("Word or phrase"), required=False, strip=False,
        help_text=_("In any language. It matches whole words, whatever the capitals and accents: "
                    "“cafe” also finds “Café”, but not “cafeteria”."),
    )
    severity = forms.ChoiceField(
        label=_("When a letter uses it"), choices=WatchWord.Severity.choices, initial=WatchWord.Severity.HOLD,
        widget=forms.RadioSelect,
    )
