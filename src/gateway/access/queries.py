"""The access log read back: per client and per user for the auditor, the break-the-glass
review, and for a professional who viewed the cases they reported."""

from __future__ import annotations

from collections.abc import Callable

import strawberry

from domain.access.model import AccessKind as DomainAccessKind
from domain.identity.model import Role
from gateway.access.types import AccessLine, CaseViewing
from gateway.context import Context

Info = strawberry.Info[Context, None]
ANY_CLIENT = "-"


@strawberry.type
class AccessQuery:
    @strawberry.field(description="AUDITOR: access lines of one client and/or one user, oldest first.")
    def access_log(
        self, info: Info, client_id: strawberry.ID | None = None, user_id: strawberry.ID | None = None
    ) -> list[AccessLine]:
        info.context.principal.require(Role.AUDITOR)
        # Consulting the log is an access of its own (a search over a client's history).
        info.context.trail.note(DomainAccessKind.SEARCH, str(client_id or ANY_CLIENT), "auditor.access_log")
        services = info.context.services
        rows = services.access.view.search(_str(client_id), _str(user_id))
        return [AccessLine.of(row, _opener(info)) for row in rows]

    @strawberry.field(description="AUDITOR: every break-the-glass access, with its reason, for review.")
    def break_the_glass_review(self, info: Info) -> list[AccessLine]:
        info.context.principal.require(Role.AUDITOR)
        rows = info.context.services.access.view.break_the_glass()
        info.context.trail.note(DomainAccessKind.SEARCH, ANY_CLIENT, "auditor.break_the_glass_review")
        return [AccessLine.of(row, _opener(info)) for row in rows]

    @strawberry.field(description="Who read the cases the caller reported (other professionals only).")
    def who_viewed_my_meldingen(self, info: Info) -> list[CaseViewing]:
        me = str(info.context.principal.professional)
        services = info.context.services
        case_ids = [row.case_id for row in services.cases.my_meldingen.of(me)]
        rows = services.access.view.of_clients(case_ids)
        return [CaseViewing.of(row) for row in rows if row.user_id != me and row.outcome == "ALLOWED"]


def _str(value: strawberry.ID | None) -> str | None:
    return str(value) if value is not None else None


def _opener(info: Info) -> Callable[[str, str], str]:
    return info.context.services.cases.opener.open_or_erased
