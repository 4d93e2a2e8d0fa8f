"""NEN 7513 access events: who did what with whose personal data, when, where and why.

The lines of a request (or of several requests stored together) are one `AccessBatch`, created
by its only event, `AccessesRecorded`, holding each line with its own id: a line is never
changed afterwards, and one stored event for a page of 20 matches costs a third of twenty
(each event is encrypted, compressed and inserted on its own). The relay still publishes one
record per line. Lines stored before batches were one `AccessRecord` per line; they stay.
The client is a pseudonymised id (a case id, a match id, a young person's pseudonym or the
professional's own id) — never a BSN or a name — so the log itself reveals nobody.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import Enum
from uuid import UUID

from eventsourcing.domain import Aggregate, event

from domain.errors import DomainError
from domain.validation import limits

MIN_REASON = 10  # characters: "nodig" is no reason an auditor can review


class AccessKind(Enum):
    """NEN 7513 ch.6: the events to log (read, search, create, change, transfer, export,
    a denied attempt, and direct access outside the normal controls)."""

    READ = "READ"
    SEARCH = "SEARCH"
    CREATE = "CREATE"
    CHANGE = "CHANGE"
    HANDOVER = "HANDOVER"
    DENIED = "DENIED"
    EXPORT = "EXPORT"
    BREAK_THE_GLASS = "BREAK_THE_GLASS"


class Outcome(Enum):
    ALLOWED = "ALLOWED"
    DENIED = "DENIED"


@dataclass(frozen=True)
class Access:
    """One access line, as the gateway collects it during a request."""

    kind: AccessKind
    at: datetime
    client_id: str
    user_id: str
    responsible_id: str  # the user's organisation: the responsible party (NEN 7513 §7.3)
    client_address: str
    token_id: str
    rule: str  # the need-to-know rule that allowed (or refused) it
    outcome: Outcome
    reason: str | None = None  # only for break-the-glass: the reason the user gave


LINES_PER_BATCH = 256  # a larger request is stored as several batches, in one save


class AccessRecord(Aggregate):
    """One line: how lines were stored before `AccessBatch` (read, never written now)."""

    @event("AccessRecorded")
    def __init__(self, id: UUID, access: Access) -> None:
        self.access = access


class AccessBatch(Aggregate):
    @event("AccessesRecorded")
    def __init__(self, id: UUID, line_ids: list[UUID], lines: list[Access]) -> None:
        if not lines or len(lines) != len(line_ids) or len(lines) > LINES_PER_BATCH:
            raise ValueError(f"a batch holds 1 to {LINES_PER_BATCH} lines, each with its id")
        self.line_ids = line_ids
        self.lines = lines


def check_break_the_glass_reason(reason: str) -> str:
    """The reason as logged, trimmed; refuses one too short to review, too long, or malformed."""
    text = limits.BREAK_THE_GLASS_REASON.check_optional(reason) or ""
    if len(text) < MIN_REASON:
        raise ReasonRequired(f"state a reason of at least {MIN_REASON} characters")
    return text


class ReasonRequired(DomainError):
    code = "REASON_REQUIRED"
