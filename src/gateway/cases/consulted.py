"""What the vertrouwensarts reads of a case they are involved in: the people (without BSN) and
the dossier, during triage and onderzoek — the `vertrouwensarts` row of the need-to-know policy.

The vertrouwensarts is the professional a Veilig Thuis worker involved on the case
(`involveVertrouwensarts`); it reads the Veilig Thuis view, narrowed to these fields. A
vertrouwensarts who is also a worker of the case's Veilig Thuis reads it through `case` too.
"""

from __future__ import annotations

import strawberry

from domain.cases.intake import BetrokkeneRole as DomainRole
from domain.cases.phase import Phase
from domain.errors import NotFound
from domain.identity.model import Role
from gateway.cases.enums import BetrokkeneRole, CasePhase
from gateway.cases.readmodels import BetrokkeneRow, Opener, VtCaseRow
from gateway.cases.types import DossierEntry
from gateway.context import Context
from gateway.identity.types import parse_id
from gateway.policy import audience

Info = strawberry.Info[Context, None]
ARTS = "vertrouwensarts"
RULE_CONSULTED = audience(ARTS).rule("consultedCase")
RULE_LIST = audience(ARTS).rule("consultedCases")
INVOLVED = "VertrouwensartsInvolved"


@strawberry.type(description="A person on a case, as the vertrouwensarts sees them: no BSN.")
class ConsultedPerson:
    id: strawberry.ID
    role: BetrokkeneRole  # type: ignore[valid-type]
    name: str
    birth_date: str

    @classmethod
    def of(cls, row: BetrokkeneRow, opener: Opener) -> ConsultedPerson:
        name, birth = (opener.open_or_erased(row.person_id, sealed) for sealed in (row.name, row.birth_date))
        return cls(id=strawberry.ID(row.person_id), role=DomainRole(row.role), name=name, birth_date=birth)


@strawberry.type(description="A case the caller is involved in as vertrouwensarts.")
class ConsultedCase:
    id: strawberry.ID
    phase: CasePhase  # type: ignore[valid-type]
    betrokkenen: list[ConsultedPerson]
    dossier: list[DossierEntry]

    @classmethod
    def of(cls, row: VtCaseRow, opener: Opener) -> ConsultedCase:
        people = [ConsultedPerson.of(b, opener) for b in row.betrokkenen]
        dossier = [DossierEntry.of(entry, opener) for entry in row.dossier]
        return cls(id=strawberry.ID(row.id), phase=Phase(row.phase), betrokkenen=people, dossier=dossier)


@strawberry.type(description="A case the caller is involved in as vertrouwensarts, to open it by.")
class ConsultedCaseSummary:
    id: strawberry.ID
    phase: CasePhase  # type: ignore[valid-type]


def involved(row: VtCaseRow, professional_id: str) -> bool:
    """The latest vertrouwensarts involved on the case is this professional."""
    named = [entry.detail for entry in row.dossier if entry.kind == INVOLVED]
    return bool(named) and named[-1] == professional_id


@strawberry.type
class ConsultedQuery:
    @strawberry.field(
        description="VT_MEDEWERKER involved on the case as vertrouwensarts: its people (no BSN) and "
        "dossier, during triage and onderzoek."
    )
    def consulted_case(self, info: Info, id: strawberry.ID) -> ConsultedCase:
        principal, services = info.context.principal, info.context.services
        with info.context.trail.guard(str(id), RULE_CONSULTED):
            principal.require(Role.VT_MEDEWERKER)
            row = services.cases.vt_cases.case(str(parse_id(id, "case")))
            if (
                row is None
                or not involved(row, str(principal.professional))
                or not audience(ARTS).in_state(row.phase)
            ):
                raise NotFound(f"no case {id}")
        info.context.trail.read([row.id], RULE_CONSULTED)
        return ConsultedCase.of(row, services.cases.opener)

    @strawberry.field(
        description="VT_MEDEWERKER: the cases the caller is involved in as vertrouwensarts, while "
        "in triage or onderzoek: id and phase only."
    )
    def consulted_cases(self, info: Info) -> list[ConsultedCaseSummary]:
        principal, services = info.context.principal, info.context.services
        principal.require(Role.VT_MEDEWERKER)
        me, views = str(principal.professional), services.cases.vt_cases
        rows = [views.case(case_id) for case_id in views.consulted_by(me)]
        mine = [r for r in rows if r is not None and involved(r, me) and audience(ARTS).in_state(r.phase)]
        info.context.trail.read([row.id for row in mine], RULE_LIST)
        return [ConsultedCaseSummary(id=strawberry.ID(row.id), phase=Phase(row.phase)) for row in mine]
