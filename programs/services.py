"""Every write to programs, memberships and pairs.

Each service is one transaction: it locks what it changes, checks the actor's permission
and the current state, writes the change and an audit row, and raises ValidationError,
StateConflict or PermissionDenied with a message a person can act on.
"""

import csv
import io
import logging
import secrets
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from apitokens.models import ApiToken
from programs.text import fold
from programs.exceptions import StateConflict
from programs.models import (
    AVATAR_CODES, LANGUAGE_CODES, REGION_CHOICES, REGION_CODES, REGION_MAX_LENGTH, AgeBand, Membership, Pair, PairEvent,
    PairNote, Program, ProgramAuditEntry, User, WatchWord, validate_time_zone,
)
from programs import audit
from programs.pair_changes import pairs_changed
from programs.permissions import require_coordinator

logger = logging.getLogger(__name__)


def add_member(
    actor: User, *, program: Program, user: User, role: str, pseudonym: str, bio: str = "",
    status: str = Membership.Status.ACTIVE, country: str = "", region: str = "", age_band: str = "",
) -> Membership:
    """Enrol `user` in `program` with `role` under `pseudonym`; return the membership.

    Refuses a pseudonym already used in the program (case-insensitively) and a user who
    is already a member. `country` (optional, one of REGION_CHOICES) is where the person
    lives: screening reads its phone numbers and addresses in their letters too. `region`
    (free text) and `age_band` (AgeBand) are optional and feed only the program's statistics.
    """
    require_coordinator(actor, program)
    pseudonym = pseudonym.strip()
    region = tidy_region(region)
    if role not in Membership.Role.values:
        raise ValidationError({"role": _("Choose mentee, mentor or coordinator.")})
    if problem := country_problem(country):
        raise ValidationError({"country": problem})
    if problems := member_details_problems(region=region, age_band=age_band):
        raise ValidationError(problems)
    with transaction.atomic():
        problem = _pseudonym_problem(program, pseudonym)
        if problem:
            raise ValidationError({"pseudonym": problem})
        if Membership.objects.filter(program=program, user=user).exists():
            raise ValidationError(_("This person is already a member of the program."))
        membership = Membership.objects.create(
            program=program, user=user, role=role, pseudonym=pseudonym, bio=bio if role == Membership.Role.MENTOR else "",
            status=status, country=country, region=region, age_band=age_band,
        )
        audit.record(actor, program=program, action=ProgramAuditEntry.Action.MEMBER_ADDED, target=membership,
                     detail=f"{role} ({status})")
        record_coordinator_granted(actor, membership=membership)
        return membership


def record_coordinator_granted(actor, *, membership: Membership) -> int:
    """If `membership` makes its person an active coordinator, revoke every API token they hold.

    A token made before the promotion never passed the second factor a coordinator must
    pass (programs.accounts.create_api_token), so it must not act with a coordinator's
    powers. Called by every path that grants the role (add_member, the admin), inside its
    transaction. Returns how many tokens were revoked.
    """
    if membership.role != Membership.Role.COORDINATOR or membership.status != Membership.Status.ACTIVE:
        return 0
    revoked = ApiToken.objects.revoke_for(membership.user_id)
    audit.record(actor, program=membership.program, action=ProgramAuditEntry.Action.COORDINATOR_GRANTED,
                 target=membership, detail=f"{revoked} API token(s) revoked")
    logger.info("user %s made user %s a coordinator of program %s; %s API token(s) revoked",
                getattr(actor, "pk", None), membership.user_id, membership.program_id, revoked)
    return revoked


def _pseudonym_problem(program: Program, pseudonym: str) -> str | None:
    """Return why the stripped `pseudonym` cannot be used in `program` (empty, too long, taken), or None."""
    if not pseudonym:
        return _("Choose a pseudonym.")
    if len(pseudonym) > Membership._meta.get_field("pseudonym").max_length:
        return _("Keep the pseudonym under 60 characters.")
    if Membership.objects.filter(program=program, pseudonym__iexact=pseudonym).exists():
        return _("“%(name)s” is taken in this program; choose another pseudonym.") % {"name": pseudonym}
    return None


