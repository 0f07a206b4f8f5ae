"""Template tags for the peer spaces' parts of shared pages (home page, coordinator dashboard).

The coordinator dashboard includes a template of ours (frontend/spaces/dashboard_card.html),
which reads through this tag. The home page's new replies come with the rest of the home
page's reads (frontend.selectors.home_summary), which loads the person's memberships once.
"""

from django import template

from spaces import selectors

register = template.Library()


@register.simple_tag
def space_counts(program):
    """Return the program's posts waiting and open reports. Used on the dashboard, which checked the coordinator."""
    return selectors.space_dashboard_counts(program)
