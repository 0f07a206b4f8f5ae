"""The review page's topic buttons, drawn from their own selectors so the review view needs no change."""

from django import template

from oversight.statistics import letter_topic_ids, list_topics

register = template.Library()


@register.inclusion_tag("frontend/statistics/letter_topics_form.html", takes_context=True)
def letter_topics_form(context, letter) -> dict:
    """Return what the topic buttons of `letter` need: the program's offered topics and those on the letter.

    Shown on the review page, which only the letter's coordinators reach (access_letter_for_review).
    A retired topic still on the letter is shown, so it can be taken off.
    """
    tagged = letter_topic_ids(letter)
    topics = [t for t in list_topics(letter.pair.program) if t.is_active or t.pk in tagged]
    return {"letter": letter, "topics": topics, "tagged": tagged, "csrf_token": context.get("csrf_token")}
