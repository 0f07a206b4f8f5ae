"""Every page renders for the people who may see it, 404s for everyone else, and keeps input."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from letters.models import Letter, LetterStatus
from oversight import health
from programs.models import Membership, Pair, Program, User
from readings import services as reading_services
from tests import factories
from tests.frontend import session_statements


@pytest.fixture
def demo(db):
    call_command("load_demo")
    program = Program.objects.get(slug="demo")
    pair = Pair.objects.get(mentor__user__username="demo-mentor")
    return {
        "program": program, "pair": pair,
        "coordinator": User.objects.get(username="demo-coordinator"),
        "mentor": User.objects.get(username="demo-mentor"),
        "mentee": User.objects.get(username="demo-mentee"),
    }


def pages_for_member(demo):
    pair = demo["pair"]
    letter = Letter.objects.filter(pair=pair).exclude(status=LetterStatus.DRAFT).first()
    assignment = demo["program"].assignments.first()
    return [
        reverse("home"), reverse("my-letters"), reverse("profile"), reverse("pair-thread", args=[pair.pk]),
        reverse("letter-detail", args=[letter.pk]), reverse("assignment-detail", args=[assignment.pk]),
        reverse("goals"), reverse("passport"),
    ]


def pages_for_coordinator(demo):
    program, pair = demo["program"], demo["pair"]
    reading = program.readings.first()
    return [
        reverse("home"), reverse("coordinator-dashboard", args=[program.pk]),
        reverse("coordinator-people", args=[program.pk]), reverse("coordinator-pairs", args=[program.pk]),
        reverse("coordinator-readings", args=[program.pk]), reverse("coordinator-reading-new", args=[program.pk]),
        reverse("coordinator-reading-edit", args=[program.pk, reading.pk]),
        reverse("coordinator-calendar", args=[program.pk]), reverse("coordinator-pair", args=[pair.pk]),
        reverse("coordinator-settings", args=[program.pk]), reverse("coordinator-watch-words", args=[program.pk]),
        reverse("program-people", args=[program.pk]), reverse("review-queue", args=[program.pk]),
        reverse("erase-member", args=[pair.mentee.pk]),
        reverse("coordinator-statistics", args=[program.pk]), reverse("coordinator-statistics-csv", args=[program.pk]),
        reverse("coordinator-topics", args=[program.pk]), reverse("coordinator-member-details", args=[program.pk]),
        reverse("coordinator-goals", args=[program.pk]),
    ]


@pytest.mark.parametrize("who", ["mentee", "mentor"])
def test_member_pages_render(client, demo, who):
    client.force_login(demo[who])
    for url in pages_for_member(demo):
        response = client.get(url)
        assert response.status_code == 200, url
        assert "demo-mentor" not in response.content.decode(), url


def test_coordinator_pages_render_and_members_get_404(client, demo):
    client.force_login(demo["coordinator"])
    for url in pages_for_coordinator(demo):
        assert client.get(url).status_code == 200, url
    client.force_login(demo["mentee"])
    for url in pages_for_coordinator(demo)[1:]:
        assert client.get(url).status_code == 404, url


def test_other_pairs_are_404_for_members(client, demo):
    other = Pair.objects.exclude(pk=demo["pair"].pk).first()
    letter = Letter.objects.filter(pair=other).exclude(status=LetterStatus.DRAFT).first()
    client.force_login(demo["mentee"])
    assert client.get(reverse("pair-thread", args=[other.pk])).status_code == 404
    assert client.get(reverse("letter-detail", args=[letter.pk])).status_code == 404
    assert client.post(reverse("letter-start", args=[other.pk])).status_code == 404


def test_anonymous_visitors_are_sent_to_sign_in(client, demo):
    response = client.get(reverse("my-letters"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_write_save_send_and_a_refusal_keeps_the_text(client, pair, coordinator):
    mentee = pair.mentee.user
    client.force_login(mentee)
    response = client.post(reverse("letter-start", args=[pair.pk]))
    letter = Letter.objects.get(pair=pair, author=pair.mentee)
    assert response["Location"] == reverse("letter-edit", args=[letter.pk])
    # Too short for the program (min 10): refused, the page shows the reason and the text stays.
    response = client.post(reverse("letter-edit", args=[letter.pk]), {"body": "Hi", "action": "send"})
    assert response.status_code == 200
    assert "a little short" in response.content.decode()
    assert ">Hi</textarea>" in response.content.decode()
    letter.refresh_from_db()
    assert letter.body_text == "Hi" and letter.status == LetterStatus.DRAFT
    # Autosave answers JSON and stores the text.
    response = client.post(reverse("letter-draft-save", args=[letter.pk]), {"body": "Dear mentor, hello there"})
    assert response.status_code == 200 and response.json()["saved"] is True
    letter.refresh_from_db()
    assert letter.body_text == "Dear mentor, hello there"
    response = client.post(reverse("letter-edit", args=[letter.pk]), {"body": "Dear mentor, hello again", "action": "send"})
    assert response.status_code == 302
    letter.refresh_from_db()
    assert letter.status == LetterStatus.IN_REVIEW and letter.body_text == "Dear mentor, hello again"
    # The letter page and the editor are never cached.
    assert "no-store" in client.get(reverse("letter-detail", args=[letter.pk]))["Cache-Control"]


def test_nobody_else_can_autosave_into_a_draft(client, pair):
    letter = factories.make_letter(pair)
    client.force_login(pair.mentor.user)
    assert client.post(reverse("letter-draft-save", args=[letter.pk]), {"body": "x"}).status_code == 404
    assert client.get(reverse("letter-edit", args=[letter.pk])).status_code == 404


def test_opening_a_delivered_letter_changes_nothing_and_its_page_marks_it_read(client, pair, coordinator):
    letter = factories.make_letter(pair, status="delivered", coordinator=coordinator)
    client.force_login(pair.mentor.user)
    response = client.get(reverse("letter-detail", args=[letter.pk]))
    html = response.content.decode()
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]
    letter.refresh_from_db()
    assert letter.status == LetterStatus.DELIVERED  # a link scanner's GET reads nothing
    assert f'action="{reverse("letters-mark-read")}"' in html and f'name="letter" value="{letter.pk}"' in html
    assert "mark-read.js" in html
    # What mark-read.js sends once the page is shown:
    answer = client.post(reverse("letters-mark-read"), {"letter": [letter.pk]}, HTTP_X_REQUESTED_WITH="fetch")
    assert answer.json() == {"read": [letter.pk]}
    letter.refresh_from_db()
    assert letter.status == LetterStatus.READ and letter.read_at is not None
    assert "mark-read.js" not in client.get(reverse("letter-detail", args=[letter.pk])).content.decode()


def test_a_thread_marks_all_its_new_letters_read_in_one_post_without_javascript(client, pair, coordinator):
    letters = [factories.make_letter(pair, status="delivered", coordinator=coordinator) for _ in range(3)]
    own = factories.make_letter(pair, by="mentor", status="delivered", coordinator=coordinator)
    client.force_login(pair.mentor.user)
    thread = reverse("pair-thread", args=[pair.pk])
    html = client.get(thread).content.decode()
    assert html.count("Mark these letters as read") == 1 and f'name="letter" value="{own.pk}"' not in html
    assert Letter.objects.filter(status=LetterStatus.READ).count() == 0
    response = client.post(reverse("letters-mark-read"), {"letter": [x.pk for x in letters] + [own.pk], "next": thread})
    assert response.status_code == 302 and response["Location"] == thread
    assert {x.pk for x in Letter.objects.filter(status=LetterStatus.READ)} == {x.pk for x in letters}
    assert Letter.objects.get(pk=own.pk).status == LetterStatus.DELIVERED  # one's own letter is not "read" by one
    assert "Mark these letters as read" not in client.get(thread).content.decode()


def test_marking_read_ignores_letters_one_did_not_receive_and_foreign_next(client, pair, coordinator, program):
    other = factories.make_pair(program, coordinator)
    foreign = factories.make_letter(other, status="delivered", coordinator=coordinator)
    in_review = factories.make_letter(pair, status="in_review")
    client.force_login(pair.mentor.user)
    response = client.post(reverse("letters-mark-read"), {
        "letter": [foreign.pk, in_review.pk, "nonsense"], "next": "https://evil.example/"})
    assert response.status_code == 302 and response["Location"] == reverse("my-letters")
    assert Letter.objects.get(pk=foreign.pk).status == LetterStatus.DELIVERED
    assert Letter.objects.get(pk=in_review.pk).status == LetterStatus.IN_REVIEW
    assert client.get(reverse("letters-mark-read")).status_code == 405


def test_returned_letter_shows_the_note_to_its_author(client, pair, coordinator):
    letter = factories.make_letter(pair, status="changes_requested", coordinator=coordinator)
    client.force_login(pair.mentee.user)
    assert "Please say more." in client.get(reverse("my-letters")).content.decode()
    assert "Please say more." in client.get(reverse("letter-edit", args=[letter.pk])).content.decode()


def test_coordinator_decides_from_the_pair_page(client, pair, coordinator):
    letter = factories.make_letter(pair, status="in_review")
    client.force_login(coordinator)
    url = reverse("coordinator-letter-decide", args=[pair.pk, letter.pk])
    client.post(url, {"decision": "return", "note": ""})
    letter.refresh_from_db()
    assert letter.status == LetterStatus.IN_REVIEW  # a return needs a note
    client.post(url, {"decision": "return", "note": "Tell more about the cat."})
    letter.refresh_from_db()
    assert letter.status == LetterStatus.CHANGES_REQUESTED


def test_pair_notes_and_status_changes(client, pair, coordinator):
    client.force_login(coordinator)
    client.post(reverse("coordinator-pair-note", args=[pair.pk]), {"text": "Mentee is on holiday."})
    assert pair.notes.get().text == "Mentee is on holiday."
    client.post(reverse("coordinator-pair-status", args=[pair.pk]), {"action": "pause", "reason": "Holiday"})
    pair.refresh_from_db()
    assert pair.status == Pair.Status.PAUSED
    page = client.get(reverse("coordinator-pair", args=[pair.pk])).content.decode()
    assert "Mentee is on holiday." in page
    client.force_login(pair.mentee.user)
    assert "Mentee is on holiday." not in client.get(reverse("pair-thread", args=[pair.pk])).content.decode()


def test_schedule_a_reading_in_the_programs_time_zone(client, program, coordinator):
    program.time_zone = "Europe/Copenhagen"
    program.save()
    reading = reading_services.create_reading(coordinator, program=program, title="Tide", body="The sea.")
    client.force_login(coordinator)
    response = client.post(reverse("coordinator-calendar", args=[program.pk]), {
        "reading": reading.pk, "prompt": "What did you see?", "opens_at": "2026-03-02T08:00", "due_at": "2026-03-09T18:00",
    })
    assert response.status_code == 302
    assignment = program.assignments.get()
    assert assignment.due_at.isoformat() == "2026-03-09T17:00:00+00:00"  # 18:00 in Copenhagen (CET)


def test_import_participants_page_lists_bad_lines(client, program, coordinator):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(coordinator)
    data = b"pseudonym,role,email,language\nStar,mentee,,da\n,mentor,,\n"
    response = client.post(reverse("coordinator-people", args=[program.pk]),
                           {"form": "csv", "file": SimpleUploadedFile("p.csv", data)})
    assert "Line 3: Choose a pseudonym." in response.content.decode()
    assert not Membership.objects.filter(program=program, pseudonym="Star").exists()


def test_profile_avatar_and_language(client, pair):
    mentee = pair.mentee.user
    client.force_login(mentee)
    client.post(reverse("profile"), {"form": f"membership-{pair.mentee.pk}", f"m{pair.mentee.pk}-avatar": "owl"})
    pair.mentee.refresh_from_db()
    assert pair.mentee.avatar == "owl"
    client.post(reverse("profile"), {"form": "preferences", "language": "da", "time_zone": "Europe/Oslo"})
    mentee.refresh_from_db()
    assert (mentee.language, mentee.time_zone) == ("da", "Europe/Oslo")
    response = client.get(reverse("home"))
    assert response["Content-Language"] == "da"


def test_language_follows_the_program_then_the_user(client, pair):
    pair.program.language = "fr"
    pair.program.save()
    client.force_login(pair.mentee.user)
    assert client.get(reverse("home"))["Content-Language"] == "fr"
    User.objects.filter(pk=pair.mentee.user_id).update(language="nb")
    assert client.get(reverse("home"))["Content-Language"] == "nb"


def test_calendar_feed_at_a_secret_url_that_can_be_reset(client, pair, coordinator):
    reading = reading_services.create_reading(coordinator, program=pair.program, title="Tide", body="The sea.")
    now = timezone.now()
    reading_services.schedule_assignment(coordinator, program=pair.program, reading=reading,
                                         opens_at=now, due_at=now + timedelta(days=3))
    mentee = pair.mentee.user
    client.force_login(mentee)
    client.post(reverse("calendar-token-reset"))
    mentee.refresh_from_db()
    old = mentee.calendar_token
    client.logout()
    feed = client.get(reverse("calendar-feed", args=[old]))
    assert feed.status_code == 200 and feed["Content-Type"].startswith("text/calendar")
    assert b"Letter due: Tide" in feed.content
    client.force_login(mentee)
    client.post(reverse("calendar-token-reset"))
    client.logout()
    assert client.get(reverse("calendar-feed", args=[old])).status_code == 404
    assert client.get(reverse("calendar-feed", args=["x" * 43])).status_code == 404


def test_home_and_dashboard_queries_do_not_grow(client, django_assert_num_queries, program, coordinator):
    reading = reading_services.create_reading(coordinator, program=program, title="Tide", body="The sea.")
    now = timezone.now()
    reading_services.schedule_assignment(coordinator, program=program, reading=reading,
                                         opens_at=now - timedelta(days=1), due_at=now + timedelta(days=3))
    mentor = factories.make_member(program, Membership.Role.MENTOR, coordinator)
    program.max_active_pairs_per_person = 50
    program.save()

    def grow(count):
        for _ in range(count):
            mentee = factories.make_member(program, Membership.Role.MENTEE, coordinator)
            from programs import services
            pair = services.create_pair(coordinator, program=program, mentor=mentor, mentee=mentee)
            factories.make_letter(pair, status="delivered", coordinator=coordinator)
            factories.make_letter(pair, status="in_review")

    def count_queries(user, url):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        client.force_login(user)
        with CaptureQueriesContext(connection) as context:
            assert client.get(url).status_code == 200
        return len(context)

    grow(2)
    home_small = count_queries(mentor.user, reverse("home"))
    dash_small = count_queries(coordinator, reverse("coordinator-dashboard", args=[program.pk]))
    grow(8)
    client.force_login(mentor.user)
    with django_assert_num_queries(home_small):
        client.get(reverse("home"))
    assert count_queries(coordinator, reverse("coordinator-dashboard", args=[program.pk])) == dash_small


@pytest.mark.parametrize("language, words", [
    ("en", ["My letters", "What to do next"]),
    ("da", ["Mine breve", "Det skal du nu"]),
    ("nb", ["Mine brev", "Dette skal du gjøre nå"]),
    ("fr", ["Mes lettres", "Ce que tu peux faire maintenant"]),
])
def test_pages_speak_the_users_language(client, demo, language, words):
    User.objects.filter(pk=demo["mentee"].pk).update(language=language)
    client.force_login(demo["mentee"])
    for url in pages_for_member(demo):
        page = client.get(url)
        assert page.status_code == 200 and page["Content-Language"] == language, url
    home = client.get(reverse("home")).content.decode()
    for word in words:
        assert word in home


def _locale_queries(client, url="/") -> tuple[str, int]:
    """Return (Content-Language, number of program-locale queries) of one page."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as context:
        page = client.get(url)
    assert page.status_code == 200
    asked = [q for q in context.captured_queries if '"programs_program"."time_zone" AS "time_zone"' in q["sql"]]
    return page["Content-Language"], len(asked)


