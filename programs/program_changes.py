"""Announce that a program was created, to the apps above that give every program something.

Like programs.pair_changes: the code that creates programs (the demo data in letters, the
admin, the benchmark's seed) may sit below the app that reacts, so it calls
`program_created(program)` and that app registers its listener with `listen` when Django
starts (oversight gives the program its default topics: OversightConfig.ready). Listeners
run at once, inside the caller's transaction.
"""

from collections.abc import Callable

_listeners: list[Callable] = []


def listen(listener: Callable) -> None:
    """Call `listener(program)` on every program_created; registering the same one twice has no effect."""
    if listener not in _listeners:
        _listeners.append(listener)


def program_created(program) -> None:
    """Tell every listener that `program` (a Program) was just created. Precondition: inside its transaction."""
    for listener in _listeners:
        listener(program)
