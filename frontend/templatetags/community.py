"""Template tags for the home page's toolbox tip and next event (each shown by an include of its own)."""

from django import template
from django.utils import translation

from timeline.selectors import next_for_member
from toolbox.selectors import tip_of_the_moment

register = template.Library()


@register.simple_tag(takes_context=True)
def toolbox_tip(context):
    """Return the toolbox tip that fits the signed-in person's moment (toolbox.selectors), or None."""
    user = context["request"].user
    return tip_of_the_moment(user, language=translation.get_language()) if user.is_authenticated else None


@register.simple_tag(takes_context=True)
def next_event(context):
    """Return the next event the signed-in person is invited to (timeline.selectors), or None."""
    user = context["request"].user
    return next_for_member(user) if user.is_authenticated else None
