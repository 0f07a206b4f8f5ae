"""Fetch-and-authorise helpers: everything a view loads by id comes through here.

Each raises Http404 for an object the user may not see, so ids cannot be probed. The
rules are those of programs.permissions (and the querysets it is built on).
"""

from django.http import Http404
from django.utils.translation import gettext as _

from programs.compiled import CompiledRead
from programs.models import Membership, Pair, Program, WatchWord
from programs.permissions import is_coordinator, is_member_of_pair, may_see_pair


def access_program(user, program_id: int, *, as_coordinator: bool = False) -> Program:
    """Return the program if `user` belongs to it (coordinates it, with `as_coordinator`)."""
    programs = Program.objects.coordinated_by(user) if as_coordinator else Program.objects.visible_to(user)
    try:
        return programs.get(pk=program_id)
    except (Program.DoesNotExist, ValueError, TypeError):
        raise Http404(_("No such program.")) from None


def access_pair(user, pair_id: int, *, for_update: bool = False) -> Pair:
    """Return the pair if `user` is in it or coordinates its program."""
    pairs = Pair.objects.visible_to(user).select_related("program", "mentor", "mentee")
    if for_update:
        pairs = pairs.select_for_update(of=("self",))
    try:
        return pairs.get(pk=pair_id)
    except (Pair.DoesNotExist, ValueError, TypeError):
        raise Http404(_("No such pair.")) from None


#: A pair by id with its program and members: the thread page's read, built once per process.
_PAIR_WITH_MEMBERS = CompiledRead(lambda pair_id: Pair.objects.select_related("program", "mentor", "mentee").filter(pk=pair_id))


def access_pair_for_members(user, pair_id: int) -> Pair:
    """Return the pair if `user` may see it, as access_pair does, for a page its members use.

    The pair is read by id alone, then judged by the one-pair rule (permissions.may_see_pair,
    which is Pair.objects.visible_to for one pair): for its mentor or mentee that costs no
    further query, where visible_to's three-way OR with a program subquery cost the thread
    page more to build than to run; the read itself is built once per process. A coordinator
    pays one query more.
    """
    try:
        found = _PAIR_WITH_MEMBERS.objects(int(pair_id))
    except (ValueError, TypeError):
        raise Http404(_("No such pair.")) from None
    if not found or not may_see_pair(user, found[0]):
        raise Http404(_("No such pair."))
    return found[0]


def access_coordinated_pair(user, pair_id: int) -> Pair:
    """Return the pair if `user` coordinates its program; 404 otherwise, even for its own members."""
    pair = access_pair(user, pair_id)
    if not is_coordinator(user, pair.program):
        raise Http404(_("No such pair."))
    return pair


def access_own_pair(user, pair_id: int) -> Pair:
    """Return the pair if `user` is its mentor or mentee; 404 otherwise, even for its coordinators."""
    pair = access_pair(user, pair_id)
    if not is_member_of_pair(user, pair):
        raise Http404(_("No such pair."))
    return pair


def access_membership(user, membership_id: int) -> Membership:
    """Return a membership of a program `user` coordinates (any program for an operator)."""
    programs = Program.objects.coordinated_by(user).values("pk")
    try:
        return Membership.objects.select_related("program", "user").get(pk=membership_id, program__in=programs)
    except (Membership.DoesNotExist, ValueError, TypeError):
        raise Http404(_("No such person.")) from None


def access_watch_word(user, watch_word_id: int) -> WatchWord:
    """Return a watch word of a program `user` coordinates (any program for an operator)."""
    programs = Program.objects.coordinated_by(user).values("pk")
    try:
        return WatchWord.objects.select_related("program").get(pk=watch_word_id, program__in=programs)
    except (WatchWord.DoesNotExist, ValueError, TypeError):
        raise Http404(_("No such watch word.")) from None