def _lock_pair(pair: Pair) -> Pair:
    return Pair.objects.select_for_update().select_related("program", "mentor", "mentee").get(pk=pair.pk)


def _record_pair_event(pair: Pair, *, actor, from_status: str, note: str = "") -> None:
    PairEvent.objects.create(pair=pair, actor=actor, from_status=from_status, to_status=pair.status, note=note)


def _check_pairs_per_person(program: Program, membership: Membership, side: str) -> None:
    """Refuse a new pair if `membership` already has the program's maximum of open pairs."""
    open_pairs = Pair.objects.open().filter(program=program, **{side: membership}).count()
    if open_pairs >= program.max_active_pairs_per_person:
        raise ValidationError(
            _("%(name)s already has %(count)d pair(s), the most this program allows.")
            % {"name": membership.pseudonym, "count": open_pairs}
        )


def create_pair(actor: User, *, program: Program, mentor: Membership, mentee: Membership) -> Pair:
    """Match `mentor` with `mentee` in `program`; return the new active pair."""
    require_coordinator(actor, program)
    with transaction.atomic():
        locked = {
            m.pk: m for m in Membership.objects.select_for_update().filter(pk__in=[mentor.pk, mentee.pk])
        }
        mentor, mentee = locked.get(mentor.pk), locked.get(mentee.pk)
        if mentor is None or mentee is None or mentor.program_id != program.pk or mentee.program_id != program.pk:
            raise ValidationError(_("Both people must be members of this program."))
        if mentor.role != Membership.Role.MENTOR or mentee.role != Membership.Role.MENTEE:
            raise ValidationError(_("A pair needs one mentor and one mentee."))
        if mentor.status != Membership.Status.ACTIVE or mentee.status != Membership.Status.ACTIVE:
            raise ValidationError(_("Both people must be active members of the program."))
        _check_pairs_per_person(program, mentor, "mentor")
        _check_pairs_per_person(program, mentee, "mentee")
        pair = Pair.objects.create(program=program, mentor=mentor, mentee=mentee, started_at=timezone.now())
        _record_pair_event(pair, actor=actor, from_status="")
        pairs_changed([pair])
        return pair


def _change_pair_status(actor: User, *, pair: Pair, allowed_from: set[str], to: str, reason: str, **fields) -> Pair:
    """Move `pair` from one of `allowed_from` to `to`, with an audit row; return the pair."""
    require_coordinator(actor, pair.program)
    with transaction.atomic():
        locked = _lock_pair(pair)
        if locked.status not in allowed_from:
            raise StateConflict(
                _("This pair is %(status)s; it cannot be changed that way.") % {"status": locked.get_status_display().lower()}
            )
        from_status = locked.status
        locked.status = to
        locked.status_reason = reason
        for name, value in fields.items():
            setattr(locked, name, value)
        locked.save(update_fields=["status", "status_reason", *fields])
        _record_pair_event(locked, actor=actor, from_status=from_status, note=reason)
        pairs_changed([locked])
        return locked


