"""Who may take which step of a case; a case the caller may not see answers NOT_FOUND.

- Veilig Thuis steps: a VT_MEDEWERKER of the Veilig Thuis organisation that received it;
- answering a handover, naming the regisseur: a professional (any role) of the receiver;
- the joint meeting and completing the handover: either of them;
- a plan's steps: a professional of the organisation that runs the plan.
"""

from __future__ import annotations

from uuid import UUID

import strawberry

from domain.access.model import AccessKind
from domain.cases.application import CaseParties
from domain.errors import NotFound
from domain.identity.model import Role
from gateway.auth import Principal
from gateway.context import Context
from gateway.identity.types import parse_id

Info = strawberry.Info[Context, None]


def _parties(info: Info, case_id: strawberry.ID) -> tuple[Principal, UUID, CaseParties]:
    principal = info.context.principal
    uuid = parse_id(case_id, "case")
    return principal, uuid, info.context.services.cases.cases.parties(uuid)


def _refuse(case_id: UUID) -> NotFound:
    return NotFound(f"no case {case_id}")


def veilig_thuis_case(info: Info, case_id: strawberry.ID) -> UUID:
    with info.context.trail.guard(str(case_id), "vt_medewerker.case_step"):
        info.context.principal.require(Role.VT_MEDEWERKER)
        principal, uuid, parties = _parties(info, case_id)
        if parties.veilig_thuis_id != principal.organisation_id:
            raise _refuse(uuid)
    info.context.trail.note(AccessKind.CHANGE, str(uuid), "vt_medewerker.case_step")
    return uuid


def receiver_case(info: Info, case_id: strawberry.ID) -> UUID:
    with info.context.trail.guard(str(case_id), "receiver_before_acceptance.handover_answer"):
        principal, uuid, parties = _parties(info, case_id)
        if parties.receiver_id is None or parties.receiver_id != principal.organisation_id:
            raise _refuse(uuid)
    info.context.trail.note(AccessKind.HANDOVER, str(uuid), "receiver_before_acceptance.handover_answer")
    return uuid


def handover_party_case(info: Info, case_id: strawberry.ID) -> UUID:
    with info.context.trail.guard(str(case_id), "receiver_after_acceptance.handover_step"):
        principal, uuid, parties = _parties(info, case_id)
        is_vt = Role.VT_MEDEWERKER in principal.roles and parties.veilig_thuis_id == principal.organisation_id
        if not is_vt and (parties.receiver_id is None or parties.receiver_id != principal.organisation_id):
            raise _refuse(uuid)
    info.context.trail.note(AccessKind.HANDOVER, str(uuid), "receiver_after_acceptance.handover_step")
    return uuid


def transfer_party_case(info: Info, case_id: strawberry.ID, receiver_only: bool = False) -> UUID:
    """A VT_MEDEWERKER of the Veilig Thuis an open transfer is proposed to (or, unless
    `receiver_only`, of the sending Veilig Thuis); anyone else is told there is no such case."""
    rule = "vt_medewerker.transfer_step"
    with info.context.trail.guard(str(case_id), rule):
        info.context.principal.require(Role.VT_MEDEWERKER)
        principal, uuid, parties = _parties(info, case_id)
        sender = not receiver_only and parties.veilig_thuis_id == principal.organisation_id
        receiver = parties.transfer_to is not None and parties.transfer_to == principal.organisation_id
        if not (sender or receiver):
            raise _refuse(uuid)
    info.context.trail.note(AccessKind.HANDOVER, str(uuid), rule)
    return uuid


def own_plan(info: Info, plan_id: strawberry.ID) -> UUID:
    """A plan of the caller's organisation; a refusal is logged as a denied attempt on the plan,
    a step as a change of the family's case (the client an auditor searches by)."""
    rule = "receiver_after_acceptance.plan_step"
    with info.context.trail.guard(str(plan_id), rule):
        uuid = parse_id(plan_id, "plan")
        case_id, organisation_id = info.context.services.cases.cases.plan_parties(uuid)
        if organisation_id != info.context.principal.organisation_id:
            raise NotFound(f"no plan {uuid}")
    info.context.trail.note(AccessKind.CHANGE, str(case_id), rule)
    return uuid
