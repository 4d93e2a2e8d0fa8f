"""Read case work from the views built off keten.cases.v1, each audience its own."""

from __future__ import annotations

import strawberry

from domain.errors import NotFound
from domain.identity.model import Role
from gateway.cases.audiences import HandedOverCase, HandoverProposal, MyMelding, Plan
from gateway.cases.types import Deadline, VeiligThuisCase
from gateway.context import Context
from gateway.identity.types import parse_id
from gateway.policy import audience

Info = strawberry.Info[Context, None]
VT, MELDER, RECEIVER, REGISSEUR = "vt_medewerker", "melder", "receiver_after_acceptance", "regisseur"
RULE_CASE = audience(VT).rule("case")


@strawberry.type
class CasesQuery:
    @strawberry.field(description="VT_MEDEWERKER: a case of the caller's own Veilig Thuis, dossier opened.")
    def case(self, info: Info, id: strawberry.ID) -> VeiligThuisCase:
        principal, services = info.context.principal, info.context.services
        with info.context.trail.guard(str(id), RULE_CASE):
            principal.require(Role.VT_MEDEWERKER)
            row = services.cases.vt_cases.case(str(parse_id(id, "case")))
            if (
                row is None
                or row.veilig_thuis_id != str(principal.organisation_id)
                or not _vt_sees(row.phase)
            ):
                raise NotFound(f"no case {id}")
        info.context.trail.read([row.id], RULE_CASE)
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
        today = services.today()  # one day for the whole answer, also across midnight
        return [Deadline.of(row, today) for row in rows]

    @strawberry.field(description="The caller's own meldingen: status and terugkoppeling only.")
    def my_meldingen(self, info: Info) -> list[MyMelding]:
        professional_id = info.context.principal.professional
        services = info.context.services
        melder = audience(MELDER)
        rows = [r for r in services.cases.my_meldingen.of(str(professional_id)) if melder.in_state(r.status)]
        info.context.trail.read([row.case_id for row in rows], melder.rule("myMeldingen"))
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
        receiver = audience(RECEIVER)
        rows = [
            r
            for r in services.cases.receiver_cases.handed_over(str(organisation_id))
            if receiver.in_state(r.status)
        ]
        info.context.trail.read([row.case_id for row in rows], receiver.rule("handedOverCases"))
        return [HandedOverCase.of(row, services.cases.opener) for row in rows]

    @strawberry.field(
        description="The plans the caller now runs as regisseur (of an accepted or completed handover)."
    )
    def regie_plans(self, info: Info) -> list[Plan]:
        professional_id, services = info.context.principal.professional, info.context.services
        regisseur = audience(REGISSEUR)
        rows = services.cases.receiver_cases.regie(str(professional_id), regisseur.states)
        info.context.trail.read([case_id for case_id, _ in rows], regisseur.rule("regiePlans"))
        return [Plan.of(row, services.cases.opener) for _, row in rows]


def _vt_sees(phase: str) -> bool:
    return audience(VT).in_state(phase)
