"""Seed one large program with bulk inserts, for the benchmark.

The rows are written with bulk_create, bypassing the services on purpose: the services
are what the benchmark measures, and going through them for 200,000 letters would take
longer than the benchmark itself. The shapes (statuses, timestamps, events, findings)
follow the lifecycle rules so that every page sees realistic data.
"""

import random
from dataclasses import dataclass
from datetime import date, timedelta

from django.contrib.auth.hashers import make_password
from django.utils import timezone

from letters.models import Finding, Letter, LetterEvent, LetterStatus
from oversight.models import LetterTopic, Topic
from programs.program_changes import program_created
from programs.models import AgeBand, Membership, Pair, PairEvent, Program, User
from readings.models import Assignment, Reading

BENCH_PASSWORD = "bench-password"
BATCH = 5000

#: Share of letters in each state, roughly what a program looks like mid-term.
STATE_MIX = [
    (LetterStatus.READ, 0.55),
    (LetterStatus.DELIVERED, 0.15),
    (LetterStatus.IN_REVIEW, 0.08),
    (LetterStatus.DRAFT, 0.10),
    (LetterStatus.CHANGES_REQUESTED, 0.07),
    (LetterStatus.WITHHELD, 0.05),
]

LETTER_TEXT = (
    "I finished the chapter about the lighthouse yesterday. I liked how the cat noticed the boat before "
    "anyone else did, and I wonder whether animals really can sense storms. What did you think of the ending? "
)


@dataclass
class Seeded:
    program: Program
    coordinator: User
    mentee_user: User
    mentor_user: User
    pair: Pair
    sizes: dict


#: Letters in the pair whose booklet is measured (all delivered or read).
BOOKLET_LETTERS = 40


def _users(prefix: str, count: int, password_hash: str) -> list[User]:
    # Everyone has an address, as in a real program, so the sweep's e-mail path is what gets measured.
    users = [User(username=f"{prefix}{i:06d}", email=f"{prefix}{i:06d}@example.invalid", password=password_hash)
             for i in range(count)]
    User.objects.bulk_create(users, batch_size=BATCH)
    return list(User.objects.filter(username__startswith=prefix).order_by("username"))


def seed(*, pairs: int, assignments: int, letters: int, waiting: int = 500, slug: str = "bench",
         seed_value: int = 7) -> Seeded:
    """Create one program with `pairs` pairs, `assignments` assignments and `letters` letters.

    At most `waiting` letters are in review (a coordinator's queue; the rest of that share is
    delivered), and the program's second pair gets BOOKLET_LETTERS more delivered letters
    for the booklet. `slug` names the program and prefixes its user names, so several
    programs can be seeded into one database. Precondition: a migrated database without
    a program of that slug. Returns the objects the benchmark drives.
    """
    rng = random.Random(seed_value)
    now = timezone.now()
    password_hash = make_password(BENCH_PASSWORD)
    program = Program.objects.create(
        name=f"Benchmark program {slug}", slug=slug, starts_on=date.today() - timedelta(days=200),
        ends_on=date.today() + timedelta(days=100), max_letter_chars=6000, min_letter_chars=20,
    )
    coordinator = User.objects.create(username=f"{slug}-coordinator", email=f"{slug}-coordinator@example.invalid",
                                      password=password_hash)
    Membership.objects.create(user=coordinator, program=program, role="coordinator", pseudonym="Coordinator")

    mentors = _users(f"{slug}-mentor-", pairs, password_hash)
    mentees = _users(f"{slug}-mentee-", pairs, password_hash)
    Membership.objects.bulk_create(
        [Membership(user=u, program=program, role="mentor", pseudonym=f"Mentor {i}") for i, u in enumerate(mentors)]
        + [Membership(user=u, program=program, role="mentee", pseudonym=f"Mentee {i}") for i, u in enumerate(mentees)],
        batch_size=BATCH,
    )
    by_user = dict(Membership.objects.filter(program=program).values_list("user_id", "pk"))
    Pair.objects.bulk_create(
        [Pair(program=program, mentor_id=by_user[m.pk], mentee_id=by_user[e.pk], started_at=now - timedelta(days=190))
         for m, e in zip(mentors, mentees, strict=True)],
        batch_size=BATCH,
    )
    pair_rows = list(Pair.objects.filter(program=program).values_list("pk", "mentor_id", "mentee_id").order_by("pk"))
    PairEvent.objects.bulk_create(
        [PairEvent(pair_id=pk, to_status="active") for pk, _m, _e in pair_rows], batch_size=BATCH
    )

    reading = Reading.objects.create(program=program, title="The benchmark reading", body="<p>" + LETTER_TEXT * 20 + "</p>")
    spacing = timedelta(days=10)
    first_due = now - spacing * (assignments - 2)
    Assignment.objects.bulk_create([
        Assignment(program=program, reading=reading, prompt="Write about it.", opens_at=first_due + spacing * i - spacing,
                   due_at=first_due + spacing * i)
        for i in range(assignments)
    ])
    assignment_ids = list(Assignment.objects.filter(program=program).order_by("due_at").values_list("pk", flat=True))
    _seed_letters(rng, program, pair_rows, assignment_ids, letters, coordinator, now, waiting=waiting,
                  booklet_pair=pair_rows[min(1, len(pair_rows) - 1)])
    _seed_statistics(rng, program)
    mentor_user, mentee_user = mentors[0], mentees[0]
    return Seeded(
        program=program, coordinator=coordinator, mentee_user=mentee_user, mentor_user=mentor_user,
        pair=Pair.objects.get(mentor__user=mentor_user),
        sizes={"pairs": pairs, "assignments": assignments, "letters": letters, "waiting": waiting},
    )


