"""Veilig Thuis's own services: Voorwaarden & Vervolg, Onderzoek, monitoring, and the measures."""

from __future__ import annotations

from datetime import date
from uuid import UUID

import strawberry

from domain.errors import NotFound
from domain.identity.application import IdentityApplication
from domain.identity.model import Role, Sector
from gateway.cases.access import Info, veilig_thuis_case
from gateway.cases.enums import EscalationTarget, FollowUp, MonitoringCheck, OnderzoekOutcome
from gateway.identity.types import parse_id

ID = strawberry.ID


def _id(value: object) -> ID:
    return ID(str(value))


def vertrouwensarts(identity: IdentityApplication, professional_id: UUID) -> UUID:
    """The professional, if they can be the vertrouwensarts: a Veilig Thuis worker (of this or
    another Veilig Thuis organisation), who can then open the case as a consult. Any other id
    would satisfy the rule that some cases need a vertrouwensarts without anyone to consult."""
    professional = identity.professional(professional_id)
    organisation = identity.organisation(professional.organisation_id)
    if Role.VT_MEDEWERKER not in professional.roles or organisation.sector is not Sector.VEILIG_THUIS:
        raise NotFound(f"no Veilig Thuis worker {professional_id} to involve as vertrouwensarts")
    return professional.id


@strawberry.type
class ServicesMutation:
    @strawberry.mutation(description="VT_MEDEWERKER: set a safety condition (V&V); returns its id.")
    def set_voorwaarde(self, info: Info, case_id: ID, voorwaarde: str) -> ID:
        uuid = veilig_thuis_case(info, case_id)
        return _id(info.context.services.cases.cases.set_voorwaarde(uuid, voorwaarde))

    @strawberry.mutation(description="VT_MEDEWERKER: record help deployed by an organisation (V&V).")
    def deploy_help(self, info: Info, case_id: ID, organisation_id: ID, description: str) -> ID:
        uuid = veilig_thuis_case(info, case_id)
        organisation = parse_id(organisation_id, "organisation")
        info.context.services.cases.cases.deploy_help(uuid, organisation, description)
        return case_id

    @strawberry.mutation(description="VT_MEDEWERKER: whether a safety condition was complied with (V&V).")
    def record_compliance_check(
        self, info: Info, case_id: ID, voorwaarde_id: ID, complied: bool, note: str | None = None
    ) -> ID:
        uuid = veilig_thuis_case(info, case_id)
        voorwaarde = parse_id(voorwaarde_id, "voorwaarde")
        info.context.services.cases.cases.record_compliance_check(uuid, voorwaarde, complied, note)
        return case_id

    @strawberry.mutation(description="VT_MEDEWERKER: end V&V in a handover or in monitoring.")
    def end_voorwaarden_en_vervolg(self, info: Info, case_id: ID, follow_up: FollowUp) -> ID:  # type: ignore[valid-type]
        uuid = veilig_thuis_case(info, case_id)
        info.context.services.cases.cases.end_voorwaarden_en_vervolg(uuid, follow_up)
        return case_id

    @strawberry.mutation(description="VT_MEDEWERKER: what a betrokkene said in an Onderzoek conversation.")
    def hear_person(self, info: Info, case_id: ID, person_id: ID, account: str) -> ID:
        uuid = veilig_thuis_case(info, case_id)
        info.context.services.cases.cases.hear_person(uuid, parse_id(person_id, "betrokkene"), account)
        return case_id

    @strawberry.mutation(
        description="VT_MEDEWERKER: ask a professional for information; returns the request id."
    )
    def request_information(
        self, info: Info, case_id: ID, professional_id: ID, organisation_id: ID, question: str
    ) -> ID:
        uuid = veilig_thuis_case(info, case_id)
        professional = parse_id(professional_id, "professional")
        organisation = parse_id(organisation_id, "organisation")
        cases = info.context.services.cases.cases
        return _id(cases.request_information(uuid, professional, organisation, question))

    @strawberry.mutation(description="VT_MEDEWERKER: the answer to an information request.")
    def receive_information(self, info: Info, case_id: ID, request_id: ID, answer: str) -> ID:
        uuid = veilig_thuis_case(info, case_id)
        info.context.services.cases.cases.receive_information(uuid, parse_id(request_id, "request"), answer)
        return case_id

    @strawberry.mutation(description="VT_MEDEWERKER: an expert's advice in an Onderzoek.")
    def consult_expert(self, info: Info, case_id: ID, expertise: str, advice: str) -> ID:
        uuid = veilig_thuis_case(info, case_id)
        info.context.services.cases.cases.consult_expert(uuid, expertise, advice)
        return case_id

    @strawberry.mutation(
        description="VT_MEDEWERKER: involve the vertrouwensarts in the Onderzoek: a VT_MEDEWERKER "
        "of a Veilig Thuis organisation."
    )
    def involve_vertrouwensarts(self, info: Info, case_id: ID, vertrouwensarts_id: ID) -> ID:
        uuid = veilig_thuis_case(info, case_id)
        arts = vertrouwensarts(info.context.services.identity, parse_id(vertrouwensarts_id, "professional"))
        info.context.services.cases.cases.involve_vertrouwensarts(uuid, arts)
        return case_id

    @strawberry.mutation(description="VT_MEDEWERKER: conclude the Onderzoek, with what follows.")
    def conclude_onderzoek(
        self,
        info: Info,
        case_id: ID,
        outcome: OnderzoekOutcome,  # type: ignore[valid-type]
        follow_up: FollowUp | None = None,  # type: ignore[valid-type]
    ) -> ID:
        uuid = veilig_thuis_case(info, case_id)
        info.context.services.cases.cases.conclude_onderzoek(uuid, outcome, follow_up)
        return case_id

    @strawberry.mutation(
        description="VT_MEDEWERKER: keep watch after a completed handover (3 and 12 months)."
    )
    def start_monitoring(self, info: Info, case_id: ID) -> ID:
        info.context.services.cases.cases.start_monitoring(veilig_thuis_case(info, case_id))
        return case_id

    @strawberry.mutation(description="VT_MEDEWERKER: the finding of a monitoring check.")
    def record_monitoring_check(
        self,
        info: Info,
        case_id: ID,
        check: MonitoringCheck,  # type: ignore[valid-type]
        finding: str,
    ) -> ID:
        uuid = veilig_thuis_case(info, case_id)
        info.context.services.cases.cases.record_monitoring_check(uuid, check, finding)
        return case_id

    @strawberry.mutation(description="VT_MEDEWERKER: escalate to the politie or the Raad, with a reason.")
    def escalate(self, info: Info, case_id: ID, to: EscalationTarget, reason: str) -> ID:  # type: ignore[valid-type]
        info.context.services.cases.cases.escalate(veilig_thuis_case(info, case_id), to, reason)
        return case_id

    @strawberry.mutation(
        description="VT_MEDEWERKER: record a huisverbod with the dates the burgemeester set."
    )
    def impose_huisverbod(self, info: Info, case_id: ID, starts_on: date, ends_on: date) -> ID:
        info.context.services.cases.cases.impose_huisverbod(
            veilig_thuis_case(info, case_id), starts_on, ends_on
        )
        return case_id

    @strawberry.mutation(description="VT_MEDEWERKER: record the huisverbod's one extension.")
    def extend_huisverbod(self, info: Info, case_id: ID, extended_to: date) -> ID:
        info.context.services.cases.cases.extend_huisverbod(veilig_thuis_case(info, case_id), extended_to)
        return case_id
