"""Privacy tools the law asks for: data export, erasure and retention (docs/security.md).

* `request_data_export` queues a ZIP of everything Brevven holds about a person;
  `build_data_export` (run by privacy.tasks) writes it under PRIVATE_ROOT.
* `erase_person` anonymises an account for good, following each program's policy for
  the person's letters, and keeps the audit trail without personal data.
* `apply_retention` empties the letters of programs whose retention period has passed,
  keeping anonymous counts, and records each run.
"""

import io
import json
import logging
import secrets
import zipfile
from datetime import date, timedelta
from pathlib import Path

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from goals.models import Goal, GoalStep, Passport, Stamp
from letters.models import Finding, Letter, LetterEvent, LetterStatus, Notification, Reminder, ReviewAuditEntry
from letters.viewing import LetterView, letter_view_for
from oversight.models import Report
from privacy.models import DataExport, ErasureRecord, ExportAuditEntry, ProgramStatistics, RetentionRun
from privacy.selectors import safeguarding_letters, safeguarding_posts
from programs import audit
from programs.models import Invitation, Membership, Pair, PairEvent, PairNote, Program, ProgramAuditEntry, User
from programs.permissions import is_coordinator, may_erase_person
from spaces import selectors as space_selectors
from spaces import services as space_services
from spaces.models import Post

log = logging.getLogger(__name__)

#: Finished export files are removed by the retention sweep after this many days.
EXPORT_KEEP_DAYS = 7


# ---------------------------------------------------------------------------- export


def request_data_export(actor: User, *, subject: User) -> DataExport:
    """Queue an export of `subject`'s data for `actor`; return it (status queued).

    A person may export their own data, an operator anyone's; a coordinator goes through
    `request_member_export`, which asks for a reason and records it. The ZIP is built in
    the background after commit (privacy.tasks.build_data_export).
    """
    if actor.pk != subject.pk and not actor.is_superuser:
        raise PermissionDenied(_("You can export your own data, or that of people in programs you coordinate."))
    with transaction.atomic():
        return _queue_export(actor, subject)


#: Longest reason a coordinator may give for exporting a participant's data.
EXPORT_REASON_MAX = 500


def request_member_export(actor: User, *, membership: Membership, reason: str) -> DataExport:
    """Queue an export of a participant's data for a coordinator of their program; return it.

    Only a program's mentees and mentors can be exported this way (never a fellow
    coordinator), only by a coordinator of that program or an operator, and only with a
    reason, which is recorded with who asked and when in an ExportAuditEntry.
    """
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Say why you export this person's data; it is recorded.")})
    if len(reason) > EXPORT_REASON_MAX:
        raise ValidationError({"reason": _("Keep the reason under %(max)d characters.") % {"max": EXPORT_REASON_MAX}})
    if membership.role not in (Membership.Role.MENTEE, Membership.Role.MENTOR):
        raise PermissionDenied(_("Only the data of a program's mentees and mentors can be exported here."))
    if not is_coordinator(actor, membership.program):
        raise PermissionDenied(_("You can export your own data, or that of people in programs you coordinate."))
    with transaction.atomic():
        export = _queue_export(actor, membership.user)
        ExportAuditEntry.objects.create(program=membership.program, actor=actor, membership=membership, reason=reason)
    log.info("user %s exported the data of membership %s", actor.pk, membership.pk)
    return export


def _queue_export(actor: User, subject: User) -> DataExport:
    """Create the export row and build it after commit. Precondition: inside a transaction, allowed."""
    export = DataExport.objects.create(subject=subject, requested_by=actor)
    _enqueue_export(export.pk)  # saved with the export, queued after commit
    return export


def _enqueue_export(export_id: int) -> None:
    from jobs.outbox import defer

    defer("privacy.tasks.build_data_export", export_id, task_name=f"data-export-{export_id}")


