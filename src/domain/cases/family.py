"""One family, one plan, one regisseur.

A family is identified by the Veilig Thuis case that handed it over: Veilig Thuis keeps one
file per family (Wmo 2015 art. 5.3.2), and the domain knows betrokkenen only sealed, so it
has no other key to recognise a family by. A plan has one regisseur at a time; one active
plan per family therefore means one regisseur per family. This aggregate holds the family's
active plan. Its id derives from the case id, so two plans started at once for the same
family meet on the same aggregate and optimistic concurrency refuses the second.
"""

from __future__ import annotations

from datetime import datetime
from uuid import UUID, uuid5

from eventsourcing.domain import Aggregate, event

from domain.errors import DomainError

_NAMESPACE = UUID("0b7e3f52-6c1d-5a8e-b4f9-3d2a1c6e8f70")


class Family(Aggregate):
    @staticmethod
    def create_id(case_id: UUID) -> UUID:
        return uuid5(_NAMESPACE, f"family:{case_id}")

    @event("Registered")
    def __init__(self, case_id: UUID) -> None:
        self.case_id = case_id
        self.active_plan_id: UUID | None = None

    @event("PlanActivated")
    def activate_plan(self, plan_id: UUID, at: datetime) -> None:
        if self.active_plan_id is not None:
            raise PlanAlreadyActive(f"this family has an active plan already: {self.active_plan_id}")
        self.active_plan_id = plan_id

    @event("PlanEnded")
    def end_plan(self, plan_id: UUID, at: datetime) -> None:
        self.active_plan_id = None


class PlanAlreadyActive(DomainError):
    code = "PLAN_ALREADY_ACTIVE"
