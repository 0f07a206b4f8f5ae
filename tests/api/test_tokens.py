"""API tokens: stored hashed, created, replaced and revoked through the API and the account page,
and held to the second factor of the people who must pass one."""

import importlib

from django.db import connection
from django.test import Client
from django.utils import timezone

from apitokens.models import ApiToken, hash_key
from programs import services as program_services
from programs.models import Membership
from tests import factories
from tests.api.conftest import client_for, token_key_for
from tests.security.conftest import set_up_app, sign_in_verified


def token_client(key: str):
    client = client_for(None)
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client


def test_creating_a_token_replaces_the_old_one_and_the_old_one_stops_working(db):
    user = factories.make_user()
    old_client = client_for(user)
    created = old_client.post("/api/v1/me/token/")
    assert created.status_code == 201
    new_key = created.json()["key"]
    assert ApiToken.objects.get(user=user).key_hash == hash_key(new_key)
    assert old_client.get("/api/v1/me/").status_code == 401
    new_client = token_client(new_key)
    assert new_client.get("/api/v1/me/").json()["id"] == user.pk
    status = new_client.get("/api/v1/me/token/").json()
    assert status["exists"] is True and status["prefix"] == new_key[:8]


def test_only_a_hash_and_a_short_prefix_are_stored(db):
    user = factories.make_user()
    token, key = ApiToken.new_for(user)
    assert len(key) >= 43  # 256 random bits
    row = ApiToken.objects.filter(pk=token.pk).values().get()
    stored = " ".join(str(value) for value in row.values())
    assert key not in stored and key[:12] not in stored
    assert row["key_hash"] == hash_key(key) and row["prefix"] == key[:8]


def test_using_a_token_records_when_and_an_unknown_key_is_refused(db):
    user = factories.make_user()
    token, key = ApiToken.new_for(user)
    assert token.last_used_at is None
    assert token_client(key).get("/api/v1/me/").status_code == 200
    token.refresh_from_db()
    assert token.last_used_at is not None
    assert token_client(key[:-1] + ("A" if key[-1] != "A" else "B")).get("/api/v1/me/").status_code == 401
    user.is_active = False
    user.save()
    assert token_client(key).get("/api/v1/me/").status_code == 401


def test_revoking_the_token_signs_integrations_out(db):
    user = factories.make_user()
    client = client_for(user)
    assert client.delete("/api/v1/me/token/").status_code == 204
    assert not ApiToken.objects.filter(user=user).exists()
    refused = client.get("/api/v1/me/")
    assert refused.status_code == 401
    assert refused.json()["error"]["code"] == "authentication_failed"


def test_the_status_never_shows_the_key(db):
    user = factories.make_user()
    key = token_key_for(user)
    body = token_client(key).get("/api/v1/me/token/").json()
    assert set(body) == {"exists", "prefix", "created", "last_used"}
    assert key not in str(body)


def test_account_page_creates_shows_once_and_revokes(db):
    user = factories.make_user()
    browser = Client()
    browser.force_login(user)
    page = browser.get("/account/api-tokens/")
    assert page.status_code == 200 and b"You have no API token." in page.content
    created = browser.post("/account/api-tokens/", {"action": "create"})
    assert created.status_code == 200
    key = created.context["new_key"]
    assert ApiToken.objects.get(user=user).key_hash == hash_key(key)
    assert key.encode() in created.content
    again = browser.get("/account/api-tokens/")
    assert key.encode() not in again.content and key[:8].encode() in again.content
    revoked = browser.post("/account/api-tokens/", {"action": "revoke"})
    assert revoked.status_code == 302
    assert not ApiToken.objects.filter(user=user).exists()


def test_account_page_needs_a_signed_in_person(db):
    response = Client().get("/account/api-tokens/")
    assert response.status_code == 302 and "/login/" in response["Location"]


# ---------------------------------------------------------------------------- the coordinator's second factor


