"""Posts in the peer spaces get the letters' privacy: in the data export, emptied by retention, kept by the
safeguarding hold (docs/security.md)."""

import io
import json
import zipfile
from datetime import date, timedelta

import pytest
from django.utils import timezone

from letters.models import ReviewAction
from privacy import selectors as privacy_selectors
from privacy import services as privacy
from spaces import services as spaces
from spaces.models import Audience, Post, PostEvent, PostFinding, PostReviewEntry, PostStatus, Report, Thread
from tests import factories

URGENT = "I hurt myself when I am sad."


@pytest.fixture(autouse=True)
def private_root(settings, tmp_path):
    settings.PRIVATE_ROOT = tmp_path / "private"


@pytest.fixture
def operator(db):
    return factories.make_user("operator", is_superuser=True, is_staff=True)


@pytest.fixture
def world(program, coordinator):
    first, second = factories.make_pair(program, coordinator), factories.make_pair(program, coordinator)
    return {
        "program": program, "coordinator": coordinator,
        "mentee": first.mentee, "mentee2": second.mentee, "mentor": first.mentor, "mentor2": second.mentor,
        "mentees_space": spaces.space_for(program, Audience.MENTEES),
        "mentors_space": spaces.space_for(program, Audience.MENTORS),
    }


def _approved(world, post, **options):
    return spaces.approve_post(world["coordinator"], post=post, **options)


def _export(user) -> dict:
    export = privacy.request_data_export(user, subject=user)
    privacy.build_data_export(export)
    export.refresh_from_db()
    with zipfile.ZipFile(io.BytesIO(privacy.export_file(export).read_bytes())) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


# ---------------------------------------------------------------------------- export


def test_the_export_holds_the_persons_own_posts_as_they_wrote_them_and_nobody_elses(world):
    mentee, other = world["mentee"], world["mentee2"]
    own = spaces.start_thread(mentee.user, space=world["mentees_space"], title="Books we like",
                              body="I liked the story about the lighthouse.")
    _approved(world, own.opening, redactions=[(0, 5)])  # a part removed for readers: the author's words stay whole
    their_reply = spaces.reply_to_thread(other.user, thread=own, body="Someone else's reply about the storm.")
    _approved(world, their_reply)
    theirs = spaces.start_thread(other.user, space=world["mentees_space"], title="Football after school",
                                 body="Who else plays football on Tuesdays?")
    _approved(world, theirs.opening)
    my_reply = spaces.reply_to_thread(mentee.user, thread=theirs, body="I play on Tuesdays too.")
    spaces.reply_to_thread(mentee.user, thread=own, body="My reply that still waits.")
    gone = spaces.reply_to_thread(mentee.user, thread=theirs, body="A reply a coordinator deleted.")
    spaces.delete_post(world["coordinator"], post=gone, reason="Off topic")
    spaces.leave_space(mentee.user, space=world["mentees_space"])  # their words stay theirs after leaving

    files = _export(mentee.user)
    posts = json.loads(files["posts.json"])
    assert [(p["kind"], p["status"], p["text"], p["thread_title"], p["space"]) for p in posts] == [
        ("thread", PostStatus.PUBLISHED, "Books we like\n\nI liked the story about the lighthouse.", "Books we like",
         "mentees"),
        ("reply", PostStatus.IN_REVIEW, "I play on Tuesdays too.", "Football after school", "mentees"),
        ("reply", PostStatus.IN_REVIEW, "My reply that still waits.", "Books we like", "mentees"),
    ]
    texts = [p["text"] for p in posts]
    assert all(p["program"] == world["program"].name and p["submitted_at"] for p in posts)
    assert my_reply.pk and "A reply a coordinator deleted." not in texts  # deleted: their author no longer sees it
    everything = b"".join(files.values()).decode("utf-8", "replace")
    assert "storm" not in everything and "Who else plays football" not in everything
    assert "posts.json" in files["README.txt"].decode()


def test_a_thread_title_the_person_may_no_longer_read_is_left_out(world):
    theirs = spaces.start_thread(world["mentor2"].user, space=world["mentors_space"], title="Keeping it short",
                                 body="How do you keep replies short and warm?")
    spaces.reply_to_thread(world["mentor"].user, thread=theirs, body="Five sentences, then stop.")
    spaces.set_thread_hidden(world["coordinator"], thread=theirs, hidden=True, reason="Off topic")
    [row] = json.loads(_export(world["mentor"].user)["posts.json"])
    assert row["text"] == "Five sentences, then stop." and row["thread_title"] is None


# ---------------------------------------------------------------------------- erasure and the hold


