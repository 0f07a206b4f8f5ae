"""Reads about programs, memberships and pairs."""

from django.db.models import Count, Q

from letters.models import LetterStatus
from programs.models import Membership, Pair


def list_memberships_with_pairs(user) -> list[dict]:
    """Return `user`'s active memberships, each with its open pairs and unread-letter counts.

    Costs three queries whatever the number of memberships and pairs.
    """
    memberships = list(
        Membership.objects.active().filter(user=user).select_related("program").order_by("program__name")
    )
    pairs = (
        Pair.objects.open()
        .filter(Q(mentor__user=user) | Q(mentee__user=user))
        .select_related("mentor", "mentee", "program")
        .annotate(
            unread=Count(
                "letters",
                filter=Q(letters__status=LetterStatus.DELIVERED) & ~Q(letters__author__user=user),
            )
        )
    )
    by_program: dict[int, list[Pair]] = {}
    for pair in pairs:
        by_program.setdefault(pair.program_id, []).append(pair)
    return [
        {
            "membership": membership,
            "program": membership.program,
            "pairs": [
                {"pair": pair, "partner": pair.partner_of(pair.member_for(user)), "unread": pair.unread}
                for pair in by_program.get(membership.program_id, [])
            ],
        }
        for membership in memberships
    ]


def finished_report_file(report):
    """Return the PDF file of a finished `report`, ready to open.

    Raises StateConflict while the report is queued, being made, or failed (retry it
    first). Precondition: `report` was fetched through programs.access.access_report.
    """
    from django.utils.translation import gettext as _

    from programs.exceptions import StateConflict
    from programs.models import Report

    if report.status != Report.Status.DONE or not report.file:
        raise StateConflict(_("This report is not ready yet. Watch its status and download it once it is done."))
    return report.file
