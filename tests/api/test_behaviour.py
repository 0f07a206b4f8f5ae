"""Errors, language, pagination, filters and what the API never reveals."""

import pytest
from django.test import override_settings
from django.utils import timezone

from letters.models import LetterStatus
from tests import factories
from tests.api.conftest import client_for


def error_of(response) -> dict:
    return response.json()["error"]


# ---------------------------------------------------------------------------- errors


def test_service_validation_error_becomes_400_with_fields(world):
    letter = factories.make_letter(world["own"], body="short")  # the program wants at least 10 characters
    response = client_for(world["mentee"]).post(f"/api/v1/letters/{letter.pk}/submit/", {}, format="json")
    assert response.status_code == 400
    error = error_of(response)
    assert error["code"] == "invalid"
    assert list(error["fields"]) == ["body"]
    assert "a little short" in error["fields"]["body"][0]


def test_non_field_service_error_is_the_message(world):
    coordinator = world["coordinator"]
    client_for(coordinator).post(f"/api/v1/pairs/{world['own'].pk}/pause/", {"reason": "Holiday."}, format="json")
    response = client_for(world["mentee"]).post("/api/v1/letters/", {"pair": world["own"].pk, "body": "Hello there!"},
                                                format="json")
    assert response.status_code == 400
    assert error_of(response)["fields"] == {}
    assert "takes no new letters" in error_of(response)["message"]


def test_deciding_an_already_decided_letter_is_409(world):
    letter = world["letters"]["own"]["in_review"]
    client = client_for(world["coordinator"])
    assert client.post(f"/api/v1/letters/{letter.pk}/approve/", {}, format="json").status_code == 200
    second = client.post(f"/api/v1/letters/{letter.pk}/withhold/", {"reason": "Too late?"}, format="json")
    assert second.status_code == 409
    assert error_of(second)["code"] == "conflict"
    assert "Delivered" in error_of(second)["message"]


def test_unknown_api_path_answers_json_404(db):
    response = client_for(None).get("/api/v1/no-such-thing/")
    assert response.status_code == 404 and error_of(response)["code"] == "not_found"


def test_unauthenticated_gets_401_with_a_challenge(db):
    response = client_for(None).get("/api/v1/letters/")
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"
    assert error_of(response) == {"code": "not_authenticated", "message": "Authentication credentials were not provided.",
                                  "fields": {}}


@override_settings(REST_FRAMEWORK={
    "DEFAULT_THROTTLE_RATES": {"user": "2/minute", "anon": "1/minute"},
    "EXCEPTION_HANDLER": "api.errors.exception_handler",
    "DEFAULT_PAGINATION_CLASS": "api.pagination.PageNumberPagination",
})
def test_throttled_per_user_and_per_address(world):
    client = client_for(world["mentee"])
    assert [client.get("/api/v1/me/").status_code for _ in range(3)] == [200, 200, 429]
    third = client.get("/api/v1/me/")
    assert error_of(third)["code"] == "throttled" and int(third["Retry-After"]) > 0
    # Another person has their own allowance.
    assert client_for(world["mentor"]).get("/api/v1/me/").status_code == 200
    # Anonymous callers are counted by address (on the public endpoints: a protected one
    # refuses them with 401 before any throttle is consulted).
    anonymous = client_for(None)
    assert [anonymous.get("/api/schema/").status_code for _ in range(2)] == [200, 429]


# ---------------------------------------------------------------------------- language


def test_messages_follow_accept_language(world):
    response = client_for(world["mentee"], language="fr").get("/api/v1/programs/999999/")
    assert response.status_code == 404
    response = client_for(None, language="fr").get("/api/v1/me/")
    assert error_of(response)["message"] == "Informations d'authentification non fournies."


def test_the_users_own_language_wins_over_accept_language(world):
    mentee = world["mentee"]
    mentee.language = "fr"
    mentee.save(update_fields=["language"])
    response = client_for(mentee, language="en").post("/api/v1/letters/", {}, format="json")
    assert response.status_code == 400
    assert error_of(response)["fields"]["pair"] == ["Ce champ est obligatoire."]
    assert response["Content-Language"] == "fr"


