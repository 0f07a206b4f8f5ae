"""The peer's side of the comparison, run as a child process by bench.peer.compare.

    DJANGO_SETTINGS_MODULE=bench.peer.settings python -m bench.peer.worker --pairs N --messages M --body-chars C

It wipes and migrates the peer database, seeds N pairs (2N users) with M messages in all,
alternating sender within each pair's one conversation, then answers requests on standard
input, one JSON object a line: {"job": "bare" | "inbox" | "thread" | "write", "runs": k}. For
each it makes k requests with Django's test client and writes back one JSON line with the
CPU milliseconds of every request and the query count of the last.
"""

import argparse
import json
import os
import sys
import time
from pathlib import Path

BATCH = 5000
PASSWORD = "peer-password"
WRITE_CHARS = 1700


def parse_args(argv=None) -> argparse.Namespace:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pairs", type=int, required=True)
    parser.add_argument("--messages", type=int, required=True)
    parser.add_argument("--body-chars", type=int, required=True)
    parser.add_argument("--thread-messages", type=int, default=20)
    return parser.parse_args(argv)


def fresh_database() -> None:
    """Drop and re-create the peer database, then migrate it. Refuses a name without "bench"."""
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection

    config = settings.DATABASES["default"]
    if "bench" not in Path(str(config["NAME"])).name:
        raise SystemExit(f"Refusing to wipe database {config['NAME']!r}: its name must contain 'bench'.")
    connection.close()
    if connection.vendor == "sqlite":
        path = Path(config["NAME"])
        path.parent.mkdir(parents=True, exist_ok=True)
        for leftover in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
            leftover.unlink(missing_ok=True)
    else:
        from bench.run import recreate_postgres_database

        recreate_postgres_database(config)
    call_command("migrate", verbosity=0, interactive=False)


def body(chars: int, seed: int) -> str:
    """A message body of exactly `chars` characters, different for each `seed`."""
    words = ("the keeper climbed the stairs in the storm and my sister thinks the cat is the hero "
             "what did you do on rainy weekends when you were my age ").split()
    out, i = [], seed
    while sum(len(w) + 1 for w in out) < chars:
        out.append(words[i % len(words)])
        i += 7
    return " ".join(out)[:chars]


def seed(*, pairs: int, messages: int, body_chars: int, thread_messages: int) -> dict:
    """Create the users and conversations; return the ids the jobs drive."""
    from django.contrib.auth.hashers import make_password
    from django.contrib.auth.models import User
    from django.db.models import F
    from django.utils import timezone
    from postman.models import STATUS_ACCEPTED, Message

    password = make_password(PASSWORD)
    users = [User(username=f"{kind}-{i:06d}", password=password) for i in range(pairs) for kind in ("mentor", "mentee")]
    User.objects.bulk_create(users, batch_size=BATCH)
    ids = dict(User.objects.values_list("username", "pk"))
    now = timezone.now()
    per_pair = max(1, messages // pairs)
    # The first pair's conversation is the one the thread job opens: give it exactly thread_messages.
    counts = [thread_messages] + [per_pair] * (pairs - 1)

    def message(i, n, parent_id=None, thread_id=None):
        mentee, mentor = ids[f"mentee-{i:06d}"], ids[f"mentor-{i:06d}"]
        sender, recipient = (mentee, mentor) if n % 2 == 0 else (mentor, mentee)
        return Message(subject=f"About the reading, part {n}", body=body(body_chars, i * 31 + n), sender_id=sender,
                       recipient_id=recipient, parent_id=parent_id, thread_id=thread_id, moderation_status=STATUS_ACCEPTED,
                       sent_at=now, read_at=now)

    Message.objects.bulk_create([message(i, 0) for i in range(pairs)], batch_size=BATCH)
    Message.objects.update(thread_id=F("pk"))
    first = dict(Message.objects.values_list("sender_id", "pk"))
    replies = []
    for i in range(pairs):
        thread = first[ids[f"mentee-{i:06d}"]]
        replies += [message(i, n, parent_id=thread, thread_id=thread) for n in range(1, counts[i])]
        if len(replies) >= BATCH:
            Message.objects.bulk_create(replies)
            replies = []
    Message.objects.bulk_create(replies)
    return {"mentee": ids["mentee-000000"], "mentor": "mentor-000000", "thread": first[ids["mentee-000000"]]}


def jobs(targets: dict):
    """Return {job name: a function of the request number that makes one request and checks it}."""
    from django.contrib.auth.models import User
    from django.test import Client
    from django.urls import reverse

    client = Client()
    client.force_login(User.objects.get(pk=targets["mentee"]))

    def expect(response, status):
        if response.status_code != status:
            raise AssertionError(f"{response.request['PATH_INFO']} answered {response.status_code}, not {status}")

    def write(i):
        response = client.post(reverse("postman:write"), {
            "recipients": targets["mentor"], "subject": f"A new letter {i}", "body": body(WRITE_CHARS, 10_000 + i)})
        expect(response, 302)

    return {
        "bare": lambda i: expect(client.get(reverse("baseline")), 200),
        "inbox": lambda i: expect(client.get(reverse("postman:inbox")), 200),
        "thread": lambda i: expect(client.get(reverse("postman:view_conversation", args=[targets["thread"]])), 200),
        "write": write,
    }


def serve(run_job) -> None:
    """Answer one JSON request a line on stdin until it closes."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for line in sys.stdin:
        request = json.loads(line)
        samples, queries = [], 0
        for i in range(request["runs"]):
            with CaptureQueriesContext(connection) as captured:
                started = time.process_time()
                run_job[request["job"]](request.get("offset", 0) + i)
                samples.append((time.process_time() - started) * 1000)
            queries = len(captured)
        print(json.dumps({"cpu_ms": samples, "queries": queries}), flush=True)


def main(argv=None) -> None:
    args = parse_args(argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.peer.settings")
    import django

    django.setup()
    fresh_database()
    targets = seed(pairs=args.pairs, messages=args.messages, body_chars=args.body_chars,
                   thread_messages=args.thread_messages)
    print(json.dumps({"ready": True}), flush=True)
    serve(jobs(targets))


if __name__ == "__main__":
    main()
