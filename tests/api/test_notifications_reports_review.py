"""What the notification, report and review-record endpoints return (test_permissions.py covers who may call them)."""

from django.test.utils import CaptureQueriesContext
from django.db import connection

from letters.models import LetterStatus, Notification, NotificationPreference, ReminderKind
from oversight.models import Report
from tests import factories
from tests.api.conftest import PDF_BYTES, client_for


def error_of(response) -> dict:
    return response.json()["error"]


def query_count(client, path: str) -> int:
    # A token's first request also records when it was used (at most once per five minutes).
    assert client.get(path).status_code == 200
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    return len(queries.captured_queries)


# ---------------------------------------------------------------------------- notifications


def test_notifications_list_only_mine_newest_first_and_filters_unread(world):
    mentee = world["mentee"]
    first = world["notifications"]["mentee"]
    second = Notification.objects.create(user=mentee, kind=ReminderKind.LETTER_DUE, title="Your letter is due soon")
    client = client_for(mentee)
    listed = client.get("/api/v1/notifications/").json()
    assert [n["id"] for n in listed["results"]] == [second.pk, first.pk]
    assert listed["results"][0]["kind"] == "letter_due" and listed["results"][0]["is_read"] is False

    assert client.post(f"/api/v1/notifications/{first.pk}/read/").json()["is_read"] is True
    assert [n["id"] for n in client.get("/api/v1/notifications/?unread=true").json()["results"]] == [second.pk]
    assert [n["id"] for n in client.get("/api/v1/notifications/?unread=false").json()["results"]] == [first.pk]


def test_mark_all_read_says_how_many_changed(world):
    mentee = world["mentee"]
    Notification.objects.create(user=mentee, kind=ReminderKind.LETTER_DUE, title="Due soon")
    client = client_for(mentee)
    assert client.post("/api/v1/notifications/read-all/").json() == {"marked": 2}
    assert client.post("/api/v1/notifications/read-all/").json() == {"marked": 0}
    # The coordinator's notice is not the mentee's to mark.
    assert Notification.objects.get(pk=world["notifications"]["coordinator"].pk).read_at is None


def test_notification_list_costs_the_same_queries_whatever_its_length(world):
    mentee, client = world["mentee"], client_for(world["mentee"])
    few = query_count(client, "/api/v1/notifications/")
    for number in range(10):
        Notification.objects.create(user=mentee, kind=ReminderKind.READING_OPEN, title=f"Reading {number}",
                                    program=world["program_a"])
    assert query_count(client, "/api/v1/notifications/") == few


def test_email_preferences_round_trip_and_urgent_alerts_stay_on(world):
    client = client_for(world["mentor"])
    before = client.get("/api/v1/notifications/preferences/").json()
    assert before["muted_kinds"] == []
    assert {choice["kind"]: choice["can_turn_off"] for choice in before["kinds"]}["urgent_finding"] is False

    saved = client.put("/api/v1/notifications/preferences/", {"muted_kinds": ["reply_due", "reading_open"]},
                       format="json")
    assert saved.status_code == 200
    assert saved.json()["muted_kinds"] == ["reading_open", "reply_due"]  # in the order of the kinds
    assert NotificationPreference.objects.get(user=world["mentor"]).email_muted_kinds == ["reading_open", "reply_due"]

    refused = client.put("/api/v1/notifications/preferences/", {"muted_kinds": ["urgent_escalation"]}, format="json")
    assert refused.status_code == 400
    assert list(error_of(refused)["fields"]) == ["muted_kinds"]
    assert "cannot be turned off" in error_of(refused)["fields"]["muted_kinds"][0]
    assert client.get("/api/v1/notifications/preferences/").json()["muted_kinds"] == ["reading_open", "reply_due"]


# ---------------------------------------------------------------------------- reports


def test_member_asks_for_own_booklet_when_the_program_allows_it(world):
    program = world["program_a"]
    program.members_may_download_booklets = True
    program.save(update_fields=["members_may_download_booklets"])
    response = client_for(world["mentee"]).post("/api/v1/reports/", {"kind": "pair_booklet", "pair": world["own"].pk},
                                                format="json")
    assert response.status_code == 201
    body = response.json()
    assert (body["kind"], body["status"], body["pair"], body["program"], body["is_mine"]) == (
        "pair_booklet", "queued", world["own"].pk, program.pk, True
    )
    assert Report.objects.get(pk=body["id"]).requested_by == world["mentee"]


def test_program_report_needs_a_period(world):
    response = client_for(world["coordinator"]).post(
        "/api/v1/reports/", {"kind": "program_report", "program": world["program_a"].pk}, format="json"
    )
    assert response.status_code == 400
    assert list(error_of(response)["fields"]) == ["period_start"]
    assert not Report.objects.filter(kind="program_report", period_start=None).exists()