# ---------------------------------------------------------------------------- pagination and filters


def test_lists_are_paginated_with_a_stable_order(world):
    for _ in range(3):
        factories.make_letter(world["own"])
    client = client_for(world["mentee"])
    first = client.get("/api/v1/letters/?page_size=2").json()
    second = client.get(first["next"]).json()
    ids = [letter["id"] for letter in first["results"] + second["results"]]
    assert first["count"] == 6
    assert ids == sorted(ids)[: len(ids)]
    assert len(set(ids)) == 4


def test_coordinator_filters_letters_by_status_pair_and_waiting_since(world):
    client = client_for(world["coordinator"])
    own_review = world["letters"]["own"]["in_review"]
    response = client.get(f"/api/v1/letters/?status=in_review&pair={world['own'].pk}")
    assert [letter["id"] for letter in response.json()["results"]] == [own_review.pk]
    later = timezone.now().isoformat()
    waiting = client.get("/api/v1/letters/", {"status": LetterStatus.IN_REVIEW, "submitted_before": later}).json()
    assert {letter["id"] for letter in waiting["results"]} == {
        world["letters"]["own"]["in_review"].pk, world["letters"]["neighbour"]["in_review"].pk
    }
    none_yet = client.get("/api/v1/letters/", {"submitted_before": "2000-01-01T00:00:00Z"}).json()
    assert none_yet["count"] == 0


def test_filter_by_a_pair_you_may_not_see_is_404(world):
    response = client_for(world["mentee"]).get(f"/api/v1/letters/?pair={world['neighbour'].pk}")
    assert response.status_code == 404


def test_bad_filter_value_is_400_naming_the_field(world):
    response = client_for(world["coordinator"]).get("/api/v1/letters/?status=lost")
    assert response.status_code == 400 and list(error_of(response)["fields"]) == ["status"]


def test_review_queue_lists_longest_waiting_first(world):
    newer = factories.make_letter(world["own"], status="in_review")
    response = client_for(world["coordinator"]).get(f"/api/v1/programs/{world['program_a'].pk}/review-queue/")
    ids = [letter["id"] for letter in response.json()["results"]]
    assert ids == [world["letters"]["own"]["in_review"].pk, world["letters"]["neighbour"]["in_review"].pk, newer.pk]


def test_letter_list_costs_the_same_queries_whatever_its_length(world, django_assert_max_num_queries):
    client = client_for(world["coordinator"])
    client.get("/api/v1/letters/")  # warm up: content types, token
    with django_assert_max_num_queries(8) as few:
        client.get("/api/v1/letters/")
    for _ in range(5):
        factories.make_letter(world["own"], status="in_review")
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get("/api/v1/letters/")


# ---------------------------------------------------------------------------- privacy


@pytest.mark.parametrize("path", ["/api/v1/me/", "/api/v1/pairs/", "/api/v1/letters/", "/api/v1/programs/{program}/members/"])
def test_no_real_names_or_emails_of_others(world, path):
    for user in (world["mentor"], world["mentee"]):
        user.first_name, user.last_name, user.email = "Realname", "Surname", "private@example.org"
        user.save()
    body = client_for(world["coordinator"]).get(path.format(program=world["program_a"].pk)).content.decode()
    assert "Realname" not in body and "Surname" not in body and "private@example.org" not in body


def test_returned_letter_shows_the_coordinators_note_to_its_author_only(world):
    letter = world["letters"]["own"]["in_review"]
    client_for(world["coordinator"]).post(f"/api/v1/letters/{letter.pk}/request-changes/",
                                          {"note": "Leave out the street name."}, format="json")
    mine = client_for(world["mentee"]).get(f"/api/v1/letters/{letter.pk}/").json()
    assert mine["status"] == "changes_requested"
    assert mine["coordinator_note"] == "Leave out the street name."
    # The mentor never sees a letter that was not delivered.
    assert client_for(world["mentor"]).get(f"/api/v1/letters/{letter.pk}/").status_code == 404


