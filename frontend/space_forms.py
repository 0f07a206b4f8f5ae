"""Forms of the peer-space pages. They parse input only; the rules are in spaces.services."""

from django import forms
from django.utils.translation import gettext_lazy as _


class ThreadForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200, required=False)
    body = forms.CharField(label=_("Your message"), required=False, widget=forms.Textarea(attrs={"rows": 8}))


class ReplyForm(forms.Form):
    body = forms.CharField(label=_("Your reply"), required=False, widget=forms.Textarea(attrs={"rows": 5}))


class EditPostForm(forms.Form):
    body = forms.CharField(label=_("Your post"), required=False, widget=forms.Textarea(attrs={"rows": 8}))


class ReportForm(forms.Form):
    reason = forms.CharField(label=_("What is wrong with this post?"), required=False,
                             widget=forms.Textarea(attrs={"rows": 4}))


#: What the coordinator's buttons on a thread or post page can ask for.
THREAD_ACTIONS = ("pin", "unpin", "lock", "unlock", "hide", "show", "delete")
POST_ACTIONS = ("hide", "show", "delete")