def test_the_programs_locale_is_cached_on_the_session_and_a_changed_preference_wins_at_once(client, pair):
    from programs import services

    Program.objects.filter(pk=pair.program_id).update(language="da")
    user = pair.mentee.user
    client.force_login(user)
    assert _locale_queries(client) == ("da", 1)
    assert _locale_queries(client) == ("da", 0)  # from the session
    services.update_preferences(user, language="fr", time_zone="")
    assert _locale_queries(client) == ("fr", 1)
    services.update_preferences(user, language="", time_zone="")
    assert _locale_queries(client) == ("da", 1)


def test_a_programs_new_locale_shows_when_the_session_is_next_refreshed(client, pair):
    from django.conf import settings

    from programs.middleware import SESSION_REFRESHED_AT

    Program.objects.filter(pk=pair.program_id).update(language="da")
    client.force_login(pair.mentee.user)
    assert _locale_queries(client) == ("da", 1)
    Program.objects.filter(pk=pair.program_id).update(language="nb")
    assert _locale_queries(client) == ("da", 0)  # cached until the refresh...
    session = client.session
    session[SESSION_REFRESHED_AT] -= settings.SESSION_REFRESH_INTERVAL
    session.save()
    assert _locale_queries(client) == ("nb", 1)  # ...which asks again


