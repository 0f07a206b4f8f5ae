"""The peer spaces' services: moderation like letters, screening holds, guards, audit rows, notices."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from letters.models import Notification, ReminderKind, ReviewAction
from programs.exceptions import StateConflict
from programs.models import ProgramAuditAction, ProgramAuditEntry
from spaces import services
from spaces.models import Post, PostEvent, PostFinding, PostReviewEntry, PostStatus, Report
from tests.spaces.conftest import mentor_thread, published_mentee_thread

PHONE_TEXT = "Call me on 555 123 456 after school, it is easier."


def test_a_mentee_post_always_waits_for_a_coordinator(world):
    thread = services.start_thread(world["mentee"], space=world["mentees_space"], title="Hello", body="Nice to meet you all.")
    post = thread.opening
    assert post.status == PostStatus.IN_REVIEW
    assert post.body_text == "Hello\n\nNice to meet you all."
    assert list(PostEvent.objects.filter(post=post).values_list("from_status", "to_status")) == [("", "in_review")]


def test_a_mentor_post_without_findings_appears_at_once(world):
    thread = mentor_thread(world)
    assert thread.opening.status == PostStatus.PUBLISHED
    assert thread.opening.published_at is not None
    assert thread.last_activity_at is not None or Post.objects.get(pk=thread.opening_id).thread.last_activity_at


def test_a_mentor_post_with_a_finding_waits_and_its_author_is_told(world):
    thread = services.start_thread(world["mentor"], space=world["mentors_space"], title="Contact", body=PHONE_TEXT)
    post = Post.objects.get(pk=thread.opening_id)
    assert post.status == PostStatus.IN_REVIEW
    assert PostFinding.objects.filter(post=post, kind="contact.phone").exists()
    assert Notification.objects.filter(user=world["mentor"], kind=ReminderKind.SPACE_POST_HELD).count() == 1


def test_a_link_is_refused_in_the_mentees_space_and_nothing_is_written(world):
    with pytest.raises(ValidationError) as error:
        services.start_thread(world["mentee"], space=world["mentees_space"], title="Look",
                              body="Look at https://example.com/game it is fun")
    assert "Links are not allowed" in str(error.value)
    assert not Post.objects.exists()


def test_a_link_in_the_mentors_space_is_held_not_refused(world):
    thread = services.start_thread(world["mentor"], space=world["mentors_space"], title="A guide",
                                   body="This helped me: https://example.com/guide")
    assert Post.objects.get(pk=thread.opening_id).status == PostStatus.IN_REVIEW


def test_nobody_writes_in_the_other_audience_or_another_program(world):
    for user, space in [(world["mentor"], world["mentees_space"]), (world["mentee"], world["mentors_space"]),
                        (world["other_mentee"], world["mentees_space"]), (world["coordinator"], world["mentees_space"])]:
        with pytest.raises(PermissionDenied):
            services.start_thread(user, space=space, title="Hi", body="Hello there everyone")


def test_approve_publishes_once_and_is_audited(world):
    thread = services.start_thread(world["mentee"], space=world["mentees_space"], title="Hi", body="Hello everyone")
    services.approve_post(world["coordinator"], post=thread.opening, note="Fine")
    post = Post.objects.get(pk=thread.opening_id)
    assert post.status == PostStatus.PUBLISHED
    assert list(PostReviewEntry.objects.filter(post=post).values_list("action", flat=True)) == [ReviewAction.APPROVED]
    with pytest.raises(StateConflict):
        services.approve_post(world["coordinator"], post=post)


def test_findings_need_the_review_page_and_redactions_are_kept(world):
    thread = services.start_thread(world["mentee"], space=world["mentees_space"], title="Phone", body=PHONE_TEXT)
    post = thread.opening
    with pytest.raises(ValidationError):
        services.approve_post(world["coordinator"], post=post)
    finding = PostFinding.objects.get(post=post, kind="contact.phone")
    services.approve_post(world["coordinator"], post=post, redactions=[(finding.start, finding.end)], findings_seen=True)
    post.refresh_from_db()
    assert post.redactions == [[finding.start, finding.end]]
    entry = PostReviewEntry.objects.get(post=post, action=ReviewAction.APPROVED_WITH_REDACTIONS)
    assert entry.detail == f"{finding.start}-{finding.end}"


def test_return_then_resubmit_goes_back_to_the_queue(world):
    thread = services.start_thread(world["mentee"], space=world["mentees_space"], title="Hi", body="Hello everyone")
    with pytest.raises(ValidationError):
        services.return_post(world["coordinator"], post=thread.opening, note="  ")
    services.return_post(world["coordinator"], post=thread.opening, note="Please say what the book was.")
    post = Post.objects.get(pk=thread.opening_id)
    assert post.status == PostStatus.CHANGES_REQUESTED
    assert Notification.objects.filter(user=world["mentee"], kind=ReminderKind.SPACE_POST_RETURNED).exists()
    with pytest.raises(PermissionDenied):
        services.resubmit_post(world["mentee2"], post=post, body="Hi\n\nSomething else")
    services.resubmit_post(world["mentee"], post=post, body="Hi\n\nI read the lighthouse story.")
    post.refresh_from_db()
    assert post.status == PostStatus.IN_REVIEW and post.body_text.endswith("lighthouse story.")


def test_withhold_needs_a_reason_and_ends_the_post(world):
    thread = services.start_thread(world["mentee"], space=world["mentees_space"], title="Hi", body="Hello everyone")
    services.withhold_post(world["coordinator"], post=thread.opening, reason="Names a school.")
    post = Post.objects.get(pk=thread.opening_id)
    assert post.status == PostStatus.WITHHELD
    with pytest.raises(StateConflict):
        services.return_post(world["coordinator"], post=post, note="x")


def test_a_claim_keeps_other_coordinators_out(world):
    second = __import__("tests.factories", fromlist=["make_coordinator"]).make_coordinator(world["program"])
    thread = services.start_thread(world["mentee"], space=world["mentees_space"], title="Hi", body="Hello everyone")
    services.claim_post(world["coordinator"], post=thread.opening)
    with pytest.raises(StateConflict) as error:
        services.approve_post(second, post=thread.opening)
    assert "is reviewing this post" in str(error.value)
    services.release_post_claim(world["coordinator"], post=thread.opening)
    services.approve_post(second, post=thread.opening)
    actions = list(PostReviewEntry.objects.filter(post=thread.opening).values_list("action", flat=True))
    assert actions == [ReviewAction.CLAIMED, ReviewAction.RELEASED, ReviewAction.APPROVED]


def test_members_may_not_decide(world):
    thread = services.start_thread(world["mentee"], space=world["mentees_space"], title="Hi", body="Hello everyone")
    with pytest.raises(PermissionDenied):
        services.approve_post(world["mentee2"], post=thread.opening)
    with pytest.raises(PermissionDenied):
        services.approve_post(world["other_coordinator"], post=thread.opening)


def test_replies_need_a_published_open_thread_and_tell_its_author(world):
    held = services.start_thread(world["mentee"], space=world["mentees_space"], title="Hi", body="Hello everyone")
    with pytest.raises(StateConflict):
        services.reply_to_thread(world["mentee2"], thread=held, body="Hello to you")
    thread = published_mentee_thread(world)
    reply = services.reply_to_thread(world["mentee2"], thread=thread, body="I liked it too!")
    assert reply.status == PostStatus.IN_REVIEW
    assert not Notification.objects.filter(kind=ReminderKind.SPACE_REPLY).exists()  # nothing shown yet
    services.approve_post(world["coordinator"], post=reply)
    assert Notification.objects.filter(user=world["mentee"], kind=ReminderKind.SPACE_REPLY).count() == 1
    services.set_thread_locked(world["coordinator"], thread=thread, locked=True, reason="Finished")
    with pytest.raises(StateConflict):
        services.reply_to_thread(world["mentee2"], thread=thread, body="One more")


def test_leaving_stops_writing_and_rejoining_restores_it(world):
    space = world["mentors_space"]
    services.leave_space(world["mentor"], space=space)
    services.leave_space(world["mentor"], space=space)  # leaving twice changes nothing
    with pytest.raises(PermissionDenied):
        mentor_thread(world)
    services.rejoin_space(world["mentor"], space=space)
    assert mentor_thread(world).opening.status == PostStatus.PUBLISHED
    with pytest.raises(PermissionDenied):
        services.leave_space(world["coordinator"], space=space)


def test_reports_reach_the_coordinators_once_per_member(world):
    thread = mentor_thread(world)
    with pytest.raises(ValidationError):
        services.report_post(world["mentor"], post=thread.opening, reason="mine")
    report = services.report_post(world["mentor2"], post=thread.opening, reason="It names a school.")
    assert Notification.objects.filter(user=world["coordinator"], kind=ReminderKind.SPACE_REPORT).count() == 1
    assert not Notification.objects.filter(user=world["other_coordinator"]).exists()
    with pytest.raises(StateConflict):
        services.report_post(world["mentor2"], post=thread.opening, reason="again")
    services.set_post_hidden(world["coordinator"], post=thread.opening, hidden=True, reason="Names a school")
    report.refresh_from_db()
    assert report.closed_at is not None and report.closed_by == world["coordinator"]


@pytest.mark.parametrize(("call", "action"), [
    (lambda c, t: services.set_thread_pinned(c, thread=t, pinned=True, reason="Welcome"), ProgramAuditAction.SPACE_PINNED),
    (lambda c, t: services.set_thread_locked(c, thread=t, locked=True, reason="Done"), ProgramAuditAction.SPACE_LOCKED),
    (lambda c, t: services.set_thread_hidden(c, thread=t, hidden=True, reason="Off topic"), ProgramAuditAction.SPACE_HIDDEN),
    (lambda c, t: services.delete_thread(c, thread=t, reason="Spam"), ProgramAuditAction.SPACE_DELETED),
    (lambda c, t: services.set_post_hidden(c, post=t.opening, hidden=True, reason="Rude"), ProgramAuditAction.SPACE_HIDDEN),
    (lambda c, t: services.delete_post(c, post=t.opening, reason="Spam"), ProgramAuditAction.SPACE_DELETED),
])
def test_coordinator_actions_need_a_reason_and_are_audited(world, call, action):
    thread = mentor_thread(world)
    with pytest.raises(PermissionDenied):
        call(world["mentor2"], thread)
    with pytest.raises(PermissionDenied):
        call(world["other_coordinator"], thread)
    call(world["coordinator"], thread)
    entry = ProgramAuditEntry.objects.get(action=action)
    assert entry.program == world["program"] and entry.actor == world["coordinator"]
    assert entry.detail in {"Welcome", "Done", "Off topic", "Spam", "Rude"}
    call(world["coordinator"], thread)  # doing it again records nothing new
    assert ProgramAuditEntry.objects.filter(action=action).count() == 1


def test_a_reason_is_required_for_coordinator_actions(world):
    thread = mentor_thread(world)
    with pytest.raises(ValidationError):
        services.set_thread_hidden(world["coordinator"], thread=thread, hidden=True, reason=" ")
    assert not Report.objects.exists() and not ProgramAuditEntry.objects.filter(action__startswith="space_").exists()


def test_the_demo_has_one_thread_in_each_space(db):
    from django.core.management import call_command

    from spaces.models import Thread
    call_command("load_demo", verbosity=0)
    threads = Thread.objects.filter(space__program__slug="demo").select_related("space", "opening")
    assert sorted(thread.space.audience for thread in threads) == ["mentees", "mentors"]
    assert all(thread.opening.status == PostStatus.PUBLISHED for thread in threads if thread.space.audience == "mentees")


def test_erasing_a_person_empties_their_posts_and_report_reasons(world):
    from privacy.services import erase_person
    from tests import factories

    thread = mentor_thread(world, body="My own story about my neighbour's cat and the storm.")
    services.report_post(world["mentor2"], post=thread.opening, reason="Mentions a neighbour")
    operator = factories.make_user(is_superuser=True)
    erase_person(operator, user=world["mentor"])
    post = Post.objects.get(pk=thread.opening_id)
    assert post.body_text == "" and not PostFinding.objects.filter(post=post).exists()
    erase_person(operator, user=world["mentor2"])
    assert Report.objects.get().reason == ""


def test_an_urgent_finding_alerts_the_programs_coordinators_at_once(world):
    from letters.models import Reminder

    thread = services.start_thread(world["mentee"], space=world["mentees_space"], title="Sad",
                                   body="I hurt myself when I am sad.")
    # The letters' urgent alert, planned in the same transaction (delivery: tests/spaces/test_notices.py).
    alerts = Reminder.objects.filter(kind=ReminderKind.URGENT_FINDING, object_key=f"post:{thread.opening_id}")
    assert list(alerts.values_list("recipient", flat=True)) == [world["coordinator"].pk]
    assert alerts.get().details == {"author": thread.opening.author.pseudonym, "about": "post",
                                    "post": thread.opening_id}  # never the words