def test_download_streams_the_pdf_and_forbids_caching(world):
    report = world["reports"]["a"]["done"]
    response = client_for(world["coordinator"]).get(f"/api/v1/reports/{report.pk}/download/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert f'filename="brevven-program_report-{report.pk}.pdf"' in response["Content-Disposition"]
    assert "no-store" in response["Cache-Control"]
    assert b"".join(response.streaming_content) == PDF_BYTES


def test_download_of_an_unfinished_report_is_a_conflict(world):
    report = world["reports"]["a"]["failed"]
    response = client_for(world["coordinator"]).get(f"/api/v1/reports/{report.pk}/download/")
    assert response.status_code == 409
    assert "not ready yet" in error_of(response)["message"]


def test_retry_queues_a_failed_report_again(world):
    report = world["reports"]["a"]["failed"]
    response = client_for(world["mentee"]).post(f"/api/v1/reports/{report.pk}/retry/")
    assert response.status_code == 200
    assert response.json()["status"] == "queued"
    report.refresh_from_db()
    assert (report.status, report.error) == (Report.Status.QUEUED, "")


def test_report_list_shows_mine_and_my_programs_newest_first(world):
    coordinator_reports = client_for(world["coordinator"]).get("/api/v1/reports/").json()["results"]
    a = world["reports"]["a"]
    assert [r["id"] for r in coordinator_reports] == [a["done"].pk, a["failed"].pk]
    assert [r["is_mine"] for r in coordinator_reports] == [True, False]
    mine = client_for(world["coordinator"]).get("/api/v1/reports/?mine=true").json()["results"]
    assert [r["id"] for r in mine] == [a["done"].pk]
    assert [r["id"] for r in client_for(world["mentee"]).get("/api/v1/reports/").json()["results"]] == [a["failed"].pk]


# ---------------------------------------------------------------------------- bulk approval


def test_bulk_approve_delivers_own_program_letters_and_lists_the_rest_as_skipped(world):
    letters = world["letters"]
    own, neighbour = letters["own"]["in_review"], letters["neighbour"]["in_review"]
    elsewhere, delivered = letters["elsewhere"]["in_review"], letters["own"]["delivered"]
    response = client_for(world["coordinator"]).post(
        f"/api/v1/programs/{world['program_a'].pk}/review-queue/bulk-approve/",
        {"letters": [elsewhere.pk, own.pk, delivered.pk, neighbour.pk, own.pk]}, format="json",
    )
    assert response.status_code == 200
    assert response.json() == {"approved": sorted([own.pk, neighbour.pk]), "skipped": sorted([elsewhere.pk, delivered.pk])}
    own.refresh_from_db()
    elsewhere.refresh_from_db()
    assert (own.status, elsewhere.status) == (LetterStatus.DELIVERED, LetterStatus.IN_REVIEW)


def test_bulk_approve_needs_at_least_one_letter(world):
    response = client_for(world["coordinator"]).post(
        f"/api/v1/programs/{world['program_a'].pk}/review-queue/bulk-approve/", {"letters": []}, format="json"
    )
    assert response.status_code == 400
    assert list(error_of(response)["fields"]) == ["letters"]


# ---------------------------------------------------------------------------- review audit and history


def test_letter_review_audit_lists_the_coordinators_actions_in_order(world):
    letter = world["letters"]["own"]["in_review"]
    client = client_for(world["coordinator"])
    client.post(f"/api/v1/letters/{letter.pk}/claim/")
    client.post(f"/api/v1/letters/{letter.pk}/request-changes/", {"note": "Leave out your street."}, format="json")
    entries = client.get(f"/api/v1/letters/{letter.pk}/review-audit/").json()["results"]
    pseudonym = world["coordinator"].memberships.get(program=world["program_a"]).pseudonym
    assert [(e["action"], e["actor"], e["detail"], e["letter"]) for e in entries] == [
        ("claimed", pseudonym, "", letter.pk),
        ("changes_requested", pseudonym, "Leave out your street.", letter.pk),
    ]


def test_pair_review_audit_covers_only_that_pairs_letters(world):
    own = world["letters"]["own"]
    entries = client_for(world["coordinator"]).get(f"/api/v1/pairs/{world['own'].pk}/review-audit/").json()["results"]
    # The fixture approved the `own` pair's delivered letter; nothing else of this pair was decided.
    assert [(e["letter"], e["action"]) for e in entries] == [(own["delivered"].pk, "approved")]


def test_review_audit_costs_the_same_queries_whatever_its_length(world):
    letter, client = world["letters"]["own"]["in_review"], client_for(world["coordinator"])
    few = query_count(client, f"/api/v1/pairs/{world['own'].pk}/review-audit/")
    for _ in range(5):
        client.post(f"/api/v1/letters/{letter.pk}/claim/")
        client.post(f"/api/v1/letters/{letter.pk}/release/")
    assert query_count(client, f"/api/v1/pairs/{world['own'].pk}/review-audit/") == few


def test_history_shows_the_author_only_notes_meant_for_them(world):
    coordinator, mentee = world["coordinator"], world["mentee"]
    returned = factories.make_letter(world["own"], status="changes_requested", coordinator=coordinator)
    withheld = factories.make_letter(world["own"], status="withheld", coordinator=coordinator)

    author_view = client_for(mentee).get(f"/api/v1/letters/{returned.pk}/history/").json()["results"]
    assert [(e["from_status"], e["to_status"], e["note"]) for e in author_view] == [
        ("draft", "in_review", ""), ("in_review", "changes_requested", "Please say more."),
    ]
    withheld_for_author = client_for(mentee).get(f"/api/v1/letters/{withheld.pk}/history/").json()["results"]
    assert [(e["to_status"], e["note"]) for e in withheld_for_author] == [("in_review", ""), ("withheld", "")]
    withheld_for_coordinator = client_for(coordinator).get(f"/api/v1/letters/{withheld.pk}/history/").json()["results"]
    assert [(e["to_status"], e["note"]) for e in withheld_for_coordinator] == [
        ("in_review", ""), ("withheld", "Not suitable."),
    ]
    assert withheld_for_coordinator[1]["actor"] == coordinator.memberships.get(program=world["program_a"]).pseudonym


def test_history_is_refused_to_the_recipient_with_a_reason(world):
    letter = world["letters"]["own"]["delivered"]
    response = client_for(world["mentor"]).get(f"/api/v1/letters/{letter.pk}/history/")
    assert response.status_code == 403
    assert error_of(response)["message"] == (
        "Only the letter's author and the program's coordinators can see its history."
    )
