"""Writing the program audit log (ProgramAuditEntry): one call per change, from inside its service.

Every service that changes a program's people, roles, settings, readings or assignments
calls `record` in its own transaction, so the entry and the change are saved together or
not at all. The log is append-only (programs.models.AppendOnlyModel); coordinators read
their program's entries through programs.selectors.list_program_audit.
"""

from programs.models import AuditTarget, Program, ProgramAuditAction, ProgramAuditEntry

#: Longest `detail` kept; a detail says what changed in a few words, never who (no personal data).
DETAIL_MAX_LENGTH = 200


def record(actor, *, program: Program | None, action: ProgramAuditAction, target=None,
           target_type: AuditTarget | str = "", detail: str = "") -> ProgramAuditEntry:
    """Append one entry: `actor` did `action` in `program` (None: the shared library) to `target`.

    `target` is the model instance changed (its type is `target_type`, else its model's
    name); `detail` must not name a person: role names, counts, settings values and
    watch words are fine, pseudonyms, e-mail addresses and letter text are not.
    """
    if target is not None and not target_type:
        target_type = target._meta.model_name
    return ProgramAuditEntry.objects.create(
        program=program, actor=actor if getattr(actor, "pk", None) else None, action=action,
        target_type=target_type, target_id=getattr(target, "pk", None), detail=detail[:DETAIL_MAX_LENGTH],
    )
