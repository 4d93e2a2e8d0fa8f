"""The lokaal team's plan for one family, after a warm handover from Veilig Thuis.

Goals, agreements, actions with an owner and a due date, and evaluations; one regisseur at a
time runs it. It closes when an evaluation finds the betrokkenen can go on themselves, or it
ends in an escalation back to Veilig Thuis or to the Raad voor de Kinderbescherming when help
is not enough. `family.Family` keeps a family to one active plan. Free text is sealed under
the plan id.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import Enum
from uuid import UUID

from eventsourcing.domain import Aggregate, event

from domain.cases.sealing import Sealed
from domain.errors import DomainError
from domain.validation import check_room, limits


class PlanStatus(Enum):
    ACTIVE = "ACTIVE"
    CLOSED = "CLOSED"
    ESCALATED = "ESCALATED"


class PlanEscalation(Enum):
    VEILIG_THUIS = "VEILIG_THUIS"
    RAAD_VOOR_DE_KINDERBESCHERMING = "RAAD_VOOR_DE_KINDERBESCHERMING"


@dataclass
class Action:
    description: Sealed
    owner_id: UUID  # a professional, or a betrokkene's person id
    due: date
    completed_at: datetime | None = None


@dataclass(frozen=True)
class Evaluation:
    summary: Sealed
    self_reliant: bool  # the betrokkenen can go on themselves
    evaluated_at: datetime


class Plan(Aggregate):
    @event("Started")
    def __init__(
        self, id: UUID, case_id: UUID, organisation_id: UUID, regisseur_id: UUID, started_at: datetime
    ) -> None:
        self.case_id, self.organisation_id = case_id, organisation_id
        self.regisseur_id, self.started_at = regisseur_id, started_at
        self.status = PlanStatus.ACTIVE
        self.goals: list[Sealed] = []
        self.agreements: list[Sealed] = []
        self.actions: dict[UUID, Action] = {}
        self.evaluations: list[Evaluation] = []
        self.escalated_to: PlanEscalation | None = None
        self.escalation_reason: Sealed | None = None

    def check_active(self) -> None:
        if self.status is not PlanStatus.ACTIVE:
            raise PlanEnded(f"plan {self.id} is {self.status.value.lower()}")

    @event("GoalSet")
    def set_goal(self, goal: Sealed, at: datetime) -> None:
        self.check_active()
        check_room(self.goals, "goals", limits.MAX_PLAN_ITEMS)
        self.goals.append(goal)

    @event("AgreementMade")
    def make_agreement(self, agreement: Sealed, at: datetime) -> None:
        self.check_active()
        check_room(self.agreements, "agreements", limits.MAX_PLAN_ITEMS)
        self.agreements.append(agreement)

    @event("ActionPlanned")
    def plan_action(
        self, action_id: UUID, description: Sealed, owner_id: UUID, due: date, at: datetime
    ) -> None:
        self.check_active()
        check_room(self.actions, "actions", limits.MAX_PLAN_ITEMS)
        self.actions[action_id] = Action(description, owner_id, due)

    @event("ActionCompleted")
    def complete_action(self, action_id: UUID, at: datetime) -> None:
        self.check_active()
        action = self.actions.get(action_id)
        if action is None:
            raise ActionNotFound(f"no action {action_id} in plan {self.id}")
        if action.completed_at is not None:
            raise ActionAlreadyCompleted(f"action {action_id} was completed already")
        action.completed_at = at

    @event("Evaluated")
    def evaluate(self, summary: Sealed, self_reliant: bool, at: datetime) -> None:
        self.check_active()
        self.evaluations.append(Evaluation(summary, self_reliant, at))

    @event("RegisseurChanged")
    def change_regisseur(self, regisseur_id: UUID, at: datetime) -> None:
        self.check_active()
        self.regisseur_id = regisseur_id

    @event("Closed")
    def close(self, at: datetime) -> None:
        self.check_active()
        if not self.evaluations or not self.evaluations[-1].self_reliant:
            raise PlanNotReadyToClose("close after an evaluation finds the betrokkenen can go on themselves")
        self.status = PlanStatus.CLOSED

    @event("Escalated")
    def escalate(self, to: PlanEscalation, reason: Sealed, at: datetime) -> None:
        self.check_active()
        self.status, self.escalated_to, self.escalation_reason = PlanStatus.ESCALATED, to, reason


class PlanEnded(DomainError):
    code = "PLAN_ENDED"


class ActionNotFound(DomainError):
    code = "ACTION_NOT_FOUND"


class ActionAlreadyCompleted(DomainError):
    code = "ACTION_ALREADY_COMPLETED"


class PlanNotReadyToClose(DomainError):
    code = "PLAN_NOT_READY_TO_CLOSE"
