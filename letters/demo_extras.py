"""Demo data of the apps above letters, which load_demo (in this app) may not import.

An app in a higher layer registers a seeding function with `register` when Django starts
(its AppConfig.ready), the way oversight listens to programs.pair_changes; load_demo calls
`seed_all(program)` once, in its transaction, after the demo program and its people exist.
"""

from collections.abc import Callable

_seeders: list[Callable] = []


def register(seeder: Callable) -> None:
    """Have load_demo call `seeder(program)` for a new demo program; registering twice has no effect."""
    if seeder not in _seeders:
        _seeders.append(seeder)


def seed_all(program) -> None:
    """Run every registered seeder on the demo `program`. Precondition: inside load_demo's transaction."""
    for seeder in _seeders:
        seeder(program)
