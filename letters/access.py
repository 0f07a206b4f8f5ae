"""Fetch-and-authorise helpers for letters; see programs/access.py."""

from django.http import Http404
from django.utils.translation import gettext as _

from letters.models import Letter, LetterStatus
from programs.compiled import CompiledRead
from programs.models import Program


def access_letter(user, letter_id: int, *, for_update: bool = False) -> Letter:
    """Return the letter if `user` may see it (Letter.objects.visible_to), else raise Http404."""
    letters = Letter.objects.visible_to(user).select_related(
        "pair__program", "pair__mentor", "pair__mentee", "author", "assignment__reading"
    )
    if for_update:
        letters = letters.select_for_update(of=("self",))
    try:
        return letters.get(pk=letter_id)
    except (Letter.DoesNotExist, ValueError, TypeError):
        raise Http404(_("No such letter.")) from None


def _own_letters(letter_id: int, user_id: int):
    """Return the letter `letter_id` if the person `user_id` wrote it and no safeguarding hold took it away."""
    return Letter.objects.filter(pk=letter_id, author__user_id=user_id, safeguarding_hold_until__isnull=True)


#: access_own_letter's two reads, built once per process: the editor asks one on every save.
_OWN_LETTER = CompiledRead(lambda letter_id, user_id: _own_letters(letter_id, user_id).select_related(
    "pair__program", "pair__mentor", "pair__mentee", "author", "assignment__reading"))
_OWN_LETTER_ROW = CompiledRead(_own_letters)


def access_own_letter(user, letter_id: int, *, related: bool = True) -> Letter:
    """Return the letter if `user` wrote it and may see it, else raise Http404.

    The same as access_letter followed by "is the author `user`?" (an author sees their own
    letter unless a safeguarding hold took it away: Letter.objects.visible_to), in one plain
    query rather than visible_to's three-way OR with a subquery, built once per process: the
    editor asks it on every save.
    With `related` False the letter's own row only is read, without its pair, program,
    members and reading: for a caller that hands it straight to a service, which reads it
    again under its row lock with all of those (letters.services._lock), so they are not
    built and read twice.
    """
    if not user.is_authenticated:
        raise Http404(_("No such letter."))
    try:
        found = (_OWN_LETTER if related else _OWN_LETTER_ROW).objects(int(letter_id), user.pk)
    except (ValueError, TypeError):
        raise Http404(_("No such letter.")) from None
    if not found:
        raise Http404(_("No such letter."))
    return found[0]


def access_letter_for_review(user, letter_id: int) -> Letter:
    """Return a submitted letter of a program `user` coordinates (any, for an operator), else Http404.

    Authors and recipients can see some of these letters elsewhere, but never the review page.
    """
    letters = (
        Letter.objects.exclude(status=LetterStatus.DRAFT)
        .filter(pair__program__in=Program.objects.coordinated_by(user).values("pk"))
        .select_related("pair__program", "pair__mentor", "pair__mentee", "author", "assignment__reading")
    )
    try:
        return letters.get(pk=letter_id)
    except (Letter.DoesNotExist, ValueError, TypeError):
        raise Http404(_("No such letter.")) from None
def access_notification(user, notification_id: int):
    """Return `user`'s own notification, else raise Http404."""
    from letters.models import Notification

    try:
        return Notification.objects.filter(user=user).get(pk=notification_id)
    except (Notification.DoesNotExist, ValueError, TypeError):
        raise Http404(_("No such notification.")) from None
