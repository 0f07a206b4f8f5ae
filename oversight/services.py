"""Writes of the oversight app: asking for a PDF report and retrying one that failed; a program's
topics and the topics a coordinator tags letters with.

Building the PDF happens in oversight.tasks once the request has committed.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from letters.models import Letter, LetterStatus
from oversight import letter_counts
from oversight.models import TOPIC_NAME_MAX_LENGTH, DefaultTopic, LetterTopic, Report, Topic
from oversight.tasks import enqueue_report
from programs.exceptions import StateConflict
from programs import audit
from programs.models import Pair, Program, ProgramAuditEntry, User
from programs.permissions import is_coordinator, is_member_of_pair, require_coordinator


def _require_report_permission(actor: User, *, kind: str, program: Program, pair: Pair | None) -> None:
    """Coordinators may ask for any report of their program; a pair's members for their own booklet if allowed."""
    if is_coordinator(actor, program):
        return
    if (kind == Report.Kind.PAIR_BOOKLET and pair is not None and program.members_may_download_booklets
            and is_member_of_pair(actor, pair)):
        return
    raise PermissionDenied(_("Only a coordinator of this program can ask for that."))


def request_report(
    actor: User, *, kind: str, program: Program | None = None, pair: Pair | None = None,
    period_start=None, period_end=None,
) -> Report:
    """Queue a PDF (`kind`: pair_booklet, program_booklets or program_report) and return its Report.

    A pair booklet needs `pair` (its program is taken from it); a program report needs a
    period with `period_start` on or before `period_end`. The PDF is built by a background
    task once this transaction commits; the requester watches the Report's status.
    """
    if kind not in Report.Kind.values:
        raise ValidationError({"kind": _("Choose a booklet or a program report.")})
    if kind == Report.Kind.PAIR_BOOKLET:
        if pair is None:
            raise ValidationError({"pair": _("Choose the pair whose booklet you want.")})
        program = pair.program
    if program is None:
        raise ValidationError({"program": _("Choose a program.")})
    if kind == Report.Kind.PROGRAM_REPORT:
        if period_start is None or period_end is None:
            raise ValidationError({"period_start": _("Choose the first and the last day of the report.")})
        if period_start > period_end:
            raise ValidationError({"period_end": _("The last day must not come before the first day.")})
    else:
        period_start = period_end = None
    _require_report_permission(actor, kind=kind, program=program, pair=pair)
    with transaction.atomic():
        report = Report.objects.create(
            kind=kind, program=program, pair=pair if kind == Report.Kind.PAIR_BOOKLET else None,
            period_start=period_start, period_end=period_end, requested_by=actor,
        )
        enqueue_report(report.pk)  # saved with the report, queued after commit
    return report


def report_can_be_retried(report: Report, *, now=None) -> bool:
    """Return True if `report` failed, or has waited in the queue so long that its job was lost.

    A queued report normally starts within seconds; one still queued after the outbox's
    STUCK_AFTER lost its job (a broker that dropped its queue), and asking again is safe
    because building a report is idempotent.
    """
    from jobs.outbox import STUCK_AFTER

    if report.status == Report.Status.FAILED:
        return True
    return report.status == Report.Status.QUEUED and report.created_at <= (now or timezone.now()) - STUCK_AFTER


def retry_report(actor: User, *, report: Report) -> Report:
    """Queue a failed or stuck report again; return it. Only its requester or a coordinator may."""
    with transaction.atomic():
        report = Report.objects.select_for_update().select_related("program").get(pk=report.pk)
        if report.requested_by_id != actor.pk and not is_coordinator(actor, report.program):
            raise PermissionDenied(_("Only the person who asked for this report or a coordinator can retry it."))
        if not report_can_be_retried(report):
            raise StateConflict(_("This report has not failed, so there is nothing to retry. Reload the page."))
        Report.objects.filter(pk=report.pk).update(status=Report.Status.QUEUED, error="", started_at=None, finished_at=None)
        enqueue_report(report.pk)  # saved with the report, queued after commit
        report.refresh_from_db()
        return report


# ---------------------------------------------------------------------------- topics


def add_default_topics(program: Program) -> int:
    """Give `program` every default topic it lacks (DefaultTopic); return how many were added.

    No permission check and no audit row: this is what creating a program does (the program
    admin, the demo data, the bench seed), not a coordinator's choice. A default topic that
    was retired stays retired. Safe to run again.
    """
    have = set(Topic.objects.filter(program=program).exclude(key="").values_list("key", flat=True))
    missing = [Topic(program=program, key=key) for key in DefaultTopic.values if key not in have]
    # ignore_conflicts: two requests adding them at once both succeed, each default stays single.
    Topic.objects.bulk_create(missing, ignore_conflicts=True)
    return len(missing)


def restore_default_topics(actor: User, *, program: Program) -> int:
    """Add the default topics `program` lacks, as its coordinator; return how many were added.

    For a program made before topics existed in its installation's code path (or whose
    operator made it outside the admin). Writes an audit row when any were added.
    """
    require_coordinator(actor, program)
    with transaction.atomic():
        Program.objects.select_for_update().get(pk=program.pk)
        added = add_default_topics(program)
        if added:
            audit.record(actor, program=program, action=ProgramAuditEntry.Action.TOPICS_CREATED, target=program,
                         detail=f"{added} topics")
    return added


