"""Sign-in that does not lock the victim, the address slow-down, password change and reset,
and the coordinator's new sign-in link for a member without e-mail."""

import re
from datetime import datetime, timedelta

import pytest
from axes.models import AccessAttempt
from django.contrib.auth.tokens import PasswordResetTokenGenerator, default_token_generator
from django.core import mail
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from programs import accounts, services
from programs.exceptions import StateConflict
from programs.models import Invitation, Membership
from tests import factories
from tests.security.test_accounts import client_class_for, fail_sign_in


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Reset-request counters live in the cache; start every test from zero."""
    cache.clear()
    yield
    cache.clear()


def sign_in(client, username, password="pw", address="10.0.0.1"):
    return client.post("/login/", {"username": username, "password": password}, REMOTE_ADDR=address)


# ---------------------------------------------------------------------------- lockout by name and address


def test_five_failures_for_one_child_do_not_lock_a_classmate_on_the_same_address(client, throttling, program, coordinator):
    first = factories.make_member(program, Membership.Role.MENTEE, coordinator).user
    classmate = factories.make_member(program, Membership.Role.MENTEE, coordinator).user
    assert fail_sign_in(client, first.username, 5, address="10.5.5.5").status_code == 429
    assert sign_in(client, classmate.username, address="10.5.5.5").status_code == 302
    assert accounts.is_locked_out(first) and not accounts.is_locked_out(classmate)


def test_failures_from_elsewhere_do_not_lock_a_person_out_from_their_own_address(client, throttling, pair):
    coordinator_like = pair.mentor.user
    assert fail_sign_in(client, coordinator_like.username, 5, address="203.0.113.9").status_code == 429
    assert sign_in(client, coordinator_like.username, address="10.0.0.7").status_code == 302


def test_the_people_page_shows_and_lifts_the_new_lock(client, throttling, program, coordinator, pair):
    mentee = pair.mentee.user
    fail_sign_in(client, mentee.username, 5, address="10.2.2.2")
    coordinator_client = client_class_for(coordinator)
    assert "sign-in locked" in coordinator_client.get(f"/programs/{program.pk}/people/").content.decode()
    coordinator_client.post(f"/people/{pair.mentee.pk}/unlock/")
    assert "sign-in locked" not in coordinator_client.get(f"/programs/{program.pk}/people/").content.decode()
    assert sign_in(client, mentee.username, address="10.2.2.2").status_code == 302


# ---------------------------------------------------------------------------- slow-down for an address


def test_the_slow_down_is_free_at_first_then_doubles_up_to_a_bound(settings):
    free, ceiling = settings.SIGN_IN_ADDRESS_FREE_FAILURES, settings.SIGN_IN_ADDRESS_MAX_DELAY_SECONDS
    delays = [accounts.slowdown_seconds(failures) for failures in range(free + 12)]
    assert delays[:free] == [0] * free
    assert delays[free:free + 4] == [1, 2, 4, 8]
    assert all(later >= earlier for earlier, later in zip(delays, delays[1:], strict=False))
    assert max(delays) == ceiling == accounts.slowdown_seconds(10_000)


def recorded_failure(username: str, address: str) -> AccessAttempt:
    """Record a failed sign-in as django-axes does (for failures a test cannot wait between)."""
    return AccessAttempt.objects.create(username=username, ip_address=address, user_agent="test", path_info="/login/",
                                        failures_since_start=1, attempt_time=timezone.now())


def test_an_address_with_many_failures_waits_longer_each_time(client, throttling, pair):
    address = "10.8.8.8"
    free = throttling.SIGN_IN_ADDRESS_FREE_FAILURES
    for number in range(free):
        fail_sign_in(client, f"guess{number}", 1, address=address)
    latest = AccessAttempt.objects.filter(ip_address=address).latest("attempt_time").attempt_time
    assert accounts.address_wait_seconds(address, now=latest) == 1  # real failures count
    for number in range(3):
        recorded_failure(f"more{number}", address)
    waited = sign_in(client, pair.mentee.user.username, address=address)
    assert waited.status_code == 429
    first_wait = int(waited["Retry-After"])
    assert 7 <= first_wait <= 8  # 8 seconds after the latest failure
    assert f"Try again in {first_wait} seconds." in waited.content.decode()
    # Once the wait is over a try goes through; a wrong password then doubles the wait.
    AccessAttempt.objects.filter(ip_address=address).update(attempt_time=timezone.now() - timedelta(seconds=9))
    assert sign_in(client, "guess-more", password="wrong", address=address).status_code == 200
    again = sign_in(client, pair.mentee.user.username, address=address)
    assert again.status_code == 429 and 15 <= int(again["Retry-After"]) <= 16
    # A refused try is no failure: trying during the wait never makes it longer.
    assert accounts.address_wait_seconds(address) <= 16
    # Another address is not slowed at all.
    assert sign_in(client, pair.mentee.user.username, address="10.8.8.9").status_code == 302


def test_the_slow_down_message_is_translated(client, throttling, pair):
    for number in range(throttling.SIGN_IN_ADDRESS_FREE_FAILURES + 2):
        recorded_failure(f"x{number}", "10.3.3.3")
    page = client.post("/login/", {"username": "x", "password": "y"}, REMOTE_ADDR="10.3.3.3", HTTP_ACCEPT_LANGUAGE="da")
    assert page.status_code == 429
    seconds = int(page["Retry-After"])
    assert 2 <= seconds <= 4  # 4 seconds after the latest failure, less the time this test took to get here
    assert f"Prøv igen om {seconds} sekunder." in page.content.decode()


# ---------------------------------------------------------------------------- changing a password


def test_a_signed_in_person_changes_their_password_and_other_sessions_end(client, pair):
    mentor = pair.mentor.user
    other_device = client_class_for(mentor)
    client.force_login(mentor)
    assert 'href="/account/password/"' in client.get("/account/security/").content.decode()
    wrong = client.post("/account/password/", {"old_password": "nope", "new_password1": "a-Long-new-phrase-42",
                                              "new_password2": "a-Long-new-phrase-42"})
    assert wrong.status_code == 200 and "old_password" in wrong.context["form"].errors
    done = client.post("/account/password/", {"old_password": "pw", "new_password1": "a-Long-new-phrase-42",
                                             "new_password2": "a-Long-new-phrase-42"})
    assert done.status_code == 302 and done["Location"] == "/account/security/"
    mentor.refresh_from_db()
    assert mentor.check_password("a-Long-new-phrase-42")
    assert client.get("/account/security/").status_code == 200
    assert other_device.get("/account/security/").status_code == 302


def test_the_password_change_page_needs_a_signed_in_person(client, db):
    response = client.get("/account/password/")
    assert response.status_code == 302 and response["Location"].startswith("/login/")


# ---------------------------------------------------------------------------- forgotten password by e-mail


def reset_link(message) -> str:
    return re.search(r"https?://[^/\s]+(/password-reset/[^\s]+/)", message.body).group(1)


def test_the_sign_in_page_links_to_the_forgotten_password_page(client, db):
    page = client.get("/login/").content.decode()
    assert 'href="/password-reset/"' in page
    assert client.get("/password-reset/").status_code == 200


def test_a_reset_answers_the_same_whether_the_address_exists_or_not(client, pair):
    mentor = pair.mentor.user
    mentor.email = "mentor@example.org"
    mentor.save()
    known = client.post("/password-reset/", {"email": "mentor@example.org"})
    unknown = client.post("/password-reset/", {"email": "nobody@example.org"}, REMOTE_ADDR="10.0.0.2")
    assert (known.status_code, known["Location"]) == (unknown.status_code, unknown["Location"]) == (302, "/password-reset/sent/")
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["mentor@example.org"]
    assert mentor.username in mail.outbox[0].body


def test_a_reset_link_works_once(client, pair):
    mentor = pair.mentor.user
    mentor.email = "mentor@example.org"
    mentor.save()
    client.post("/password-reset/", {"email": "mentor@example.org"})
    link = reset_link(mail.outbox[0])
    form_page = client.get(link, follow=True)
    assert form_page.context["validlink"] is True
    set_url = form_page.redirect_chain[-1][0]
    saved = client.post(set_url, {"new_password1": "a-Long-new-phrase-42", "new_password2": "a-Long-new-phrase-42"})
    assert saved.status_code == 302 and saved["Location"] == "/password-reset/done/"
    mentor.refresh_from_db()
    assert mentor.check_password("a-Long-new-phrase-42")
    again = Client().get(link, follow=True)
    assert again.context["validlink"] is False
    assert "already been used or has expired" in again.content.decode()


def test_a_reset_link_expires(client, pair, settings, monkeypatch):
    mentor = pair.mentor.user
    token = default_token_generator.make_token(mentor)
    uid = urlsafe_base64_encode(force_bytes(mentor.pk))
    assert client.get(f"/password-reset/{uid}/{token}/", follow=True).context["validlink"] is True
    later = datetime.now() + timedelta(seconds=settings.PASSWORD_RESET_TIMEOUT + 1)
    monkeypatch.setattr(PasswordResetTokenGenerator, "_now", lambda self: later)
    late = Client().get(f"/password-reset/{uid}/{token}/", follow=True)
    assert late.context["validlink"] is False


def test_reset_requests_are_limited_per_e_mail_address_without_telling(client, pair):
    mentor = pair.mentor.user
    mentor.email = "mentor@example.org"
    mentor.save()
    for number in range(accounts.RESET_EMAILS_PER_ACCOUNT + 2):
        response = client.post("/password-reset/", {"email": "Mentor@example.org"}, REMOTE_ADDR=f"10.1.0.{number}")
        assert response.status_code == 302 and response["Location"] == "/password-reset/sent/"
    assert len(mail.outbox) == accounts.RESET_EMAILS_PER_ACCOUNT


def test_reset_requests_are_limited_per_address(client, db):
    for number in range(accounts.RESET_REQUESTS_PER_ADDRESS):
        assert client.post("/password-reset/", {"email": f"n{number}@example.org"}, REMOTE_ADDR="10.4.4.4").status_code == 302
    refused = client.post("/password-reset/", {"email": "another@example.org"}, REMOTE_ADDR="10.4.4.4",
                          HTTP_ACCEPT_LANGUAGE="fr")
    assert refused.status_code == 429
    assert "réseau" in refused.content.decode()
    assert client.post("/password-reset/", {"email": "another@example.org"}, REMOTE_ADDR="10.4.4.5").status_code == 302


def test_a_reset_lifts_the_persons_sign_in_lock(client, throttling, pair):
    mentor = pair.mentor.user
    mentor.email = "mentor@example.org"
    mentor.save()
    fail_sign_in(client, mentor.username, 5)
    assert accounts.is_locked_out(mentor)
    client.post("/password-reset/", {"email": "mentor@example.org"})
    form_page = client.get(reset_link(mail.outbox[0]), follow=True)
    client.post(form_page.redirect_chain[-1][0], {"new_password1": "a-Long-new-phrase-42",
                                                   "new_password2": "a-Long-new-phrase-42"})
    assert not accounts.is_locked_out(mentor)


# ---------------------------------------------------------------------------- a coordinator's new sign-in link


def test_a_coordinator_gives_a_child_without_e_mail_a_new_sign_in_link(client, program, coordinator, pair):
    mentee = pair.mentee
    coordinator_client = client_class_for(coordinator)
    people = coordinator_client.get(f"/programs/{program.pk}/people/").content.decode()
    assert f'action="/people/{mentee.pk}/sign-in-link/"' in people
    coordinator_client.post(f"/people/{mentee.pk}/sign-in-link/")
    page = coordinator_client.get(f"/programs/{program.pk}/people/").content.decode()
    url = re.search(r'<code class="invitation-link">https?://[^/]+(/invite/[^<]+/)</code>', page).group(1)
    assert url.split("/")[2] not in " ".join(Invitation.objects.values_list("token_hash", flat=True))
    assert url not in coordinator_client.get(f"/programs/{program.pk}/people/").content.decode()  # shown once
    child = Client()
    form = child.get(url).content.decode()
    assert mentee.user.username in form
    mismatch = child.post(url, {"password1": "a-Long-new-phrase-42", "password2": "other"})
    assert "differ" in mismatch.content.decode()
    done = child.post(url, {"password1": "a-Long-new-phrase-42", "password2": "a-Long-new-phrase-42"})
    assert done.status_code == 302
    mentee.user.refresh_from_db()
    assert mentee.user.check_password("a-Long-new-phrase-42")
    assert Client().get(url).status_code == 410  # once only


def test_a_new_sign_in_link_ends_the_old_one_and_expires(program, coordinator, pair):
    _first, old = accounts.create_sign_in_link(coordinator, membership=pair.mentee)
    link, new = accounts.create_sign_in_link(coordinator, membership=pair.mentee)
    with pytest.raises(ValidationError, match="expired"):
        accounts.set_password_with_link(token=old, password="a-Long-new-phrase-42")
    Invitation.objects.filter(pk=link.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    with pytest.raises(ValidationError, match="expired"):
        accounts.set_password_with_link(token=new, password="a-Long-new-phrase-42")


def test_sign_in_links_and_invitations_cannot_stand_in_for_each_other(program, coordinator, pair):
    _membership, _invitation, invitation_token = accounts.invite_participant(
        coordinator, program=program, role=Membership.Role.MENTEE, pseudonym="Newcomer")
    with pytest.raises(ValidationError):
        accounts.set_password_with_link(token=invitation_token, password="a-Long-new-phrase-42")
    _link, link_token = accounts.create_sign_in_link(coordinator, membership=pair.mentee)
    with pytest.raises(ValidationError):
        accounts.accept_invitation(token=link_token, username="sneaky", password="a-Long-new-phrase-42")


def test_sign_in_links_are_refused_where_they_would_be_unsafe(program, coordinator, pair):
    with pytest.raises(PermissionDenied):  # not their coordinator
        accounts.create_sign_in_link(factories.make_coordinator(factories.make_program()), membership=pair.mentee)
    mentor = pair.mentor
    mentor.user.email = "mentor@example.org"
    mentor.user.save()
    with pytest.raises(ValidationError, match="Forgot your password"):  # can reset by e-mail
        accounts.create_sign_in_link(coordinator, membership=mentor)
    other_program = factories.make_program()
    other_coordinator = factories.make_coordinator(other_program)
    services.add_member(other_coordinator, program=other_program, user=pair.mentee.user,
                        role=Membership.Role.MENTEE, pseudonym="Elsewhere")
    with pytest.raises(PermissionDenied, match="do not coordinate"):
        accounts.create_sign_in_link(coordinator, membership=pair.mentee)
    co_coordinator = Membership.objects.get(user=coordinator, program=program)
    with pytest.raises(PermissionDenied):
        accounts.create_sign_in_link(coordinator, membership=co_coordinator)
    invited, _invitation, _token = accounts.invite_participant(coordinator, program=program, role="mentor", pseudonym="Later")
    with pytest.raises(StateConflict):
        accounts.create_sign_in_link(coordinator, membership=invited)


def test_the_admin_signs_in_on_the_sites_page_without_a_redirect_loop(client, pair):
    to_sign_in = client.get("/admin/login/?next=/admin/")
    assert (to_sign_in.status_code, to_sign_in["Location"]) == (302, "/login/?next=/admin/")
    client.force_login(pair.mentor.user)
    assert client.get("/admin/login/?next=/admin/").status_code == 403
    operator = factories.make_user(is_staff=True, is_superuser=True)
    client.force_login(operator)
    onward = client.get("/admin/login/?next=/admin/programs/")
    assert (onward.status_code, onward["Location"]) == (302, "/admin/programs/")


def test_a_sign_in_link_stops_working_when_its_person_becomes_a_coordinator(program, coordinator, pair):
    _link, token = accounts.create_sign_in_link(coordinator, membership=pair.mentor)
    # An operator makes the mentor a coordinator of another program.
    services.add_member(factories.make_user(is_superuser=True), program=factories.make_program(), user=pair.mentor.user,
                        role=Membership.Role.COORDINATOR, pseudonym="Promoted")
    with pytest.raises(ValidationError, match="expired"):
        accounts.set_password_with_link(token=token, password="a-Long-new-phrase-42")
