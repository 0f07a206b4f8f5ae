"""The peer spaces' pages: who may open what (written from the rules, not from the code), the
moderation flow through the shared review queue, and constant query counts."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from programs.models import ProgramAuditAction, ProgramAuditEntry
from spaces import services
from spaces.models import Post, PostStatus, Report, Thread
from tests import factories
from tests.spaces.conftest import mentor_thread, published_mentee_thread

PHONE_TEXT = "Ring me on 555 123 456 after school."


@pytest.fixture
def objects(world):
    """A published mentees' thread with a held reply, a held mentees' thread, a mentors' thread, another program's."""
    published = published_mentee_thread(world)
    held_reply = services.reply_to_thread(world["mentee"], thread=published, body="A secret reply still waiting")
    held = services.start_thread(world["mentee2"], space=world["mentees_space"], title="Waiting thread",
                                 body="Not approved yet")
    mentors = mentor_thread(world)
    other = services.start_thread(world["other_mentor"], space=world["other_mentors_space"], title="Elsewhere",
                                  body="A thread in another program")
    return {"published": published, "held_reply": held_reply, "held": held, "mentors": mentors, "other": other}


def status_of(client, user, url):
    client.logout()
    if user is not None:
        client.force_login(user)
    return client.get(url).status_code


# Each row: a URL and the status each person gets. Expectations follow docs/design.md: a space is only
# its audience's and its coordinators'; nothing held is visible but to its author and coordinators.
PEOPLE = ("mentee", "mentee2", "mentor", "mentor2", "coordinator", "other_coordinator", "other_mentee")


def url_for(world, objects, target):
    kind, key = target
    if kind == "space":
        return f"/spaces/{world[key].pk}/"
    if kind == "new":
        return f"/spaces/{world[key].pk}/new/"
    if kind == "thread":
        return f"/threads/{objects[key].pk}/"
    if kind == "review":
        post = objects[key] if isinstance(objects[key], Post) else objects[key].opening
        return f"/space-posts/{post.pk}/review/"
    if kind == "report":
        post = objects[key] if isinstance(objects[key], Post) else objects[key].opening
        return f"/space-posts/{post.pk}/report/"
    if kind == "reports":
        return f"/programs/{world[key].pk}/space-reports/"
    raise AssertionError(kind)


MATRIX = [
    # target                          mentee mentee2 mentor mentor2 coord other_coord other_mentee
    (("space", "mentees_space"),        (200, 200, 404, 404, 200, 404, 404)),
    (("space", "mentors_space"),        (404, 404, 200, 200, 200, 404, 404)),
    (("space", "other_mentees_space"),  (404, 404, 404, 404, 404, 200, 200)),
    (("new", "mentees_space"),          (200, 200, 404, 404, 302, 404, 404)),
    (("new", "mentors_space"),          (404, 404, 200, 200, 302, 404, 404)),
    (("thread", "published"),           (200, 200, 404, 404, 200, 404, 404)),
    # held: mentee2's own thread, not yet approved
    (("thread", "held"),                (404, 200, 404, 404, 200, 404, 404)),
    (("thread", "mentors"),             (404, 404, 200, 200, 200, 404, 404)),
    (("thread", "other"),               (404, 404, 404, 404, 404, 200, 404)),
    (("review", "held_reply"),          (404, 404, 404, 404, 200, 404, 404)),
    (("review", "other"),               (404, 404, 404, 404, 404, 200, 404)),
    (("report", "mentors"),             (404, 404, 200, 200, 200, 404, 404)),
    (("report", "held_reply"),          (200, 404, 404, 404, 200, 404, 404)),
    (("reports", "program"),            (404, 404, 404, 404, 200, 404, 404)),
    (("reports", "other_program"),      (404, 404, 404, 404, 404, 200, 404)),
]


@pytest.mark.parametrize(("target", "expected"), MATRIX, ids=[f"{t[0]}:{t[1]}" for t, _ in MATRIX])
def test_page_permission_matrix(client, world, objects, target, expected):
    url = url_for(world, objects, target)
    got = tuple(status_of(client, world[person], url) for person in PEOPLE)
    assert got == expected, dict(zip(PEOPLE, got, strict=True))
    assert status_of(client, None, url) == 302  # anonymous: to sign in


def test_a_held_post_is_shown_only_to_its_author_and_coordinators(client, world, objects):
    url = f"/threads/{objects['published'].pk}/"
    for person, sees in [("mentee", True), ("coordinator", True), ("mentee2", False)]:
        client.force_login(world[person])
        assert ("A secret reply still waiting" in client.get(url).content.decode()) is sees, person


def test_a_member_who_left_reads_nothing_until_they_rejoin(client, world, objects):
    client.force_login(world["mentee2"])
    assert client.post(f"/spaces/{world['mentees_space'].pk}/membership/", {"action": "leave"}).status_code == 302
    page = client.get(f"/spaces/{world['mentees_space'].pk}/").content.decode()
    assert "Join the space again" in page and "Books we like" not in page
    assert client.get(f"/threads/{objects['published'].pk}/").status_code == 404
    client.post(f"/spaces/{world['mentees_space'].pk}/membership/", {"action": "rejoin"})
    assert client.get(f"/threads/{objects['published'].pk}/").status_code == 200


def test_a_mentee_sees_pseudonyms_never_real_names(client, world, objects):
    for user in (world["mentee"], world["mentee2"]):
        user.first_name, user.last_name = "Realfirst", "Reallast"
        user.save()
    client.force_login(world["mentee2"])
    page = client.get(f"/threads/{objects['published'].pk}/").content.decode()
    assert objects["published"].author.pseudonym in page
    assert "Realfirst" not in page and "Reallast" not in page and world["mentee"].username not in page


def test_a_link_is_refused_on_the_page_and_the_text_is_kept(client, world):
    client.force_login(world["mentee"])
    response = client.post(f"/spaces/{world['mentees_space'].pk}/new/",
                           {"title": "Fun", "body": "Play at www.example.com/game with me"})
    page = response.content.decode()
    assert response.status_code == 200 and "Links are not allowed" in page and "www.example.com/game" in page
    assert not Thread.objects.exists()


def test_the_review_queue_filters_by_kind_and_a_post_is_decided_there(client, world, objects):
    client.force_login(world["coordinator"])
    letters = client.get(f"/programs/{world['program'].pk}/review/").content.decode()
    assert "Posts in the peer spaces" in letters
    posts = client.get(f"/programs/{world['program'].pk}/review/?kind=posts").content.decode()
    held = objects["held"].opening
    assert f"/space-posts/{held.pk}/review/" in posts
    assert client.get(f"/space-posts/{held.pk}/review/").status_code == 200
    response = client.post(f"/space-posts/{held.pk}/review/", {"action": "changes", "changes_note": "Say more"})
    assert response.status_code == 302
    held.refresh_from_db()
    assert held.status == PostStatus.CHANGES_REQUESTED
    client.force_login(world["mentee2"])
    assert "Say more" in client.get(f"/threads/{objects['held'].pk}/").content.decode()


def test_a_report_and_a_hide_with_a_reason_from_the_pages(client, world, objects):
    post = objects["mentors"].opening
    client.force_login(world["mentor2"])
    assert client.post(f"/space-posts/{post.pk}/report/", {"reason": "Names a school"}).status_code == 302
    client.force_login(world["coordinator"])
    assert "Names a school" in client.get(f"/programs/{world['program'].pk}/space-reports/").content.decode()
    client.post(f"/space-posts/{post.pk}/moderate/", {"action": "hide", "reason": ""})
    post.refresh_from_db()
    assert post.hidden_at is None  # no reason, nothing done
    client.post(f"/space-posts/{post.pk}/moderate/", {"action": "hide", "reason": "Names a school"})
    post.refresh_from_db()
    assert post.hidden_at is not None
    assert ProgramAuditEntry.objects.filter(action=ProgramAuditAction.SPACE_HIDDEN, detail="Names a school").exists()
    assert not Report.objects.filter(closed_at__isnull=True).exists()
    client.force_login(world["mentor2"])
    assert client.get(f"/threads/{objects['mentors'].pk}/").status_code == 404  # its only post is hidden


def _queries(client, user, url) -> int:
    client.force_login(user)
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context)


def test_the_thread_list_costs_the_same_whatever_the_number_of_threads(client, world):
    space = world["mentors_space"]
    for n in range(3):
        mentor_thread(world, title=f"Thread {n}")
    small = {user: _queries(client, world[user], f"/spaces/{space.pk}/") for user in ("mentor2", "coordinator")}
    for n in range(25):
        thread = mentor_thread(world, title=f"More {n}")
        services.reply_to_thread(world["mentor2"], thread=thread, body="A reply")
    assert {user: _queries(client, world[user], f"/spaces/{space.pk}/") for user in small} == small


def test_a_thread_of_200_replies_costs_the_same_as_one_of_5(client, world):
    thread = mentor_thread(world)
    writers = [world["mentor2"]] + [factories.make_member(world["program"], "mentor", world["coordinator"]).user
                                    for _ in range(3)]
    for n in range(5):
        services.reply_to_thread(writers[n % 4], thread=thread, body=f"Reply number {n}")
    small = {user: _queries(client, world[user], f"/threads/{thread.pk}/") for user in ("mentor", "coordinator")}
    for n in range(195):
        services.reply_to_thread(writers[n % 4], thread=thread, body=f"Another reply {n}")
    assert Post.objects.filter(thread=thread).count() == 201
    assert {user: _queries(client, world[user], f"/threads/{thread.pk}/") for user in small} == small