def test_a_token_made_before_promotion_stops_working_when_the_role_is_granted(db):
    program = factories.make_program()
    operator = factories.make_user(is_superuser=True)
    person = factories.make_user()
    key = token_key_for(person)
    assert token_client(key).get("/api/v1/me/").status_code == 200
    program_services.add_member(operator, program=program, user=person, role=Membership.Role.COORDINATOR,
                                pseudonym="New coordinator")
    assert token_client(key).get("/api/v1/me/").status_code == 401
    assert not ApiToken.objects.filter(user=person).exists()


def test_granting_a_mentor_role_keeps_tokens(db):
    program = factories.make_program()
    coordinator = factories.make_coordinator(program)
    person = factories.make_user()
    key = token_key_for(person)
    program_services.add_member(coordinator, program=program, user=person, role=Membership.Role.MENTOR, pseudonym="Mentor")
    assert token_client(key).get("/api/v1/me/").status_code == 200


def test_an_operator_appointing_a_coordinator_in_the_admin_revokes_their_tokens(db):
    """The admin appoints through programs.services.add_member, which revokes the person's tokens."""
    program, other_program = factories.make_program(), factories.make_program()
    factories.make_coordinator(program)
    mentor = factories.make_member(program, Membership.Role.MENTOR, factories.make_coordinator(program))
    key = token_key_for(mentor.user)
    operator = factories.make_user(is_superuser=True, is_staff=True)
    admin = Client()
    sign_in_verified(admin, operator)
    response = admin.post("/admin/programs/membership/add/", {
        "program": other_program.pk, "user": mentor.user.pk, "role": "coordinator", "pseudonym": "Second hat",
    })
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Membership.objects.get(program=other_program, user=mentor.user).role == "coordinator"
    assert token_client(key).get("/api/v1/me/").status_code == 401


def test_a_coordinator_without_a_second_factor_cannot_create_a_token(db):
    program = factories.make_program()
    coordinator = factories.make_coordinator(program)
    browser = Client()
    browser.force_login(coordinator)
    # The page sends them to set up an app first, for GET and POST alike.
    page = browser.get("/account/api-tokens/")
    assert page.status_code == 302 and page["Location"].startswith("/account/two-factor/setup/")
    refused = browser.post("/account/api-tokens/", {"action": "create"})
    assert refused.status_code == 302 and refused["Location"].startswith("/account/two-factor/setup/")
    # Through the API with a session, or with a token made before, it is refused as well.
    session_api = client_for(None)
    session_api.force_login(coordinator)
    assert session_api.post("/api/v1/me/token/").status_code == 403
    assert token_client(token_key_for(coordinator)).post("/api/v1/me/token/").status_code == 403
    assert ApiToken.objects.filter(user=coordinator).count() == 1  # only the one the test made directly


def test_a_coordinator_with_an_app_must_enter_a_code_before_creating_a_token(db):
    program = factories.make_program()
    coordinator = factories.make_coordinator(program)
    set_up_app(coordinator)
    browser = Client()
    browser.force_login(coordinator)
    page = browser.post("/account/api-tokens/", {"action": "create"})
    assert page.status_code == 302 and page["Location"].startswith("/account/two-factor/verify/")
    assert not ApiToken.objects.filter(user=coordinator).exists()
    verified = Client()
    sign_in_verified(verified, coordinator)
    created = verified.post("/account/api-tokens/", {"action": "create"})
    assert created.status_code == 200
    key = created.context["new_key"]
    assert token_client(key).get("/api/v1/me/").status_code == 200
    # A token cannot vouch for the next one.
    assert token_client(key).post("/api/v1/me/token/").status_code == 403


def test_sign_out_everywhere_revokes_tokens(db):
    user = factories.make_user()
    key = token_key_for(user)
    browser = Client()
    browser.force_login(user)
    assert browser.post("/account/sign-out-everywhere/").status_code == 302
    assert token_client(key).get("/api/v1/me/").status_code == 401
    assert browser.get("/account/security/").status_code == 200  # this session stays


