"""Every new program gets the default topics: made in the admin, by the demo data, or announced by
whoever creates one (programs.program_changes); and the statistics page costs the same whatever the size."""

import re

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from oversight import tasks as oversight_tasks
from oversight import services as topics
from oversight.models import DefaultTopic, Topic
from programs.models import Program
from programs.program_changes import program_created
from tests import factories

pytestmark = pytest.mark.django_db


def default_keys(program) -> set[str]:
    return set(Topic.objects.filter(program=program).values_list("key", flat=True))


def test_a_program_made_in_the_admin_has_the_default_topics(admin_client):
    page = admin_client.get("/admin/programs/program/add/").content.decode()
    form = {name: value for name, value in re.findall(r'name="(memberships-[A-Z_]+)" value="(\d*)"', page)}
    response = admin_client.post("/admin/programs/program/add/", {
        **form, "name": "Harbour readers", "slug": "harbour", "language": "nb", "time_zone": "Europe/Oslo",
        "starts_on": "2026-01-05", "ends_on": "2026-06-20", "review_policy": "all", "reply_window": "7 00:00:00",
        "review_sla": "1 00:00:00", "min_letter_chars": 20, "max_letter_chars": 6000, "retention_days": 365,
        "safeguarding_retention_days": 2190, "erased_letters": "delete", "max_active_pairs_per_person": 1,
        "reminder_settings": "{}",
    })
    assert response.status_code == 302, response.content.decode()[:3000]
    assert default_keys(Program.objects.get(slug="harbour")) == set(DefaultTopic.values)


def test_the_demo_program_has_the_default_topics(db):
    call_command("load_demo")
    assert default_keys(Program.objects.get(slug="demo")) == set(DefaultTopic.values)


def test_announcing_a_program_twice_adds_each_default_once():
    program = factories.make_program()
    program_created(program)
    program_created(program)
    assert Topic.objects.filter(program=program).count() == len(DefaultTopic.values)


def test_the_statistics_page_costs_the_same_queries_whatever_the_size(client):
    program = factories.make_program()
    coordinator = factories.make_coordinator(program)
    topics.add_default_topics(program)
    school = Topic.objects.get(program=program, key="school")
    client.force_login(coordinator)
    url = reverse("coordinator-statistics", args=[program.pk])

    def add_pairs(count):
        for _ in range(count):
            pair = factories.make_pair(program, coordinator)
            letter = factories.make_letter(pair, status="in_review", coordinator=coordinator)
            topics.set_letter_topic(coordinator, letter=letter, topic=school, tagged=True)

    add_pairs(1)
    client.get(url)  # the session and the program's locale settle on the first view
    with CaptureQueriesContext(connection) as small:
        assert client.get(url).status_code == 200
    add_pairs(6)
    # The minute task counts the changed pairs, as a worker would have before the next view
    # (a view that comes first counts them itself: oversight.letter_counts).
    assert oversight_tasks.recount_changed_letter_counts() == 6
    with CaptureQueriesContext(connection) as large:
        assert client.get(url).status_code == 200
    assert len(small) == len(large)
