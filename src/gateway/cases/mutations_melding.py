"""From first contact to triage and closing: advies, melding, dossier, triage, terugkoppeling."""

from __future__ import annotations

from uuid import UUID

import strawberry

from domain.access.model import AccessKind
from domain.errors import Forbidden
from domain.identity.model import Role, check_municipality_code
from gateway.auth import Principal
from gateway.cases.access import Info, veilig_thuis_case
from gateway.cases.enums import TerugkoppelingMoment
from gateway.cases.inputs import AdviesInput, Melder, MeldingInput, PersonInput, TriageInput
from gateway.cases.routing import receiving_veilig_thuis
from gateway.cases.signals import register_signals, withdraw_signals
from gateway.identity.types import parse_id


@strawberry.type
class MeldingReceipt:
    case_id: strawberry.ID
    signal_ids: list[strawberry.ID] = strawberry.field(description="Verwijsindex signals for its children.")


def _melder(principal: Principal, recording: bool, input: MeldingInput) -> Melder:
    """Veilig Thuis records anyone's melding; every other caller is the melder themselves."""
    if input.melder is not None and not recording:
        raise Forbidden("only Veilig Thuis records someone else's melding")
    if input.melder is not None:
        return Melder.of(input.melder)
    return Melder(principal.professional, principal.organisation_id)


@strawberry.type
class MeldingMutation:
    @strawberry.mutation(description="VT_MEDEWERKER: record an advies given to a caller; no family data.")
    def give_advies(self, info: Info, input: AdviesInput) -> strawberry.ID:
        principal = info.context.principal
        principal.require(Role.VT_MEDEWERKER)
        caller = Melder.of_ids(input.caller_professional_id, input.caller_organisation_id)
        advies_id = info.context.services.cases.cases.give_advies(
            input.question,
            input.advice,
            input.follow_up,
            principal.professional,
            caller.professional_id,
            caller.organisation_id,
            input.caller_objects_to_registration,
        )
        return strawberry.ID(str(advies_id))

    @strawberry.mutation(description="VT_MEDEWERKER: turn a serious advies into Veilig Thuis's own melding.")
    def convert_advies_to_melding(
        self, info: Info, advies_id: strawberry.ID, input: MeldingInput
    ) -> strawberry.ID:
        principal, services = info.context.principal, info.context.services
        principal.require(Role.VT_MEDEWERKER)
        veilig_thuis_id = principal.organisation_id
        assert veilig_thuis_id is not None
        municipality = (
            input.municipality_code or services.identity.organisation(veilig_thuis_id).municipality_code
        )
        check_municipality_code(municipality)
        form = input.form(veilig_thuis_id, Melder(principal.professional, veilig_thuis_id))

        def colleague(given_by: UUID) -> bool:
            return services.identity.professional(given_by).organisation_id == veilig_thuis_id

        case_id = services.cases.cases.convert_advies_to_melding(
            parse_id(advies_id, "advies"), form, colleague=colleague
        )
        info.context.trail.note(AccessKind.CREATE, str(case_id), "vt_medewerker.convert_advies_to_melding")
        # Veilig Thuis's own melding, as when it records one: its children are signalled.
        register_signals(services, case_id, form, municipality, principal.professional)
        return strawberry.ID(str(case_id))

    @strawberry.mutation(
        description="Make a melding (the caller is the melder), or, as VT_MEDEWERKER of the receiving "
        "Veilig Thuis, record one: then its children (0-22, with BSN) are signalled in the verwijsindex."
    )
    def receive_melding(self, info: Info, input: MeldingInput) -> MeldingReceipt:
        principal, services = info.context.principal, info.context.services
        veilig_thuis_id = receiving_veilig_thuis(services, input.veilig_thuis_id, input.municipality_code)
        recording = Role.VT_MEDEWERKER in principal.roles and principal.organisation_id == veilig_thuis_id
        municipality = (
            input.municipality_code or services.identity.organisation(veilig_thuis_id).municipality_code
        )
        check_municipality_code(municipality)
        form = input.form(veilig_thuis_id, _melder(principal, recording, input))
        case_id = services.cases.cases.receive_melding(form)
        info.context.trail.note(AccessKind.CREATE, str(case_id), "melder.receive_melding")
        signals = (
            register_signals(services, case_id, form, municipality, principal.professional)
            if recording
            else []
        )
        return MeldingReceipt(
            case_id=strawberry.ID(str(case_id)), signal_ids=[strawberry.ID(str(s)) for s in signals]
        )

    @strawberry.mutation(description="VT_MEDEWERKER: add a betrokkene found later (the kindcheck).")
    def add_betrokkene(self, info: Info, case_id: strawberry.ID, person: PersonInput) -> strawberry.ID:
        uuid = veilig_thuis_case(info, case_id)
        return strawberry.ID(str(info.context.services.cases.cases.add_betrokkene(uuid, person.details())))

    @strawberry.mutation(description="VT_MEDEWERKER: add a betrokkene's own statement; never edited.")
    def add_statement(
        self, info: Info, case_id: strawberry.ID, person_id: strawberry.ID, statement: str
    ) -> strawberry.ID:
        uuid = veilig_thuis_case(info, case_id)
        info.context.services.cases.cases.add_statement(uuid, parse_id(person_id, "betrokkene"), statement)
        return case_id

    @strawberry.mutation(description="VT_MEDEWERKER: the veiligheidsbeoordeling and its decision.")
    def triage(self, info: Info, case_id: strawberry.ID, input: TriageInput) -> strawberry.ID:
        uuid = veilig_thuis_case(info, case_id)
        info.context.services.cases.cases.triage(
            uuid,
            input.acute_unsafety,
            input.structural_unsafety,
            input.decision,
            input.receiver_kind,
            input.agreements,
        )
        return case_id

    @strawberry.mutation(description="VT_MEDEWERKER: record the terugkoppeling sent to the melder.")
    def send_terugkoppeling(
        self,
        info: Info,
        case_id: strawberry.ID,
        moment: TerugkoppelingMoment,  # type: ignore[valid-type]
        follow_up: bool,
        taken_over_by: strawberry.ID | None = None,
        melder_role: str | None = None,
    ) -> strawberry.ID:
        uuid = veilig_thuis_case(info, case_id)
        by = parse_id(taken_over_by, "organisation") if taken_over_by else None
        info.context.services.cases.cases.send_terugkoppeling(uuid, moment, follow_up, by, melder_role)
        return case_id

    @strawberry.mutation(description="VT_MEDEWERKER: close the case; its verwijsindex signals are withdrawn.")
    def close_case(self, info: Info, case_id: strawberry.ID, reason: str) -> strawberry.ID:
        uuid = veilig_thuis_case(info, case_id)
        info.context.services.cases.cases.close_case(uuid, reason)
        withdraw_signals(info.context.services, uuid)
        return case_id
