"""The toolbox and timeline pages: who may open which (404 for the rest), what they show, and the
writes they make through the services. Expectations written by hand."""

from datetime import time, timedelta

import pytest
from django.core.management import call_command
from django.urls import reverse

from timeline.demo import seed_demo_timeline
from toolbox.demo import seed_demo_toolbox
from django.utils import timezone
from icalendar import Calendar

from letters.models import Notification
from programs import services as program_services
from programs.models import Pair, Program, ProgramAuditEntry, User
from tests import factories
from timeline import services as timeline_services
from timeline.models import Event
from toolbox.models import Article, HiddenArticle


@pytest.fixture
def demo(db):
    call_command("load_demo")
    program = Program.objects.get(slug="demo")
    return {
        "program": program, "pair": Pair.objects.get(mentor__user__username="demo-mentor"),
        "coordinator": User.objects.get(username="demo-coordinator"),
        "mentor": User.objects.get(username="demo-mentor"), "mentee": User.objects.get(username="demo-mentee"),
        "other_program": factories.make_program(),
    }


def _article(program, audience):
    return Article.objects.filter(program=program, audience=audience).order_by("pk").first()


def test_the_demo_ships_six_articles_in_four_languages_and_two_events(demo):
    articles = Article.objects.filter(program=demo["program"])
    assert articles.count() == 6
    assert all(sorted(a.versions.values_list("language", flat=True)) == ["da", "en", "fr", "nb"] for a in articles)
    assert Event.objects.filter(program=demo["program"]).count() == 2
    seed_demo_toolbox(demo["program"])
    seed_demo_timeline(demo["program"])
    assert articles.count() == 6 and Event.objects.filter(program=demo["program"]).count() == 2  # idempotent


def test_members_read_their_roles_articles_and_nothing_else(client, demo):
    mentor_article, mentee_article = _article(demo["program"], "mentors"), _article(demo["program"], "mentees")
    client.force_login(demo["mentee"])
    library = client.get(reverse("toolbox")).content.decode()
    assert "How to start a letter" in library and "Writing to a shy child" not in library
    assert client.get(reverse("toolbox-article", args=[mentee_article.pk])).status_code == 200
    assert client.get(reverse("toolbox-article", args=[mentor_article.pk])).status_code == 404
    client.force_login(demo["mentor"])
    page = client.get(reverse("toolbox-article", args=[mentor_article.pk]))
    assert page.status_code == 200 and "Writing to a shy child" in page.content.decode()
    danish = client.get(reverse("toolbox-article", args=[mentor_article.pk]) + "?lang=da").content.decode()
    assert "At skrive til et genert barn" in danish and 'lang="da"' in danish
    assert client.get(reverse("toolbox-article", args=[mentee_article.pk])).status_code == 404


def test_a_readers_own_language_comes_first(client, demo):
    mentor = demo["mentor"]
    mentor.language = "nb"
    mentor.save()
    client.force_login(mentor)
    page = client.get(reverse("toolbox-article", args=[_article(demo["program"], "mentors").pk])).content.decode()
    assert "Å skrive til et sjenert barn" in page


def test_coordinator_pages_are_404_for_members_and_other_coordinators(client, demo):
    program, article = demo["program"], _article(demo["program"], "mentors")
    event = Event.objects.filter(program=program).first()
    pages = [reverse("coordinator-toolbox", args=[program.pk]), reverse("coordinator-toolbox-new", args=[program.pk]),
             reverse("coordinator-toolbox-article", args=[program.pk, article.pk]),
             reverse("coordinator-events", args=[program.pk]),
             reverse("coordinator-event-edit", args=[program.pk, event.pk])]
    client.force_login(demo["coordinator"])
    for url in pages:
        assert client.get(url).status_code == 200, url
    stranger = factories.make_coordinator(demo["other_program"])
    for user in (demo["mentee"], demo["mentor"], stranger):
        client.force_login(user)
        for url in pages:
            assert client.get(url).status_code == 404, (user, url)
        assert client.post(reverse("coordinator-event-cancel", args=[program.pk, event.pk])).status_code == 404
        assert client.post(reverse("coordinator-toolbox-visibility", args=[program.pk, article.pk]),
                           {"hide": "1"}).status_code == 404
    for url in (reverse("operator-toolbox"), reverse("operator-toolbox-new")):
        assert client.get(url).status_code == 404  # operators only
    assert not HiddenArticle.objects.exists() and not Event.objects.filter(status="cancelled").exists()


def test_a_coordinator_writes_translates_and_hides_an_article(client, demo):
    program = demo["program"]
    client.force_login(demo["coordinator"])
    response = client.post(reverse("coordinator-toolbox-new", args=[program.pk]), {
        "audience": "mentors", "kind": "exercise", "moment": "", "language": "en", "title": "Drawing a map",
        "summary": "", "body": "Draw the story's island.<script>x()</script>"})
    article = Article.objects.get(versions__title="Drawing a map")
    assert response.status_code == 302 and "<script" not in article.versions.get().body
    edit = reverse("coordinator-toolbox-article", args=[program.pk, article.pk])
    client.post(edit + "?lang=da", {"form": "version", "version-language": "da", "version-title": "Tegn et kort",
                                    "version-summary": "", "version-body": "Tegn øen."})
    assert sorted(article.versions.values_list("language", flat=True)) == ["da", "en"]
    client.post(reverse("coordinator-toolbox-visibility", args=[program.pk, article.pk]), {"hide": "1"})
    assert HiddenArticle.objects.filter(program=program, article=article).exists()
    client.force_login(demo["mentor"])
    assert client.get(reverse("toolbox-article", args=[article.pk])).status_code == 404
    assert ProgramAuditEntry.objects.filter(target_type="article", target_id=article.pk).count() == 3


