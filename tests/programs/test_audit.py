"""The program audit log: every service that changes people, roles, settings, readings or assignments writes a row.

Each test drives one service and compares the rows it added with what it changed; the
page shows a coordinator their own program's log only, at a fixed number of queries.
"""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from programs import accounts
from programs import services as program_services
from programs.models import Membership, ProgramAuditEntry
from readings import services as reading_services
from tests import factories


def rows_written(during) -> list[tuple]:
    """Run `during()` and return (action, target_type, target_id, detail, actor_id) of the entries it added."""
    before = set(ProgramAuditEntry.objects.values_list("pk", flat=True))
    result = during()
    added = ProgramAuditEntry.objects.exclude(pk__in=before).order_by("pk")
    return result, list(added.values_list("action", "target_type", "target_id", "detail", "actor_id"))


@pytest.mark.django_db
def test_adding_a_person_and_making_a_coordinator_are_recorded(program, coordinator):
    user = factories.make_user()
    membership, rows = rows_written(lambda: program_services.add_member(
        coordinator, program=program, user=user, role=Membership.Role.COORDINATOR, pseudonym="Second"))
    assert rows == [
        ("member_added", "membership", membership.pk, "coordinator (active)", coordinator.pk),
        ("coordinator_granted", "membership", membership.pk, "0 API token(s) revoked", coordinator.pk),
    ]


@pytest.mark.django_db
def test_an_import_of_people_records_each_person_and_the_import(program, coordinator):
    csv_text = "pseudonym,role,email\nFox,mentee,fox@example.org\nOwl,mentor,\n"
    created, rows = rows_written(lambda: program_services.import_participants(coordinator, program=program,
                                                                              csv_text=csv_text))
    assert rows == [
        ("member_added", "membership", created[0].pk, "mentee (invited)", coordinator.pk),
        ("member_added", "membership", created[1].pk, "mentor (invited)", coordinator.pk),
        ("people_imported", "program", program.pk, "2 people", coordinator.pk),
    ]
    # Nothing personal in the log: neither the pseudonyms nor the address.
    details = " ".join(ProgramAuditEntry.objects.values_list("detail", flat=True))
    assert "Fox" not in details and "fox@example.org" not in details


@pytest.mark.django_db
def test_an_import_of_pairs_is_recorded(program, coordinator):
    mentor = factories.make_member(program, Membership.Role.MENTOR, coordinator)
    mentee = factories.make_member(program, Membership.Role.MENTEE, coordinator)
    csv_text = f"mentor,mentee\n{mentor.pseudonym},{mentee.pseudonym}\n"
    _pairs, rows = rows_written(lambda: program_services.import_pairs(coordinator, program=program, csv_text=csv_text))
    assert rows == [("pairs_imported", "program", program.pk, "1 pairs", coordinator.pk)]


@pytest.mark.django_db
def test_invitations_and_sign_in_links_are_recorded(program, coordinator, pair):
    (membership, _invitation, _token), rows = rows_written(lambda: accounts.invite_participant(
        coordinator, program=program, role=Membership.Role.MENTEE, pseudonym="Newt"))
    assert rows == [
        ("member_added", "membership", membership.pk, "mentee (invited)", coordinator.pk),
        ("invitation_created", "membership", membership.pk, "", coordinator.pk),
    ]
    _result, rows = rows_written(lambda: accounts.create_sign_in_link(coordinator, membership=pair.mentee))
    assert rows == [("sign_in_link_created", "membership", pair.mentee.pk, "", coordinator.pk)]


@pytest.mark.django_db
def test_readings_and_assignments_are_recorded(program, coordinator, pair):
    reading, rows = rows_written(lambda: reading_services.create_reading(
        coordinator, program=program, title="Tide", body="The sea.", language="en"))
    assert rows == [("reading_added", "reading", reading.pk, "en", coordinator.pk)]
    _result, rows = rows_written(lambda: reading_services.update_reading(
        coordinator, reading=reading, title="Tides", body="The sea again.", language="da"))
    assert rows == [("reading_changed", "reading", reading.pk, "da", coordinator.pk)]
    now = timezone.now()
    assignment, rows = rows_written(lambda: reading_services.schedule_assignment(
        coordinator, program=program, reading=reading, opens_at=now, due_at=now + timedelta(days=7), pairs=[pair]))
    assert rows == [("assignment_scheduled", "assignment", assignment.pk, f"reading {reading.pk}, 1 pairs",
                     coordinator.pk)]


@pytest.mark.django_db
def test_screening_settings_are_recorded_with_their_target(program, coordinator):
    word, rows = rows_written(lambda: program_services.add_watch_word(coordinator, program=program, term="lake",
                                                                      severity="hold"))
    assert rows == [("watch_word_added", "watchword", word.pk, "lake (hold)", coordinator.pk)]
    _result, rows = rows_written(lambda: program_services.remove_watch_word(coordinator, watch_word=word))
    assert rows == [("watch_word_removed", "watchword", word.pk, "lake (hold)", coordinator.pk)]


@pytest.mark.django_db
def test_the_log_is_append_only(program, coordinator):
    entry = program_services.add_watch_word(coordinator, program=program, term="lake", severity="hold")
    entry = ProgramAuditEntry.objects.get()
    entry.detail = "rewritten"
    for attempt in (entry.save, entry.delete, lambda: ProgramAuditEntry.objects.update(detail="x"),
                    lambda: ProgramAuditEntry.objects.all().delete()):
        with pytest.raises(TypeError, match="append-only"):
            attempt()
    assert ProgramAuditEntry.objects.get().detail == "lake (hold)"


# ---------------------------------------------------------------------------- the page


@pytest.mark.django_db
def test_a_coordinator_reads_their_programs_log_newest_first_with_translated_labels(client, program, coordinator):
    program_services.add_watch_word(coordinator, program=program, term="lake", severity="hold")
    program_services.set_screening_countries(coordinator, program=program, countries=["DK"])
    client.force_login(coordinator)
    page = client.get(f"/programs/{program.pk}/settings/audit/").content.decode()
    assert page.index("Screening countries changed") < page.index("Watch word added")
    assert coordinator.memberships.get().pseudonym in page
    settings_page = client.get(f"/programs/{program.pk}/settings/").content.decode()
    assert f'href="/programs/{program.pk}/settings/audit/"' in settings_page
    coordinator.language = "da"
    coordinator.save(update_fields=["language"])
    danish = client.get(f"/programs/{program.pk}/settings/audit/").content.decode()
    assert "Overvågningsord tilføjet" in danish


@pytest.mark.django_db
def test_the_log_is_not_found_for_a_coordinator_of_another_program_or_a_participant(client, program, pair):
    outsider = factories.make_coordinator(factories.make_program())
    for user in (outsider, pair.mentor.user, pair.mentee.user):
        client.force_login(user)
        assert client.get(f"/programs/{program.pk}/settings/audit/").status_code == 404


def page_queries(client, program) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(f"/programs/{program.pk}/settings/audit/").status_code == 200
    return len(queries)


@pytest.mark.django_db
def test_the_page_costs_the_same_queries_whatever_the_number_of_rows(client, program, coordinator):
    client.force_login(coordinator)
    program_services.add_watch_word(coordinator, program=program, term="lake", severity="hold")
    page_queries(client, program)  # the first request of a session also reads what later ones keep
    few = page_queries(client, program)
    for index in range(12):
        program_services.add_watch_word(coordinator, program=program, term=f"word {index}", severity="hold")
    factories.make_member(program, Membership.Role.MENTOR, coordinator)  # another actor's pseudonym to look up
    assert page_queries(client, program) == few
