"""A coordinator erases a person of their program, with the safeguarding hold erasure keeps.

Who may erase whom is written here as a table of expectations, independently of
programs.permissions.may_erase_person.
"""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from letters import services as letter_services
from letters.models import Letter, LetterStatus
from privacy import services as privacy
from privacy.models import ErasureRecord
from privacy.selectors import erasure_preview
from programs.models import Membership, ProgramAuditEntry, User
from programs.permissions import may_erase_person
from tests import factories
from tests.letters.test_moderation import URGENT_TEXT, submit

pytestmark = pytest.mark.django_db


@pytest.fixture
def withheld(pair, coordinator):
    """A letter of the pair's mentee that the coordinator withheld."""
    letter = submit(pair, "Here is a letter my coordinator will keep back.")
    return letter_services.withhold_letter(coordinator, letter=letter, reason="Follow up")


def people(program, pair, coordinator):
    """Return the people of the table below, by name."""
    other_program = factories.make_program()
    other_coordinator = factories.make_coordinator(other_program)
    elsewhere = factories.make_member(other_program, Membership.Role.MENTEE, other_coordinator)
    # A mentee of this program who also takes part in a program the coordinator does not coordinate.
    both = factories.make_member(program, Membership.Role.MENTEE, coordinator)
    Membership.objects.create(user=both.user, program=other_program, role=Membership.Role.MENTOR, pseudonym="Also here")
    fellow = factories.make_coordinator(program)
    return {
        "coordinator": coordinator, "fellow coordinator": fellow, "other coordinator": other_coordinator,
        "operator": User.objects.create_superuser("root", password="pw"),
        "mentee": pair.mentee.user, "mentor": pair.mentor.user, "mentee elsewhere": elsewhere.user,
        "mentee in both": both.user,
    }


# (actor, subject, may erase)
TABLE = [
    ("coordinator", "mentee", True),
    ("coordinator", "mentor", True),
    ("coordinator", "fellow coordinator", False),
    ("coordinator", "coordinator", False),
    ("coordinator", "mentee elsewhere", False),
    ("coordinator", "mentee in both", False),
    ("other coordinator", "mentee", False),
    ("other coordinator", "mentee elsewhere", True),
    ("mentor", "mentee", False),
    ("mentee", "mentor", False),
    ("operator", "mentee in both", True),
    ("operator", "fellow coordinator", True),
    ("operator", "operator", False),
]


def test_who_may_erase_whom(program, pair, coordinator):
    everyone = people(program, pair, coordinator)
    answers = [(actor, subject, may_erase_person(everyone[actor], everyone[subject])) for actor, subject, _ in TABLE]
    assert answers == TABLE


def test_a_coordinator_erases_their_programs_mentee_and_the_withheld_letter_stays_held(program, pair, coordinator, withheld):
    urgent = submit(pair, URGENT_TEXT)
    mentee = pair.mentee.user
    assert erasure_preview(mentee).held == 2
    record = privacy.erase_person(coordinator, user=mentee)
    assert isinstance(record, ErasureRecord) and record.actor == coordinator and record.letters_held == 2
    for letter in (withheld, urgent):
        letter = Letter.objects.get(pk=letter.pk)
        assert letter.safeguarding_hold_until is not None and letter.body_text  # whole, for coordinators only
    entry = ProgramAuditEntry.objects.get(action=ProgramAuditEntry.Action.PERSON_ERASED)
    assert entry.program == program and entry.actor == coordinator
    assert pair.mentee.pseudonym not in entry.detail
    mentee.refresh_from_db()
    assert mentee.username == f"erased-{mentee.pk}" and not mentee.is_active


def test_a_coordinator_cannot_erase_themself_a_fellow_or_someone_who_is_also_elsewhere(program, pair, coordinator):
    everyone = people(program, pair, coordinator)
    with pytest.raises(ValidationError):
        privacy.erase_person(coordinator, user=coordinator)
    for subject in ("fellow coordinator", "mentee in both", "mentee elsewhere"):
        with pytest.raises(PermissionDenied):
            privacy.erase_person(coordinator, user=everyone[subject])
    assert ErasureRecord.objects.count() == 0


def test_the_preview_counts_programs_pairs_letters_and_holds(pair, coordinator, withheld):
    submit(pair, "A plain letter with nothing in it at all.")
    letter_services.save_draft(pair.mentee.user, pair=pair, body="A draft nobody saw.")
    preview = erasure_preview(pair.mentee.user)
    assert (preview.programs, preview.open_pairs, preview.letters, preview.held) == (1, 1, 2, 1)


# ---------------------------------------------------------------------------- the page


def erase_url(membership):
    return f"/people/{membership.pk}/erase/"


def test_the_page_shows_what_happens_and_erases_only_once_the_pseudonym_is_typed(client, pair, coordinator, withheld):
    client.force_login(coordinator)
    mentee = pair.mentee
    page = client.get(erase_url(mentee))
    assert page.status_code == 200
    assert "1 letter stays whole under a safeguarding hold" in page.content.decode()
    refused = client.post(erase_url(mentee), {"confirm": "someone else"})
    assert refused.status_code == 400 and ErasureRecord.objects.count() == 0
    done = client.post(erase_url(mentee), {"confirm": mentee.pseudonym.upper()})
    assert done.status_code == 302 and done["Location"] == f"/programs/{pair.program_id}/people/"
    assert ErasureRecord.objects.get().letters_held == 1
    assert Letter.objects.get(pk=withheld.pk).status == LetterStatus.WITHHELD


def test_the_page_refuses_a_fellow_coordinator_without_a_form(client, program, coordinator):
    fellow = factories.make_coordinator(program)
    membership = Membership.objects.get(user=fellow, program=program)
    client.force_login(coordinator)
    html = client.get(erase_url(membership)).content.decode()
    assert "You cannot erase this person here" in html and 'name="confirm"' not in html
    assert client.post(erase_url(membership), {"confirm": membership.pseudonym}).status_code == 403
    assert User.objects.get(pk=fellow.pk).is_active


@pytest.mark.parametrize("who", ["stranger", "mentor", "mentee"])
def test_the_page_is_404_for_all_but_the_programs_coordinators(client, pair, who):
    user = {"stranger": factories.make_coordinator(factories.make_program()),
            "mentor": pair.mentor.user, "mentee": pair.mentee.user}[who]
    client.force_login(user)
    assert client.get(erase_url(pair.mentee)).status_code == 404
    assert client.post(erase_url(pair.mentee), {"confirm": pair.mentee.pseudonym}).status_code == 404
    assert ErasureRecord.objects.count() == 0
