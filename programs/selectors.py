"""Reads about programs, memberships and pairs that need no other app.

The pages' reads that combine programs with letters and readings (the home page, the
coordinator dashboard, a pair's timeline, a finished report) are in oversight/selectors.py.
"""

from django.db.models import OuterRef, QuerySet, Subquery

from programs.models import Membership, Program, ProgramAuditEntry, WatchWord


def preferred_locale(user) -> tuple[str, str]:
    """Return (language, time zone) for `user`: their own choice, else their first program's.

    Either part is "" when neither the user nor a program says (the caller then falls back
    to the browser's language and the installation's time zone). One query at most.
    """
    language, time_zone = user.language, user.time_zone
    if language and time_zone:
        return language, time_zone
    program = (
        Program.objects.filter(memberships__user=user, memberships__status=Membership.Status.ACTIVE)
        .order_by("memberships__joined_at", "pk")
        .values("language", "time_zone")
        .first()
    )
    if program:
        language = language or program["language"]
        time_zone = time_zone or program["time_zone"]
    return language, time_zone


# ---------------------------------------------------------------------------- audit log


def list_program_audit(program: Program) -> QuerySet[ProgramAuditEntry]:
    """Return `program`'s audit entries, newest first, each with `actor_pseudonym`.

    `actor_pseudonym` is the actor's pseudonym in `program` (None for an operator without a
    membership, or an actor since erased). One query per page whatever the number of rows
    (plus the paginator's count). Precondition: the caller coordinates `program` (the page
    fetched it with programs.access.access_program(..., as_coordinator=True)).
    """
    pseudonym = Membership.objects.filter(user=OuterRef("actor"), program=program).values("pseudonym")[:1]
    return (
        ProgramAuditEntry.objects.filter(program=program)
        .annotate(actor_pseudonym=Subquery(pseudonym))
        .order_by("-created_at", "-pk")
    )


# ---------------------------------------------------------------------------- screening settings


def list_watch_words(program: Program) -> list[WatchWord]:
    """Return `program`'s watch words, alphabetically (as folded), in one query."""
    return list(WatchWord.objects.filter(program=program).order_by("match_key", "pk"))


def watch_terms_for_screening(program: Program) -> list[tuple[str, str]]:
    """Return `program`'s watch words as the (term, severity) pairs screening takes."""
    return list(WatchWord.objects.filter(program=program).order_by("pk").values_list("term", "severity"))


def screening_regions_for(program: Program, author: Membership | None = None) -> list[str]:
    """Return the countries screening reads in a letter: the program's, then its author's own if known."""
    regions = program.screening_regions()
    if author is not None and author.country and author.country not in regions:
        regions.append(author.country)
    return regions
