"""NEN 7513 access events: who did what with whose personal data, when, where and why.

One `AccessRecord` aggregate per access, created by its only event, `AccessRecorded`: an
access line is never changed afterwards, so an aggregate of one event is the whole story.
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


class AccessRecord(Aggregate):
    @event("AccessRecorded")
    def __init__(self, id: UUID, access: Access) -> None:
        self.access = access


def check_break_the_glass_reason(reason: str) -> str:
    """The reason as logged, trimmed; refuses one too short to review, too long, or malformed."""
    text = limits.BREAK_THE_GLASS_REASON.check_optional(reason) or ""
    if len(text) < MIN_REASON:
        raise ReasonRequired(f"state a reason of at least {MIN_REASON} characters")
    return text


class ReasonRequired(DomainError):
    code = "REASON_REQUIRED"
