"""The statistics, topics and region pages, and the topic buttons of the review page: who reaches
them (the program's coordinators only), what the forms change, and the CSV export's suppression."""

import csv
import io

import pytest
from django.urls import reverse

from letters.models import Letter
from oversight import services as topics
from oversight.models import DefaultTopic, LetterTopic, Topic
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup(program, coordinator, pair):
    topics.add_default_topics(program)
    other_program = factories.make_program()
    other_coordinator = factories.make_coordinator(other_program)
    letter = factories.make_letter(pair, status="in_review", coordinator=coordinator)
    return {"program": program, "coordinator": coordinator, "pair": pair, "letter": letter,
            "other_coordinator": other_coordinator, "school": Topic.objects.get(program=program, key="school")}


def pages(program):
    return [reverse("coordinator-statistics", args=[program.pk]),
            reverse("coordinator-statistics-csv", args=[program.pk]),
            reverse("coordinator-topics", args=[program.pk]),
            reverse("coordinator-member-details", args=[program.pk])]


def test_only_the_programs_coordinators_reach_the_pages(client, setup):
    program, pair = setup["program"], setup["pair"]
    client.force_login(setup["coordinator"])
    for url in pages(program):
        assert client.get(url).status_code == 200, url
    for who in (pair.mentee.user, pair.mentor.user, setup["other_coordinator"]):
        client.force_login(who)
        for url in pages(program):
            assert client.get(url).status_code == 404, (who, url)
        school, letter = setup["school"], setup["letter"]
        assert client.post(reverse("review-letter-topic", args=[letter.pk]),
                           {"topic": school.pk, "tagged": "1"}).status_code == 404
        assert client.post(reverse("coordinator-topic-change", args=[school.pk]),
                           {"action": "retire"}).status_code == 404
        assert client.post(reverse("coordinator-member-details-save", args=[pair.mentee.pk]),
                           {"region": "Nowhere"}).status_code == 404
    assert not LetterTopic.objects.exists()
    assert Topic.objects.get(pk=setup["school"].pk).retired_at is None
    pair.mentee.refresh_from_db()
    assert pair.mentee.region == ""


def test_the_review_page_toggles_a_topic_in_one_click_each_way(client, setup):
    letter, school = setup["letter"], setup["school"]
    client.force_login(setup["coordinator"])
    page = client.get(reverse("review-letter", args=[letter.pk])).content.decode()
    assert 'id="letter-topics"' in page and 'aria-pressed="false"' in page
    url = reverse("review-letter-topic", args=[letter.pk])
    response = client.post(url, {"topic": school.pk, "tagged": "1"})
    assert response.status_code == 302 and response["Location"].endswith(f"/letters/{letter.pk}/review/#letter-topics")
    assert list(LetterTopic.objects.values_list("letter", "topic")) == [(letter.pk, school.pk)]
    page = client.get(reverse("review-letter", args=[letter.pk])).content.decode()
    assert 'aria-pressed="true"' in page
    client.post(url, {"topic": school.pk, "tagged": "0"})
    assert not LetterTopic.objects.exists()
    # The review page's script asks for JSON and changes the button in place.
    answer = client.post(url, {"topic": school.pk, "tagged": "1"}, HTTP_ACCEPT="application/json")
    assert answer.status_code == 200 and answer.json() == {"tagged": True}
    answer = client.post(url, {"topic": school.pk, "tagged": "0"}, HTTP_ACCEPT="application/json")
    assert answer.json() == {"tagged": False}
    topics.set_topic_retired(setup["coordinator"], topic=school, retired=True)
    refused = client.post(url, {"topic": school.pk, "tagged": "1"}, HTTP_ACCEPT="application/json")
    assert refused.status_code == 400 and "retired" in refused.json()["errors"][0]
        # Another program's topic is not found for this coordinator.
    foreign = Topic.objects.create(program=factories.make_program(), name="Elsewhere")
    assert client.post(url, {"topic": foreign.pk, "tagged": "1"}).status_code == 404
    client.post(url, {"topic": "not a number", "tagged": "1"})
    assert not LetterTopic.objects.exists()


def test_topics_page_adds_renames_and_retires(client, setup):
    program, school = setup["program"], setup["school"]
    client.force_login(setup["coordinator"])
    client.post(reverse("coordinator-topics", args=[program.pk]), {"name": "Animals"})
    assert Topic.objects.filter(program=program, name="Animals").exists()
    client.post(reverse("coordinator-topic-change", args=[school.pk]), {"action": "rename", "name": "Classes"})
    client.post(reverse("coordinator-topic-change", args=[school.pk]), {"action": "retire"})
    school.refresh_from_db()
    assert school.label == "Classes" and school.retired_at is not None
    response = client.post(reverse("coordinator-topics", args=[program.pk]), {"name": "animals"}, follow=True)
    assert "already has a topic called" in response.content.decode()
    Topic.objects.filter(program=program, key=DefaultTopic.OTHER).delete()
    client.post(reverse("coordinator-topics-defaults", args=[program.pk]))
    assert Topic.objects.filter(program=program, key=DefaultTopic.OTHER).exists()


def test_the_csv_export_is_suppressed_like_the_page(client, setup):
    program, coordinator, school = setup["program"], setup["coordinator"], setup["school"]
    for _ in range(5):
        pair = factories.make_pair(program, coordinator)
        letter = factories.make_letter(pair, status="in_review", coordinator=coordinator)
        topics.set_letter_topic(coordinator, letter=letter, topic=school, tagged=True)
    client.force_login(coordinator)
    response = client.get(reverse("coordinator-statistics-csv", args=[program.pk]))
    assert response["Content-Type"].startswith("text/csv")
    lines = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert lines[0] == ["table", "key", "category", "letters", "pairs"]
    by_key = {(line[0], line[1]): line[2:] for line in lines[1:]}
    assert by_key[("topic", str(school.pk))] == ["School", "5", "5"]
    assert by_key[("topic", "unknown")] == ["No topic", "< 5", "< 5"]  # the first pair's letter
    assert all(cell == "< 5" or int(cell) >= 5 for line in lines[1:] for cell in line[3:])
    assert Letter.objects.exclude(status="draft").count() == 6


def test_member_details_are_saved_from_their_page(client, setup):
    pair = setup["pair"]
    client.force_login(setup["coordinator"])
    response = client.post(reverse("coordinator-member-details-save", args=[pair.mentee.pk]),
                           {"region": "Lyon", "age_band": "13-15", "page": "1"})
    assert response.status_code == 302 and response["Location"].endswith("?page=1")
    pair.mentee.refresh_from_db()
    assert (pair.mentee.region, pair.mentee.age_band) == ("Lyon", "13-15")
    response = client.post(reverse("coordinator-member-details-save", args=[pair.mentee.pk]),
                           {"region": "Lyon", "age_band": "ancient"}, follow=True)
    assert "The age band must be one of" in response.content.decode()
    pair.mentee.refresh_from_db()
    assert pair.mentee.age_band == "13-15"
