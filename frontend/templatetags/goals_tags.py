"""Template helpers that put goals into pages owned by others (the letter editor; the home page's part
comes with frontend.selectors.home_summary).

Each returns what a goals selector returns for an object the page already fetched for its
viewer; the rules of who sees which goal are in goals.selectors.
"""

from django import template

from goals import selectors

register = template.Library()


@register.simple_tag
def goals_beside_letter(letter):
    """The goals the letter's mentor may see while writing it (none for a mentee's own letter)."""
    return selectors.goals_beside_letter(letter)


