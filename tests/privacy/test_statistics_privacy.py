"""Region and age band are personal data: in the person's export, cleared by erasure (see also
test_erasure_reach.py) and by the retention sweep once the program's period is over."""

import pytest

from privacy import services as privacy
from programs import services as program_services
from tests import factories
from tests.privacy.test_privacy import archive_of, ended_program

pytestmark = pytest.mark.django_db


def placed(program, region):
    coordinator = factories.make_coordinator(program)
    pair = factories.make_pair(program, coordinator)
    program_services.set_member_details(coordinator, membership=pair.mentee, region=region, age_band="10-12")
    return pair.mentee


def test_the_export_holds_region_and_age_band(settings, tmp_path, program, coordinator, pair):
    settings.PRIVATE_ROOT = tmp_path
    program_services.set_member_details(coordinator, membership=pair.mentee, region="Trondheim", age_band="13-15")
    export = privacy.build_data_export(privacy.request_data_export(pair.mentee.user, subject=pair.mentee.user))
    [membership] = archive_of(export)["memberships.json"]
    assert (membership["region"], membership["age_band"]) == ("Trondheim", "13-15")


def test_erasure_clears_region_and_age_band(program, coordinator, pair):
    program_services.set_member_details(coordinator, membership=pair.mentee, region="Trondheim", age_band="13-15")
    privacy.erase_person(factories.make_user(is_superuser=True, is_staff=True), user=pair.mentee.user)
    pair.mentee.refresh_from_db()
    assert (pair.mentee.region, pair.mentee.age_band) == ("", "")


def test_retention_clears_them_only_in_programs_past_their_period():
    expired = placed(ended_program(days_ago=40, retention_days=30), "Lille")
    current = placed(ended_program(days_ago=10, retention_days=30), "Nantes")
    privacy.apply_retention()
    expired.refresh_from_db()
    current.refresh_from_db()
    assert (expired.region, expired.age_band) == ("", "")
    assert (current.region, current.age_band) == ("Nantes", "10-12")
