"""The peer spaces in `make bench`: a mentees' space of many posts, its thread list and a long thread.

Seeded in bulk like the letters (bench.seed), then measured through the pages as a mentee
reads them. The mentees' space is the heavier one to read: its held posts must be filtered
out for everyone but their authors.
"""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from bench.harness import Measurement, measure
from bench.seed import BATCH, Seeded
from programs.models import Membership
from spaces.models import Audience, Post, PostStatus, Space, Thread

#: Posts in the seeded space, and replies in its longest thread.
SPACE_POSTS = 5000
LONG_THREAD_REPLIES = 200
#: Posts in each of the other threads (the opening post and its replies).
POSTS_PER_THREAD = 10
#: One post in this many is still waiting for a coordinator (it stays out of other readers' pages).
HELD_EVERY = 25


def seed_space(data: Seeded, *, posts: int = SPACE_POSTS, replies: int = LONG_THREAD_REPLIES) -> dict:
    """Fill the program's mentees' space with `posts` posts; one thread has `replies` replies. Return its ids."""
    now = timezone.now()
    space, _created = Space.objects.get_or_create(program=data.program, audience=Audience.MENTEES)
    authors = list(Membership.objects.filter(program=data.program, role="mentee").order_by("pk")
                   .values_list("pk", flat=True)[:50])
    sizes = [replies + 1]
    while sum(sizes) < posts:
        sizes.append(min(POSTS_PER_THREAD, posts - sum(sizes)))
    threads = Thread.objects.bulk_create(
        [Thread(space=space, author_id=authors[i % len(authors)], last_activity_at=now - timedelta(minutes=i))
         for i in range(len(sizes))], batch_size=BATCH)
    rows, n = [], 0
    for thread, size in zip(threads, sizes, strict=True):
        for k in range(size):
            held = n % HELD_EVERY == HELD_EVERY - 1 and k > 0
            at = now - timedelta(days=30) + timedelta(seconds=n)
            text = f"Thread {thread.pk}\n\nThe first post of this thread." if k == 0 else f"Reply {k}: I agree, good idea."
            rows.append(Post(thread=thread, author_id=authors[(n + k) % len(authors)], body_text=text,
                             status=PostStatus.IN_REVIEW if held else PostStatus.PUBLISHED, submitted_at=at,
                             published_at=None if held else at))
            n += 1
    Post.objects.bulk_create(rows, batch_size=BATCH)
    openings = {}
    for post_id, thread_id in Post.objects.filter(thread__space=space).order_by("pk").values_list("pk", "thread_id"):
        openings.setdefault(thread_id, post_id)
    for thread in threads:
        thread.opening_id = openings[thread.pk]
    Thread.objects.bulk_update(threads, ["opening"], batch_size=BATCH)
    return {"space": space.pk, "long_thread": threads[0].pk, "posts": posts, "replies": replies}


def measure_space_pages(data: Seeded, seeded: dict, *, runs: int, warmup: int, target_ms: float,
                        client) -> list[Measurement]:
    """Measure the space's thread list and its longest thread as a mentee of the program reads them."""
    def check(response) -> None:
        if response.status_code != 200:
            raise AssertionError(f"{response.request['PATH_INFO']} answered {response.status_code}, not 200")

    space_url = reverse("space-detail", args=[seeded["space"]])
    thread_url = reverse("space-thread", args=[seeded["long_thread"]])
    return [
        measure("space thread list", lambda i: client.get(space_url), runs=runs, warmup=warmup,
                target_p95_ms=target_ms, check=check),
        # Named without its size, so runs at different sizes compare (the size is in results["space"]).
        measure("long thread", lambda i: client.get(thread_url), runs=runs, warmup=warmup,
                target_p95_ms=target_ms, check=check),
    ]
