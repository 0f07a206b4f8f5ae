"""The peer spaces in a real browser on a 390 px phone, with axe on every page.

A mentee starts a thread in the mentees' space; the coordinator approves it from the review
queue (filtered to posts); a second mentee replies; a mentor posts in the mentors' space, a
second mentor reports the post, and the coordinator hides it with a reason.
"""

import pytest

from programs import services as program_services
from programs.models import ProgramAuditAction, ProgramAuditEntry, User
from spaces.models import Post, PostStatus, Report, Thread
from tests.browser.conftest import PageChecker
from tests.browser.test_journey import PASSWORD, make_people, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def second_pair(program, coordinator):
    """A second mentor and mentee in the program, who can sign in."""
    def member(name, role, pseudonym):
        user = User.objects.create_user(username=name, password=PASSWORD)
        return program_services.add_member(coordinator, program=program, user=user, role=role, pseudonym=pseudonym)
    return member("mentor-two", "mentor", "Lady Birch"), member("mentee-two", "mentee", "Blue Whale")


def test_a_mentee_thread_is_approved_replied_to_and_a_mentor_post_is_reported_and_hidden(new_page, live_server):
    from playwright.sync_api import expect

    program, pair = make_people("en")
    coordinator_user = User.objects.get(username="coordinator-en")
    second_pair(program, coordinator_user)
    check = PageChecker(prefix="spaces")
    base = live_server.url

    # The mentee finds the spaces in the menu and starts a thread.
    mentee = sign_in(new_page, live_server, "mentee-en")
    mentee.click("nav a[href='/spaces/']")
    mentee.wait_for_url("**/spaces/")
    check.check(mentee, "spaces list")
    mentee.click("main a[href^='/spaces/']")
    mentee.wait_for_url("**/spaces/*/")
    check.check(mentee, "mentees space empty")
    mentee.click("main a[href$='/new/']")
    check.check(mentee, "new thread")
    mentee.fill("#id_title", "Favourite animals")
    mentee.fill("#id_body", "I liked the cat in the lighthouse story best.")
    mentee.click("main form button[type=submit]")
    mentee.wait_for_url("**/threads/*/")
    expect(mentee.locator("main")).to_contain_text("With your coordinator")
    check.check(mentee, "own thread waiting")
    thread = Thread.objects.get()
    assert thread.opening.status == PostStatus.IN_REVIEW

    # The coordinator opens the review queue, filters to posts and approves it.
    coordinator = sign_in(new_page, live_server, "coordinator-en")
    coordinator.goto(f"{base}/programs/{program.pk}/review/")
    coordinator.click("nav.subnav a[href$='?kind=posts']")
    coordinator.wait_for_url("**/review/?kind=posts")
    check.check(coordinator, "review queue posts")
    coordinator.click(f"main a[href='/space-posts/{thread.opening_id}/review/']")
    coordinator.wait_for_url(f"**/space-posts/{thread.opening_id}/review/")
    check.check(coordinator, "post review")
    coordinator.click("#approve-button")
    coordinator.wait_for_url("**/review/?kind=posts")
    assert Post.objects.get(pk=thread.opening_id).status == PostStatus.PUBLISHED

    # A second mentee reads it and replies; the reply waits too.
    other = sign_in(new_page, live_server, "mentee-two")
    other.goto(f"{base}/threads/{thread.pk}/")
    expect(other.locator("main h1")).to_contain_text("Favourite animals")
    check.check(other, "thread for another mentee")
    other.fill("#id_body", "The cat was my favourite too!")
    other.click("section[aria-labelledby=reply-heading] button[type=submit]")
    other.wait_for_url(f"**/threads/{thread.pk}/")
    assert Post.objects.filter(thread=thread).exclude(pk=thread.opening_id).get().status == PostStatus.IN_REVIEW

    # A mentor posts in the mentors' space: it appears at once.
    mentor = sign_in(new_page, live_server, "mentor-en")
    mentor.goto(f"{base}/spaces/")
    mentor.click("main a[href^='/spaces/']")
    mentor.click("main a[href$='/new/']")
    mentor.fill("#id_title", "Short replies")
    mentor.fill("#id_body", "I answer in one short paragraph and end with a question.")
    mentor.click("main form button[type=submit]")
    mentor.wait_for_url("**/threads/*/")
    check.check(mentor, "mentor thread")
    mentor_thread = Thread.objects.exclude(pk=thread.pk).get()
    post = mentor_thread.opening
    assert post.status == PostStatus.PUBLISHED

    # Another mentor reports it.
    birch = sign_in(new_page, live_server, "mentor-two")
    birch.goto(f"{base}/threads/{mentor_thread.pk}/")
    birch.click(f"main a[href='/space-posts/{post.pk}/report/']")
    birch.wait_for_url(f"**/space-posts/{post.pk}/report/")
    check.check(birch, "report a post")
    birch.fill("#id_reason", "It is off topic for this space.")
    birch.click("main form button[type=submit]")
    birch.wait_for_url(f"**/threads/{mentor_thread.pk}/")
    assert Report.objects.filter(post=post, closed_at__isnull=True).count() == 1

    # The coordinator sees the report on the dashboard and hides the post with a reason.
    coordinator.goto(f"{base}/programs/{program.pk}/")
    expect(coordinator.locator("section[aria-labelledby=spaces-heading]")).to_contain_text("1")
    coordinator.click(f"main a[href='/programs/{program.pk}/space-reports/']")
    coordinator.wait_for_url(f"**/programs/{program.pk}/space-reports/")
    check.check(coordinator, "reports")
    coordinator.click(f"main a[href='/threads/{mentor_thread.pk}/#post-{post.pk}']")
    coordinator.wait_for_url(f"**/threads/{mentor_thread.pk}/*")
    check.check(coordinator, "thread with coordinator actions")
    coordinator.fill(f"#post-reason-{post.pk}", "Off topic")
    coordinator.click(f"#post-{post.pk} button[name=action][value=hide]")
    coordinator.wait_for_url(f"**/threads/{mentor_thread.pk}/")
    expect(coordinator.locator(f"#post-{post.pk}")).to_contain_text("Hidden from members")
    check.check(coordinator, "post hidden")
    post.refresh_from_db()
    assert post.hidden_at is not None and not Report.objects.filter(closed_at__isnull=True).exists()
    assert ProgramAuditEntry.objects.filter(action=ProgramAuditAction.SPACE_HIDDEN, detail="Off topic").exists()
