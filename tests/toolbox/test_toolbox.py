"""The toolbox: who may write, what is sanitised and audited, who sees which article in which language,
the tip that fits the moment, and constant query counts.

The visibility expectations are written out by hand, independently of the querysets.
"""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.http import Http404
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from letters.models import Letter
from programs.models import Membership, ProgramAuditEntry
from readings import services as reading_services
from tests import factories
from toolbox import services
from toolbox.access import access_article
from toolbox.models import Article, HiddenArticle
from toolbox.selectors import (
    list_member_shelves, list_program_articles, pick_version, tip_of_the_moment,
)

BODY = "<p>Keep it <strong>short</strong>.</p><script>alert(1)</script><p onclick='x()'>Then ask one question.</p>"


@pytest.fixture
def world(db):
    """Program A (pair `own`), program B (pair `other`) and an operator; articles of every kind of owner."""
    program_a, program_b = factories.make_program(language="da"), factories.make_program(language="fr")
    coordinator_a, coordinator_b = factories.make_coordinator(program_a), factories.make_coordinator(program_b)
    own, other = factories.make_pair(program_a, coordinator_a), factories.make_pair(program_b, coordinator_b)
    operator = factories.make_user(is_superuser=True, is_staff=True)
    write = services.create_article
    articles = {
        "a_mentors": write(coordinator_a, program=program_a, audience="mentors", language="da", title="Til mentorer",
                           body="Skriv kort."),
        "a_mentees": write(coordinator_a, program=program_a, audience="mentees", language="da", title="Til mentees",
                           body="Start med hej."),
        "b_mentors": write(coordinator_b, program=program_b, audience="mentors", language="fr", title="Aux mentors",
                           body="Écrivez court."),
        "shared_mentors": write(operator, program=None, audience="mentors", language="en", title="Shared for mentors",
                                body="Be kind."),
        "shared_mentees": write(operator, program=None, audience="mentees", language="en", title="Shared for mentees",
                                body="Say hello."),
    }
    return {"a": program_a, "b": program_b, "coord_a": coordinator_a, "coord_b": coordinator_b, "own": own,
            "other": other, "operator": operator, **articles}


# ---------------------------------------------------------------------------- writing


def test_a_coordinator_writes_sanitised_text_with_an_audit_entry(world):
    article = services.create_article(world["coord_a"], program=world["a"], audience="mentors", moment="reply_overdue",
                                      language="en", title=" Short replies ", body=BODY)
    version = article.versions.get()
    assert version.title == "Short replies"
    assert "<script" not in version.body and "onclick" not in version.body and "alert" not in version.body
    assert "<strong>short</strong>" in version.body
    entry = ProgramAuditEntry.objects.filter(program=world["a"]).latest("pk")
    assert (entry.action, entry.target_type, entry.target_id) == ("article_added", "article", article.pk)


def test_versions_are_one_per_language_and_each_change_is_audited(world):
    article = world["a_mentors"]
    services.save_article_version(world["coord_a"], article=article, language="en", title="For mentors", body="Short.")
    services.save_article_version(world["coord_a"], article=article, language="en", title="For mentors!", body="Shorter.")
    assert sorted(article.versions.values_list("language", "title")) == [("da", "Til mentorer"), ("en", "For mentors!")]
    assert ProgramAuditEntry.objects.filter(program=world["a"], action="article_changed", target_id=article.pk).count() == 2


@pytest.mark.parametrize("who", ["mentor", "mentee", "coord_b"])
def test_only_the_programs_coordinators_write_its_articles(world, who):
    actor = {"mentor": world["own"].mentor.user, "mentee": world["own"].mentee.user, "coord_b": world["coord_b"]}[who]
    with pytest.raises(PermissionDenied):
        services.create_article(actor, program=world["a"], audience="mentors", language="en", title="x", body="y")
    with pytest.raises(PermissionDenied):
        services.save_article_version(actor, article=world["a_mentors"], language="en", title="x", body="y")
    with pytest.raises(PermissionDenied):
        services.update_article(actor, article=world["a_mentors"], audience="mentees", kind="article", moment="")


def test_only_operators_write_the_shared_set(world):
    with pytest.raises(PermissionDenied):
        services.create_article(world["coord_a"], program=None, audience="mentors", language="en", title="x", body="y")
    with pytest.raises(PermissionDenied):
        services.save_article_version(world["coord_a"], article=world["shared_mentors"], language="da", title="x",
                                      body="y")
    services.save_article_version(world["operator"], article=world["shared_mentors"], language="da", title="Vær rar",
                                  body="Ja.")
    entry = ProgramAuditEntry.objects.latest("pk")
    assert entry.program is None and entry.action == "article_changed"