def test_a_draft_is_plain_text_kept_as_typed_and_escaped_on_the_way_out(world):
    typed = 'Hi <insert name here> & <p onclick="x()"><script>alert(1)</script>'
    response = client_for(world["mentee"]).post(
        "/api/v1/letters/", {"pair": world["own"].pk, "body": typed}, format="json",
    )
    assert response.status_code == 201
    answer = response.json()
    assert answer["body_text"] == typed
    assert answer["body_html"] == (
        "<p>Hi &lt;insert name here&gt; &amp; &lt;p onclick=&quot;x()&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;</p>"
    )


# ---------------------------------------------------------------------------- moderation


def test_a_claim_by_another_coordinator_blocks_approval_with_409(world):
    letter = world["letters"]["own"]["in_review"]
    second = factories.make_coordinator(world["program_a"])
    assert client_for(world["coordinator"]).post(f"/api/v1/letters/{letter.pk}/claim/").status_code == 200
    refused = client_for(second).post(f"/api/v1/letters/{letter.pk}/approve/", {}, format="json")
    assert refused.status_code == 409 and error_of(refused)["code"] == "conflict"
    queue = client_for(second).get(f"/api/v1/programs/{world['program_a'].pk}/review-queue/").json()["results"]
    assert {item["id"]: item["claim_holder"] for item in queue}[letter.pk] == f"Coordinator {world['coordinator'].pk}"


def test_approval_with_redactions_hides_the_part_from_the_recipient_only(world):
    letter = factories.make_letter(world["own"], status="in_review", body="Call me on my phone tonight please.")
    start = letter.body_text.index("on my phone")
    approved = client_for(world["coordinator"]).post(
        f"/api/v1/letters/{letter.pk}/approve/", {"redactions": [[start, start + len("on my phone")]]}, format="json",
    )
    assert approved.status_code == 200 and approved.json()["status"] == "delivered"
    seen = client_for(world["mentor"]).get(f"/api/v1/letters/{letter.pk}/").json()["body_html"]
    assert "on my phone" not in seen and "[removed by your coordinator]" in seen
    assert "on my phone" in client_for(world["coordinator"]).get(f"/api/v1/letters/{letter.pk}/").json()["body_html"]


def test_redaction_outside_the_letter_is_400_on_the_field(world):
    letter = world["letters"]["own"]["in_review"]
    response = client_for(world["coordinator"]).post(
        f"/api/v1/letters/{letter.pk}/approve/", {"redactions": [[0, 100000]]}, format="json"
    )
    assert response.status_code == 400 and list(error_of(response)["fields"]) == ["redactions"]


# ---------------------------------------------------------------------------- pair health


def test_coordinators_get_the_dashboards_pair_health_members_do_not(world):
    from oversight.health import get_pair_health

    own = world["own"]
    factories.make_letter(own, status="withheld", coordinator=world["coordinator"])
    expected = get_pair_health(own)
    assert expected.level == "at_risk" and "letter_withheld" in expected.reasons
    as_coordinator = client_for(world["coordinator"]).get(f"/api/v1/pairs/{own.pk}/").json()
    assert as_coordinator["health"] == {"level": expected.level, "reasons": list(expected.reasons)}
    listed = client_for(world["coordinator"]).get(f"/api/v1/pairs/?program={own.program_id}").json()
    assert {row["id"]: row["health"]["level"] for row in listed["results"]}[own.pk] == "at_risk"
    assert client_for(world["mentee"]).get(f"/api/v1/pairs/{own.pk}/").json()["health"] is None
    assert all(row["health"] is None for row in client_for(world["mentee"]).get("/api/v1/pairs/").json()["results"])


def test_pair_list_with_health_costs_the_same_queries_whatever_its_length(world, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_for(world["coordinator"])
    url = f"/api/v1/pairs/?program={world['own'].program_id}"
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for _ in range(6):
        factories.make_pair(world["program_a"], world["coordinator"])
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert len(client.get(url).json()["results"]) >= 8
