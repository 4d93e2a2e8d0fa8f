"""The verwijsindex logboek over GraphQL: for the regievoerder (own municipality) and the
auditor. Consulting it is itself an access line (a search), under the young person's
pseudonym when a BSN was given."""

from __future__ import annotations

from datetime import datetime

import strawberry

from domain.access.model import AccessKind
from domain.identity.model import Role
from gateway.context import Context
from gateway.readmodels import LogbookRow

Info = strawberry.Info[Context, None]
ANY_CLIENT = "-"


@strawberry.type(description="Who registered, withdrew or was notified (match) of a signal, and when.")
class LogbookEntry:
    action: str = strawberry.field(description="REGISTERED, WITHDRAWN, EXPIRED (no day kept) or NOTIFIED.")
    at: datetime | None
    signal_id: strawberry.ID | None
    match_id: strawberry.ID | None
    professional_id: strawberry.ID
    organisation_id: strawberry.ID

    @classmethod
    def of(cls, row: LogbookRow) -> LogbookEntry:
        return cls(
            action=row.action,
            at=row.at,
            signal_id=strawberry.ID(row.signal_id) if row.signal_id else None,
            match_id=strawberry.ID(row.match_id) if row.match_id else None,
            professional_id=strawberry.ID(row.professional_id),
            organisation_id=strawberry.ID(row.organisation_id),
        )


@strawberry.type
class LogbookQuery:
    @strawberry.field(
        description="REGIEVOERDER (own municipality) or AUDITOR: the verwijsindex logboek, of one "
        "young person when a BSN is given."
    )
    def signal_logbook(self, info: Info, bsn: str | None = None) -> list[LogbookEntry]:
        principal, services = info.context.principal, info.context.services
        principal.require(Role.REGIEVOERDER, Role.AUDITOR)
        subject = services.pseudonymiser.subject(bsn) if bsn else None
        municipality = None if Role.AUDITOR in principal.roles else _municipality_ref(info)
        audience = "auditor" if municipality is None else "regievoerder"
        info.context.trail.note(AccessKind.SEARCH, subject or ANY_CLIENT, f"{audience}.signal_logbook")
        return [LogbookEntry.of(row) for row in services.logbook.search(subject, municipality)]


def _municipality_ref(info: Info) -> str:
    services, organisation_id = info.context.services, info.context.principal.organisation_id
    assert organisation_id is not None  # a regievoerder always belongs to a municipality
    code = services.identity.organisation(organisation_id).municipality_code
    return services.pseudonymiser.municipality(code)
