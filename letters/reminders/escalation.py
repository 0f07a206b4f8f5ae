"""What waits with an urgent finding, whatever it is, and whether a coordinator has opened it.

One rule escalates every urgent safeguarding concern: when screening found one in a letter
or a post, every coordinator of the program is alerted at once, and when no coordinator
has opened the item (or acted on it) within planning.ESCALATE_AFTER of its submission,
the installation's operators get an `urgent_escalation` (planning._escalation_reminders).

The sweep reads letters itself. Posts live in the peer spaces, above letters, which may
not import them; so the spaces register an `UrgentSource` here when Django starts
(SpacesConfig.ready) and the sweep asks every registered source, never importing it.

Every source answers the same two questions, so "opened" means the same for a letter
and a post: which items wait for a coordinator with an urgent finding (still in review),
and which of them has a line in its review log (opened on its review page, claimed,
decided) written at or after its submission. A letter or post sent again is a new
submission: an opening of the earlier version does not count.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime


@dataclass(frozen=True)
class UrgentItem:
    """Something with an urgent finding that waits for a coordinator, as the escalation rule needs it.

    `object_key` names it ("letter:12", "post:4") and becomes the reminder's key; `since`
    is its submission, from which the hour runs; `details` go into the reminder and are
    what its e-mail may say (pseudonyms at most, never a word of the text).
    """

    object_key: str
    program_id: int
    since: datetime
    pair_id: int | None = None
    letter_id: int | None = None
    details: dict = field(default_factory=dict, compare=False, hash=False)

    @property
    def prefix(self) -> str:
        return self.object_key.split(":", 1)[0]

    @property
    def object_id(self) -> int:
        return int(self.object_key.split(":", 1)[1])


@dataclass(frozen=True)
class UrgentSource:
    """How the sweep finds one app's urgent items and which of them a coordinator opened.

    - `waiting(cutoff)`: the items of this source with an urgent finding that still wait
      for a coordinator and were submitted at or before `cutoff` (so they are due to
      escalate unless opened). A fixed number of queries.
    - `opened({id: since})`: which of those ids have a review-log line at or after their
      `since`. One query.
    """

    prefix: str
    waiting: Callable[[datetime], list[UrgentItem]]
    opened: Callable[[Mapping[int, datetime]], set[int]]


_sources: dict[str, UrgentSource] = {}


def register(source: UrgentSource) -> None:
    """Make the sweep escalate `source`'s urgent items; registering a prefix again replaces it."""
    _sources[source.prefix] = source


def sources() -> list[UrgentSource]:
    """Return the registered sources, in the order they were registered."""
    return list(_sources.values())


def opened_since(last_seen: Mapping[int, datetime], waiting: Mapping[int, datetime]) -> set[int]:
    """Return the ids of `waiting` ({id: submitted}) whose latest review-log line (`last_seen`) is not older.

    The one meaning of "opened" for every source: any line (opened, claimed, released,
    decided) written at or after the item's submission.
    """
    return {pk for pk, since in waiting.items() if pk in last_seen and last_seen[pk] >= since}
