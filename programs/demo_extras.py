"""Let apps above `letters` add their part to the demo program without `load_demo` importing them.

`load_demo` lives in letters (it writes letters), below the community apps (goals and the
others of that level), which may not be imported from there. Each such app registers a
seeder with `register` when Django starts (its AppConfig.ready); `load_demo` calls
`seed_extras(program)` once, after the demo's letters exist.
"""

from collections.abc import Callable

_seeders: list[Callable] = []


def register(seeder: Callable) -> None:
    """Call `seeder(program)` when the demo is loaded; registering the same one twice has no effect."""
    if seeder not in _seeders:
        _seeders.append(seeder)


def seed_extras(program) -> None:
    """Run every registered seeder on the freshly loaded demo `program`, in registration order."""
    for seeder in _seeders:
        seeder(program)
