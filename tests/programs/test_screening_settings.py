"""A program's screening settings: watch words, screening countries, a member's own country, the demo.

Services refuse what is wrong with a translated message and write an audit row for what
they change; the pages answer 404 to anyone who does not coordinate the program, as the
rest of the product does, and the services answer PermissionDenied.
"""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

from letters import services as letter_services
from letters.models import LetterStatus
from programs import accounts, services
from django.db.models import QuerySet

from programs.models import Membership, Pair, Program, ProgramAuditEntry, User, WatchWord
from programs.selectors import list_watch_words, screening_regions_for, watch_terms_for_screening
from tests import factories

pytestmark = pytest.mark.django_db


def messages_of(error: ValidationError, field: str) -> list[str]:
    return error.message_dict[field]


# ---------------------------------------------------------------------------- watch words: the services


def test_a_coordinator_adds_and_removes_a_watch_word_with_audit_rows(program, coordinator):
    word = services.add_watch_word(coordinator, program=program, term="  Secret   Club ", severity="urgent")
    assert (word.term, word.match_key, word.severity, word.created_by) == ("Secret Club", "secret club", "urgent", coordinator)
    assert watch_terms_for_screening(program) == [("Secret Club", "urgent")]
    services.remove_watch_word(coordinator, watch_word=word)
    assert not WatchWord.objects.exists()
    assert list(ProgramAuditEntry.objects.filter(program=program).values_list("action", "actor", "detail")) == [
        ("watch_word_added", coordinator.pk, "Secret Club (urgent)"),
        ("watch_word_removed", coordinator.pk, "Secret Club (urgent)"),
    ]


def test_removing_a_word_already_removed_changes_nothing(program, coordinator):
    word = services.add_watch_word(coordinator, program=program, term="lake", severity="hold")
    services.remove_watch_word(coordinator, watch_word=word)
    services.remove_watch_word(coordinator, watch_word=word)
    assert ProgramAuditEntry.objects.filter(action="watch_word_removed").count() == 1


@pytest.mark.parametrize(
    ("term", "severity", "field", "english"),
    [
        ("   ", "hold", "term", "Write the word or phrase to watch for."),
        ("x" * 101, "hold", "term", "Keep a watch word under 100 characters."),
        ("lake", "loud", "severity", "Choose whether the letter waits or the coordinators are alerted at once."),
    ],
)
def test_bad_watch_words_are_refused_with_a_translated_message(program, coordinator, term, severity, field, english):
    with pytest.raises(ValidationError) as refused:
        services.add_watch_word(coordinator, program=program, term=term, severity=severity)
    assert messages_of(refused.value, field) == [english]
    for language in ("da", "nb", "fr"):
        with translation.override(language), pytest.raises(ValidationError) as refused:
            services.add_watch_word(coordinator, program=program, term=term, severity=severity)
        [message] = messages_of(refused.value, field)
        assert message and message != english, language
    assert not WatchWord.objects.exists() and not ProgramAuditEntry.objects.exists()


def test_a_term_of_exactly_the_limit_is_accepted(program, coordinator):
    assert services.add_watch_word(coordinator, program=program, term="x" * 100, severity="hold").term == "x" * 100


@pytest.mark.parametrize("again", ["cafe", "CAFÉ", "Café", "  café  "])
def test_a_duplicate_watch_word_is_refused_whatever_its_case_accents_or_spaces(program, coordinator, again):
    services.add_watch_word(coordinator, program=program, term="café", severity="hold")
    with pytest.raises(ValidationError) as refused:
        services.add_watch_word(coordinator, program=program, term=again, severity="urgent")
    assert messages_of(refused.value, "term") == ["“café” is already a watch word of this program."]
    with translation.override("da"), pytest.raises(ValidationError) as refused:
        services.add_watch_word(coordinator, program=program, term=again, severity="urgent")
    assert messages_of(refused.value, "term") != ["“café” is already a watch word of this program."]
    assert WatchWord.objects.count() == 1


def test_the_same_word_in_two_programs_is_fine(program, coordinator):
    other = factories.make_program()
    other_coordinator = factories.make_coordinator(other)
    services.add_watch_word(coordinator, program=program, term="lake", severity="hold")
    services.add_watch_word(other_coordinator, program=other, term="lake", severity="urgent")
    assert watch_terms_for_screening(other) == [("lake", "urgent")]


