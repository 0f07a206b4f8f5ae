"""The program menu: the one list of a program's coordinator pages, shown on each of them.

Every coordinator page of a program includes `frontend/includes/program_menu.html` (through
the `{% program_menu program %}` tag), which renders what `program_menu()` returns. A new
page adds ONE entry to PROGRAM_MENU below and nothing else.
"""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class MenuEntry:
    """One link of the program menu.

    `url_name` takes the program's id as its only argument, unless `by_query` is set: then
    the page is not per program, and the program's id travels as `?program=<id>`.
    `also_current` names the other pages (URL names) under which this entry is marked as
    the current one, e.g. the settings' sub-pages.
    """

    url_name: str
    label: str
    by_query: bool = False
    also_current: tuple[str, ...] = ()

    def url(self, program_id: int) -> str:
        if self.by_query:
            return f"{reverse(self.url_name)}?program={program_id}"
        return reverse(self.url_name, args=[program_id])


#: The program's pages in menu order. Pages that other parts of Brevven add append one line.
PROGRAM_MENU: list[MenuEntry] = [
    MenuEntry("coordinator-dashboard", _("Dashboard")),
    MenuEntry("review-queue", _("Review queue"), also_current=("review-letter",)),
    MenuEntry("program-people", _("People"), also_current=("erase-member",)),
    MenuEntry("coordinator-people", _("Import people")),
    MenuEntry("coordinator-pairs", _("Pairs"), also_current=("coordinator-pair",)),
    MenuEntry("coordinator-readings", _("Readings"),
              also_current=("coordinator-reading-new", "coordinator-reading-edit")),
    MenuEntry("coordinator-calendar", _("Calendar")),
    MenuEntry("coordinator-toolbox", _("Toolbox"), also_current=("coordinator-toolbox-new", "coordinator-toolbox-article")),
    MenuEntry("coordinator-events", _("Events"), also_current=("coordinator-event-edit",)),
    MenuEntry("coordinator-settings", _("Settings"), also_current=("coordinator-watch-words", "coordinator-audit")),
    MenuEntry("coordinator-goals", _("Goals")),
    MenuEntry("coordinator-statistics", _("Statistics"),
              also_current=("coordinator-topics", "coordinator-member-details")),
    MenuEntry("reports", _("Reports"), by_query=True),
]


@dataclass(frozen=True)
class MenuLink:
    """A rendered menu entry: its text, where it goes, and whether it is the page shown now."""

    label: str
    url: str
    current: bool


def program_menu(program_id: int, current_url_name: str | None) -> list[MenuLink]:
    """Return the program menu's links for program `program_id`, marking the page `current_url_name`.

    Precondition: the caller coordinates the program (every page that shows the menu fetched
    the program with programs.access.access_program(..., as_coordinator=True)). No query.
    A URL name that does not resolve raises NoReverseMatch: a broken menu fails its tests.
    """
    return [
        MenuLink(label=str(entry.label), url=entry.url(program_id),
                 current=current_url_name in (entry.url_name, *entry.also_current))
        for entry in PROGRAM_MENU
    ]
