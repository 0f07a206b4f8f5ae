"""Reads of goals and stamps, each for one page or endpoint, in a fixed number of queries.

Selectors assume an authorised caller (docs/design.md, "Permissions"): each docstring says
who checked the caller. What a person sees of someone else's goals is decided here by the
sharing choices: a mentor sees the goals shared with them that no safeguarding hold keeps
back; coordinators see counts, plus the words of goals shared with them or held for
safeguarding; nobody else sees any.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q, QuerySet

from goals.models import Goal, GoalStep, Passport, Stamp
from goals.stamps import CATALOGUE
from letters.models import Letter
from programs.compiled import CompiledRead
from programs.models import Membership, Pair, Program


def _with_steps(goals):
    return goals.prefetch_related(Prefetch("steps", queryset=GoalStep.objects.order_by("created_at", "pk")))


def list_own_goals(membership: Membership) -> list[Goal]:
    """Return the mentee's kept goals with their steps (2 queries). Caller: goals.access (own membership)."""
    return list(_with_steps(Goal.objects.kept().filter(membership=membership)).order_by("created_at", "pk"))


def goals_beside_letter(letter: Letter) -> list[Goal]:
    """Return the goals the letter's mentor may see while writing `letter`: the pair's mentee's shared goals.

    Empty unless the letter's author is the pair's mentor. Caller: the letter editor, which
    fetched `letter` as its author (letters.access and the author check).
    """
    if letter.author_id != letter.pair.mentor_id:
        return []
    return list(_with_steps(Goal.objects.shown_to_mentor().filter(membership_id=letter.pair.mentee_id)))


def goals_shown_to_mentor(pair: Pair) -> list[Goal]:
    """Return the goals `pair`'s mentee shares with its mentor. Caller: checked the viewer is the pair's mentor."""
    return list(_with_steps(Goal.objects.shown_to_mentor().filter(membership_id=pair.mentee_id)))


#: Per mentee: goals set, their steps, and the steps done (names that do not hide the relations).
_COUNTS = {
    "goals": Count("pk", distinct=True),
    "steps_set": Count("steps", distinct=True),
    "steps_done": Count("steps", filter=Q(steps__done_at__isnull=False), distinct=True),
}


@dataclass
class MenteeGoalCounts:
    pair: Pair
    goals: int
    steps_set: int
    steps_done: int


def program_goal_counts(program: Program) -> list[MenteeGoalCounts]:
    """Return, for each open pair of `program`, how many goals its mentee set and steps they did (2 queries).

    Counts only, never words. Caller: checked the viewer coordinates `program`.
    """
    pairs = list(Pair.objects.open().filter(program=program).select_related("mentor", "mentee")
                 .order_by("mentee__pseudonym", "pk"))
    mentee_ids = {pair.mentee_id for pair in pairs}
    counts = {
        row["membership_id"]: row
        for row in Goal.objects.kept().filter(membership_id__in=mentee_ids).order_by().values("membership_id").annotate(**_COUNTS)
    }
    empty = dict.fromkeys(_COUNTS, 0)
    return [
        MenteeGoalCounts(pair=pair, **{key: counts.get(pair.mentee_id, empty)[key] for key in empty})
        for pair in pairs
    ]


def goals_coordinators_may_read(program: Program) -> list[Goal]:
    """Return the goals of `program` whose words its coordinators may read: shared with them, or held for safeguarding.

    Caller: checked the viewer coordinates `program`.
    """
    return list(
        _with_steps(Goal.objects.filter(membership__program=program)
                    .filter(Q(shared_with_coordinators=True, withdrawn_at__isnull=True) | Q(safeguarding_hold=True))
                    .select_related("membership")).order_by("-safeguarding_hold", "membership__pseudonym", "pk")
    )


# ---------------------------------------------------------------------------- stamps


@dataclass
class ShownStamp:
    stamp: Stamp

    @property
    def info(self):
        return CATALOGUE[self.stamp.kind]


def own_stamps(mentee_memberships) -> QuerySet[Stamp]:
    """Return the stamps of the given mentee memberships, newest first, leaving out programs with stamps off.

    Precondition: `mentee_memberships` are the caller's own (goals.access.own_mentee_memberships).
    """
    return (Stamp.objects.filter(membership__in=mentee_memberships, membership__program__rewards_enabled=True)
            .select_related("membership").order_by("-earned_at", "-pk"))


def list_stamps(membership: Membership) -> list[ShownStamp]:
    """Return the stamps of a mentee's passport, newest first (one query); none when the program has rewards off.

    Caller: the passport's owner (goals.access) or a partner allowed by passports_shown_to.
    """
    if not membership.program.rewards_enabled:
        return []
    return [ShownStamp(stamp) for stamp in Stamp.objects.filter(membership=membership).order_by("-earned_at", "-pk")]