def test_a_mentor_or_another_programs_coordinator_cannot_add_or_remove_watch_words(program, coordinator, pair):
    other = factories.make_program()
    stranger = factories.make_coordinator(other)
    word = services.add_watch_word(coordinator, program=program, term="lake", severity="hold")
    for outsider in (pair.mentor.user, pair.mentee.user, stranger):
        with pytest.raises(PermissionDenied):
            services.add_watch_word(outsider, program=program, term="river", severity="hold")
        with pytest.raises(PermissionDenied):
            services.remove_watch_word(outsider, watch_word=word)
    assert list_watch_words(program) == [word]


def test_an_operator_may_add_watch_words(program):
    operator = factories.make_user(is_superuser=True)
    assert services.add_watch_word(operator, program=program, term="lake", severity="hold").program == program


# ---------------------------------------------------------------------------- watch words: the pages


def test_the_watch_word_page_lists_adds_and_removes(client, program, coordinator):
    client.force_login(coordinator)
    url = reverse("coordinator-watch-words", args=[program.pk])
    response = client.post(url, {"term": "Treehouse", "severity": "urgent"})
    assert response.status_code == 302 and response["Location"] == url
    word = WatchWord.objects.get(program=program)
    page = client.get(url).content.decode()
    assert "Treehouse" in page and "Urgent: alert the coordinators at once" in page
    response = client.post(reverse("coordinator-watch-word-remove", args=[word.pk]))
    assert response.status_code == 302 and response["Location"] == url
    assert not WatchWord.objects.exists()


def test_the_watch_word_page_shows_the_services_errors_and_keeps_the_input(client, program, coordinator):
    services.add_watch_word(coordinator, program=program, term="Café", severity="hold")
    client.force_login(coordinator)
    url = reverse("coordinator-watch-words", args=[program.pk])
    page = client.post(url, {"term": "CAFE", "severity": "urgent"})
    assert page.status_code == 200
    content = page.content.decode()
    assert "is already a watch word of this program" in content and 'value="CAFE"' in content
    assert "Write the word or phrase to watch for." in client.post(url, {"term": "", "severity": "hold"}).content.decode()
    assert WatchWord.objects.count() == 1


def test_the_watch_word_pages_answer_404_to_a_mentor_and_another_programs_coordinator(client, program, coordinator, pair):
    word = services.add_watch_word(coordinator, program=program, term="lake", severity="hold")
    stranger = factories.make_coordinator(factories.make_program())
    for outsider in (pair.mentor.user, stranger):
        client.force_login(outsider)
        for url in (reverse("coordinator-watch-words", args=[program.pk]), reverse("coordinator-settings", args=[program.pk])):
            assert client.get(url).status_code == 404, url
        assert client.post(reverse("coordinator-watch-words", args=[program.pk]),
                           {"term": "river", "severity": "hold"}).status_code == 404
        assert client.post(reverse("coordinator-watch-word-remove", args=[word.pk])).status_code == 404
    assert list(WatchWord.objects.values_list("term", flat=True)) == ["lake"]


def test_the_program_menu_links_to_the_settings_and_the_settings_to_the_watch_words(client, program, coordinator):
    client.force_login(coordinator)
    dashboard = client.get(reverse("coordinator-dashboard", args=[program.pk])).content.decode()
    assert f'href="{reverse("coordinator-settings", args=[program.pk])}"' in dashboard
    settings_page = client.get(reverse("coordinator-settings", args=[program.pk])).content.decode()
    assert f'href="{reverse("coordinator-watch-words", args=[program.pk])}"' in settings_page


# ---------------------------------------------------------------------------- screening countries


def test_screening_countries_default_from_the_language():
    assert [Program(language=code).screening_regions() for code in ("da", "nb", "fr", "en")] == [
        ["DK"], ["NO"], ["FR"], ["GB"]
    ]


def test_a_coordinator_sets_the_countries_in_a_fixed_order_with_an_audit_row(program, coordinator):
    services.set_screening_countries(coordinator, program=program, countries=["NO", "DK", "NO"])
    program.refresh_from_db()
    assert program.screening_countries == ["DK", "NO"] and program.screening_regions() == ["DK", "NO"]
    services.set_screening_countries(coordinator, program=program, countries=["NO", "DK"])  # the same: no new row
    services.set_screening_countries(coordinator, program=program, countries=[])
    program.refresh_from_db()
    assert program.screening_regions() == ["GB"]
    assert list(ProgramAuditEntry.objects.values_list("action", "detail")) == [
        ("screening_countries_changed", "- -> DK, NO"), ("screening_countries_changed", "DK, NO -> -"),
    ]


def test_unknown_countries_and_outsiders_are_refused(program, coordinator, pair):
    with pytest.raises(ValidationError) as refused:
        services.set_screening_countries(coordinator, program=program, countries=["DK", "SE"])
    assert messages_of(refused.value, "countries") == ["Choose countries from the list."]
    with pytest.raises(PermissionDenied):
        services.set_screening_countries(pair.mentor.user, program=program, countries=["DK"])
    program.refresh_from_db()
    assert program.screening_countries == []


def test_the_settings_page_saves_the_countries(client, program, coordinator):
    client.force_login(coordinator)
    url = reverse("coordinator-settings", args=[program.pk])
    page = client.get(url).content.decode()
    assert "United Kingdom" in page and 'name="countries"' in page  # the default is named
    response = client.post(url, {"countries": ["FR", "DK"]})
    assert response.status_code == 302
    program.refresh_from_db()
    assert program.screening_countries == ["DK", "FR"]
    assert client.post(url, {"countries": ["XX"]}).status_code == 200  # not a choice: the form says so
    program.refresh_from_db()
    assert program.screening_countries == ["DK", "FR"]


def test_submit_passes_the_programs_and_the_authors_countries_watch_words_and_the_authors_role(
    program, coordinator, pair, monkeypatch
):
    services.set_screening_countries(coordinator, program=program, countries=["DK"])
    services.add_watch_word(coordinator, program=program, term="lake", severity="urgent")
    Membership.objects.filter(pk=pair.mentee.pk).update(country="NO")
    Membership.objects.filter(pk=pair.mentor.pk).update(country="DK")
    calls = []
    real_screen = letter_services.screening.screen

    def spy(text, **kwargs):
        calls.append(kwargs)
        return real_screen(text, **kwargs)

    monkeypatch.setattr(letter_services.screening, "screen", spy)
    for author in (pair.mentee.user, pair.mentor.user):
        draft = letter_services.save_draft(author, pair=pair, body="We swam in the lake on Sunday.")
        letter_services.submit_letter(author, letter=draft)
    assert [(c["regions"], c["watch_terms"], c["author_role"]) for c in calls] == [
        (["DK", "NO"], [("lake", "urgent")], "mentee"),
        (["DK"], [("lake", "urgent")], "mentor"),
    ]


# ---------------------------------------------------------------------------- a member's own country


def test_a_member_country_is_set_on_invitation_and_import_and_checked(program, coordinator):
    membership, _invitation, _token = accounts.invite_participant(
        coordinator, program=program, role="mentee", pseudonym="River", country="NO"
    )
    assert membership.country == "NO"
    assert screening_regions_for(program, membership) == ["GB", "NO"]
    with pytest.raises(ValidationError) as refused:
        accounts.invite_participant(coordinator, program=program, role="mentee", pseudonym="Lake", country="SE")
    assert "country" in refused.value.message_dict
    created = services.import_participants(
        coordinator, program=program, csv_text="pseudonym,role,country\nFjord,mentor,dk\nMoor,mentee,\n"
    )
    assert [(m.pseudonym, m.country) for m in created] == [("Fjord", "DK"), ("Moor", "")]
    with pytest.raises(ValidationError) as refused:
        services.import_participants(coordinator, program=program, csv_text="pseudonym,role,country\nHill,mentee,SE\n")
    assert refused.value.messages == ["Line 2: Choose one of these countries: US, GB, DK, NO, FR."]


def test_the_people_page_invites_with_a_country(client, program, coordinator):
    client.force_login(coordinator)
    client.post(reverse("invite-participant", args=[program.pk]), {"pseudonym": "Heron", "role": "mentor", "country": "FR"})
    assert Membership.objects.get(program=program, pseudonym="Heron").country == "FR"
    assert "France" in client.get(reverse("program-people", args=[program.pk])).content.decode()


# ---------------------------------------------------------------------------- the migration of blocked terms


@pytest.mark.django_db(transaction=True)
def test_blocked_terms_and_the_region_move_to_watch_words_and_screening_countries():
    """Migrate back to before 0010, write programs the old way, and migrate forward again."""
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    before = [("programs", "0009_watch_words_and_screening_countries")]
    after = [("programs", "0011_remove_blocked_terms_and_region")]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    old_apps = executor.loader.project_state(before).apps
    OldProgram = old_apps.get_model("programs", "Program")
    dates = {"starts_on": "2026-01-01", "ends_on": "2026-12-31"}
    with_terms = OldProgram.objects.create(
        name="Old", slug="old", region="DK", blocked_terms="cafe\n\n  Secret   club  \nCAFÉ\nsecret club\n", **dates
    )
    plain = OldProgram.objects.create(name="Plain", slug="plain", **dates)
    executor = MigrationExecutor(connection)
    executor.migrate(after)
    # Then to the newest schema, which the models below are written for.
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())
    migrated = Program.objects.get(pk=with_terms.pk)
    assert migrated.screening_countries == ["DK"]
    assert list(WatchWord.objects.filter(program=migrated).order_by("pk").values_list("term", "severity")) == [
        ("cafe", "hold"), ("Secret club", "hold")
    ]
    assert ProgramAuditEntry.objects.filter(program=migrated, action="watch_word_added", actor=None).count() == 2
    assert Program.objects.get(pk=plain.pk).screening_regions() == ["GB"]
    assert not WatchWord.objects.filter(program_id=plain.pk).exists()
    # The same words are found as before the move.
    from letters.screening import screen

    text = "The Café of the SECRET club."
    found = screen(text, language="en", regions=migrated.screening_regions(), watch_terms=watch_terms_for_screening(migrated))
    assert [(text[f.start:f.end], f.severity) for f in found] == [("Café", "hold"), ("SECRET club", "hold")]


# ---------------------------------------------------------------------------- the demo program


def demo_mentee_submits(body):
    mentee = User.objects.get(username="demo-mentee")
    pair = Pair.objects.get(mentee__user=mentee)
    draft = letter_services.save_draft(mentee, pair=pair, body=body)
    return letter_services.submit_letter(mentee, letter=draft)


def test_the_demo_program_screens_with_danish_rules_and_has_an_example_watch_word():
    call_command("load_demo")
    program = Program.objects.get(slug="demo")
    assert (program.language, program.screening_regions()) == ("en", ["DK"])
    assert list(program.watch_words.values_list("term", "severity")) == [("sleepover", "hold")]
    text = "Thank you for the story! Please call me on 20 12 34 56 after school."
    letter = demo_mentee_submits(text)
    assert [(f.kind, text[f.start:f.end]) for f in letter.findings.all()] == [("contact.phone", "20 12 34 56")]
    assert letter.status == LetterStatus.IN_REVIEW


def test_an_existing_demo_gets_the_danish_rules_once_and_a_coordinators_choice_stays():
    call_command("load_demo")
    program = Program.objects.get(slug="demo")
    # A demo database from before these settings: no countries, no watch words, no audit rows.
    Program.objects.filter(pk=program.pk).update(screening_countries=[])
    WatchWord.objects.all().delete()
    QuerySet(ProgramAuditEntry).delete()  # round the append-only guard: this database predates the log
    call_command("load_demo")
    program.refresh_from_db()
    assert program.screening_countries == ["DK"] and program.watch_words.count() == 1
    call_command("load_demo")
    assert program.watch_words.count() == 1 and ProgramAuditEntry.objects.count() == 2
    # The coordinator chooses otherwise: loading the demo again keeps their choice.
    coordinator = User.objects.get(username="demo-coordinator")
    services.set_screening_countries(coordinator, program=program, countries=["NO"])
    services.remove_watch_word(coordinator, watch_word=program.watch_words.get())
    call_command("load_demo")
    program.refresh_from_db()
    assert program.screening_countries == ["NO"] and not program.watch_words.exists()


def test_an_operator_ticks_screening_countries_in_the_admin(admin_client, program):
    url = reverse("admin:programs_program_change", args=[program.pk])
    page = admin_client.get(url)
    assert page.status_code == 200 and 'name="screening_countries"' in page.content.decode()
    form = page.context["adminform"].form
    data = {name: form[name].value() for name in form.fields if form[name].value() is not None}
    data.update({"screening_countries": ["NO", "DK"], "memberships-TOTAL_FORMS": "0",
                 "memberships-INITIAL_FORMS": "0", "memberships-MIN_NUM_FORMS": "0", "memberships-MAX_NUM_FORMS": "1000"})
    assert admin_client.post(url, data).status_code == 302
    program.refresh_from_db()
    assert program.screening_countries == ["DK", "NO"]
