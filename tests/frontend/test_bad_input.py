"""Input that used to end in a server error gets a clear, translated answer, and nothing is lost."""

import pytest
from django.test import Client

from config.middleware import MAX_URL_LENGTH
from programs.models import Membership


@pytest.mark.django_db
def test_an_invitation_with_a_pseudonym_longer_than_the_column_is_refused_with_a_translated_message(program, coordinator):
    coordinator.language = "da"
    coordinator.save()
    client = Client()
    client.force_login(coordinator)
    before = Membership.objects.count()
    response = client.post(f"/programs/{program.pk}/people/invite/", {"role": "mentee", "pseudonym": "S" * 61},
                           follow=True)
    assert response.status_code == 200
    assert "Hold kaldenavnet under 60 tegn." in response.content.decode()
    assert Membership.objects.count() == before  # nothing half-made: no placeholder member
    response = client.post(f"/programs/{program.pk}/people/invite/", {"role": "mentee", "pseudonym": "S" * 60},
                           follow=True)
    assert Membership.objects.filter(program=program, pseudonym="S" * 60, status="invited").exists()


@pytest.mark.django_db
@pytest.mark.parametrize("signed_in", [False, True])
def test_a_very_long_url_gets_a_clear_translated_414_page(client, coordinator, signed_in):
    if signed_in:
        coordinator.language = "fr"  # signed in, their own language wins over the browser's
        coordinator.save()
        client.force_login(coordinator)
    url = "/letters/1/?q=" + "x" * 20000  # signed out, the sign-in redirect would carry all of it
    response = client.get(url, HTTP_ACCEPT_LANGUAGE="fr")
    assert response.status_code == 414
    assert "Cette adresse est trop longue" in response.content.decode()
    assert response["Content-Type"].startswith("text/html")


@pytest.mark.django_db
def test_a_very_long_api_url_gets_the_api_error_format(client, coordinator):
    coordinator.language = "nb"
    coordinator.save()
    client.force_login(coordinator)
    response = client.get("/api/v1/letters/?search=" + "x" * MAX_URL_LENGTH, HTTP_ACCEPT_LANGUAGE="nb")
    assert response.status_code == 414
    body = response.json()["error"]
    assert body["code"] == "uri_too_long" and body["fields"] == {}
    assert body["message"].startswith("Denne adressen er for lang")


@pytest.mark.django_db
def test_urls_up_to_the_limit_are_served_as_before(client, coordinator):
    client.force_login(coordinator)
    path = "/letters/?q="
    assert client.get(path + "x" * (MAX_URL_LENGTH - len(path))).status_code == 200
