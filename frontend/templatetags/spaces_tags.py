"""Template tags for the peer spaces' parts of shared pages (home page, coordinator dashboard).

Each shared page includes one template of ours (frontend/spaces/home_replies.html,
dashboard_card.html), which reads through these tags, so those pages' views need no change.
"""

from django import template

from spaces import selectors

register = template.Library()


@register.simple_tag(takes_context=True)
def new_space_replies(context):
    """Return the newest replies in the threads the signed-in person started (spaces.selectors.list_new_replies)."""
    return selectors.list_new_replies(context["request"].user)


@register.simple_tag
def space_counts(program):
    """Return the program's posts waiting and open reports. Used on the dashboard, which checked the coordinator."""
    return selectors.space_dashboard_counts(program)