def test_bad_input_is_refused_with_reasons(world):
    with pytest.raises(ValidationError) as caught:
        services.create_article(world["coord_a"], program=world["a"], audience="parents", moment="whenever",
                                language="de", title=" ", body="<script>only()</script>")
    assert set(caught.value.message_dict) == {"audience", "moment"}
    with pytest.raises(ValidationError) as caught:
        services.create_article(world["coord_a"], program=world["a"], audience="mentors", language="de", title=" ",
                                body="<script>only()</script>")
    assert set(caught.value.message_dict) == {"language", "title", "body"}
    assert not Article.objects.filter(program=world["a"], versions__title="").exists()


def test_hiding_is_per_program_audited_and_never_for_another_programs_article(world):
    shared = world["shared_mentors"]
    assert services.set_article_hidden(world["coord_a"], program=world["a"], article=shared, hidden=True)
    assert not services.set_article_hidden(world["coord_a"], program=world["a"], article=shared, hidden=True)
    assert HiddenArticle.objects.filter(article=shared).count() == 1
    assert ProgramAuditEntry.objects.filter(program=world["a"], action="article_hidden").count() == 1
    with pytest.raises(ValidationError):
        services.set_article_hidden(world["coord_a"], program=world["a"], article=world["b_mentors"], hidden=True)
    with pytest.raises(PermissionDenied):
        services.set_article_hidden(world["own"].mentor.user, program=world["a"], article=shared, hidden=True)
    assert services.set_article_hidden(world["coord_a"], program=world["a"], article=shared, hidden=False)
    assert ProgramAuditEntry.objects.filter(program=world["a"], action="article_shown").count() == 1


# ---------------------------------------------------------------------------- who sees what

# Written by hand: which of the world's articles each person may open.
EXPECTED = {
    "mentor_a": {"a_mentors", "shared_mentors"},
    "mentee_a": {"a_mentees", "shared_mentees"},
    "mentor_b": {"b_mentors", "shared_mentors"},
    "coord_a": {"a_mentors", "a_mentees", "shared_mentors", "shared_mentees"},
    "coord_b": {"b_mentors", "shared_mentors", "shared_mentees"},
    "operator": {"a_mentors", "a_mentees", "b_mentors", "shared_mentors", "shared_mentees"},
    "stranger": set(),
}
ARTICLES = ("a_mentors", "a_mentees", "b_mentors", "shared_mentors", "shared_mentees")


def _people(world):
    return {"mentor_a": world["own"].mentor.user, "mentee_a": world["own"].mentee.user,
            "mentor_b": world["other"].mentor.user, "coord_a": world["coord_a"], "coord_b": world["coord_b"],
            "operator": world["operator"], "stranger": factories.make_user()}


def test_each_person_opens_exactly_the_expected_articles(world):
    for who, user in _people(world).items():
        opened = set()
        for name in ARTICLES:
            try:
                access_article(user, world[name].pk)
                opened.add(name)
            except Http404:
                pass
        assert opened == EXPECTED[who], who


def test_a_hidden_article_disappears_for_that_programs_members_only(world):
    services.set_article_hidden(world["coord_a"], program=world["a"], article=world["shared_mentors"], hidden=True)
    services.set_article_hidden(world["coord_a"], program=world["a"], article=world["a_mentees"], hidden=True)
    people = _people(world)
    with pytest.raises(Http404):
        access_article(people["mentor_a"], world["shared_mentors"].pk)
    with pytest.raises(Http404):
        access_article(people["mentee_a"], world["a_mentees"].pk)
    assert access_article(people["mentor_b"], world["shared_mentors"].pk)  # program B did not hide it
    assert access_article(people["coord_a"], world["shared_mentors"].pk)  # coordinators still see it, to show it again
    shelves = list_member_shelves(people["mentor_a"], language="da")
    assert [v.title for _a, v in shelves[0].entries] == ["Til mentorer"]


def test_a_member_who_left_sees_nothing_of_the_program(world):
    Membership.objects.filter(pk=world["own"].mentor.pk).update(status=Membership.Status.LEFT)
    with pytest.raises(Http404):
        access_article(world["own"].mentor.user, world["a_mentors"].pk)


def test_shelves_show_the_readers_language_then_the_programs_then_any(world):
    article = world["a_mentors"]  # Danish program, written in Danish
    services.save_article_version(world["coord_a"], article=article, language="nb", title="Til mentorer (nb)", body="x")
    mentor = world["own"].mentor.user
    titles = lambda language: {v.title for _a, v in list_member_shelves(mentor, language=language)[0].entries}  # noqa: E731
    assert titles("nb") == {"Til mentorer (nb)", "Shared for mentors"}
    assert titles("fr") == {"Til mentorer", "Shared for mentors"}  # no French: the program's Danish
    assert pick_version(article.versions.all(), ["fr", "en"]).language in {"da", "nb"}  # then any


