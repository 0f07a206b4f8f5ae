"""Forms of the toolbox and timeline pages. They parse input only; the services hold the rules."""

from django import forms
from django.utils.translation import gettext_lazy as _

from programs.models import LANGUAGE_CHOICES
from timeline.models import EventKind
from toolbox.models import ArticleKind, Audience, Moment


class ArticleSettingsForm(forms.Form):
    audience = forms.ChoiceField(label=_("For"), choices=Audience.choices)
    kind = forms.ChoiceField(label=_("Kind"), choices=ArticleKind.choices)
    moment = forms.ChoiceField(
        label=_("Show as a tip when"), choices=Moment.choices, required=False,
        help_text=_("The home page shows one fitting tip to each member at such a moment."),
    )


class ArticleVersionForm(forms.Form):
    language = forms.ChoiceField(label=_("Language"), choices=LANGUAGE_CHOICES)
    title = forms.CharField(label=_("Title"), max_length=200)
    summary = forms.CharField(label=_("One-line summary"), max_length=300, required=False)
    body = forms.CharField(
        label=_("Text"), widget=forms.Textarea(attrs={"rows": 14}),
        help_text=_("Plain text, or simple HTML: paragraphs, headings, bold, italic, lists, quotes and links."),
    )


class NewArticleForm(ArticleSettingsForm, ArticleVersionForm):
    """The first version and the settings of a new article, on one form."""

    field_order = ["audience", "kind", "moment", "language", "title", "summary", "body"]


class EventForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=EventKind.choices)
    title = forms.CharField(label=_("Title"), max_length=200)
    date = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    starts = forms.TimeField(label=_("Starts"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"))
    ends = forms.TimeField(label=_("Ends"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"))
    place = forms.CharField(label=_("Place"), max_length=300, required=False)
    description = forms.CharField(label=_("Description"), required=False, max_length=4000,
                                  widget=forms.Textarea(attrs={"rows": 4}))
    pairs = forms.ModelMultipleChoiceField(
        label=_("Only these pairs"), queryset=None, required=False, widget=forms.CheckboxSelectMultiple,
        help_text=_("Tick none to invite the whole program."),
    )

    def __init__(self, *args, program, pairs, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["pairs"].queryset = pairs
        self.fields["date"].help_text = _("In the program's time zone (%(zone)s).") % {"zone": program.time_zone}
