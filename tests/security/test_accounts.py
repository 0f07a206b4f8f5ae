"""Sign-in throttling, the second factor, invitations and signing out everywhere."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from programs import accounts
from programs.exceptions import StateConflict
from programs.models import Invitation, Membership, User
from tests import factories
from tests.security.conftest import current_code, set_up_app, sign_in_verified

# ---------------------------------------------------------------------------- throttling


def fail_sign_in(client, username, times, address="10.0.0.1"):
    for _i in range(times):
        response = client.post("/login/", {"username": username, "password": "wrong"}, REMOTE_ADDR=address)
    return response


def test_sign_in_locks_the_account_from_that_address_after_five_failures_with_a_clear_message(client, throttling, pair):
    mentee = pair.mentee.user
    assert fail_sign_in(client, mentee.username, 4).status_code == 200
    locked = fail_sign_in(client, mentee.username, 1)
    assert locked.status_code == 429
    assert "signing in to it from here is paused for an hour" in locked.content.decode()
    # Even the right password is refused from that address now...
    right = client.post("/login/", {"username": mentee.username, "password": "pw"}, REMOTE_ADDR="10.0.0.1")
    assert right.status_code == 429
    assert accounts.is_locked_out(mentee)
    # ...but not from the person's own address: a guesser elsewhere cannot lock them out.
    own = client.post("/login/", {"username": mentee.username, "password": "pw"}, REMOTE_ADDR="10.0.0.2")
    assert own.status_code == 302


def test_a_coordinator_unlocks_a_person_of_their_program(client, throttling, program, coordinator, pair):
    mentee = pair.mentee.user
    fail_sign_in(client, mentee.username, 5)
    stranger_coordinator = factories.make_coordinator(factories.make_program())
    with pytest.raises(PermissionDenied):
        accounts.unlock_sign_in(stranger_coordinator, user=mentee)
    staff = factories.make_user()
    staff_client = client_class_for(staff)
    assert staff_client.post(f"/people/{pair.mentee.pk}/unlock/").status_code == 404
    coordinator_client = client_class_for(coordinator)
    page = coordinator_client.get(f"/programs/{program.pk}/people/")
    assert "sign-in locked" in page.content.decode()
    assert coordinator_client.post(f"/people/{pair.mentee.pk}/unlock/").status_code == 302
    assert not accounts.is_locked_out(mentee)
    # The lock is on the name *and* the address: the unlock lifts it at the address it was locked from.
    assert client.post("/login/", {"username": mentee.username, "password": "pw"}, REMOTE_ADDR="10.0.0.1").status_code == 302


def client_class_for(user):
    from django.test import Client

    client = Client()
    client.force_login(user)
    return client


def test_an_operator_unlocks_through_the_admin(admin_client, throttling, client, pair):
    mentee = pair.mentee.user
    fail_sign_in(client, mentee.username, 5)
    response = admin_client.post("/admin/programs/user/", {"action": "unlock_selected", "_selected_action": [mentee.pk]})
    assert response.status_code == 302
    assert not accounts.is_locked_out(mentee)


# ---------------------------------------------------------------------------- second factor


def test_coordinators_are_sent_to_set_up_a_second_factor_before_any_page(client, two_factor_required, coordinator, program):
    client.force_login(coordinator)
    response = client.get(f"/programs/{program.pk}/people/")
    assert response.status_code == 302
    assert response.url.startswith("/account/two-factor/setup/?next=")
    assert client.get("/api/v1/").status_code == 403
    assert client.get("/api/docs/").status_code == 403


def test_operators_must_verify_before_the_admin(client, two_factor_required, db):
    operator = User.objects.create_superuser("operator", password="pw")
    set_up_app(operator)
    client.force_login(operator)
    response = client.get("/admin/")
    assert response.status_code == 302 and response.url.startswith("/account/two-factor/verify/")
    sign_in_verified(client, operator)
    assert client.get("/admin/").status_code == 200


def test_mentors_and_mentees_are_not_forced(client, two_factor_required, pair):
    client.force_login(pair.mentor.user)
    assert client.get("/").status_code == 200


def test_setting_up_an_app_shows_an_svg_qr_code_and_then_recovery_codes(client, two_factor_required, coordinator, program):
    client.force_login(coordinator)
    from django_otp.plugins.otp_totp.models import TOTPDevice

    page = client.get("/account/two-factor/setup/")
    assert page.status_code == 200 and 'value="start"' in page.content.decode()
    assert not TOTPDevice.objects.filter(user=coordinator).exists()  # opening the page makes no secret
    page = client.post("/account/two-factor/setup/", {"action": "start"})
    body = page.content.decode()
    assert page.status_code == 200 and "<svg" in body and "<img" not in body
    device = TOTPDevice.objects.get(user=coordinator, confirmed=False)
    again = client.get("/account/two-factor/setup/")  # reloading shows the same secret
    assert TOTPDevice.objects.get(user=coordinator, confirmed=False).key == device.key
    assert again.content.decode().count("<svg") == body.count("<svg")
    assert client.post("/account/two-factor/setup/", {"token": "000000"}).status_code == 200
    assert not TOTPDevice.objects.filter(user=coordinator, confirmed=True).exists()
    done = client.post("/account/two-factor/setup/", {"token": current_code(device), "next": f"/programs/{program.pk}/people/"})
    assert done.status_code == 200
    codes = accounts.list_recovery_codes(coordinator)
    assert len(codes) == 10 and all(code in done.content.decode() for code in codes)
    # This session passed the second factor while setting it up.
    assert client.get(f"/programs/{program.pk}/people/").status_code == 200


def test_verify_accepts_an_app_code_or_a_recovery_code_once(client, two_factor_required, coordinator, program):
    device, codes = set_up_app(coordinator)
    client.force_login(coordinator)
    assert client.post("/account/two-factor/verify/", {"token": "123456"}).status_code == 200
    wait_out_the_throttle(coordinator)
    response = client.post("/account/two-factor/verify/", {"token": codes[0], "next": f"/programs/{program.pk}/people/"})
    assert response.status_code == 302 and response.url == f"/programs/{program.pk}/people/"
    assert client.get(f"/programs/{program.pk}/people/").status_code == 200
    other = client_class_for(coordinator)
    assert other.post("/account/two-factor/verify/", {"token": codes[0]}).status_code == 200  # used up
    assert other.get(f"/programs/{program.pk}/people/").status_code == 302


def wait_out_the_throttle(user):
    """After a wrong code django-otp refuses the next try for a while; pretend the while has passed."""
    from django_otp.plugins.otp_static.models import StaticDevice
    from django_otp.plugins.otp_totp.models import TOTPDevice

    for model in (TOTPDevice, StaticDevice):
        model.objects.filter(user=user).update(throttling_failure_timestamp=timezone.now() - timedelta(hours=1))


def test_an_unverified_session_cannot_replace_the_app_or_read_recovery_codes(client, two_factor_required, coordinator):
    set_up_app(coordinator)
    client.force_login(coordinator)
    for url in ("/account/two-factor/setup/", "/account/two-factor/recovery-codes/"):
        response = client.get(url)
        assert response.status_code == 302 and response.url.startswith("/account/two-factor/verify/"), url


def test_recovery_codes_can_be_regenerated(client, two_factor_required, coordinator):
    _device, old = set_up_app(coordinator)
    sign_in_verified(client, coordinator)
    response = client.post("/account/two-factor/recovery-codes/")
    new = accounts.list_recovery_codes(coordinator)
    assert response.status_code == 200 and len(new) == 10 and not set(new) & set(old)


# ---------------------------------------------------------------------------- invitations


def test_an_invitation_is_stored_hashed_and_lets_the_child_choose_a_name_and_password(client, program, coordinator):
    membership, invitation, token = accounts.invite_participant(coordinator, program=program, role="mentee", pseudonym="Sunny")
    assert membership.status == Membership.Status.INVITED and not membership.user.is_active
    assert token not in invitation.token_hash and invitation.token_hash == accounts.hash_token(token)
    assert invitation.expires_at - invitation.created_at == pytest.approx(timedelta(days=14), abs=timedelta(seconds=5))
    page = client.get(f"/invite/{token}/")
    assert page.status_code == 200 and "Sunny" in page.content.decode()
    response = client.post(f"/invite/{token}/", {"username": "sunny9", "password1": "a-long-secret-77", "password2": "a-long-secret-77"})
    assert response.status_code == 302 and response.url == "/"
    membership.refresh_from_db()
    user = membership.user
    assert membership.status == Membership.Status.ACTIVE
    assert user.username == "sunny9" and user.is_active and user.check_password("a-long-secret-77")
    assert client.get("/").status_code == 200


def test_an_invitation_works_only_once(client, program, coordinator):
    _membership, _invitation, token = accounts.invite_participant(coordinator, program=program, role="mentee", pseudonym="Sunny")
    accounts.accept_invitation(token=token, username="sunny9", password="a-long-secret-77")
    with pytest.raises(ValidationError, match="already been used"):
        accounts.accept_invitation(token=token, username="other", password="a-long-secret-77")
    response = client.get(f"/invite/{token}/")
    assert response.status_code == 410 and "already been used" in response.content.decode()
    assert User.objects.filter(username="other").count() == 0


def test_an_expired_invitation_is_refused(client, program, coordinator):
    membership, invitation, token = accounts.invite_participant(coordinator, program=program, role="mentor", pseudonym="Oak")
    Invitation.objects.filter(pk=invitation.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    with pytest.raises(ValidationError, match="expired"):
        accounts.accept_invitation(token=token, username="oak", password="a-long-secret-77")
    assert client.get(f"/invite/{token}/").status_code == 410
    membership.refresh_from_db()
    assert membership.status == Membership.Status.INVITED


def test_a_new_link_replaces_the_old_one_and_unknown_links_fail(client, program, coordinator):
    membership, _invitation, old_token = accounts.invite_participant(coordinator, program=program, role="mentee", pseudonym="Sunny")
    _new, new_token = accounts.create_invitation(coordinator, membership=membership)
    with pytest.raises(ValidationError, match="expired"):
        accounts.find_invitation(token=old_token)
    assert accounts.find_invitation(token=new_token).membership == membership
    with pytest.raises(ValidationError, match="not valid"):
        accounts.find_invitation(token="made-up")


def test_invitation_refusals(client, program, coordinator, pair):
    with pytest.raises(PermissionDenied):
        accounts.invite_participant(pair.mentor.user, program=program, role="mentee", pseudonym="Sneaky")
    with pytest.raises(ValidationError):
        accounts.invite_participant(coordinator, program=program, role="coordinator", pseudonym="Boss")
    with pytest.raises(StateConflict):
        accounts.create_invitation(coordinator, membership=pair.mentee)
    _m, _i, token = accounts.invite_participant(coordinator, program=program, role="mentee", pseudonym="Sunny")
    with pytest.raises(ValidationError):
        accounts.accept_invitation(token=token, username=pair.mentor.user.username.upper(), password="a-long-secret-77")
    with pytest.raises(ValidationError):
        accounts.accept_invitation(token=token, username="sunny9", password="123")


def test_the_coordinator_page_shows_a_new_link_once(client, program, coordinator):
    client.force_login(coordinator)
    response = client.post(f"/programs/{program.pk}/people/invite/", {"role": "mentee", "pseudonym": "Sunny"})
    assert response.status_code == 302
    first = client.get(f"/programs/{program.pk}/people/").content.decode()
    assert "http://testserver/invite/" in first and "Sunny" in first
    token = first.split("http://testserver/invite/")[1].split("/")[0]
    assert accounts.find_invitation(token=token).membership.pseudonym == "Sunny"
    assert "http://testserver/invite/" not in client.get(f"/programs/{program.pk}/people/").content.decode()


# ---------------------------------------------------------------------------- sessions


def test_sign_out_everywhere_ends_other_sessions_but_keeps_this_one(client, pair):
    from django.test import Client

    user = pair.mentee.user
    other = Client()
    other.force_login(user)
    client.force_login(user)
    assert other.get("/").status_code == 200
    response = client.post("/account/sign-out-everywhere/")
    assert response.status_code == 302
    assert client.get("/").status_code == 200
    assert other.get("/").status_code == 302


def test_asking_whether_a_person_needs_a_second_factor_costs_one_query(pair, coordinator, django_assert_num_queries):
    from programs.accounts import requires_two_factor

    mentee = pair.mentee.user
    # RequireTwoFactorMiddleware asks this on every page of a person who has not passed one.
    with django_assert_num_queries(1):
        assert not requires_two_factor(mentee)
    with django_assert_num_queries(1):
        assert requires_two_factor(coordinator)


def test_an_invited_co_coordinator_sets_up_a_second_factor_before_their_first_program_page(
    client, two_factor_required, coordinator, program,
):
    _membership, _invitation, token = accounts.invite_coordinator(coordinator, program=program, pseudonym="Coordinator Di")
    accepted = client.post(f"/invite/{token}/", {"username": "di", "password1": "a-long-new-password-2",
                                                 "password2": "a-long-new-password-2"})
    assert accepted.status_code == 302
    response = client.get(f"/programs/{program.pk}/review/")
    assert response.status_code == 302 and response.url.startswith("/account/two-factor/setup/?next=")
