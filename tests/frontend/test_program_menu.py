"""The program menu: one list (frontend.program_menu), one include, on every program page."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from frontend.program_menu import PROGRAM_MENU, program_menu
from letters.models import Letter
from tests import factories
from tests.letters.test_moderation import PHONE_TEXT, submit

pytestmark = pytest.mark.django_db


def menu_of(html: str) -> str:
    """Return the program menu's HTML on a page ("" when the page has none)."""
    found = re.search(r'<nav aria-label="Program [^"]*" class="subnav program-menu">.*?</nav>', html, re.S)
    return found.group(0) if found else ""


def test_the_menu_lists_every_entry_marks_the_current_page_and_asks_nothing(program):
    with CaptureQueriesContext(connection) as queries:
        links = program_menu(program.pk, "coordinator-watch-words")
    assert len(queries.captured_queries) == 0
    assert len(links) == len(PROGRAM_MENU)
    assert [link.label for link in links if link.current] == ["Settings"]
    assert f"/programs/{program.pk}/review/" in [link.url for link in links]
    assert f"/reports/?program={program.pk}" in [link.url for link in links]
    assert not any(link.current for link in program_menu(program.pk, None))


def program_pages(program, pair, letter):
    """Each program page with the menu entry it should mark as current (by its words)."""
    return [
        (f"/programs/{program.pk}/", "Dashboard"),
        (f"/programs/{program.pk}/review/", "Review queue"),
        (f"/letters/{letter.pk}/review/", "Review queue"),
        (f"/programs/{program.pk}/people/", "People"),
        (f"/people/{pair.mentee.pk}/erase/", "People"),
        (f"/programs/{program.pk}/people/import/", "Import people"),
        (f"/programs/{program.pk}/pairs/", "Pairs"),
        (f"/coordinate/pairs/{pair.pk}/", "Pairs"),
        (f"/programs/{program.pk}/readings/", "Readings"),
        (f"/programs/{program.pk}/calendar/", "Calendar"),
        (f"/programs/{program.pk}/settings/", "Settings"),
        (f"/programs/{program.pk}/settings/audit/", "Settings"),
        (f"/reports/?program={program.pk}", "Reports"),
    ]


def test_every_program_page_shows_the_same_menu_with_its_own_entry_current(client, program, coordinator, pair):
    letter = submit(pair, PHONE_TEXT)
    client.force_login(coordinator)
    expected_links = [link.url.replace("&", "&amp;") for link in program_menu(program.pk, None)]
    for path, current in program_pages(program, pair, letter):
        response = client.get(path)
        assert response.status_code == 200, path
        menu = menu_of(response.content.decode())
        assert menu, f"{path} has no program menu"
        assert re.findall(r'href="([^"]+)"', menu) == expected_links, path
        assert re.findall(r'aria-current="page">([^<]+)<', menu) == [current], path


def test_the_reports_page_shows_a_menu_only_for_a_program_the_person_coordinates(client, program, coordinator):
    other = factories.make_program()
    client.force_login(coordinator)
    assert menu_of(client.get(reverse("reports")).content.decode()) == ""
    assert menu_of(client.get(f"/reports/?program={other.pk}").content.decode()) == ""
    assert menu_of(client.get("/reports/?program=nonsense").content.decode()) == ""


def test_the_dashboard_links_the_letters_waiting_for_review_to_the_queue(client, program, coordinator, pair):
    submit(pair, PHONE_TEXT)
    client.force_login(coordinator)
    html = client.get(f"/programs/{program.pk}/").content.decode()
    card = html[html.index('id="review-heading"'):html.index('id="assignment-heading"')]
    assert f'href="/programs/{program.pk}/review/" id="open-review-queue"' in card
    assert Letter.objects.filter(pair=pair).count() == 1
