"""The one viewer rule, through every consumer: pages, the API, booklets (PDF), the data export,
e-mails and in-app notices, for every viewer and every letter state.

Each letter carries four markers: a word the recipient reads (`rest`), a word inside the part
the coordinator removed on delivery (`hidden`), the coordinator's change-request note
(`note`) and the withholding reason (`reason`). The table below says which may appear, written
from docs/design.md and the issue, not from letters.viewing.
"""

import io
import json
import zipfile

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from letters import reminders
from letters import services as letter_services
from letters.models import Notification
from oversight.reports import render_booklets
from privacy.services import export_archive
from tests import factories

STATES = ["draft", "in_review", "changes_requested", "withheld", "delivered", "read"]
SIDES = ["mentee", "mentor"]

#: (how the viewer stands to the letter, state) → the markers they may see.
ALLOWED = {
    **{("author", s): {"rest", "hidden"} for s in STATES},
    ("author", "changes_requested"): {"rest", "hidden", "note"},
    **{("recipient", s): set() for s in STATES},
    ("recipient", "delivered"): {"rest"},
    ("recipient", "read"): {"rest"},
    ("coordinator", "draft"): set(),
    ("coordinator", "in_review"): {"rest", "hidden"},
    ("coordinator", "changes_requested"): {"rest", "hidden", "note"},
    ("coordinator", "withheld"): {"rest", "hidden", "reason"},
    ("coordinator", "delivered"): {"rest", "hidden"},
    ("coordinator", "read"): {"rest", "hidden"},
    **{("stranger", s): set() for s in STATES},
}

VIEWERS = ["mentee", "mentor", "coordinator", "other_coordinator", "other_member"]


def relation(viewer: str, side: str) -> str:
    if viewer in SIDES:
        return "author" if viewer == side else "recipient"
    return "coordinator" if viewer == "coordinator" else "stranger"


def markers(tag: str) -> dict[str, str]:
    return {"rest": f"keepword{tag}", "hidden": f"hiddenword{tag}", "note": f"changenote{tag}",
            "reason": f"withholdreason{tag}"}


@pytest.fixture
def world(program, pair, coordinator, settings, tmp_path):
    """One pair with a letter by each side in every state, a pair next door and another program."""
    settings.MEDIA_ROOT = tmp_path
    for membership in (pair.mentee, pair.mentor):
        membership.user.email = f"{membership.user.username}@example.org"
        membership.user.save()
    letters = {}
    for side in SIDES:
        for state in STATES:
            tag = f"{side[-2:]}{STATES.index(state)}"
            m = markers(tag)
            body = f"Hello there, {m['rest']} and then {m['hidden']} ends."
            letter = factories.make_letter(pair, by=side, status="draft" if state == "draft" else "in_review", body=body)
            if state == "changes_requested":
                letter_services.request_changes(coordinator, letter=letter, note=m["note"])
            elif state == "withheld":
                letter_services.withhold_letter(coordinator, letter=letter, reason=m["reason"])
            elif state in ("delivered", "read"):
                start = body.index(m["hidden"])
                letter = letter_services.approve_letter(
                    coordinator, letter=letter, redactions=[(start, start + len(m["hidden"]))]
                )
                if state == "read":
                    recipient = (pair.mentor if side == "mentee" else pair.mentee).user
                    letter_services.mark_read(recipient, letter=letter)
            letters[side, state] = letter
    other_program = factories.make_program()
    users = {
        "mentee": pair.mentee.user, "mentor": pair.mentor.user, "coordinator": coordinator,
        "other_coordinator": factories.make_coordinator(other_program),
        "other_member": factories.make_pair(program, coordinator).mentee.user,
    }
    return {"letters": letters, "users": users, "pair": pair, "program": program}


def seen(text: str, tag: str) -> set[str]:
    text = text.lower()
    return {part for part, marker in markers(tag).items() if marker in text}


def tag_of(side: str, state: str) -> str:
    return f"{side[-2:]}{STATES.index(state)}"


def check(consumer: str, viewer: str, side: str, state: str, appeared: set[str], *, must_show_body: bool):
    allowed = ALLOWED[relation(viewer, side), state]
    where = f"{consumer}: {viewer} on a {side}'s {state} letter"
    assert appeared <= allowed, f"{where} showed {appeared - allowed}"
    if must_show_body:
        assert ("rest" in appeared) == ("rest" in allowed), f"{where}: body shown {('rest' in appeared)}"
        assert ("hidden" in appeared) == ("hidden" in allowed), where


def archive_text(data: bytes) -> str:
    parts = []
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for name in archive.namelist():
            raw = archive.read(name)
            if name.endswith(".pdf"):
                parts += [page.extract_text() for page in PdfReader(io.BytesIO(raw)).pages]
            elif name.endswith(".json"):
                parts.append(json.dumps(json.loads(raw), ensure_ascii=False))
            else:
                parts.append(raw.decode())
    return "\n".join(parts)


@pytest.mark.django_db
@pytest.mark.parametrize("viewer", VIEWERS)
def test_pages_api_and_export_follow_the_viewer_rule(client, world, viewer):
    user = world["users"][viewer]
    client.force_login(user)
    export = archive_text(export_archive(user, include_drafts=True))
    for (side, state), letter in world["letters"].items():
        tag = tag_of(side, state)
        page = client.get(reverse("letter-detail", args=[letter.pk]), follow=True)
        check("page", viewer, side, state, seen(page.content.decode(), tag) if page.status_code == 200 else set(),
              must_show_body=True)
        api = client.get(reverse("api-letter", args=[letter.pk]))
        check("api", viewer, side, state, seen(api.content.decode(), tag) if api.status_code == 200 else set(),
              must_show_body=True)
        if relation(viewer, side) == "author" and state == "changes_requested":
            assert "note" in seen(page.content.decode(), tag) and "note" in seen(api.content.decode(), tag)
        # A person's own export holds their letters as they see them; a coordinator's, none of the pair's.
        check("export", viewer, side, state, seen(export, tag), must_show_body=viewer in SIDES)


@pytest.mark.django_db
def test_a_coordinators_export_of_a_mentee_shows_what_the_mentee_sees_without_drafts(world):
    export = archive_text(export_archive(world["users"]["mentee"], include_drafts=False))
    for side, state in world["letters"]:
        appeared = seen(export, tag_of(side, state))
        if state == "draft":
            assert appeared == set()
        else:
            check("export for a coordinator", "mentee", side, state, appeared, must_show_body=True)


@pytest.mark.django_db
def test_the_booklet_prints_what_the_recipient_reads(world):
    data = render_booklets(world["program"], [world["pair"]])
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
    for side, state in world["letters"]:
        recipient = "mentor" if side == "mentee" else "mentee"
        check("booklet", recipient, side, state, seen(text, tag_of(side, state)), must_show_body=True)


@pytest.mark.django_db
def test_emails_and_notices_never_quote_a_letter(world):
    later = timezone.now() + timezone.timedelta(days=2)
    reminders.plan_reminders(later)
    reminders.deliver_due_reminders(later)
    assert mail.outbox, "the sweep sent nothing, so this test would prove nothing"
    assert Notification.objects.exists()
    texts = [f"{m.subject}\n{m.body}\n" + "".join(str(a[0]) for a in getattr(m, "alternatives", [])) for m in mail.outbox]
    texts += [f"{n.title}\n{n.body}" for n in Notification.objects.all()]
    for side, state in world["letters"]:
        for text in texts:
            assert seen(text, tag_of(side, state)) == set()
