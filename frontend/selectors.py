"""Page-shaped reads that combine the domain selectors. Kept thin: rules live in the domain apps."""

from django.db.models import Q

from letters.selectors import list_editable_letters, list_own_letters_for, list_replies_owed
from oversight.selectors import list_memberships_with_pairs
from programs.models import Membership, Pair
from readings.selectors import current_assignments


def home_summary(user) -> dict:
    """Return what the home page shows `user`: per program, each pair's current reading and
    what is owed; the replies they owe; their unsent letters. A constant number of queries.
    """
    entries = list_memberships_with_pairs(user)
    pairs = [item["pair"] for entry in entries for item in entry["pairs"]]
    current = current_assignments(pairs)
    mine = list_own_letters_for(user, {a.pk for a in current.values() if a is not None})
    for entry in entries:
        entry["is_coordinator"] = entry["membership"].role == Membership.Role.COORDINATOR
        for item in entry["pairs"]:
            assignment = current.get(item["pair"].pk)
            item["assignment"] = assignment
            item["my_letter"] = mine.get(assignment.pk) if assignment is not None else None
            item["is_mentee"] = item["pair"].mentee.user_id == user.pk
    # Only a mentor can owe a reply; its query is one of the page's dearest, and most people
    # on this page are mentees. (A mentor's open pairs belong to active memberships: erasure
    # closes a person's pairs before it ends their memberships.)
    mentors = any(entry["membership"].role == Membership.Role.MENTOR for entry in entries)
    return {
        "entries": entries,
        "replies_owed": list_replies_owed(user) if mentors else [],
        "unsent": list(list_editable_letters(user)),
    }


def list_writing_pairs(user, program_id: int) -> list[Pair]:
    """Return the open pairs `user` writes in within a program (for "write about this" buttons)."""
    return list(
        Pair.objects.open().filter(program_id=program_id).filter(Q(mentor__user=user) | Q(mentee__user=user))
    )
