"""The programs app's models, one module per seam; import them from here (`from programs.models import Pair`).

- base.py: languages, countries, validators, the constraint and append-only helpers
- people.py: User, Membership (role, pseudonym, status), Invitation
- programs.py: Program and its querysets (coordinated_by, visible_to)
- pairs.py: Pair, PairEvent, PairNote
- screening.py: WatchWord
- audit.py: ProgramAuditEntry, the program audit log
"""

from programs.models.base import (
    DEFAULT_REGION_BY_LANGUAGE, LANGUAGE_CHOICES, LANGUAGE_CODES, REGION_CHOICES, REGION_CODES, AppendOnlyModel,
    AppendOnlyQuerySet, choices_constraint, validate_screening_countries, validate_time_zone,
)
from programs.models.people import (
    AVATAR_CHOICES, AVATAR_CODES, REGION_MAX_LENGTH, AgeBand, Invitation, Membership, MembershipQuerySet, MembershipRole, MembershipStatus, User,
)
from programs.models.programs import ErasedLetters, Program, ProgramQuerySet, ReviewPolicy
from programs.models.pairs import Pair, PairEvent, PairNote, PairQuerySet, PairStatus
from programs.models.screening import WatchWord, WatchWordSeverity
from programs.models.audit import AuditTarget, ProgramAuditAction, ProgramAuditEntry

__all__ = [
    "AVATAR_CHOICES", "AVATAR_CODES", "DEFAULT_REGION_BY_LANGUAGE", "LANGUAGE_CHOICES", "LANGUAGE_CODES",
    "REGION_CHOICES", "REGION_CODES", "REGION_MAX_LENGTH", "AgeBand", "AppendOnlyModel", "AppendOnlyQuerySet", "AuditTarget", "ErasedLetters",
    "Invitation",
    "Membership", "MembershipQuerySet", "MembershipRole", "MembershipStatus", "Pair", "PairEvent", "PairNote",
    "PairQuerySet", "PairStatus", "Program", "ProgramAuditAction", "ProgramAuditEntry", "ProgramQuerySet",
    "ReviewPolicy", "User", "WatchWord", "WatchWordSeverity", "choices_constraint", "validate_screening_countries",
    "validate_time_zone",
]