def test_visitors_get_the_browsers_language(client, db):
    page = client.get(reverse("login"), HTTP_ACCEPT_LANGUAGE="fr")
    assert "Se connecter" in page.content.decode()


def test_due_dates_are_shown_in_the_viewers_time_zone(client, pair, coordinator):
    from datetime import datetime, timezone as dt_timezone

    reading = reading_services.create_reading(coordinator, program=pair.program, title="Tide", body="The sea.")
    due = datetime(2030, 1, 15, 12, 0, tzinfo=dt_timezone.utc)
    reading_services.schedule_assignment(coordinator, program=pair.program, reading=reading,
                                         opens_at=timezone.now() - timedelta(days=1), due_at=due)
    User.objects.filter(pk=pair.mentee.user_id).update(time_zone="Asia/Tokyo")
    client.force_login(pair.mentee.user)
    assert "Jan. 15, 2030, 9 p.m." in client.get(reverse("home")).content.decode()  # 12:00 UTC is 21:00 in Tokyo


def test_an_assignment_for_other_pairs_only_is_404(client, program, coordinator, pair):
    other = factories.make_pair(program, coordinator)
    reading = reading_services.create_reading(coordinator, program=program, title="Tide", body="The sea.")
    now = timezone.now()
    targeted = reading_services.schedule_assignment(coordinator, program=program, reading=reading, opens_at=now,
                                                    due_at=now + timedelta(days=2), pairs=[other])
    client.force_login(pair.mentee.user)
    assert client.get(reverse("assignment-detail", args=[targeted.pk])).status_code == 404
    client.force_login(other.mentee.user)
    assert client.get(reverse("assignment-detail", args=[targeted.pk])).status_code == 200


