"""The warm handover, and the lokaal team's plan that follows it."""

from __future__ import annotations

from datetime import date, datetime

import strawberry

from domain.cases.receivers import check_receiver
from domain.errors import NotFound
from gateway.cases.access import Info, handover_party_case, own_plan, receiver_case, veilig_thuis_case
from gateway.cases.enums import PlanEscalation, ReceiverKind
from gateway.identity.types import parse_id

ID = strawberry.ID


@strawberry.type
class HandoverMutation:
    @strawberry.mutation(
        description="VT_MEDEWERKER: propose a warm handover to an organisation of that kind."
    )
    def propose_handover(self, info: Info, case_id: ID, receiver_id: ID, kind: ReceiverKind) -> ID:  # type: ignore[valid-type]
        uuid = veilig_thuis_case(info, case_id)
        services = info.context.services
        receiver = services.identity.organisation(parse_id(receiver_id, "organisation"))
        check_receiver(kind, receiver.kind)
        services.cases.cases.propose_handover(uuid, receiver.id, kind)
        return case_id

    @strawberry.mutation(description="The receiving organisation: accept the handover.")
    def accept_handover(self, info: Info, case_id: ID) -> ID:
        info.context.services.cases.cases.accept_handover(receiver_case(info, case_id))
        return case_id

    @strawberry.mutation(description="The receiving organisation: decline the handover, with a reason.")
    def decline_handover(self, info: Info, case_id: ID, reason: str) -> ID:
        info.context.services.cases.cases.decline_handover(receiver_case(info, case_id), reason)
        return case_id

    @strawberry.mutation(
        description="Veilig Thuis or the receiver: plan the joint meeting with the betrokkenen."
    )
    def plan_joint_meeting(self, info: Info, case_id: ID, planned_for: datetime) -> ID:
        info.context.services.cases.cases.plan_joint_meeting(handover_party_case(info, case_id), planned_for)
        return case_id

    @strawberry.mutation(description="Veilig Thuis or the receiver: the joint meeting was held.")
    def hold_joint_meeting(self, info: Info, case_id: ID) -> ID:
        info.context.services.cases.cases.hold_joint_meeting(handover_party_case(info, case_id))
        return case_id

    @strawberry.mutation(
        description="The receiving organisation: name the regisseur, one of its professionals."
    )
    def name_regisseur(self, info: Info, case_id: ID, regisseur_id: ID) -> ID:
        uuid = receiver_case(info, case_id)
        services = info.context.services
        regisseur = services.identity.professional(parse_id(regisseur_id, "professional"))
        if regisseur.organisation_id != info.context.principal.organisation_id:
            raise NotFound(f"no professional {regisseur_id} in the receiving organisation")
        services.cases.cases.name_regisseur(uuid, regisseur.id)
        return case_id

    @strawberry.mutation(description="Veilig Thuis or the receiver: responsibility passes to the receiver.")
    def complete_handover(self, info: Info, case_id: ID) -> ID:
        info.context.services.cases.cases.complete_handover(handover_party_case(info, case_id))
        return case_id

    @strawberry.mutation(description="The receiver of a completed handover: start the family's one plan.")
    def start_plan(self, info: Info, case_id: ID) -> ID:
        plan_id = info.context.services.cases.cases.start_plan(receiver_case(info, case_id))
        return ID(str(plan_id))


@strawberry.type
class PlanMutation:
    @strawberry.mutation(description="The plan's organisation: set a goal.")
    def set_goal(self, info: Info, plan_id: ID, goal: str) -> ID:
        info.context.services.cases.cases.set_goal(own_plan(info, plan_id), goal)
        return plan_id

    @strawberry.mutation(description="The plan's organisation: record an agreement.")
    def make_agreement(self, info: Info, plan_id: ID, agreement: str) -> ID:
        info.context.services.cases.cases.make_agreement(own_plan(info, plan_id), agreement)
        return plan_id

    @strawberry.mutation(description="The plan's organisation: plan an action with owner and due date.")
    def plan_action(self, info: Info, plan_id: ID, description: str, owner_id: ID, due: date) -> ID:
        uuid, owner = own_plan(info, plan_id), parse_id(owner_id, "owner")
        return ID(str(info.context.services.cases.cases.plan_action(uuid, description, owner, due)))

    @strawberry.mutation(description="The plan's organisation: an action was done.")
    def complete_action(self, info: Info, plan_id: ID, action_id: ID) -> ID:
        uuid = own_plan(info, plan_id)
        info.context.services.cases.cases.complete_action(uuid, parse_id(action_id, "action"))
        return plan_id

    @strawberry.mutation(
        description="The plan's organisation: evaluate; self-reliant betrokkenen let it close."
    )
    def evaluate_plan(self, info: Info, plan_id: ID, summary: str, self_reliant: bool) -> ID:
        info.context.services.cases.cases.evaluate_plan(own_plan(info, plan_id), summary, self_reliant)
        return plan_id

    @strawberry.mutation(description="The plan's organisation: close it after a self-reliant evaluation.")
    def close_plan(self, info: Info, plan_id: ID) -> ID:
        info.context.services.cases.cases.close_plan(own_plan(info, plan_id))
        return plan_id

    @strawberry.mutation(description="The plan's organisation: help is not enough; escalate, with a reason.")
    def escalate_plan(self, info: Info, plan_id: ID, to: PlanEscalation, reason: str) -> ID:  # type: ignore[valid-type]
        info.context.services.cases.cases.escalate_plan(own_plan(info, plan_id), to, reason)
        return plan_id