def test_erasure_holds_withheld_and_urgent_posts_for_coordinators_and_empties_the_rest(world, operator):
    mentee, program = world["mentee"], world["program"]
    ordinary = spaces.start_thread(mentee.user, space=world["mentees_space"], title="Hello", body="Nice to meet you.")
    _approved(world, ordinary.opening)
    withheld = spaces.reply_to_thread(mentee.user, thread=ordinary, body="Something a coordinator kept back.")
    spaces.withhold_post(world["coordinator"], post=withheld, reason="Follow up with the school")
    urgent = spaces.reply_to_thread(mentee.user, thread=ordinary, body=URGENT)
    assert privacy_selectors.erasure_preview(mentee.user).posts_held == 2

    record = privacy.erase_person(operator, user=mentee.user)
    assert record.letters_held == 0
    ordinary_post, withheld_post, urgent_post = (Post.objects.get(pk=pk) for pk in
                                                 (ordinary.opening_id, withheld.pk, urgent.pk))
    assert ordinary_post.body_text == "" and ordinary_post.safeguarding_hold_until is None
    expected_end = timezone.now() + timedelta(days=program.safeguarding_retention_days)
    for held in (withheld_post, urgent_post):
        assert held.body_text and abs(held.safeguarding_hold_until - expected_end) < timedelta(minutes=5)
    assert PostEvent.objects.get(post=withheld_post, to_status=PostStatus.WITHHELD).note == "Follow up with the school"
    assert PostReviewEntry.objects.get(post=withheld_post, action=ReviewAction.WITHHELD).detail
    assert PostFinding.objects.filter(post=urgent_post, severity="urgent").exists()
    # For coordinators only: nobody else, in the space or through the export.
    readers = Post.objects.visible_to
    assert set(readers(world["coordinator"]).values_list("pk", flat=True)) >= {withheld_post.pk, urgent_post.pk}
    assert not readers(world["mentee2"].user).filter(pk__in=[withheld_post.pk, urgent_post.pk]).exists()
    assert not Post.objects.public().filter(pk__in=[withheld_post.pk, urgent_post.pk]).exists()
    from programs.models import ProgramAuditEntry

    assert "2 post(s) under a safeguarding hold" in ProgramAuditEntry.objects.get(action="person_erased").detail


def test_a_published_post_under_the_hold_leaves_the_members_view_of_its_thread(world, operator):
    mentor = world["mentor"]
    thread = spaces.start_thread(mentor.user, space=world["mentors_space"], title="A worry",
                                 body="Something a coordinator read and let through.")
    assert thread.opening.status == PostStatus.PUBLISHED
    # Published, with an urgent finding (as when a coordinator approves an urgent post after reading it).
    PostFinding.objects.create(post=thread.opening, kind="safeguarding", severity="urgent", start=0, end=9)
    privacy.erase_person(operator, user=mentor.user)
    assert Post.objects.get(pk=thread.opening_id).safeguarding_hold_until is not None
    assert not Thread.objects.visible_to(world["mentor2"].user).filter(pk=thread.pk).exists()
    assert Thread.objects.visible_to(world["coordinator"]).filter(pk=thread.pk).exists()
    from spaces.selectors import list_threads

    assert thread.pk not in [t.pk for t in list_threads(world["mentor2"].user, world["mentors_space"], coordinates=False)]


# ---------------------------------------------------------------------------- retention


def _ended(program, days_ago: int, retention_days: int):
    program.starts_on = date.today() - timedelta(days=days_ago + 100)
    program.ends_on = date.today() - timedelta(days=days_ago)
    program.retention_days = retention_days
    program.save()


def test_retention_empties_posts_like_letters_and_the_hold_outlasts_it(world, operator):
    mentor, mentor2 = world["mentor"], world["mentor2"]
    thread = spaces.start_thread(mentor.user, space=world["mentors_space"], title="Short replies",
                                 body="How do you keep replies short and warm?")
    spaces.report_post(mentor2.user, post=thread.opening, reason="It names a school.")
    returned = spaces.reply_to_thread(mentor2.user, thread=thread, body="Write to me at kim.hansen@example.com")
    spaces.return_post(world["coordinator"], post=returned, note="No addresses, please.")
    withheld = spaces.reply_to_thread(world["mentor"].user, thread=thread, body="Worrying: mail jo@example.com")
    spaces.withhold_post(world["coordinator"], post=withheld, reason="Talk to the mentor")
    privacy.erase_person(operator, user=mentor.user)  # holds the withheld post
    _ended(world["program"], days_ago=40, retention_days=30)

    privacy.apply_retention()
    assert not Post.objects.filter(thread=thread).exclude(pk=withheld.pk).exclude(body_text="").exists()
    assert not PostFinding.objects.filter(post__thread=thread).exclude(post=withheld).exists()
    assert PostFinding.objects.filter(post=withheld).exists()  # kept with the held post
    assert not PostEvent.objects.filter(post__thread=thread).exclude(pk__in=withheld.events.values("pk")).exclude(
        note="").exists()
    assert not PostReviewEntry.objects.filter(post__thread=thread).exclude(post=withheld).exclude(detail="").exists()
    assert Report.objects.get().reason == ""
    withheld.refresh_from_db()
    assert withheld.body_text == "Worrying: mail jo@example.com"  # the hold outlasts the program's retention

    Post.objects.filter(pk=withheld.pk).update(safeguarding_hold_until=timezone.now() - timedelta(seconds=1))
    privacy.apply_retention()
    withheld.refresh_from_db()
    assert withheld.body_text == ""
    assert not PostEvent.objects.filter(post=withheld).exclude(note="").exists()
    assert not PostFinding.objects.exists()


def test_retention_leaves_the_posts_of_a_running_program_alone(world):
    thread = spaces.start_thread(world["mentor"].user, space=world["mentors_space"], title="Hi",
                                 body="Hello everyone here.")
    privacy.apply_retention()
    assert Post.objects.get(pk=thread.opening_id).body_text == "Hi\n\nHello everyone here."
