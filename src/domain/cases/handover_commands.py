"""Commands of the warm handover, and of the lokaal team's plan that may follow it."""

from __future__ import annotations

from datetime import date, datetime
from uuid import UUID, uuid4

from domain.cases.application_base import CaseworkBase
from domain.cases.case import Case
from domain.cases.family import Family
from domain.cases.handover import HandoverIncomplete, ReceiverKind, completed_handover
from domain.cases.plan import Plan, PlanEscalation
from domain.validation import check_day, limits


class HandoverCommands(CaseworkBase):
    def propose_handover(self, case_id: UUID, receiver_id: UUID, kind: ReceiverKind) -> None:
        self._change(Case, case_id, lambda case, at: case.propose_handover(receiver_id, kind, at))

    def accept_handover(self, case_id: UUID) -> None:
        self._change(Case, case_id, lambda case, at: case.accept_handover(at))

    def decline_handover(self, case_id: UUID, reason: str) -> None:
        text = self._seal(case_id, limits.REASON.check(reason))
        self._change(Case, case_id, lambda case, at: case.decline_handover(text, at))

    def plan_joint_meeting(self, case_id: UUID, planned_for: datetime) -> None:
        check_day(planned_for.date(), self._today(), "plannedFor")
        self._change(Case, case_id, lambda case, at: case.plan_joint_meeting(planned_for, at))

    def hold_joint_meeting(self, case_id: UUID) -> None:
        self._change(Case, case_id, lambda case, at: case.hold_joint_meeting(at))

    def name_regisseur(self, case_id: UUID, regisseur_id: UUID) -> None:
        self._change(Case, case_id, lambda case, at: case.name_regisseur(regisseur_id, at))

    def complete_handover(self, case_id: UUID) -> None:
        self._change(Case, case_id, lambda case, at: case.complete_handover(at))

    def start_plan(self, case_id: UUID) -> UUID:
        """The receiver of a completed warm handover starts the family's plan, run by its regisseur."""
        handover = completed_handover(self._get(Case, case_id).handovers)
        if handover is None or handover.regisseur_id is None:
            raise HandoverIncomplete(f"the warm handover of case {case_id} has not been completed")
        family, now = self._family(case_id), self.clock()
        plan = Plan(uuid4(), case_id, handover.receiver_id, handover.regisseur_id, now)
        family.activate_plan(plan.id, now)
        self.save(family, plan)
        return plan.id

    def set_goal(self, plan_id: UUID, goal: str) -> None:
        text = self._seal(plan_id, limits.GOAL.check(goal))
        self._change(Plan, plan_id, lambda plan, at: plan.set_goal(text, at))

    def make_agreement(self, plan_id: UUID, agreement: str) -> None:
        text = self._seal(plan_id, limits.AGREEMENT.check(agreement))
        self._change(Plan, plan_id, lambda plan, at: plan.make_agreement(text, at))

    def plan_action(self, plan_id: UUID, description: str, owner_id: UUID, due: date) -> UUID:
        check_day(due, self._today(), "due")
        action_id, text = uuid4(), self._seal(plan_id, limits.ACTION.check(description))
        self._change(Plan, plan_id, lambda plan, at: plan.plan_action(action_id, text, owner_id, due, at))
        return action_id

    def complete_action(self, plan_id: UUID, action_id: UUID) -> None:
        self._change(Plan, plan_id, lambda plan, at: plan.complete_action(action_id, at))

    def evaluate_plan(self, plan_id: UUID, summary: str, self_reliant: bool) -> None:
        text = self._seal(plan_id, limits.SUMMARY.check(summary))
        self._change(Plan, plan_id, lambda plan, at: plan.evaluate(text, self_reliant, at))

    def change_regisseur(self, plan_id: UUID, regisseur_id: UUID) -> None:
        self._change(Plan, plan_id, lambda plan, at: plan.change_regisseur(regisseur_id, at))

    def close_plan(self, plan_id: UUID) -> None:
        plan, now = self._get(Plan, plan_id), self.clock()
        plan.close(now)
        self._end_plan(plan, now)

    def escalate_plan(self, plan_id: UUID, to: PlanEscalation, reason: str) -> None:
        text = limits.REASON.check(reason)
        plan, now = self._get(Plan, plan_id), self.clock()
        plan.escalate(to, self._seal(plan_id, text), now)
        self._end_plan(plan, now)

    def _end_plan(self, plan: Plan, at: datetime) -> None:
        family = self._get(Family, Family.create_id(plan.case_id))
        family.end_plan(plan.id, at)
        self.save(plan, family)

    def _family(self, case_id: UUID) -> Family:
        family = self.get_aggregate(Family.create_id(case_id))
        return family if isinstance(family, Family) else Family(case_id=case_id)
