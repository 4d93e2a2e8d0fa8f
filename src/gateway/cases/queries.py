"""Read case work from the views built off keten.cases.v1, each audience its own."""

from __future__ import annotations

import strawberry

from domain.errors import NotFound
from domain.identity.model import Role
from gateway.cases.audiences import HandedOverCase, HandoverProposal, MyMelding
from gateway.cases.types import Deadline, VeiligThuisCase
from gateway.context import Context
from gateway.identity.types import parse_id

Info = strawberry.Info[Context, None]


@strawberry.type
class CasesQuery:
    @strawberry.field(description="VT_MEDEWERKER: a case of the caller's own Veilig Thuis, dossier opened.")
    def case(self, info: Info, id: strawberry.ID) -> VeiligThuisCase:
        principal = info.context.principal
        principal.require(Role.VT_MEDEWERKER)
        services = info.context.services
        row = services.cases.vt_cases.case(str(parse_id(id, "case")))
        if row is None or row.veilig_thuis_id != str(principal.organisation_id):
            raise NotFound(f"no case {id}")
        return VeiligThuisCase.of(row, services.cases.opener, services.today())

    @strawberry.field(
        description="VT_MEDEWERKER: every open triage, V&V, onderzoek, terugkoppeling and monitoring "
        "check of the caller's Veilig Thuis, earliest first."
    )
    def deadlines(self, info: Info) -> list[Deadline]:
        principal = info.context.principal
        principal.require(Role.VT_MEDEWERKER)
        services = info.context.services
        rows = services.cases.vt_cases.deadlines(str(principal.organisation_id))
        return [Deadline.of(row, services.today()) for row in rows]

    @strawberry.field(description="The caller's own meldingen: status and terugkoppeling only.")
    def my_meldingen(self, info: Info) -> list[MyMelding]:
        professional_id = info.context.principal.professional
        services = info.context.services
        rows = services.cases.my_meldingen.of(str(professional_id))
        return [MyMelding.of(row, services.cases.opener) for row in rows]

    @strawberry.field(description="Handovers proposed to the caller's organisation, waiting for an answer.")
    def handover_proposals(self, info: Info) -> list[HandoverProposal]:
        organisation_id = info.context.principal.organisation_id
        rows = info.context.services.cases.receiver_cases.proposals(str(organisation_id))
        return [HandoverProposal.of(row) for row in rows]

    @strawberry.field(
        description="Cases whose handover the caller's organisation accepted, with their plans."
    )
    def handed_over_cases(self, info: Info) -> list[HandedOverCase]:
        organisation_id = info.context.principal.organisation_id
        services = info.context.services
        rows = services.cases.receiver_cases.handed_over(str(organisation_id))
        return [HandedOverCase.of(row, services.cases.opener) for row in rows]
