"""The domain's enums of case work, as GraphQL enums."""

from __future__ import annotations

from enum import Enum

import strawberry

from domain.cases import (
    deadlines,
    handover,
    intake,
    measures,
    monitoring,
    onderzoek,
    phase,
    plan,
    terugkoppeling,
    triage,
)

BetrokkeneRole = strawberry.enum(intake.BetrokkeneRole, name="BetrokkeneRole")
ConcernKind = strawberry.enum(intake.ConcernKind, name="ConcernKind")
TriageDecision = strawberry.enum(triage.TriageDecision, name="TriageDecision")
ReceiverKind = strawberry.enum(handover.ReceiverKind, name="ReceiverKind")
HandoverStatus = strawberry.enum(handover.HandoverStatus, name="HandoverStatus")
TerugkoppelingMoment = strawberry.enum(terugkoppeling.Moment, name="TerugkoppelingMoment")
FollowUp = strawberry.enum(phase.FollowUp, name="FollowUp")
CasePhase = strawberry.enum(phase.Phase, name="CasePhase")
OnderzoekOutcome = strawberry.enum(onderzoek.Outcome, name="OnderzoekOutcome")
MonitoringCheck = strawberry.enum(monitoring.MonitoringCheck, name="MonitoringCheck")
EscalationTarget = strawberry.enum(measures.EscalationTarget, name="EscalationTarget")
PlanEscalation = strawberry.enum(plan.PlanEscalation, name="PlanEscalation")
PlanStatus = strawberry.enum(plan.PlanStatus, name="PlanStatus")
DeadlineKind = strawberry.enum(deadlines.DeadlineKind, name="DeadlineKind")


@strawberry.enum(description="What a melder may know of their melding's progress.")
class MeldingStatus(Enum):
    RECEIVED = "RECEIVED"
    TRIAGED = "TRIAGED"
    CLOSED = "CLOSED"


@strawberry.enum
class PlanItemKind(Enum):
    GOAL = "GOAL"
    AGREEMENT = "AGREEMENT"
    ACTION = "ACTION"
    EVALUATION = "EVALUATION"
