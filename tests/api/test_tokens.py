"""API tokens: created, replaced and revoked through the API and through the account page."""

from django.test import Client
from rest_framework.authtoken.models import Token

from tests import factories
from tests.api.conftest import client_for


def test_creating_a_token_replaces_the_old_one_and_the_old_one_stops_working(db):
    user = factories.make_user()
    old_client = client_for(user)
    created = old_client.post("/api/v1/me/token/")
    assert created.status_code == 201
    new_key = created.json()["key"]
    assert Token.objects.get(user=user).key == new_key
    assert old_client.get("/api/v1/me/").status_code == 401
    new_client = client_for(None)
    new_client.credentials(HTTP_AUTHORIZATION=f"Token {new_key}")
    assert new_client.get("/api/v1/me/").json()["id"] == user.pk
    assert new_client.get("/api/v1/me/token/").json()["exists"] is True


def test_revoking_the_token_signs_integrations_out(db):
    user = factories.make_user()
    client = client_for(user)
    assert client.delete("/api/v1/me/token/").status_code == 204
    assert not Token.objects.filter(user=user).exists()
    refused = client.get("/api/v1/me/")
    assert refused.status_code == 401
    assert refused.json()["error"]["code"] == "authentication_failed"


def test_the_status_never_shows_the_key(db):
    user = factories.make_user()
    body = client_for(user).get("/api/v1/me/token/").json()
    assert set(body) == {"exists", "created"}


def test_account_page_creates_shows_once_and_revokes(db):
    user = factories.make_user()
    browser = Client()
    browser.force_login(user)
    page = browser.get("/account/api-tokens/")
    assert page.status_code == 200 and b"You have no API token." in page.content
    created = browser.post("/account/api-tokens/", {"action": "create"})
    key = Token.objects.get(user=user).key
    assert created.status_code == 200 and key.encode() in created.content
    assert key.encode() not in browser.get("/account/api-tokens/").content
    revoked = browser.post("/account/api-tokens/", {"action": "revoke"})
    assert revoked.status_code == 302
    assert not Token.objects.filter(user=user).exists()


def test_account_page_needs_a_signed_in_person(db):
    response = Client().get("/account/api-tokens/")
    assert response.status_code == 302 and "/login/" in response["Location"]