def build_data_export(export: DataExport) -> DataExport:
    """Write the ZIP for a queued export and mark it done (or failed, with the error's kind only).

    Returns early if the export is no longer queued, so a retried task does the work once.
    """
    with transaction.atomic():
        export = DataExport.objects.select_for_update().select_related("subject", "requested_by").get(pk=export.pk)
        if export.status != DataExport.Status.QUEUED:
            return export
        export.status = DataExport.Status.RUNNING
        export.save(update_fields=["status"])
    try:
        content = export_archive(export.subject, include_drafts=export.requested_by_id == export.subject_id)
        path = _private_path(f"exports/export-{export.pk}-{secrets.token_hex(8)}.zip")
        path.write_bytes(content)
        path.chmod(0o600)
    except Exception as error:  # recorded for the person; the message may quote data, so only its kind
        log.exception("data export %s failed", export.pk)
        DataExport.objects.filter(pk=export.pk).update(
            status=DataExport.Status.FAILED, error=type(error).__name__, finished_at=timezone.now()
        )
    else:
        DataExport.objects.filter(pk=export.pk).update(
            status=DataExport.Status.DONE, file_path=str(path.relative_to(settings.PRIVATE_ROOT)), finished_at=timezone.now()
        )
    export.refresh_from_db()
    return export


def export_file(export: DataExport) -> Path:
    """Return the path of a finished export's file. Precondition: fetched through privacy.access."""
    return Path(settings.PRIVATE_ROOT) / export.file_path


def _private_path(relative: str) -> Path:
    path = Path(settings.PRIVATE_ROOT) / relative
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    return path


def _when(moment) -> str | None:
    return moment.isoformat() if moment else None


