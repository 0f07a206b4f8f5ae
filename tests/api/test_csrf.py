"""A session-authenticated API call without its CSRF token gets the API's JSON error, translated."""

import pytest
from django.test import Client


@pytest.fixture
def session_client(coordinator) -> Client:
    coordinator.language = "fr"
    coordinator.save()
    client = Client(enforce_csrf_checks=True)
    client.force_login(coordinator)
    return client


def assert_csrf_error(response, language_hint: str):
    assert response.status_code == 403
    assert response["Content-Type"] == "application/json"
    error = response.json()["error"]
    assert (error["code"], error["fields"]) == ("permission_denied", {})
    assert language_hint in error["message"] and "CSRF" in error["message"]


@pytest.mark.django_db
def test_an_api_post_without_a_csrf_token_answers_json_in_the_callers_language(session_client, pair):
    response = session_client.post("/api/v1/reports/", {"kind": "pair_booklet", "pair": pair.pk},
                                   content_type="application/json")
    assert_csrf_error(response, "refusée")


@pytest.mark.django_db
def test_a_post_to_an_unknown_api_path_gets_json_not_django_s_html_page(session_client):
    # Not a DRF view: Django's CSRF middleware refuses it before the API's JSON 404.
    response = session_client.post("/api/v1/no-such-thing/", {}, HTTP_ACCEPT_LANGUAGE="da")
    assert_csrf_error(response, "refusée")  # the signed-in person's own language wins


@pytest.mark.django_db
def test_a_page_outside_the_api_keeps_django_s_csrf_page(session_client):
    response = session_client.post("/notifications/settings/", {})
    assert response.status_code == 403 and response["Content-Type"].startswith("text/html")


@pytest.mark.django_db
def test_with_the_token_the_same_call_goes_through(session_client, pair):
    session_client.get("/")  # sets the CSRF cookie
    token = session_client.cookies["csrftoken"].value
    response = session_client.post("/api/v1/reports/", {"kind": "pair_booklet", "pair": pair.pk},
                                   content_type="application/json", HTTP_X_CSRFTOKEN=token)
    assert response.status_code == 201, response.content