def test_shelves_and_the_coordinators_list_cost_the_same_queries_whatever_the_size(world):
    mentor, program = world["own"].mentor.user, world["a"]

    def count(call):
        with CaptureQueriesContext(connection) as queries:
            call()
        return len(queries)

    small = (count(lambda: list_member_shelves(mentor, language="en")),
             count(lambda: list_program_articles(program, language="en")))
    for index in range(8):
        article = services.create_article(world["coord_a"], program=program, audience="mentors", language="da",
                                          title=f"Nr. {index}", body="Tekst.")
        services.save_article_version(world["coord_a"], article=article, language="en", title=f"No. {index}", body="Text.")
        services.set_article_hidden(world["coord_a"], program=program, article=article, hidden=index % 2 == 0)
    factories.make_pair(program, world["coord_a"])
    big = (count(lambda: list_member_shelves(mentor, language="en")),
           count(lambda: list_program_articles(program, language="en")))
    assert small == big


# ---------------------------------------------------------------------------- the tip of the moment


def _tip_articles(world):
    write, coord = services.create_article, world["coord_a"]
    return {
        "short": write(coord, program=world["a"], audience="mentors", moment="reply_overdue", language="en",
                       title="Short replies", body="Five lines are enough."),
        "start": write(coord, program=world["a"], audience="mentees", moment="never_wrote", language="en",
                       title="How to start", body="Say hello."),
        "end": write(coord, program=world["a"], audience="mentors", moment="pair_ending", language="en",
                     title="Ending well", body="Look back."),
    }


def test_a_mentee_who_never_wrote_gets_how_to_start_and_the_mentor_nothing_yet(world):
    tips = _tip_articles(world)
    pair = world["own"]
    tip = tip_of_the_moment(pair.mentee.user, language="en")
    assert tip.article == tips["start"] and tip.moment == "never_wrote"
    assert tip_of_the_moment(pair.mentor.user, language="en") is None
    factories.make_letter(pair, status="in_review")
    assert tip_of_the_moment(pair.mentee.user, language="en") is None  # sent: the moment has passed


def test_a_mentor_whose_reply_is_overdue_gets_short_replies(world):
    tips = _tip_articles(world)
    pair = world["own"]
    letter = factories.make_letter(pair, status="delivered", coordinator=world["coord_a"])
    assert tip_of_the_moment(pair.mentor.user, language="en") is None  # the reply window is still open
    Letter.objects.filter(pk=letter.pk).update(delivered_at=timezone.now() - timedelta(days=8))
    tip = tip_of_the_moment(pair.mentor.user, language="en")
    assert tip.article == tips["short"] and tip.version.title == "Short replies"
    # A mentee never gets a mentors' article, whatever the moment.
    assert tip_of_the_moment(pair.mentee.user, language="en") is None


def test_the_ending_tip_comes_near_the_programs_end_and_hiding_it_removes_it(world):
    tips = _tip_articles(world)
    program, mentor = world["a"], world["own"].mentor.user
    assert tip_of_the_moment(mentor, language="en") is None
    program.ends_on = timezone.localdate() + timedelta(days=10)
    program.save()
    assert tip_of_the_moment(mentor, language="en").article == tips["end"]
    services.set_article_hidden(world["coord_a"], program=program, article=tips["end"], hidden=True)
    assert tip_of_the_moment(mentor, language="en") is None


def test_another_programs_tip_is_never_shown(world):
    services.create_article(world["coord_b"], program=world["b"], audience="mentees", moment="never_wrote",
                            language="en", title="B's start", body="Hello.")
    assert tip_of_the_moment(world["own"].mentee.user, language="en") is None
    assert tip_of_the_moment(world["other"].mentee.user, language="en").version.title == "B's start"


def test_the_tip_costs_the_same_queries_whatever_the_number_of_pairs(world, django_assert_num_queries):
    _tip_articles(world)
    program, coord = world["a"], world["coord_a"]
    program.max_active_pairs_per_person = 10
    program.ends_on = timezone.localdate() + timedelta(days=5)  # every pair has a moment: the whole path runs
    program.save()
    mentor = world["own"].mentor
    user = mentor.user  # loaded before counting
    with CaptureQueriesContext(connection) as small:
        tip_of_the_moment(user, language="en")
    reading = reading_services.create_reading(coord, program=program, title="Tide", body="The sea.")
    now = timezone.now()
    reading_services.schedule_assignment(coord, program=program, reading=reading, opens_at=now - timedelta(days=9),
                                         due_at=now - timedelta(days=2))
    from programs import services as program_services
    for _ in range(3):
        mentee = factories.make_member(program, "mentee", coord)
        program_services.create_pair(coord, program=program, mentor=mentor, mentee=mentee)
    with django_assert_num_queries(len(small.captured_queries)):
        tip = tip_of_the_moment(user, language="en")
    assert tip.moment == "pair_ending"
