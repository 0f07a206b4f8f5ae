"""The statistics and topics endpoints: what they answer (suppressed counts, labels in the caller's
language) and the services' refusals as API errors. Who may call them is in test_permissions.py."""

import pytest

from oversight import services as oversight_services
from oversight.models import Topic
from programs import services as program_services
from tests import factories
from tests.api.conftest import client_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def program_with_letters(program, coordinator):
    """Five pairs whose mentees live in Bergen, each with one sent letter tagged School; one more pair, no region."""
    oversight_services.add_default_topics(program)
    school = Topic.objects.get(program=program, key="school")
    for index in range(6):
        pair = factories.make_pair(program, coordinator)
        letter = factories.make_letter(pair, status="in_review", coordinator=coordinator)
        if index < 5:
            program_services.set_member_details(coordinator, membership=pair.mentee, region="Bergen", age_band="13-15")
            oversight_services.set_letter_topic(coordinator, letter=letter, topic=school, tagged=True)
    return program, school


def test_statistics_are_suppressed_and_in_the_callers_language(program_with_letters, coordinator):
    program, school = program_with_letters
    coordinator.language = "da"
    coordinator.save(update_fields=["language"])
    body = client_for(coordinator).get(f"/api/v1/programs/{program.pk}/statistics/").json()
    assert set(body) == {"by_topic", "by_month", "by_region", "by_age_band"}
    topics = {row["key"]: row for row in body["by_topic"]}
    assert topics[str(school.pk)] == {"key": str(school.pk), "label": "Skole", "letters": "5", "pairs": "5"}
    assert topics["unknown"] == {"key": "unknown", "label": "Intet emne", "letters": "< 5", "pairs": "< 5"}
    regions = [(row["key"], row["letters"], row["pairs"]) for row in body["by_region"]]
    assert regions == [("Bergen", "5", "5"), ("unknown", "< 5", "< 5")]
    every_cell = [row[column] for table in body.values() for row in table for column in ("letters", "pairs")]
    assert all(cell == "< 5" or int(cell) >= 5 for cell in every_cell)


def test_topics_are_listed_added_renamed_and_retired(program_with_letters, coordinator):
    program, school = program_with_letters
    client = client_for(coordinator)
    listed = client.get(f"/api/v1/programs/{program.pk}/topics/").json()
    assert [t["default_key"] for t in listed][:2] == ["school", "friends"] and len(listed) == 8
    created = client.post(f"/api/v1/programs/{program.pk}/topics/", {"name": "Animals"}, format="json")
    assert created.status_code == 201 and created.json()["label"] == "Animals" and created.json()["retired"] is False
    again = client.post(f"/api/v1/programs/{program.pk}/topics/", {"name": "animals"}, format="json")
    assert again.status_code == 400 and "name" in again.json()["error"]["fields"]
    changed = client.patch(f"/api/v1/topics/{school.pk}/", {"name": "Classes", "retired": True}, format="json")
    assert changed.status_code == 200
    assert changed.json() == {"id": school.pk, "label": "Classes", "default_key": "school", "retired": True}
    listed = client.get(f"/api/v1/programs/{program.pk}/topics/").json()
    assert listed[-1]["id"] == school.pk  # retired topics come last
