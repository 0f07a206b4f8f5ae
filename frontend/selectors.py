"""Page-shaped reads that combine the domain selectors. Kept thin: rules live in the domain apps."""

from django.db.models import Q

from goals.selectors import home_goals
from letters.selectors import list_editable_letters, list_own_letters_for, list_replies_owed
from oversight.selectors import list_memberships_with_pairs
from programs.models import Membership, Pair
from readings.selectors import current_assignments
from spaces.selectors import list_new_replies
from timeline.selectors import next_for_member
from toolbox.selectors import tip_of_the_moment


def home_summary(user, *, language: str) -> dict:
    """Return what the home page shows `user`: per program, each pair's current reading and
    what is owed; the replies they owe; their unsent letters; and the community parts (the next
    event, the toolbox tip, new replies in their spaces, their goals). A constant number of queries.

    The person's memberships and pairs are read once, here, and handed to each part's own
    selector, which applies its rule to them: each part finding them again cost the page
    more CPU than anything it showed (docs/performance.md). `language` is the active one (the tip's).
    """
    entries = list_memberships_with_pairs(user)
    memberships = [entry["membership"] for entry in entries]
    pairs = [item["pair"] for entry in entries for item in entry["pairs"]]
    current = current_assignments(pairs)
    # Two reads, each on the (author, status) or author index: one statement with an OR of
    # the two made SQLite read every draft and every letter on the reading (docs/performance.md).
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
        "next_event": next_for_member(user, memberships=memberships, pairs=pairs),
        "tip": tip_of_the_moment(user, language=language, pairs=pairs),
        "space_replies": list_new_replies(user, memberships=memberships),
        "goals": home_goals(user, memberships=memberships),
    }


def list_writing_pairs(user, program_id: int) -> list[Pair]:
    """Return the open pairs `user` writes in within a program (for "write about this" buttons)."""
    return list(
        Pair.objects.open().filter(program_id=program_id).filter(Q(mentor__user=user) | Q(mentee__user=user))
    )
