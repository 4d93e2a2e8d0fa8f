"""Break-the-glass: a Veilig Thuis worker opens a case outside the normal rules, with a reason.

The access is allowed but flagged: it lands in the access log as BREAK_THE_GLASS with the
reason (sealed under the case's key on Kafka) and is listed in the auditor's review.
"""

from __future__ import annotations

import strawberry

from domain.access.model import AccessKind, check_break_the_glass_reason
from domain.errors import NotFound
from domain.identity.model import Role
from gateway.cases.types import VeiligThuisCase
from gateway.context import Context
from gateway.identity.types import parse_id

Info = strawberry.Info[Context, None]
RULE = "vt_medewerker.break_the_glass"


@strawberry.type
class AccessMutation:
    @strawberry.mutation(
        description="VT_MEDEWERKER: open any case outside the normal rules; the reason is logged for review."
    )
    def break_the_glass(self, info: Info, case_id: strawberry.ID, reason: str) -> VeiligThuisCase:
        services = info.context.services
        with info.context.trail.guard(str(case_id), RULE):
            info.context.principal.require(Role.VT_MEDEWERKER)
            checked = check_break_the_glass_reason(reason)
            row = services.cases.vt_cases.case(str(parse_id(case_id, "case")))
            if row is None:
                raise NotFound(f"no case {case_id}")
        info.context.trail.note(AccessKind.BREAK_THE_GLASS, row.id, RULE, checked)
        return VeiligThuisCase.of(row, services.cases.opener, services.today())