def _require_reason(reason: str, message: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": message})
    return reason


def pause_pair(actor: User, *, pair: Pair, reason: str) -> Pair:
    """Pause an active pair: it accepts no new letters until resumed."""
    reason = _require_reason(reason, _("Say why the pair is paused; the note stays in the pair's history."))
    return _change_pair_status(
        actor, pair=pair, allowed_from={Pair.Status.ACTIVE}, to=Pair.Status.PAUSED, reason=reason, paused_at=timezone.now()
    )


def resume_pair(actor: User, *, pair: Pair, note: str = "") -> Pair:
    """Resume a paused pair."""
    return _change_pair_status(
        actor, pair=pair, allowed_from={Pair.Status.PAUSED}, to=Pair.Status.ACTIVE, reason=note, paused_at=None
    )


def close_pair(actor: User, *, pair: Pair, reason: str) -> Pair:
    """Close an active or paused pair for good; its letters stay readable."""
    reason = _require_reason(reason, _("Say why the pair is closed; the note stays in the pair's history."))
    return _change_pair_status(
        actor, pair=pair, allowed_from={Pair.Status.ACTIVE, Pair.Status.PAUSED}, to=Pair.Status.CLOSED, reason=reason,
        closed_at=timezone.now(),
    )


# ---------------------------------------------------------------------------- coordinator notes


def add_pair_note(actor: User, *, pair: Pair, text: str) -> PairNote:
    """Add a private coordinator note to `pair`; the pair never sees it."""
    require_coordinator(actor, pair.program)
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": _("Write the note before saving it.")})
    if len(text) > 4000:
        raise ValidationError({"text": _("Keep the note under 4,000 characters.")})
    with transaction.atomic():
        return PairNote.objects.create(pair=pair, author=actor, text=text)


# ---------------------------------------------------------------------------- profile


def update_profile(actor: User, *, membership: Membership, avatar: str, bio: str = "") -> Membership:
    """Change the avatar (and, for mentors, the short bio) of `actor`'s own `membership`.

    The pseudonym is the coordinator's to change: it is what keeps a child anonymous.
    """
    if membership.user_id != actor.pk:
        raise PermissionDenied(_("You can only change your own profile."))
    if avatar and avatar not in AVATAR_CODES:
        raise ValidationError({"avatar": _("Choose one of the pictures shown.")})
    bio = (bio or "").strip()
    if len(bio) > 1000:
        raise ValidationError({"bio": _("Keep your bio under 1,000 characters.")})
    with transaction.atomic():
        locked = Membership.objects.select_for_update().get(pk=membership.pk)
        locked.avatar = avatar
        locked.bio = bio if locked.role == Membership.Role.MENTOR else ""
        locked.save(update_fields=["avatar", "bio"])
        return locked


def update_preferences(actor: User, *, language: str, time_zone: str) -> User:
    """Set `actor`'s own language and time zone (empty: follow the program's)."""
    errors = {}
    if language and language not in LANGUAGE_CODES:
        errors["language"] = _("Choose English, Danish, Norwegian or French.")
    if time_zone:
        try:
            validate_time_zone(time_zone)
        except ValidationError:
            errors["time_zone"] = _("Choose a time zone from the list.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        user = User.objects.select_for_update().get(pk=actor.pk)
        user.language, user.time_zone = language, time_zone
        user.save(update_fields=["language", "time_zone"])
        return user


def reset_calendar_token(actor: User) -> str:
    """Give `actor` a new secret calendar-feed token (the old feed URL stops working); return it."""
    token = secrets.token_urlsafe(32)
    with transaction.atomic():
        User.objects.filter(pk=actor.pk).update(calendar_token=token)
    actor.calendar_token = token
    return token


# ---------------------------------------------------------------------------- enrolment and import


def enrol_participant(
    actor: User, *, program: Program, pseudonym: str, role: str, email: str = "", language: str = "", country: str = "",
    region: str = "", age_band: str = "",
) -> Membership:
    """Add an invited mentee or mentor to `program` without an invitation link yet; return the membership.

    Like programs.accounts.invite_participant, the person has no account until they accept:
    an inactive placeholder account without a password holds the membership (with their
    e-mail and language). The coordinator makes each link on the People page, where it is
    shown once. Used by the CSV import, which cannot show one link per row.
    """
    require_coordinator(actor, program)
    errors = _participant_problems(program, pseudonym=pseudonym, role=role, email=email, language=language,
                                   country=country, region=region, age_band=age_band)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        placeholder = User(
            username=f"invited-{secrets.token_hex(8)}", is_active=False, email=email.strip(), language=language
        )
        placeholder.set_unusable_password()
        placeholder.save()
        return add_member(
            actor, program=program, user=placeholder, role=role, pseudonym=pseudonym, status=Membership.Status.INVITED,
            country=country, region=region, age_band=age_band,
        )


def _participant_problems(
    program: Program, *, pseudonym: str, role: str, email: str, language: str, country: str = "",
    region: str = "", age_band: str = "",
) -> dict:
    """Return {field: message} for what is wrong with one participant's details (empty if fine)."""
    problems = {}
    pseudonym_problem = _pseudonym_problem(program, (pseudonym or "").strip())
    if pseudonym_problem:
        problems["pseudonym"] = pseudonym_problem
    if role not in (Membership.Role.MENTEE, Membership.Role.MENTOR):
        problems["role"] = _("The role must be mentee or mentor.")
    if email and email.strip():
        try:
            validate_email(email.strip())
        except ValidationError:
            problems["email"] = _("“%(email)s” is not an e-mail address.") % {"email": email.strip()}
    if language and language not in LANGUAGE_CODES:
        problems["language"] = _("The language must be en, da, nb or fr.")
    if problem := country_problem(country):
        problems["country"] = problem
    problems.update(member_details_problems(region=tidy_region(region), age_band=age_band))
    return problems


@dataclass(frozen=True)
class CsvRow:
    line: int
    values: dict


def _read_csv(text: str, required: tuple[str, ...]) -> list[CsvRow]:
    """Return the data rows of CSV `text` with their line numbers; the header names the columns.

    Raises ValidationError if the header lacks a `required` column or there are no rows.
    """
    text = (text or "").lstrip("\ufeff")
    reader = csv.DictReader(io.StringIO(text))
    header = [name.strip().lower() for name in (reader.fieldnames or [])]
    missing = [name for name in required if name not in header]
    if missing:
        raise ValidationError(
            _("The first line must name the columns: %(columns)s.") % {"columns": ", ".join(required)}
        )
    reader.fieldnames = header
    rows = [
        CsvRow(line=reader.line_num, values={k: (v or "").strip() for k, v in row.items() if k})
        for row in reader
        if any((v or "").strip() for v in row.values() if isinstance(v, str))
    ]
    if not rows:
        raise ValidationError(_("The file has no rows under its header line."))
    return rows


def _line_error(line: int, message: str) -> str:
    return _("Line %(line)d: %(reason)s") % {"line": line, "reason": message}


def import_participants(actor: User, *, program: Program, csv_text: str) -> list[Membership]:
    """Invite every participant listed in `csv_text` (pseudonym, role, email, language, country, region, age_band).

    Each becomes an invited member (see enrol_participant). Every row is checked first; if any is wrong, nothing is written and the
    ValidationError lists each bad row by its line number.
    """
    require_coordinator(actor, program)
    rows = _read_csv(csv_text, ("pseudonym", "role"))
    errors, seen = [], set()
    for row in rows:
        values = row.values
        problems = _participant_problems(
            program, pseudonym=values.get("pseudonym", ""), role=values.get("role", "").lower(),
            email=values.get("email", ""), language=values.get("language", "").lower(),
            country=values.get("country", "").upper(), region=values.get("region", ""),
            age_band=values.get("age_band", "").lower(),
        )
        key = values.get("pseudonym", "").lower()
        if key and key in seen and "pseudonym" not in problems:
            problems["pseudonym"] = _("“%(name)s” appears twice in the file.") % {"name": values["pseudonym"]}
        seen.add(key)
        errors.extend(_line_error(row.line, message) for message in problems.values())
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        created = [
            enrol_participant(
                actor, program=program, pseudonym=row.values["pseudonym"], role=row.values["role"].lower(),
                email=row.values.get("email", ""), language=row.values.get("language", "").lower(),
                country=row.values.get("country", "").upper(), region=row.values.get("region", ""),
                age_band=row.values.get("age_band", "").lower(),
            )
            for row in rows
        ]
        audit.record(actor, program=program, action=ProgramAuditEntry.Action.PEOPLE_IMPORTED,
                     target=program, detail=f"{len(created)} people")
        return created


def import_pairs(actor: User, *, program: Program, csv_text: str) -> list[Pair]:
    """Create every pair listed in `csv_text` (mentor, mentee: pseudonyms in the program).

    Both people must have joined (active membership), as create_pair requires.
    Every row is checked first, including the program's limit on pairs per person counted
    across the file; if any is wrong, nothing is written and each bad row is reported.
    """
    require_coordinator(actor, program)
    rows = _read_csv(csv_text, ("mentor", "mentee"))
    members = {
        m.pseudonym.lower(): m
        for m in Membership.objects.filter(program=program, status=Membership.Status.ACTIVE)
    }
    open_counts: dict[int, int] = {}
    for pair in Pair.objects.open().filter(program=program).values("mentor_id", "mentee_id"):
        for member_id in (pair["mentor_id"], pair["mentee_id"]):
            open_counts[member_id] = open_counts.get(member_id, 0) + 1
    errors, planned = [], []
    for row in rows:
        problems = []
        found = {}
        for column, role in (("mentor", Membership.Role.MENTOR), ("mentee", Membership.Role.MENTEE)):
            name = row.values.get(column, "")
            member = members.get(name.lower())
            if member is None:
                problems.append(_("there is no active member called “%(name)s”.") % {"name": name})
            elif member.role != role:
                problems.append(_("“%(name)s” is not a %(role)s.") % {"name": name, "role": role.label.lower()})
            else:
                found[column] = member
        for member in found.values():
            if open_counts.get(member.pk, 0) >= program.max_active_pairs_per_person:
                problems.append(_("%(name)s already has the most pairs this program allows.") % {"name": member.pseudonym})
        if not problems:
            for member in found.values():
                open_counts[member.pk] = open_counts.get(member.pk, 0) + 1
            planned.append(found)
        errors.extend(_line_error(row.line, problem) for problem in problems)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        created = [create_pair(actor, program=program, mentor=p["mentor"], mentee=p["mentee"]) for p in planned]
        audit.record(actor, program=program, action=ProgramAuditEntry.Action.PAIRS_IMPORTED,
                     target=program, detail=f"{len(created)} pairs")
        return created

# ---------------------------------------------------------------------------- screening settings

#: The longest watch word or phrase a coordinator may add, in characters.
WATCH_WORD_MAX_LENGTH = 100


def country_problem(code: str) -> str | None:
    """Return why `code` is not a country screening supports, or None if it is one (or empty)."""
    if code and code not in REGION_CODES:
        return _("Choose one of these countries: %(codes)s.") % {"codes": ", ".join(REGION_CODES)}
    return None


def watch_word_key(term: str) -> str:
    """Return what two watch words that find the same words have in common: folded, single-spaced."""
    return " ".join(fold(term).split())


def add_watch_word(actor: User, *, program: Program, term: str, severity: str) -> WatchWord:
    """Add a watch word or phrase to `program`; the next letter screened is checked for it. Return it.

    `severity` is "hold" (the letter waits for a coordinator) or "urgent" (coordinators are
    alerted at once, as for a safeguarding concern). The term is kept as typed, with its
    spaces tidied; a term that finds the same words as one the program has (differing only
    in case, accents or spacing) is refused, as are an empty term and one over
    WATCH_WORD_MAX_LENGTH characters. Writes an audit row.
    """
    require_coordinator(actor, program)
    term = " ".join((term or "").split())
    if not term:
        raise ValidationError({"term": _("Write the word or phrase to watch for.")})
    if len(term) > WATCH_WORD_MAX_LENGTH:
        raise ValidationError({"term": _("Keep a watch word under %(limit)d characters.") % {"limit": WATCH_WORD_MAX_LENGTH}})
    if severity not in WatchWord.Severity.values:
        raise ValidationError({"severity": _("Choose whether the letter waits or the coordinators are alerted at once.")})
    key = watch_word_key(term)
    with transaction.atomic():
        # Lock the program so two coordinators adding the same word at once get the message, not an error page.
        Program.objects.select_for_update().get(pk=program.pk)
        existing = WatchWord.objects.filter(program=program, match_key=key).first()
        if existing is not None:
            raise ValidationError({"term": _("“%(term)s” is already a watch word of this program.") % {"term": existing.term}})
        watch_word = WatchWord.objects.create(
            program=program, term=term, match_key=key, severity=severity, created_by=actor
        )
        audit.record(actor, program=program, action=ProgramAuditEntry.Action.WATCH_WORD_ADDED, target=watch_word,
                     detail=f"{term} ({severity})")
    return watch_word


def remove_watch_word(actor: User, *, watch_word: WatchWord) -> None:
    """Remove a watch word from its program; letters screened from now on are not checked for it.

    Findings already stored on letters stay. Removing a word someone else just removed
    changes nothing. Writes an audit row.
    """
    program = watch_word.program
    require_coordinator(actor, program)
    with transaction.atomic():
        locked = WatchWord.objects.select_for_update().filter(pk=watch_word.pk).first()
        if locked is None:
            return
        audit.record(actor, program=program, action=ProgramAuditEntry.Action.WATCH_WORD_REMOVED, target=locked,
                     detail=f"{locked.term} ({locked.severity})")
        locked.delete()


def set_screening_countries(actor: User, *, program: Program, countries) -> Program:
    """Choose the countries whose phone numbers and addresses screening reads in `program`'s letters.

    `countries` are codes of REGION_CHOICES; none means the usual country of the program's
    language. They are stored in the order of REGION_CHOICES, each once. Writes an audit
    row when they change; return the program.
    """
    require_coordinator(actor, program)
    chosen = set(countries or ())
    if chosen - set(REGION_CODES):
        raise ValidationError({"countries": _("Choose countries from the list.")})
    ordered = [code for code, _label in REGION_CHOICES if code in chosen]
    with transaction.atomic():
        locked = Program.objects.select_for_update().get(pk=program.pk)
        if locked.screening_countries != ordered:
            before = ", ".join(locked.screening_countries) or "-"
            locked.screening_countries = ordered
            locked.save(update_fields=["screening_countries"])
            audit.record(actor, program=locked, action=ProgramAuditEntry.Action.SCREENING_COUNTRIES_CHANGED,
                         target=locked, detail=f"{before} -> {', '.join(ordered) or '-'}")
    program.screening_countries = ordered
    return program


# ---------------------------------------------------------------------------- region and age band (statistics)


def tidy_region(text: str) -> str:
    """Return `text` with its spaces tidied (trimmed, runs made single), as regions are stored and counted."""
    return " ".join((text or "").split())


def member_details_problems(*, region: str, age_band: str) -> dict:
    """Return {field: message} for a tidied `region` that is too long or an `age_band` not in AgeBand (empty if fine)."""
    problems = {}
    if len(region) > REGION_MAX_LENGTH:
        problems["region"] = _("Keep the region under %(limit)d characters.") % {"limit": REGION_MAX_LENGTH}
    if age_band and age_band not in AgeBand.values:
        problems["age_band"] = _("The age band must be one of: %(bands)s.") % {"bands": ", ".join(AgeBand.values)}
    return problems


def set_member_details(actor: User, *, membership: Membership, region: str, age_band: str) -> Membership:
    """Set where a member lives (`region`, free text) and their `age_band` (AgeBand; empty: unknown).

    Only a coordinator of the member's program may; both values feed only the program's
    statistics. Writes an audit row saying which of the two changed, never their values
    (they are personal data). Return the membership.
    """
    require_coordinator(actor, membership.program)
    region = tidy_region(region)
    if problems := member_details_problems(region=region, age_band=age_band):
        raise ValidationError(problems)
    with transaction.atomic():
        locked = Membership.objects.select_for_update().select_related("program").get(pk=membership.pk)
        changed = [name for name, value in (("region", region), ("age_band", age_band)) if getattr(locked, name) != value]
        if changed:
            locked.region, locked.age_band = region, age_band
            locked.save(update_fields=changed)
            audit.record(actor, program=locked.program, action=ProgramAuditEntry.Action.MEMBER_DETAILS_CHANGED,
                         target=locked, detail=", ".join(changed))
        return locked


def set_rewards_enabled(actor: User, *, program: Program, enabled: bool) -> Program:
    """Switch the stamps of the letter passport on or off for `program`; return the program.

    Coordinators of the program (and operators) only. Off: the award job gives the
    program's members no new stamps and no page shows the stamps they have (goals.rewards);
    switching on again shows them, and stamps are earned again from then on. Writes an
    audit row when the setting changes.
    """
    require_coordinator(actor, program)
    enabled = bool(enabled)
    with transaction.atomic():
        locked = Program.objects.select_for_update().get(pk=program.pk)
        if locked.rewards_enabled != enabled:
            locked.rewards_enabled = enabled
            locked.save(update_fields=["rewards_enabled"])
            audit.record(actor, program=locked, action=ProgramAuditEntry.Action.REWARDS_CHANGED, target=locked,
                         detail="on" if enabled else "off")
    program.rewards_enabled = enabled
    return program
