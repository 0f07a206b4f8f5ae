"""The project as a newcomer meets it: demo data, the login page, the admin, settings."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command

from letters.models import Letter
from programs.models import Membership, Pair, Program, User

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.django_db
def test_load_demo_builds_a_full_program_and_is_idempotent():
    call_command("load_demo")
    counts = (Program.objects.count(), Pair.objects.count(), Letter.objects.count(), User.objects.count())
    call_command("load_demo")
    assert (Program.objects.count(), Pair.objects.count(), Letter.objects.count(), User.objects.count()) == counts
    program = Program.objects.get(slug="demo")
    assert program.memberships.filter(role=Membership.Role.COORDINATOR).count() == 2
    assert program.pairs.count() == 12
    assert program.readings.count() == 4
    assert set(Letter.objects.values_list("status", flat=True)) == {
        "draft", "in_review", "changes_requested", "delivered", "read", "withheld"
    }
    flagged = Letter.objects.get(body_text__contains="starfox_22")
    assert flagged.status == "in_review"
    assert flagged.findings.filter(kind="contact.social").exists()
    pair = Pair.objects.get(mentor__user__username="demo-mentor")
    assert pair.mentee.user.username == "demo-mentee"
    for username in ("demo-coordinator", "demo-mentor", "demo-mentee"):
        assert User.objects.get(username=username).check_password("brevven-demo")


@pytest.mark.django_db
def test_login_page_and_admin_are_served(client):
    call_command("load_demo")
    assert client.get("/login/").status_code == 200
    # The admin signs in on the site's one sign-in page (its throttling and messages), then comes back.
    to_sign_in = client.get("/admin/login/?next=/admin/")
    assert (to_sign_in.status_code, to_sign_in["Location"]) == (302, "/login/?next=/admin/")
    assert client.post("/login/", {"username": "demo-mentee", "password": "brevven-demo"}).status_code == 302
    home = client.get("/")
    assert home.status_code == 200
    assert "Captain Oak" in home.content.decode()  # the partner's pseudonym, never a user name
    assert "demo-mentor" not in home.content.decode()


@pytest.mark.django_db
def test_admin_works_for_an_operator(admin_client):
    call_command("load_demo")
    for url in ("/admin/programs/program/", "/admin/programs/pair/", "/admin/letters/letter/",
                "/admin/readings/reading/", "/admin/readings/assignment/", "/admin/programs/membership/"):
        assert admin_client.get(url).status_code == 200, url
    letter = Letter.objects.filter(status="in_review").first()
    page = admin_client.get(f"/admin/letters/letter/{letter.pk}/change/")
    assert page.status_code == 200
    draft = Letter.objects.filter(status="draft").first()
    assert admin_client.get(f"/admin/letters/letter/{draft.pk}/change/").status_code == 302  # not visible


@pytest.mark.django_db
def test_admin_pair_actions_go_through_the_services(admin_client):
    call_command("load_demo")
    pair = Pair.objects.first()
    response = admin_client.post("/admin/programs/pair/", {"action": "pause_selected", "_selected_action": [pair.pk]})
    assert response.status_code == 302
    pair.refresh_from_db()
    assert pair.status == "paused"
    assert pair.events.last().to_status == "paused"


def run_settings(env: dict) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DEBUG"}}
    clean.update(env, DJANGO_SETTINGS_MODULE="config.settings")
    return subprocess.run([sys.executable, "-c", "from django.conf import settings; print(settings.SECRET_KEY[:4])"],
                          cwd=ROOT, env=clean, capture_output=True, text=True)


def test_secret_key_is_required_when_debug_is_off():
    result = run_settings({})
    assert result.returncode != 0 and "SECRET_KEY must be set" in result.stderr
    assert run_settings({"SECRET_KEY": "abcd-production"}).stdout.strip() == "abcd"


def test_debug_generates_a_local_secret_key(tmp_path):
    first = run_settings({"DEBUG": "1", "BREVVEN_VAR_DIR": str(tmp_path)})
    assert first.returncode == 0, first.stderr
    assert (tmp_path / "secret_key").exists()
    assert run_settings({"DEBUG": "1", "BREVVEN_VAR_DIR": str(tmp_path)}).stdout == first.stdout


@pytest.mark.django_db
def test_the_demo_coordinator_passes_the_second_step_with_a_demo_code(client, settings):
    """Coordinators must use a second factor; the demo gives its coordinator known codes."""
    settings.BREVVEN_REQUIRE_TWO_FACTOR = True
    call_command("load_demo")
    client.force_login(User.objects.get(username="demo-coordinator"))
    program = Program.objects.get(slug="demo")
    response = client.get(f"/programs/{program.pk}/")
    assert response.status_code == 302 and response.url.startswith("/account/two-factor/verify/")
    client.post(response.url, {"token": "demo-code-01"})
    assert client.get(f"/programs/{program.pk}/").status_code == 200


def test_apps_import_only_the_layers_below_them():
    """The import contracts of pyproject.toml hold (programs <- readings <- letters <- ... <- api, frontend)."""
    lint_imports = Path(sys.executable).parent / "lint-imports"
    result = subprocess.run([str(lint_imports), "--no-cache", "--no-logo"], cwd=ROOT, capture_output=True, text=True)
    # On failure the output names each broken contract and the import chain that breaks it.
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout
