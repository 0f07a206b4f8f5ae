"""Services behind the frontend: CSV imports, enrolment, profile, preferences, notes, calendar token."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from programs import services
from programs.models import Membership, Pair, PairNote, User
from tests import factories

PEOPLE = "pseudonym,role,email,language\nStar Fox,mentee,,da\nCaptain Oak,mentor,oak@example.org,\n"


def test_import_participants_creates_everyone(program, coordinator):
    created = services.import_participants(coordinator, program=program, csv_text=PEOPLE)
    assert [m.pseudonym for m in created] == ["Star Fox", "Captain Oak"]
    assert all(m.status == Membership.Status.INVITED for m in created)  # they join through their invitation
    assert created[0].user.language == "da" and not created[0].user.has_usable_password()
    assert not created[0].user.is_active
    assert created[1].role == Membership.Role.MENTOR and created[1].user.email == "oak@example.org"


def test_import_participants_reports_every_bad_line_and_writes_nothing(program, coordinator):
    factories.make_member(program, Membership.Role.MENTOR, coordinator)
    taken = Membership.objects.filter(program=program, role="mentor").get().pseudonym
    text = (
        "pseudonym,role,email,language\n"
        "Good One,mentee,,\n"
        ",mentee,,\n"
        "Bad Role,teacher,,\n"
        "Bad Mail,mentee,not-an-address,\n"
        "Bad Lang,mentee,,de\n"
        f"{taken},mentee,,\n"
        "good one,mentor,,\n"
    )
    before = Membership.objects.count()
    with pytest.raises(ValidationError) as error:
        services.import_participants(coordinator, program=program, csv_text=text)
    assert error.value.messages == [
        "Line 3: Choose a pseudonym.",
        "Line 4: The role must be mentee or mentor.",
        "Line 5: “not-an-address” is not an e-mail address.",
        "Line 6: The language must be en, da, nb or fr.",
        f"Line 7: “{taken}” is taken in this program; choose another pseudonym.",
        "Line 8: “good one” appears twice in the file.",
    ]
    assert Membership.objects.count() == before


def test_import_errors_are_translated(program, coordinator):
    with translation.override("da"), pytest.raises(ValidationError) as error:
        services.import_participants(coordinator, program=program, csv_text="pseudonym,role\n,mentee\n")
    assert error.value.messages[0].startswith("Linje 2")


def test_import_needs_the_header(program, coordinator):
    with pytest.raises(ValidationError) as error:
        services.import_participants(coordinator, program=program, csv_text="name,kind\nA,mentee\n")
    assert "pseudonym, role" in error.value.messages[0]


def test_import_is_for_coordinators_only(program, coordinator, pair):
    with pytest.raises(PermissionDenied):
        services.import_participants(pair.mentee.user, program=program, csv_text=PEOPLE)


def join(program):
    """Pretend every invited member accepted their invitation."""
    Membership.objects.filter(program=program, status=Membership.Status.INVITED).update(status=Membership.Status.ACTIVE)


def test_import_pairs(program, coordinator):
    services.import_participants(coordinator, program=program, csv_text=PEOPLE)
    with pytest.raises(ValidationError) as error:  # nobody has joined yet
        services.import_pairs(coordinator, program=program, csv_text="mentor,mentee\nCaptain Oak,star fox\n")
    assert error.value.messages[0] == "Line 2: there is no active member called “Captain Oak”."
    join(program)
    pairs = services.import_pairs(coordinator, program=program, csv_text="mentor,mentee\nCaptain Oak,star fox\n")
    assert [(p.mentor.pseudonym, p.mentee.pseudonym) for p in pairs] == [("Captain Oak", "Star Fox")]
    assert pairs[0].events.count() == 1


def test_import_pairs_checks_every_row_first(program, coordinator):
    services.import_participants(
        coordinator, program=program,
        csv_text="pseudonym,role\nOak,mentor\nElm,mentor\nFox,mentee\nOwl,mentee\n",
    )
    join(program)
    text = "mentor,mentee\nOak,Fox\nElm,Fox\nFox,Owl\nNobody,Owl\n"
    with pytest.raises(ValidationError) as error:
        services.import_pairs(coordinator, program=program, csv_text=text)
    assert error.value.messages == [
        "Line 3: Fox already has the most pairs this program allows.",
        "Line 4: “Fox” is not a mentor.",
        "Line 5: there is no active member called “Nobody”.",
    ]
    assert Pair.objects.filter(program=program).count() == 0


def test_update_profile_only_own_and_bio_only_for_mentors(pair):
    mentee = pair.mentee
    updated = services.update_profile(mentee.user, membership=mentee, avatar="fox", bio="I like cats")
    assert (updated.avatar, updated.bio) == ("fox", "")
    mentor = services.update_profile(pair.mentor.user, membership=pair.mentor, avatar="", bio="Reader")
    assert mentor.bio == "Reader"
    with pytest.raises(PermissionDenied):
        services.update_profile(mentee.user, membership=pair.mentor, avatar="fox")
    with pytest.raises(ValidationError):
        services.update_profile(mentee.user, membership=mentee, avatar="dragon")


def test_update_preferences_validates(pair):
    user = pair.mentee.user
    with pytest.raises(ValidationError) as error:
        services.update_preferences(user, language="de", time_zone="Mars/Olympus")
    assert set(error.value.message_dict) == {"language", "time_zone"}
    services.update_preferences(user, language="nb", time_zone="Europe/Oslo")
    user.refresh_from_db()
    assert (user.language, user.time_zone) == ("nb", "Europe/Oslo")


def test_reset_calendar_token_changes_it(pair):
    user = pair.mentee.user
    first = services.reset_calendar_token(user)
    second = services.reset_calendar_token(user)
    assert first != second and len(second) >= 40
    assert User.objects.get(pk=user.pk).calendar_token == second


def test_pair_notes_are_for_coordinators(pair, coordinator):
    note = services.add_pair_note(coordinator, pair=pair, text="  Call the school. ")
    assert note.text == "Call the school." and note.author == coordinator
    with pytest.raises(PermissionDenied):
        services.add_pair_note(pair.mentor.user, pair=pair, text="Hi")
    with pytest.raises(ValidationError):
        services.add_pair_note(coordinator, pair=pair, text="   ")
    assert PairNote.objects.count() == 1
