"""A member's pages cost the same number of queries however many letters a pair has.

The selectors' own tests count the queries of the list; these count the whole page,
rendering included, where a template that follows a letter's `pair` or `program` would add
queries per letter.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from letters import services as letter_services
from tests import factories
from tests.frontend import session_statements


def _queries(client, url) -> int:
    client.get(url)  # the session, the locale and the caches settle on the first request
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def _add_letters(pair, coordinator, count: int) -> None:
    for n in range(count):
        factories.make_letter(pair, by="mentee" if n % 2 else "mentor", status="delivered", coordinator=coordinator)


@pytest.mark.parametrize("side", ["mentee", "mentor"])
def test_thread_page_costs_the_same_with_2_or_14_letters(client, pair, coordinator, side):
    client.force_login(getattr(pair, side).user)
    url = reverse("pair-thread", args=[pair.pk])
    _add_letters(pair, coordinator, 2)
    short = _queries(client, url)
    _add_letters(pair, coordinator, 12)
    assert _queries(client, url) == short


def test_home_page_costs_the_same_with_2_or_14_letters(client, pair, coordinator):
    client.force_login(pair.mentee.user)
    url = reverse("home")
    _add_letters(pair, coordinator, 2)
    short = _queries(client, url)
    _add_letters(pair, coordinator, 12)
    assert _queries(client, url) == short


@pytest.mark.parametrize("side", ["mentee", "mentor"])
def test_a_members_thread_reads_four_statements_and_its_session(client, pair, coordinator, side):
    """The session, the user, the pair, its letters (each saying whether it has redactions)
    and the unread-notice count: whether the member coordinates is answered from their own
    membership in the pair, and a thread without redactions reads none. With Redis the
    session comes from the cache, one statement fewer."""
    client.force_login(getattr(pair, side).user)
    _add_letters(pair, coordinator, 4)
    assert _queries(client, reverse("pair-thread", args=[pair.pk])) == 4 + session_statements()


def test_a_thread_with_a_redacted_letter_reads_its_redactions_once_and_shows_them(client, pair, coordinator):
    _add_letters(pair, coordinator, 4)
    letter = letter_services.save_draft(pair.mentee.user, pair=pair, body="Call me on 12345678 after school!")
    letter = letter_services.submit_letter(pair.mentee.user, letter=letter)
    letter_services.approve_letter(coordinator, letter=letter, redactions=[(11, 19)])
    _add_letters(pair, coordinator, 2)
    client.force_login(pair.mentor.user)
    url = reverse("pair-thread", args=[pair.pk])
    assert _queries(client, url) == 5 + session_statements()
    html = client.get(url).content.decode()
    assert "12345678" not in html and "after school!" in html
