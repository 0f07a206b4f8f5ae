"""A page that links to a URL that does not resolve fails loudly (frontend.templatetags.brevven.page_url)."""

import logging

import pytest
from django.template import Context, Template
from django.urls import NoReverseMatch

from frontend.templatetags.brevven import BROKEN_LINK

LINK = Template('{% load brevven %}<a href="{% page_url name arg %}">x</a>')


def render(name, arg=None):
    return LINK.render(Context({"name": name, "arg": arg}))


def test_a_link_that_resolves_is_rendered():
    assert render("review-queue", 7) == '<a href="/programs/7/review/">x</a>'


@pytest.mark.parametrize(("name", "arg"), [("no-such-page", None), ("reports", 3)])
def test_a_broken_link_raises_in_the_tests_and_in_debug(name, arg):
    with pytest.raises(NoReverseMatch):
        render(name, arg)


def test_a_broken_link_in_production_is_logged_and_still_shown(settings, caplog):
    settings.BREVVEN_STRICT_LINKS = False
    with caplog.at_level(logging.ERROR, logger="frontend.templatetags.brevven"):
        html = render("no-such-page")
    assert html == f'<a href="{BROKEN_LINK}">x</a>'
    assert [record.levelno for record in caplog.records] == [logging.ERROR]
    assert "no-such-page" in caplog.text


@pytest.mark.django_db
def test_the_coordinator_navigation_links_every_page_it_names(client, program, coordinator):
    client.force_login(coordinator)
    page = client.get(f"/programs/{program.pk}/").content.decode()
    for path in (f"/programs/{program.pk}/review/", f"/programs/{program.pk}/people/", f"/reports/?program={program.pk}",
                 "/notifications/"):
        assert f'href="{path}"' in page