def refresh_planner_statistics() -> None:
    """On PostgreSQL, ANALYZE the freshly seeded database, as autovacuum does for a live one.

    Right after bulk inserts PostgreSQL has no statistics yet and plans as if the tables
    were nearly empty: the home page's pair query then scanned every letter (27 ms instead
    of 1 ms at 2,000 pairs), which a running installation never sees. SQLite gathers no
    statistics by itself, in production either, so it is left as it is.
    """
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def booklet_pair(program: Program) -> Pair:
    """Return the pair that seed() gave BOOKLET_LETTERS extra delivered letters."""
    pairs = Pair.objects.filter(program=program).select_related("program", "mentor", "mentee").order_by("pk")
    return pairs[1] if pairs.count() > 1 else pairs[0]


def _pick_state(rng: random.Random) -> str:
    roll, total = rng.random(), 0.0
    for state, share in STATE_MIX:
        total += share
        if roll < total:
            return state
    return STATE_MIX[0][0]


def _letter_plan(pair_rows, per_pair: int, count: int, booklet_pair):
    """Yield (pair row, n, forced state or None): `per_pair` letters a pair, then the booklet's."""
    made = 0
    for row in pair_rows:
        if row == booklet_pair:
            continue  # its letters come below, so that it has exactly BOOKLET_LETTERS
        for n in range(per_pair):
            if made >= count:
                break
            made += 1
            yield row, n, None
    for n in range(BOOKLET_LETTERS):
        yield booklet_pair, n, LetterStatus.READ


def _seed_letters(rng, program, pair_rows, assignment_ids, count, coordinator, now, *, waiting, booklet_pair) -> None:
    """Spread `count` letters over the pairs, alternating authors, with events and findings.

    No more than `waiting` of them end up in review; the booklet pair gets BOOKLET_LETTERS
    read letters on top.
    """
    per_pair = max(1, count // len(pair_rows))
    rows = []
    in_review = 0
    for (pk, mentor_id, mentee_id), n, forced in _letter_plan(pair_rows, per_pair, count, booklet_pair):
        state = forced or _pick_state(rng)
        if state == LetterStatus.IN_REVIEW:
            in_review += 1
            if in_review > waiting:
                state = LetterStatus.DELIVERED
        by_mentee = n % 2 == 0
        submitted = None if state == LetterStatus.DRAFT else now - timedelta(days=rng.randint(1, 180))
        delivered = submitted + timedelta(hours=rng.randint(1, 48)) if state in ("delivered", "read") else None
        rows.append(Letter(
            pair_id=pk, author_id=mentee_id if by_mentee else mentor_id,
            assignment_id=assignment_ids[n % len(assignment_ids)] if by_mentee else None,
            body_html=f"<p>{LETTER_TEXT}</p>", body_text=LETTER_TEXT, status=state,
            submitted_at=submitted, delivered_at=delivered,
            read_at=delivered + timedelta(hours=5) if state == LetterStatus.READ else None,
        ))
    for start in range(0, len(rows), BATCH):
        Letter.objects.bulk_create(rows[start:start + BATCH])
    events, findings = [], []
    for letter_id, status in Letter.objects.filter(pair__program=program).exclude(status=LetterStatus.DRAFT).values_list("pk", "status").iterator():
        events.append(LetterEvent(letter_id=letter_id, from_status="draft", to_status="in_review"))
        if status != LetterStatus.IN_REVIEW:
            to = LetterStatus.DELIVERED if status == LetterStatus.READ else status
            events.append(LetterEvent(letter_id=letter_id, actor_id=coordinator.pk, from_status="in_review", to_status=to))
        if letter_id % 11 == 0:
            findings.append(Finding(letter_id=letter_id, kind="contact.phone", severity="hold", start=5, end=15,
                                    excerpt="the chapter"))
        if len(events) >= BATCH:
            LetterEvent.objects.bulk_create(events)
            events = []
    LetterEvent.objects.bulk_create(events)
    Finding.objects.bulk_create(findings, batch_size=BATCH)


#: Where the benchmark's mentees live (with "" for those whose region nobody entered).
REGIONS = ["Aarhus", "Odense", "Aalborg", "Bergen", "Trondheim", "Tromsø", "Lyon", "Lille", "Nantes", "York", ""]


def _seed_statistics(rng, program: Program) -> None:
    """Give the program its default topics, every mentee a region and an age band (some unknown),
    and tag about two thirds of the sent letters with one or two topics, for the statistics page."""
    program_created(program)  # oversight gives it the default topics
    topic_ids = list(Topic.objects.filter(program=program).values_list("pk", flat=True))
    bands = [*AgeBand.values, ""]
    mentees = list(Membership.objects.filter(program=program, role="mentee"))
    for mentee in mentees:
        mentee.region, mentee.age_band = rng.choice(REGIONS), rng.choice(bands)
    Membership.objects.bulk_update(mentees, ["region", "age_band"], batch_size=BATCH)
    tags = []
    sent = Letter.objects.filter(pair__program=program).exclude(status=LetterStatus.DRAFT).values_list("pk", "pair_id")
    for letter_id, pair_id in sent.iterator():
        if rng.random() < 2 / 3:
            tags.extend(LetterTopic(letter_id=letter_id, topic_id=topic_id, pair_id=pair_id)
                        for topic_id in rng.sample(topic_ids, rng.choice((1, 1, 2))))
        if len(tags) >= BATCH:
            LetterTopic.objects.bulk_create(tags)
            tags = []
    LetterTopic.objects.bulk_create(tags)