def test_an_operator_writes_the_shared_set_which_every_program_sees(client, demo):
    operator = factories.make_user(is_superuser=True, is_staff=True)
    client.force_login(operator)
    assert client.get(reverse("operator-toolbox")).status_code == 200
    client.post(reverse("operator-toolbox-new"), {"audience": "mentees", "kind": "article", "moment": "",
                                                  "language": "en", "title": "Kind words", "body": "Be kind."})
    shared = Article.objects.get(program=None)
    assert client.get(reverse("operator-toolbox-article", args=[shared.pk])).status_code == 200
    client.force_login(demo["mentee"])
    assert "Kind words" in client.get(reverse("toolbox")).content.decode()


def test_a_coordinator_adds_changes_and_cancels_an_event_and_members_see_it(client, demo):
    program, pair = demo["program"], demo["pair"]
    client.force_login(demo["coordinator"])
    day = (timezone.localdate() + timedelta(days=3)).isoformat()
    response = client.post(reverse("coordinator-events", args=[program.pk]), {
        "kind": "visit_day", "title": "Museum visit", "date": day, "starts": "10:00", "ends": "12:30",
        "place": "City museum", "description": "Bring a packed lunch.", "pairs": [pair.pk]})
    assert response.status_code == 302
    event = Event.objects.get(title="Museum visit")
    assert list(event.pairs.all()) == [pair] and event.ends_at - event.starts_at == timedelta(minutes=150)
    client.force_login(demo["mentee"])
    assert "Museum visit" in client.get(reverse("timeline")).content.decode()
    home = client.get(reverse("home")).content.decode()
    assert "Museum visit" in home  # the next event, on the home page
    other_mentee = Pair.objects.exclude(pk=pair.pk).filter(program=program).first().mentee.user
    client.force_login(other_mentee)
    assert "Museum visit" not in client.get(reverse("timeline")).content.decode()
    client.force_login(demo["coordinator"])
    client.post(reverse("coordinator-event-edit", args=[program.pk, event.pk]), {
        "kind": "visit_day", "title": "Museum visit", "date": day, "starts": "11:00", "ends": "13:00",
        "place": "City museum", "description": "", "pairs": [pair.pk]})
    assert Notification.objects.filter(kind="event_changed", user__in=[pair.mentor.user, pair.mentee.user]).count() == 2
    client.post(reverse("coordinator-event-cancel", args=[program.pk, event.pk]))
    assert Event.objects.get(pk=event.pk).is_cancelled
    assert Notification.objects.filter(kind="event_cancelled").count() == 2


def test_the_calendar_feed_has_events_with_their_real_duration(client, demo):
    mentee = demo["mentee"]
    program_services.reset_calendar_token(mentee)
    mentee.refresh_from_db()
    event = timeline_services.create_event(demo["coordinator"], program=demo["program"], title="Kite day",
                                           day=timezone.localdate() + timedelta(days=2), starts=time(14),
                                           ends=time(16, 45))
    feed = Calendar.from_ical(client.get(f"/calendar/{mentee.calendar_token}.ics").content)
    found = [c for c in feed.walk("VEVENT") if str(c.get("summary")) == "Kite day"]
    assert len(found) == 1
    assert found[0].decoded("dtend") - found[0].decoded("dtstart") == timedelta(hours=2, minutes=45)
    assert found[0].decoded("dtstart") == event.starts_at
    timeline_services.cancel_event(demo["coordinator"], event=event)
    feed = Calendar.from_ical(client.get(f"/calendar/{mentee.calendar_token}.ics").content)
    assert [str(c.get("status")) for c in feed.walk("VEVENT") if str(c.get("summary")) == "Kite day"] == ["CANCELLED"]


def test_the_home_page_shows_the_tip_that_fits(client, demo):
    mentee = factories.make_member(demo["program"], "mentee", demo["coordinator"])
    mentor = factories.make_member(demo["program"], "mentor", demo["coordinator"])
    program_services.create_pair(demo["coordinator"], program=demo["program"], mentor=mentor, mentee=mentee)
    client.force_login(mentee.user)
    home = client.get(reverse("home")).content.decode()
    assert "A tip for right now" in home and "How to start a letter" in home  # a mentee who never wrote


def test_the_admin_shows_articles_and_events_read_only_with_where_to_change_them(client, demo):
    operator = factories.make_user(is_superuser=True, is_staff=True)
    client.force_login(operator)
    article, event = _article(demo["program"], "mentors"), Event.objects.filter(program=demo["program"]).first()
    for url, where in ((f"/admin/toolbox/article/{article.pk}/change/",
                        reverse("coordinator-toolbox", args=[demo["program"].pk])),
                       (f"/admin/timeline/event/{event.pk}/change/",
                        reverse("coordinator-events", args=[demo["program"].pk]))):
        page = client.get(url)
        assert page.status_code == 200 and f'href="{where}"' in page.content.decode(), url
    assert client.get("/admin/toolbox/article/add/").status_code == 403
    assert client.get("/admin/timeline/event/add/").status_code == 403