def test_dashboard_filters_and_pages(client, program, coordinator):
    from frontend import coordinator_views

    for _ in range(3):
        factories.make_pair(program, coordinator)
    client.force_login(coordinator)
    url = reverse("coordinator-dashboard", args=[program.pk])
    assert client.get(url).context["page"].paginator.count == 3  # the first view judges the new pairs
    quiet = Pair.objects.filter(program=program).first()
    Pair.objects.filter(pk=quiet.pk).update(started_at=timezone.now() - timedelta(days=30))
    assert client.get(url, {"level": "at_risk"}).context["page"].paginator.count == 0  # as judged when it began
    health.refresh_all_pair_health()  # what the scheduled task does every few minutes
    at_risk = client.get(url, {"level": "at_risk"})
    assert [h.pair.pk for h in at_risk.context["page"]] == [quiet.pk]
    assert "Health is checked every 10 minutes" in at_risk.content.decode()
    coordinator_views.PAIRS_PER_PAGE, saved = 2, coordinator_views.PAIRS_PER_PAGE
    try:
        second = client.get(url, {"sort": "mentee", "page": 2})
    finally:
        coordinator_views.PAIRS_PER_PAGE = saved
    assert second.context["page"].number == 2 and len(second.context["page"]) == 1


def test_a_signed_in_page_costs_two_queries_before_its_view_and_a_home_thirteen(client, pair, django_assert_num_queries):
    # Steady state, after the first page of the session (which writes it and caches the
    # locale): the session and the user, then the home page's own reads (memberships, pairs,
    # assignments, unsent letters; their letters about the current readings when there are some),
    # and the menu's unread-notice count. The next event is one more read, and the toolbox
    # tip one (its pairs' facts; the pairs are the page's own) or, when a pair is at a
    # moment, two (and the fitting articles' versions and hidings when there are some): this
    # mentee has not written yet. The threads they started in a peer space, for new
    # replies, are one more. Goals are one read for a mentee (their counts) and one more for
    # their newest stamp; for a mentor one (whether a mentee shows them their stamps), and a
    # mentor's home also asks which replies they owe, while their pair is at no moment. With
    # Redis the session is read from the cache (cached_db, config/settings.py), which saves
    # its query.
    home = 12 + session_statements()
    client.force_login(pair.mentee.user)
    client.get("/")
    with django_assert_num_queries(home):
        assert client.get("/").status_code == 200
    client.force_login(pair.mentor.user)
    client.get("/")
    with django_assert_num_queries(home - 1):
        assert client.get("/").status_code == 200