def passport_is_shared(membership: Membership) -> bool:
    """Return True if the mentee chose to show their stamps to their partner."""
    return Passport.objects.filter(membership=membership, shown_to_partner=True).exists()


def passports_shown_to(user) -> list[tuple[Membership, list[ShownStamp]]]:
    """Return (mentee, their stamps) for each mentee who shows `user` (their mentor) their passport (2 queries).

    Only pairs `user` mentors in programs with rewards on. Caller: any signed-in user: the
    rows are those of their own pairs.
    """
    mentored = Pair.objects.open().filter(mentor__user=user, mentor__status=Membership.Status.ACTIVE)
    mentees = list(
        Membership.objects.filter(pairs_as_mentee__in=mentored, passport__shown_to_partner=True,
                                  program__rewards_enabled=True)
        .select_related("program").distinct().order_by("pseudonym")
    )
    stamps: dict[int, list[ShownStamp]] = {mentee.pk: [] for mentee in mentees}
    for stamp in Stamp.objects.filter(membership__in=mentees).order_by("-earned_at", "-pk"):
        stamps[stamp.membership_id].append(ShownStamp(stamp))
    return [(mentee, stamps[mentee.pk]) for mentee in mentees]


@dataclass
class HomeGoals:
    membership: Membership
    goals: int
    steps_set: int
    steps_done: int
    newest_stamp: ShownStamp | None


@dataclass
class HomeSummary:
    """The home page's part about goals: a row per mentee membership, and whether a mentee shows `user` their stamps."""

    rows: list[HomeGoals]
    passport_shown: bool


def _goal_counts_of(mentee_ids):
    return Goal.objects.kept().filter(membership_id__in=mentee_ids).order_by().values("membership_id").annotate(**_COUNTS)


def _newest_stamp_of(membership_id):
    return (Stamp.objects.filter(membership_id=membership_id).order_by("-earned_at", "-pk")
            .values_list("pk", "kind", "earned_at")[:1])


#: The home page asks both on every view: their statements are built once (programs.compiled).
_goal_counts_read = CompiledRead(_goal_counts_of)
_newest_stamp_read = CompiledRead(_newest_stamp_of)


def _goal_counts(mentee_ids) -> dict[int, dict]:
    """Return {membership id: _COUNTS} for the given mentee memberships (one query; none without ids)."""
    if not mentee_ids:
        return {}
    keys = ("membership_id", *_COUNTS)
    return {row[0]: dict(zip(keys, row, strict=True)) for row in _goal_counts_read.rows(list(mentee_ids))}


def _newest_stamp(membership: Membership) -> ShownStamp | None:
    """Return the mentee's newest stamp (one query on the (membership, -earned_at) index), None when
    they have none or their program has stamps off (then without a query)."""
    if not membership.program.rewards_enabled:
        return None
    rows = _newest_stamp_read.rows(membership.pk)
    if not rows:
        return None
    pk, kind, earned_at = rows[0]
    return ShownStamp(Stamp(pk=pk, membership=membership, kind=kind, earned_at=earned_at))


def home_goals(user, *, memberships=None) -> HomeSummary:
    """Return the goals progress and newest stamp of each of `user`'s mentee memberships, and whether a
    mentee of theirs shows them their passport.

    `memberships`: `user`'s active memberships with their programs, when the caller loaded them
    (the home page). Plain queries on indexed columns, which cost far less to build than one
    statement with six correlated subqueries: the counts (when `user` is a mentee), the
    newest stamp per mentee membership in a program with stamps on, and whether a mentee
    shows their stamps (when `user` is a mentor); one more without `memberships`.
    Caller: the home page, for the signed-in user's own memberships.
    """
    if not user.is_authenticated:
        return HomeSummary(rows=[], passport_shown=False)
    if memberships is None:
        memberships = list(Membership.objects.active().filter(user=user).select_related("program"))
    members = sorted(
        (m for m in memberships if m.status == Membership.Status.ACTIVE
         and m.role in (Membership.Role.MENTEE, Membership.Role.MENTOR)),
        key=lambda m: (m.program.name, m.pk),
    )
    mentees = [m for m in members if m.role == Membership.Role.MENTEE]
    mentor_ids = [m.pk for m in members if m.role == Membership.Role.MENTOR]
    counts = _goal_counts([m.pk for m in mentees])
    empty = dict.fromkeys(_COUNTS, 0)
    rows = [
        HomeGoals(membership=m, goals=counts.get(m.pk, empty)["goals"], steps_set=counts.get(m.pk, empty)["steps_set"],
                  steps_done=counts.get(m.pk, empty)["steps_done"], newest_stamp=_newest_stamp(m))
        for m in mentees
    ]
    shown = bool(mentor_ids) and Pair.objects.open().filter(
        mentor_id__in=mentor_ids, mentee__passport__shown_to_partner=True, program__rewards_enabled=True
    ).exists()
    return HomeSummary(rows=rows, passport_shown=shown)
