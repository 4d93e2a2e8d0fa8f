"""GraphQL types of the access log: NEN 7513 lines for the auditor, viewings for a melder."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

import strawberry

from domain.access.model import AccessKind as DomainAccessKind
from domain.access.model import Outcome as DomainOutcome
from gateway.access.readmodels import AccessRow

AccessKind = strawberry.enum(DomainAccessKind, name="AccessKind")
AccessOutcome = strawberry.enum(DomainOutcome, name="AccessOutcome")


@strawberry.type(
    description="One NEN 7513 access line: event, time, client, user, responsible user, access point."
)
class AccessLine:
    id: strawberry.ID
    kind: AccessKind  # type: ignore[valid-type]
    at: datetime
    client_id: str = strawberry.field(
        description="A pseudonymised id: case, match, professional or youth pseudonym."
    )
    user_id: str
    responsible_id: str = strawberry.field(description="The user's organisation.")
    client_address: str
    token_id: str
    rule: str = strawberry.field(description="The need-to-know rule that allowed or refused it.")
    outcome: AccessOutcome  # type: ignore[valid-type]
    reason: str | None = strawberry.field(description="Break-the-glass only: the reason given.")

    @classmethod
    def of(cls, row: AccessRow, open_reason: Callable[[str, str], str]) -> AccessLine:
        reason = open_reason(row.client_id, row.reason_sealed) if row.reason_sealed else None
        return cls(
            id=strawberry.ID(row.access_id),
            kind=DomainAccessKind(row.kind),
            at=row.at,
            client_id=row.client_id,
            user_id=row.user_id,
            responsible_id=row.responsible_id,
            client_address=row.client_address,
            token_id=row.token_id,
            rule=row.rule,
            outcome=DomainOutcome(row.outcome),
            reason=reason,
        )


@strawberry.type(description="Who looked at a case the caller reported: professional, organisation, when.")
class CaseViewing:
    case_id: strawberry.ID
    user_id: strawberry.ID
    organisation_id: strawberry.ID
    kind: AccessKind  # type: ignore[valid-type]
    at: datetime

    @classmethod
    def of(cls, row: AccessRow) -> CaseViewing:
        return cls(
            case_id=strawberry.ID(row.client_id),
            user_id=strawberry.ID(row.user_id),
            organisation_id=strawberry.ID(row.responsible_id),
            kind=DomainAccessKind(row.kind),
            at=row.at,
        )