def _clean_topic_name(program: Program, name: str, *, exclude: Topic | None = None) -> str:
    """Return `name` tidied, or raise ValidationError if empty, too long, or the label of another of the program's topics."""
    name = " ".join((name or "").split())
    if not name:
        raise ValidationError({"name": _("Write the topic's name.")})
    if len(name) > TOPIC_NAME_MAX_LENGTH:
        raise ValidationError({"name": _("Keep a topic's name under %(limit)d characters.")
                               % {"limit": TOPIC_NAME_MAX_LENGTH}})
    others = Topic.objects.filter(program=program)
    if exclude is not None:
        others = others.exclude(pk=exclude.pk)
    if any(other.label.casefold() == name.casefold() for other in others):
        raise ValidationError({"name": _("The program already has a topic called “%(name)s”.") % {"name": name}})
    return name


def add_topic(actor: User, *, program: Program, name: str) -> Topic:
    """Add a topic called `name` to `program`; coordinators can tag letters with it at once. Return it.

    Refuses an empty name, one over TOPIC_NAME_MAX_LENGTH characters and one another topic of
    the program already shows (ignoring case, retired topics included). Writes an audit row.
    """
    require_coordinator(actor, program)
    with transaction.atomic():
        # Lock the program so two coordinators adding the same name at once get the message, not a double.
        Program.objects.select_for_update().get(pk=program.pk)
        name = _clean_topic_name(program, name)
        topic = Topic.objects.create(program=program, name=name)
        audit.record(actor, program=program, action=ProgramAuditEntry.Action.TOPIC_ADDED, target=topic, detail=name)
    return topic


def rename_topic(actor: User, *, topic: Topic, name: str) -> Topic:
    """Give `topic` a new `name` (a default topic then shows that name in every language). Return it.

    The letters tagged with it keep the tag. The same checks as add_topic; writes an audit row.
    """
    program = topic.program
    require_coordinator(actor, program)
    with transaction.atomic():
        Program.objects.select_for_update().get(pk=program.pk)
        locked = Topic.objects.select_for_update().get(pk=topic.pk)
        name = _clean_topic_name(program, name, exclude=locked)
        before = locked.label
        locked.name = name
        locked.save(update_fields=["name"])
        audit.record(actor, program=program, action=ProgramAuditEntry.Action.TOPIC_RENAMED, target=locked,
                     detail=f"{before} -> {name}")
    return locked


def set_topic_retired(actor: User, *, topic: Topic, retired: bool) -> Topic:
    """Retire `topic` (it is offered no more; its tags stay counted) or bring it back. Return it.

    Asking for the state the topic is already in changes nothing and writes no audit row.
    """
    program = topic.program
    require_coordinator(actor, program)
    with transaction.atomic():
        locked = Topic.objects.select_for_update().get(pk=topic.pk)
        if (locked.retired_at is not None) == retired:
            return locked
        locked.retired_at = timezone.now() if retired else None
        locked.save(update_fields=["retired_at"])
        action = ProgramAuditEntry.Action.TOPIC_RETIRED if retired else ProgramAuditEntry.Action.TOPIC_RESTORED
        audit.record(actor, program=program, action=action, target=locked, detail=locked.label)
    return locked


def change_topic(actor: User, *, topic: Topic, name: str | None = None, retired: bool | None = None) -> Topic:
    """Rename `topic` (when `name` is given) and retire it or bring it back (when `retired` is given), together.

    One transaction: if either change is refused, neither is made. The checks and audit rows
    are those of rename_topic and set_topic_retired. Return the topic.
    """
    with transaction.atomic():
        if name is not None:
            topic = rename_topic(actor, topic=topic, name=name)
        if retired is not None:
            topic = set_topic_retired(actor, topic=topic, retired=retired)
    return topic


def set_letter_topic(actor: User, *, letter: Letter, topic: Topic, tagged: bool) -> bool:
    """Tag `letter` with `topic` (`tagged`) or take the tag off; return whether the letter now has it.

    Only a coordinator of the letter's program may, only on a letter that was sent (a draft
    belongs to its author alone), and only with one of that program's topics; a retired topic
    can be taken off but not put on. Asking for what is already so changes nothing and
    writes no audit row. The audit row names the topic, never the letter's words.
    """
    program = letter.pair.program
    require_coordinator(actor, program)
    if topic.program_id != program.pk:
        raise ValidationError({"topic": _("Choose one of this program's topics.")})
    with transaction.atomic():
        locked = Letter.objects.select_for_update().get(pk=letter.pk)
        topic = Topic.objects.get(pk=topic.pk)  # as it is now: a colleague may have just retired it
        if locked.status == LetterStatus.DRAFT:
            raise StateConflict(_("A letter can be tagged once it has been sent."))
        existing = LetterTopic.objects.filter(letter=locked, topic=topic)
        if tagged == existing.exists():
            return tagged
        if tagged:
            if topic.retired_at is not None:
                raise ValidationError({"topic": _("This topic is retired; bring it back before tagging letters with it.")})
            LetterTopic.objects.create(letter=locked, topic=topic, pair_id=locked.pair_id,
                                       tagged_by=actor if actor.pk else None)
            action = ProgramAuditEntry.Action.LETTER_TAGGED
        else:
            existing.delete()
            action = ProgramAuditEntry.Action.LETTER_UNTAGGED
        letter_counts.mark_pairs_changed([Pair(pk=locked.pair_id)])  # the statistics count it again before showing it
        audit.record(actor, program=program, action=action, target=locked, detail=topic.label)
    return tagged
