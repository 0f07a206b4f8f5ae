"""Announce that pairs changed, to the apps above that keep something derived from them.

programs and letters are the lowest layers and may not import the apps built on them.
Yet the coordinators' pair health (oversight.health) must be stored in the same
transaction as any change to a pair or its letters. So the services here and in letters
call `pairs_changed(pairs)`, and oversight registers its refresh with `listen` when
Django starts (OversightConfig.ready). Listeners run at once, inside the caller's
transaction; an error in one rolls the whole change back, as a direct call would.
"""

from collections.abc import Callable, Iterable

_listeners: list[Callable] = []


def listen(listener: Callable) -> None:
    """Call `listener(pairs)` on every pairs_changed; registering the same one twice has no effect."""
    if listener not in _listeners:
        _listeners.append(listener)


def pairs_changed(pairs: Iterable) -> None:
    """Tell every listener that `pairs` (Pair objects) changed. Precondition: inside the change's transaction."""
    pairs = list(pairs)
    for listener in _listeners:
        listener(pairs)
