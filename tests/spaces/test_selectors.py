"""The list selectors write the visibility rule out for one space or thread (for speed); they must agree
with Post/Thread.objects.visible_to, the rule the access helpers use, for every reader and every state."""

from spaces import selectors, services
from spaces.models import Post, Space, Thread
from spaces.permissions import may_moderate, may_read
from tests.spaces.conftest import mentor_thread, published_mentee_thread

READERS = ("mentee", "mentee2", "mentor", "mentor2", "coordinator", "other_coordinator", "other_mentee")


def every_state(world):
    """Threads and posts in every state: published, held, returned, withheld, hidden, deleted, locked."""
    c = world["coordinator"]
    published = published_mentee_thread(world)
    services.reply_to_thread(world["mentee2"], thread=published, body="Held reply by the second mentee")
    returned = services.reply_to_thread(world["mentee2"], thread=published, body="A reply to return")
    services.return_post(c, post=returned, note="Change it")
    withheld = services.reply_to_thread(world["mentee"], thread=published, body="A reply to withhold")
    services.withhold_post(c, post=withheld, reason="No")
    services.start_thread(world["mentee2"], space=world["mentees_space"], title="Held", body="Waiting thread")
    hidden = mentor_thread(world, title="Hidden one")
    services.set_thread_hidden(c, thread=hidden, hidden=True, reason="Off topic")
    gone = mentor_thread(world, title="Deleted one")
    services.delete_thread(c, thread=gone, reason="Spam")
    kept = mentor_thread(world, title="Kept")
    hidden_post = services.reply_to_thread(world["mentor2"], thread=kept, body="Hidden reply")
    services.set_post_hidden(c, post=hidden_post, hidden=True, reason="Rude")
    deleted_post = services.reply_to_thread(world["mentor2"], thread=kept, body="Deleted reply")
    services.delete_post(c, post=deleted_post, reason="Spam")
    # Under a safeguarding hold (its author was erased): an opening post and a reply, for coordinators only.
    held_thread = mentor_thread(world, title="Held by safeguarding")
    held_reply = services.reply_to_thread(world["mentor"], thread=kept, body="A reply under the hold")
    Post.objects.filter(pk__in=[held_thread.opening_id, held_reply.pk]).update(
        safeguarding_hold_until="2099-01-01T00:00:00Z")
    services.leave_space(world["mentor2"], space=world["mentors_space"])


def test_list_selectors_agree_with_visible_to(world):
    every_state(world)
    checked = 0
    for name in READERS:
        user = world[name]
        for space in Space.objects.all():
            if not may_read(user, space):
                continue
            moderator = may_moderate(user, space)
            listed = {t.pk for t in selectors.list_threads(user, space, coordinates=moderator)}
            assert listed == set(Thread.objects.visible_to(user).filter(space=space).values_list("pk", flat=True)), name
            for thread in Thread.objects.visible_to(user).filter(space=space):
                posts = {p.pk for p in selectors.list_posts(user, thread, coordinates=moderator)}
                assert posts == set(Post.objects.visible_to(user).filter(thread=thread).values_list("pk", flat=True))
                checked += 1
    assert checked >= 8


def test_the_home_pages_new_replies_are_others_published_recent_ones_in_the_same_order_both_ways(world):
    """list_new_replies reads a person's threads by their memberships on the home page (a statement
    built once) and by their user elsewhere: the two give the same posts, and only the replies
    others published in the last two weeks, newest first, at most NEW_REPLIES_SHOWN."""
    from datetime import timedelta

    from django.utils import timezone

    from oversight.selectors import list_memberships_with_pairs

    c = world["coordinator"]
    thread = published_mentee_thread(world)
    replies = []
    for n in range(8):
        reply = services.reply_to_thread(world["mentee2"], thread=thread, body=f"Reply number {n} from the second mentee")
        services.approve_post(c, post=reply)
        replies.append(reply)
    services.reply_to_thread(world["mentee2"], thread=thread, body="A reply still held")
    own = services.reply_to_thread(world["mentee"], thread=thread, body="My own answer")
    services.approve_post(c, post=own)
    Post.objects.filter(pk=replies[0].pk).update(published_at=timezone.now() - timedelta(days=15))
    services.delete_post(c, post=replies[7], reason="Not kind")

    mentee = world["mentee"]
    memberships = [entry["membership"] for entry in list_memberships_with_pairs(mentee)]
    by_membership = [post.pk for post in selectors.list_new_replies(mentee, memberships=memberships)]
    by_user = [post.pk for post in selectors.list_new_replies(mentee)]
    # Six qualify (the first is too old, the last deleted); the newest five are shown.
    assert by_membership == by_user == [r.pk for r in reversed(replies[2:7])]
    assert [post.author.pseudonym for post in selectors.list_new_replies(mentee, memberships=memberships)][0] \
        == replies[6].author.pseudonym
    assert selectors.list_new_replies(world["mentee2"], memberships=[]) == []