# ---------------------------------------------------------------------------- migrating plain-text tokens


def run_legacy_migration():
    """Run the data migration's forward step as `migrate` would (outside a transaction on SQLite)."""
    from django.apps import apps

    migration = importlib.import_module("apitokens.migrations.0002_hash_legacy_tokens")
    with connection.schema_editor() as editor:
        migration.copy_legacy_tokens(apps, editor)


def test_the_migration_hashes_legacy_keys_so_they_keep_working_and_drops_the_plain_table(transactional_db):
    user = factories.make_user()
    legacy_key = "9944b09199c62bcf9418ad846dd0e4bbdfc6ee4b"
    with connection.cursor() as cursor:
        cursor.execute("CREATE TABLE authtoken_token (key varchar(40) PRIMARY KEY, user_id bigint NOT NULL, "
                       "created timestamp with time zone NOT NULL)" if connection.vendor == "postgresql" else
                       "CREATE TABLE authtoken_token (key varchar(40) PRIMARY KEY, user_id bigint NOT NULL, created datetime NOT NULL)")
        cursor.execute("INSERT INTO authtoken_token (key, user_id, created) VALUES (%s, %s, %s)",
                       [legacy_key, user.pk, timezone.now()])
    try:
        run_legacy_migration()
    finally:
        with connection.cursor() as cursor:
            cursor.execute("DROP TABLE IF EXISTS authtoken_token")
    assert "authtoken_token" not in connection.introspection.table_names()
    token = ApiToken.objects.get(user=user)
    assert token.prefix == legacy_key[:8] and legacy_key not in token.key_hash
    assert token_client(legacy_key).get("/api/v1/me/").json()["id"] == user.pk


def test_without_legacy_tokens_the_migration_does_nothing(transactional_db):
    factories.make_user()
    run_legacy_migration()
    assert not ApiToken.objects.exists()


def test_the_admin_shows_only_prefix_and_dates(db):
    user = factories.make_user()
    token, key = ApiToken.new_for(user)
    operator = factories.make_user(is_superuser=True, is_staff=True)
    admin = Client()
    sign_in_verified(admin, operator)
    listing = admin.get("/admin/apitokens/apitoken/").content.decode()
    detail = admin.get(f"/admin/apitokens/apitoken/{token.pk}/change/").content.decode()
    for page in (listing, detail):
        assert token.prefix in page
        assert key not in page and token.key_hash not in page
    assert admin.get("/admin/apitokens/apitoken/add/").status_code == 403


def test_the_admin_cannot_promote_a_member_around_the_service(db):
    """Roles change only through the services, so no admin form can make a coordinator who keeps old tokens."""
    program = factories.make_program()
    coordinator = factories.make_coordinator(program)
    mentor = factories.make_member(program, Membership.Role.MENTOR, coordinator)
    key = token_key_for(mentor.user)
    operator = factories.make_user(is_superuser=True, is_staff=True)
    admin = Client()
    sign_in_verified(admin, operator)
    response = admin.post(f"/admin/programs/membership/{mentor.pk}/change/", {
        "program": program.pk, "user": mentor.user.pk, "role": "coordinator", "pseudonym": mentor.pseudonym,
        "status": "active",
    })
    assert response.status_code == 403
    mentor.refresh_from_db()
    assert mentor.role == "mentor"
    assert token_client(key).get("/api/v1/me/").status_code == 200


def test_a_verified_session_may_create_a_coordinators_token_through_the_api(db):
    program = factories.make_program()
    coordinator = factories.make_coordinator(program)
    api = client_for(None)
    sign_in_verified(api, coordinator)
    created = api.post("/api/v1/me/token/")
    assert created.status_code == 201
    assert token_client(created.json()["key"]).get("/api/v1/me/").json()["id"] == coordinator.pk