def export_archive(user: User, *, include_drafts: bool) -> bytes:
    """Return a ZIP (bytes) of `user`'s account, memberships, letters and events as JSON files.

    Drafts are included only when the person exports their own data: nobody else may see
    a draft. Letters received are included with the partner's pseudonym only.
    """
    files = {
        "account.json": _account_data(user),
        "memberships.json": _membership_data(user),
        "letters.json": _letter_data(user, include_drafts=include_drafts),
        "events.json": _event_data(user, include_drafts=include_drafts),
        "notifications.json": _notification_data(user),
        "goals.json": _goal_data(user, include_private=include_drafts),
        "posts.json": _post_data(user),
        "stamps.json": _stamp_data(user),
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("README.txt", _readme())
        for name, data in files.items():
            archive.writestr(name, json.dumps(data, ensure_ascii=False, indent=2))
        for name, pdf in _booklets(user):
            archive.writestr(name, pdf)
    return buffer.getvalue()


def _notification_data(user: User) -> list[dict]:
    return [
        {"kind": n.kind, "title": n.title, "body": n.body, "created_at": _when(n.created_at), "read_at": _when(n.read_at)}
        for n in Notification.objects.filter(user=user).order_by("created_at", "pk")
    ]


def _post_data(user: User) -> list[dict]:
    """Return `user`'s own posts and replies in the peer spaces, as they wrote them (never anyone else's).

    The posts come from spaces.selectors.own_posts (what their author sees of them: every
    state but deleted, not under a safeguarding hold). A thread's title is given as the
    person sees it, and only when they may read the thread's opening post.
    """
    return [
        {
            "program": post.thread.space.program.name, "space": post.thread.space.audience,
            "thread": post.thread_id, "thread_title": title, "kind": "thread" if post.is_opening else "reply",
            "status": post.status, "text": post.body_text, "submitted_at": _when(post.submitted_at),
            "published_at": _when(post.published_at),
        }
        for post, title in space_selectors.own_posts(user)
    ]


def _goal_data(user: User, *, include_private: bool) -> list[dict]:
    """Return `user`'s goals with their steps and sharing choices.

    A goal's words (and its steps') go into someone else's export of the person only when
    the goal was shared with the program's coordinators, as on the coordinators' pages.
    """
    goals = Goal.objects.filter(membership__user=user).select_related("membership__program").prefetch_related("steps")
    data = []
    for goal in goals.order_by("created_at", "pk"):
        readable = include_private or goal.shared_with_coordinators
        data.append({
            "program": goal.membership.program.name, "text": goal.text if readable else None,
            "shared_with_mentor": goal.shared_with_mentor, "shared_with_coordinators": goal.shared_with_coordinators,
            "created_at": _when(goal.created_at), "updated_at": _when(goal.updated_at),
            "steps": [{"text": step.text if readable else None, "done_at": _when(step.done_at)} for step in goal.steps.all()],
        })
    return data


def _stamp_data(user: User) -> dict:
    """Return the stamps of `user`'s letter passports and whether they show them to their partner."""
    return {
        "stamps": [
            {"program": stamp.membership.program.name, "kind": stamp.kind, "earned_at": _when(stamp.earned_at)}
            for stamp in Stamp.objects.filter(membership__user=user).select_related("membership__program")
            .order_by("earned_at", "pk")
        ],
        "shown_to_partner": [
            passport.membership.program.name
            for passport in Passport.objects.filter(membership__user=user, shown_to_partner=True)
            .select_related("membership__program")
        ],
    }


def _booklets(user: User):
    """Yield (file name, PDF bytes) for the booklet of every pair `user` belongs to.

    A booklet holds only delivered letters (oversight.reports.booklet_letters), so it shows
    nothing the person could not already read.
    """
    from oversight.reports import render_booklets  # WeasyPrint loads only when an export is built

    pairs = Pair.objects.filter(Q(mentor__user=user) | Q(mentee__user=user)).select_related("program", "mentor", "mentee")
    for pair in pairs.order_by("pk"):
        yield f"booklets/pair-{pair.pk}.pdf", render_booklets(pair.program, [pair])


def _readme() -> str:
    return _(
        "This archive holds everything Brevven keeps about you.\n"
        "account.json: your account. memberships.json: your programs, roles and pseudonyms.\n"
        "letters.json: the letters you wrote and the letters delivered to you.\n"
        "events.json: the history of your letters and of your pairs.\n"
        "notifications.json: the notices Brevven showed or sent you.\n"
        "goals.json: your goals and their steps. stamps.json: the stamps of your letter passport.\n"
        "booklets/: a printable booklet (PDF) of each exchange you took part in.\n"
    ) + _(
        "posts.json: the threads and replies you wrote in the peer spaces, as you wrote them.\n"
    ) + _(
        "If you are erased, a letter of yours that your coordinator withheld, or that raised an urgent "
        "safeguarding concern, is kept for your program's safeguarding period (six years unless the program "
        "says otherwise), seen only by coordinators, and then deleted.\n"
    ) + _("The same goes for a post of yours in the peer spaces.\n")


def _account_data(user: User) -> dict:
    return {
        "username": user.username, "first_name": user.first_name, "last_name": user.last_name, "email": user.email,
        "language": user.language, "time_zone": user.time_zone, "date_joined": _when(user.date_joined),
        "last_login": _when(user.last_login),
    }


def _membership_data(user: User) -> list[dict]:
    return [
        {
            "program": m.program.name, "role": m.role, "pseudonym": m.pseudonym, "bio": m.bio, "avatar": m.avatar,
            "status": m.status, "joined_at": _when(m.joined_at),
            "region": m.region, "age_band": m.age_band,
        }
        for m in Membership.objects.filter(user=user).select_related("program").order_by("joined_at", "pk")
    ]


def _letters_of(user: User, *, include_drafts: bool):
    written = Q(author__user=user)
    if not include_drafts:
        written &= ~Q(status=LetterStatus.DRAFT)
    received = Q(status__in=[LetterStatus.DELIVERED, LetterStatus.READ]) & (
        Q(pair__mentor__user=user) | Q(pair__mentee__user=user)
    ) & ~Q(author__user=user)
    return Letter.objects.filter(written | received).select_related("author", "pair__program").order_by("created_at", "pk")


def _views_of(user: User, *, include_drafts: bool) -> list[LetterView]:
    """Return what `user` sees of each of their letters (letters.viewing), skipping the hidden."""
    views = (letter_view_for(user, letter) for letter in _letters_of(user, include_drafts=include_drafts))
    return [view for view in views if view.visible]


def _letter_data(user: User, *, include_drafts: bool) -> list[dict]:
    """Return the letters written and received, each as `user` sees it: a recipient gets the
    text with redactions applied, nobody but a coordinator a withholding reason or finding."""
    return [
        {
            "id": view.letter.pk, "program": view.letter.pair.program.name,
            "direction": "written" if view.letter.author.user_id == user.pk else "received",
            "author": view.letter.author.pseudonym, "status": view.letter.status, "late": view.letter.is_late,
            "created_at": _when(view.letter.created_at), "submitted_at": _when(view.letter.submitted_at),
            "delivered_at": _when(view.letter.delivered_at), "read_at": _when(view.letter.read_at),
            "text": view.body_text, "html": str(view.body_html),
        }
        for view in _views_of(user, include_drafts=include_drafts)
    ]


def _event_data(user: User, *, include_drafts: bool) -> dict:
    """Return the history of `user`'s own letters (notes only where letters.viewing shows
    them) and of their pairs."""
    own = {view.letter.pk: view for view in _views_of(user, include_drafts=include_drafts) if view.shows_history}
    letter_events = LetterEvent.objects.filter(letter__in=list(own)).order_by("created_at", "pk")
    pair_events = PairEvent.objects.filter(Q(pair__mentor__user=user) | Q(pair__mentee__user=user)).order_by("created_at", "pk")
    return {
        "letters": [
            {"letter": e.letter_id, "from": e.from_status, "to": e.to_status, "note": own[e.letter_id].note_of(e),
             "at": _when(e.created_at)}
            for e in letter_events
        ],
        # A pair's notes are the coordinators' (pausing on a withheld letter copies its reason): never the pair's.
        "pairs": [
            {"pair": e.pair_id, "from": e.from_status, "to": e.to_status, "at": _when(e.created_at)}
            for e in pair_events
        ],
    }


# ---------------------------------------------------------------------------- erasure


def former_participant_name(membership: Membership) -> str:
    """Return the pseudonym that replaces an erased person's (unique in the program by its id)."""
    return _("Former participant %(number)d") % {"number": membership.pk}


def erase_person(actor: User, *, user: User) -> ErasureRecord:
    """Erase `user` for good: anonymise the account and memberships, close their pairs, and
    delete or keep their letters' text according to each program's `erased_letters` policy.

    Every copy goes: drafts, the text of their letters (by policy), findings, their goals,
    steps and stamps, the notes of letter events, review audit entries (AppendOnlyQuerySet.erase_details), pair events and
    pair notes of their pairs, the words of their posts in the peer spaces
    (spaces.services.erase_posts_of), notices and reminders that name them, the PDFs (booklets and
    program reports) of their pairs and programs, and django-axes' records of their user
    name. A withheld letter of theirs, or one with an urgent finding, stays whole under a
    safeguarding hold for the program's `safeguarding_retention_days`, for coordinators only
    (docs/security.md). Operators, and coordinators of every program the person takes part
    in (programs.permissions.may_erase_person: never a fellow coordinator); nobody erases
    themself. Each program the person belonged to gets a "person erased" entry in its audit
    log (no name in it). Returns the ErasureRecord.
    """
    if actor.pk == user.pk:
        raise ValidationError(_("You cannot erase your own account; ask another operator."))
    if not may_erase_person(actor, user):
        raise PermissionDenied(_("Only an operator, or a coordinator of every program this person takes part in, "
                                 "can erase them; a coordinator is erased by an operator."))
    from programs.services import close_pair

    with transaction.atomic():
        user = User.objects.select_for_update().get(pk=user.pk)
        if user.username.startswith("erased-"):
            raise ValidationError(_("This person has already been erased."))
        memberships = list(Membership.objects.select_for_update().filter(user=user).select_related("program"))
        names = [m.pseudonym for m in memberships if m.pseudonym]
        held, posts_held = _place_safeguarding_holds(memberships)
        emptied, kept = _erase_letters(memberships)
        space_services.erase_posts_of(memberships)
        pair_ids = list(Pair.objects.filter(Q(mentor__user=user) | Q(mentee__user=user)).values_list("pk", flat=True))
        PairEvent.objects.filter(pair_id__in=pair_ids).exclude(note="").update(note="")
        PairNote.objects.filter(pair_id__in=pair_ids).delete()
        Pair.objects.filter(pk__in=pair_ids).exclude(status=Pair.Status.CLOSED).update(status_reason="")
        for pair in Pair.objects.open().filter(pk__in=pair_ids):
            close_pair(actor, pair=pair, reason=_("A participant's data was erased."))
        _forget_notices(user, memberships, names)
        # Goals (with their steps, even one under a safeguarding hold), stamps and passport choices.
        Goal.objects.filter(membership__in=memberships).delete()
        Stamp.objects.filter(membership__in=memberships).delete()
        Passport.objects.filter(membership__in=memberships).delete()
        _delete_reports(Report.objects.filter(Q(pair_id__in=pair_ids) | (
            Q(program__in=[m.program_id for m in memberships]) & ~Q(kind=Report.Kind.PAIR_BOOKLET)
        )))
        for membership in memberships:
            membership.pseudonym = former_participant_name(membership)
            membership.bio = membership.avatar = ""
            # Where they live and their age band fed only the statistics; they go like the rest.
            membership.region = membership.age_band = ""
            membership.status = Membership.Status.LEFT
        Membership.objects.bulk_update(memberships, ["pseudonym", "bio", "avatar", "region", "age_band", "status"])
        Invitation.objects.filter(membership__user=user).delete()
        ExportAuditEntry.objects.filter(membership__in=memberships).exclude(reason="").update(reason="")
        _remove_account_data(user)
        for membership in memberships:
            audit.record(actor, program=membership.program, action=ProgramAuditEntry.Action.PERSON_ERASED,
                         target=membership,
                         detail=f"{membership.role}; {held} letter(s) and {posts_held} post(s) under a safeguarding hold")
        record = ErasureRecord.objects.create(
            erased_user_id=user.pk, actor=actor, memberships=len(memberships), letters_emptied=emptied,
            letters_kept=kept, letters_held=held,
        )
    log.info("user %s erased by user %s", user.pk, actor.pk)
    return record


def _place_safeguarding_holds(memberships: list[Membership]) -> tuple[int, int]:
    """Hold each safeguarding letter and peer-space post of `memberships` until its program's period ends.

    One rule for both (privacy.selectors.SAFEGUARDING_CONCERN). Returns (letters held, posts held).
    """
    now = timezone.now()
    letters = posts = 0
    for membership in memberships:
        until = now + timedelta(days=membership.program.safeguarding_retention_days)
        letters += safeguarding_letters([membership]).filter(safeguarding_hold_until__isnull=True).update(
            safeguarding_hold_until=until
        )
        # By id: an UPDATE of a DISTINCT over a join is not allowed.
        ids = list(safeguarding_posts([membership]).filter(safeguarding_hold_until__isnull=True)
                   .values_list("pk", flat=True))
        posts += Post.objects.filter(pk__in=ids).update(safeguarding_hold_until=until)
    return letters, posts


def _erase_letters(memberships: list[Membership]) -> tuple[int, int]:
    """Delete drafts, then empty or keep each membership's letters by its program's policy.

    Letters under a safeguarding hold keep their text, findings, notes and audit details.
    """
    Letter.objects.filter(author__in=memberships, status=LetterStatus.DRAFT).delete()
    deleting = [m for m in memberships if m.program.erased_letters == Program.ErasedLetters.DELETE]
    keeping = [m for m in memberships if m.program.erased_letters != Program.ErasedLetters.DELETE]
    free = Letter.objects.filter(safeguarding_hold_until__isnull=True)
    letters = free.filter(author__in=deleting)
    Finding.objects.filter(letter__in=letters.values("pk")).delete()
    own = free.filter(author__in=memberships).values("pk")
    LetterEvent.objects.filter(letter__in=own).exclude(note="").update(note="")
    ReviewAuditEntry.objects.filter(letter__in=own).erase_details()
    emptied = letters.update(body_html="", body_text="")
    return emptied, free.filter(author__in=keeping).count()


def _forget_notices(user: User, memberships: list[Membership], names: list[str]) -> None:
    """Delete the person's notices and reminders, and everyone's notices in their programs that
    name them; remove their pseudonyms from the digests planned for others."""
    Notification.objects.filter(user=user).delete()
    Reminder.objects.filter(recipient=user).delete()
    programs = [m.program_id for m in memberships]
    naming = Q()
    for name in names:
        naming |= Q(title__contains=name) | Q(body__contains=name)
    if names:
        Notification.objects.filter(program__in=programs).filter(naming).delete()
    for reminder in Reminder.objects.filter(program__in=programs).exclude(details={}):
        if any(name in json.dumps(reminder.details, ensure_ascii=False) for name in names):
            reminder.details = {}
            reminder.save(update_fields=["details"])


def _delete_reports(reports) -> int:
    """Delete `reports` and their stored PDF files; return how many rows went."""
    reports = list(reports)
    for report in reports:
        if report.file:
            report.file.delete(save=False)
    Report.objects.filter(pk__in=[r.pk for r in reports]).delete()
    return len(reports)


def _remove_account_data(user: User) -> None:
    """Wipe the account's personal fields, credentials, devices, tokens and exports."""
    from axes.models import AccessFailureLog, AccessLog
    from axes.utils import reset
    from django.contrib.admin.models import LogEntry
    from django.contrib.contenttypes.models import ContentType
    from django_otp import devices_for_user

    from apitokens.models import ApiToken

    reset(username=user.username)
    AccessLog.objects.filter(username=user.username).delete()
    AccessFailureLog.objects.filter(username=user.username).delete()
    LogEntry.objects.filter(content_type=ContentType.objects.get_for_model(User), object_id=str(user.pk)).update(
        object_repr=f"erased-{user.pk}", change_message=""
    )
    for device in devices_for_user(user, confirmed=None):
        device.delete()
    ApiToken.objects.revoke_for(user)
    for export in DataExport.objects.filter(Q(subject=user) | Q(requested_by=user)):
        _delete_export_file(export)
    DataExport.objects.filter(Q(subject=user) | Q(requested_by=user)).delete()
    user.username = f"erased-{user.pk}"
    user.first_name = user.last_name = user.email = user.language = user.time_zone = ""
    user.is_active = user.is_staff = user.is_superuser = False
    user.set_unusable_password()  # also ends every session: their hash depended on the password
    user.save()
    user.groups.clear()
    user.user_permissions.clear()


def _delete_export_file(export: DataExport) -> None:
    if export.file_path:
        export_file(export).unlink(missing_ok=True)


# ---------------------------------------------------------------------------- retention


def programs_past_retention(today: date) -> list[int]:
    """Return the ids of programs whose `ends_on` + `retention_days` lies before `today`."""
    return [
        pk for pk, ends_on, days in Program.objects.values_list("pk", "ends_on", "retention_days")
        if ends_on + timedelta(days=days) < today
    ]


def apply_retention(*, today: date | None = None) -> RetentionRun:
    """Remove the text kept past each program's retention period, keeping anonymous counts.

    For every program past `ends_on` + `retention_days`: store its counts in
    ProgramStatistics, empty its letters' bodies, its peer-space posts (with their reports'
    reasons) and its goals' words, delete its findings, notices, pair notes and PDFs, and
    clear its event notes, review audit details and its members' regions and age bands. A
    letter or post under a safeguarding hold is left whole until the hold ends, and emptied
    the same way then, whatever its program. Finished data exports older than EXPORT_KEEP_DAYS go too. The number of queries
    does not grow with the number of programs or letters. Records and returns a RetentionRun.
    """
    started = timezone.now()
    today = today or timezone.localdate()
    with transaction.atomic():
        program_ids = programs_past_retention(today)
        if program_ids:
            _store_statistics(program_ids)
        now = timezone.now()
        # A safeguarding hold outlasts the program's retention; once it ends, the letter goes too.
        held = Q(safeguarding_hold_until__gt=now)
        letters = Letter.objects.filter(
            Q(pair__program__in=program_ids) & ~held | Q(safeguarding_hold_until__lte=now)
        ).values("pk")
        findings_deleted, _by_model = Finding.objects.filter(letter__in=letters).delete()
        Notification.objects.filter(program__in=program_ids).delete()
        emptied = Letter.objects.filter(pk__in=letters).exclude(body_html="", body_text="").update(
            body_html="", body_text=""
        )
        notes = LetterEvent.objects.filter(letter__in=letters).exclude(note="").update(note="")
        notes += ReviewAuditEntry.objects.filter(letter__in=letters).erase_details()
        notes += PairEvent.objects.filter(pair__program__in=program_ids).exclude(note="").update(note="")
        PairNote.objects.filter(pair__program__in=program_ids).delete()
        # Region and age band served only the program's statistics, which end with it.
        Membership.objects.filter(program__in=program_ids).filter(~Q(region="") | ~Q(age_band="")).update(
            region="", age_band="")
        # Posts in the peer spaces: the letters' policy, hold included (spaces.services.empty_posts).
        space_services.empty_posts(Post.objects.filter(
            Q(thread__space__program__in=program_ids) & ~held | Q(safeguarding_hold_until__lte=now)
        ))
        # Goals are a mentee's own words: emptied with the letters' text (stamps hold none).
        GoalStep.objects.filter(goal__membership__program__in=program_ids).exclude(text="").update(text="")
        Goal.objects.filter(membership__program__in=program_ids).exclude(text="").update(text="")
        _delete_reports(Report.objects.filter(program__in=program_ids))
        _remove_old_exports(started - timedelta(days=EXPORT_KEEP_DAYS))
        run = RetentionRun.objects.create(
            started_at=started, finished_at=timezone.now(), programs=len(program_ids), letters_emptied=emptied,
            findings_deleted=findings_deleted, notes_cleared=notes,
        )
    log.info("retention run %s: %s programs, %s letters emptied", run.pk, run.programs, run.letters_emptied)
    return run


def _store_statistics(program_ids: list[int]) -> None:
    """Write each program's anonymous counts in one query plus one upsert."""
    counted = Program.objects.filter(pk__in=program_ids).annotate(
        n_pairs=Count("pairs", distinct=True),
        n_mentees=Count("memberships", filter=Q(memberships__role=Membership.Role.MENTEE), distinct=True),
        n_mentors=Count("memberships", filter=Q(memberships__role=Membership.Role.MENTOR), distinct=True),
        n_letters=Count("pairs__letters", filter=~Q(pairs__letters__status=LetterStatus.DRAFT), distinct=True),
        n_delivered=Count(
            "pairs__letters", filter=Q(pairs__letters__status__in=[LetterStatus.DELIVERED, LetterStatus.READ]), distinct=True
        ),
        n_withheld=Count("pairs__letters", filter=Q(pairs__letters__status=LetterStatus.WITHHELD), distinct=True),
    )
    rows = [
        ProgramStatistics(
            program_id=p.pk, pairs=p.n_pairs, mentees=p.n_mentees, mentors=p.n_mentors, letters=p.n_letters,
            letters_delivered=p.n_delivered, letters_withheld=p.n_withheld, updated_at=timezone.now(),
        )
        for p in counted
    ]
    ProgramStatistics.objects.bulk_create(
        rows, update_conflicts=True, unique_fields=["program"],
        update_fields=["pairs", "mentees", "mentors", "letters", "letters_delivered", "letters_withheld", "updated_at"],
    )


def _remove_old_exports(before) -> None:
    old = list(DataExport.objects.filter(created_at__lt=before))
    for export in old:
        _delete_export_file(export)
    DataExport.objects.filter(pk__in=[export.pk for export in old]).delete()
