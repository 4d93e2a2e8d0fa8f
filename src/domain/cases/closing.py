"""Closing a melding: after its triage, with a reason, and never while Veilig Thuis still owes
the melder a terugkoppeling or a handover is open (Veilig Thuis stays responsible until the
receiver has taken over). Once closed, a case refuses every command.

A `Case` method, bound in `case.py`; its event is `Case.Closed`.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from eventsourcing.domain import event

from domain.cases.phase import Phase, WrongPhase
from domain.cases.sealing import Sealed
from domain.errors import DomainError

if TYPE_CHECKING:
    from domain.cases.case import Case


@event("Closed")
def close(self: Case, reason: Sealed, at: datetime) -> None:
    self.check_open()
    if self.phase is Phase.TRIAGE:
        raise WrongPhase("a melding is closed after its triage, not before")
    if self.handovers and self.handovers[-1].is_open:
        raise HandoverInProgress("Veilig Thuis stays responsible until the open handover ends")
    if self.terugkoppeling_due:
        raise TerugkoppelingPending("the melder is owed a terugkoppeling first")
    self.closing_reason = reason
    self.phase = Phase.CLOSED


class CaseClosed(DomainError):
    code = "CASE_CLOSED"


class HandoverInProgress(DomainError):
    code = "HANDOVER_IN_PROGRESS"


class TerugkoppelingPending(DomainError):
    code = "TERUGKOPPELING_PENDING"
