"""Overdracht to the Veilig Thuis of another region: the family moved, another Veilig Thuis takes the case.

The same guarantees as the warm handover (handover.py): the sending Veilig Thuis proposes; the
receiving one accepts, or declines with a reason; the two hold a transfer meeting once it
accepted; only then can the sender complete it. Until then the sender stays responsible and
the receiver sees ids only. The case keeps its phase, deadlines and dossier, sealed under the
same keys: a transfer decrypts and re-seals nothing, it changes who may open them.

`Case` methods, bound in `case.py`; their events are `Case.TransferProposed` and so on.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import Enum
from typing import TYPE_CHECKING
from uuid import UUID

from eventsourcing.domain import event

from domain.cases.phase import Phase
from domain.cases.sealing import Sealed
from domain.errors import DomainError

if TYPE_CHECKING:
    from domain.cases.case import Case


class TransferStatus(Enum):
    PROPOSED = "PROPOSED"
    ACCEPTED = "ACCEPTED"
    DECLINED = "DECLINED"
    COMPLETED = "COMPLETED"


@dataclass
class Transfer:
    from_id: UUID
    to_id: UUID
    proposed_at: datetime
    status: TransferStatus = TransferStatus.PROPOSED
    decline_reason: Sealed | None = None
    meeting_held_at: datetime | None = None

    @property
    def is_open(self) -> bool:
        return self.status in (TransferStatus.PROPOSED, TransferStatus.ACCEPTED)


def current_veilig_thuis(first: UUID, transfers: Sequence[Transfer]) -> UUID:
    """The Veilig Thuis that received the melding, or the last one a transfer completed to."""
    completed = [t.to_id for t in transfers if t.status is TransferStatus.COMPLETED]
    return completed[-1] if completed else first


def open_transfer(case: Case) -> Transfer | None:
    return case.transfers[-1] if case.transfers and case.transfers[-1].is_open else None


def _open(case: Case, status: TransferStatus) -> Transfer:
    case.check_open()
    transfer = open_transfer(case)
    if transfer is None:
        raise NoTransferProposed(f"no transfer of case {case.id} is waiting")
    if transfer.status is not status:
        raise TransferNotInStep(
            f"the transfer of case {case.id} is {transfer.status.value}, not {status.value}"
        )
    return transfer


@event("TransferProposed")
def propose_transfer(self: Case, to_id: UUID, at: datetime) -> None:
    self.check_open()
    if self.phase in (Phase.HANDOVER, Phase.HANDED_OVER):
        raise TransferNotPossible("the case is being or was handed over: finish that handover first")
    if open_transfer(self) is not None:
        raise TransferAlreadyProposed(f"a transfer of case {self.id} is still open")
    if to_id == self.veilig_thuis_id:
        raise TransferNotPossible("the case is with that Veilig Thuis already")
    self.transfers.append(Transfer(self.veilig_thuis_id, to_id, at))


@event("TransferAccepted")
def accept_transfer(self: Case, at: datetime) -> None:
    _open(self, TransferStatus.PROPOSED).status = TransferStatus.ACCEPTED


@event("TransferDeclined")
def decline_transfer(self: Case, reason: Sealed, at: datetime) -> None:
    transfer = _open(self, TransferStatus.PROPOSED)
    transfer.status, transfer.decline_reason = TransferStatus.DECLINED, reason


@event("TransferMeetingHeld")
def hold_transfer_meeting(self: Case, at: datetime) -> None:
    _open(self, TransferStatus.ACCEPTED).meeting_held_at = at


@event("TransferCompleted")
def complete_transfer(self: Case, at: datetime) -> None:
    transfer = _open(self, TransferStatus.ACCEPTED)
    if transfer.meeting_held_at is None:
        raise TransferIncomplete("hold the transfer meeting with the receiving Veilig Thuis first")
    transfer.status = TransferStatus.COMPLETED


class NoTransferProposed(DomainError):
    code = "NO_TRANSFER_PROPOSED"


class TransferNotInStep(DomainError):
    code = "TRANSFER_NOT_IN_STEP"


class TransferAlreadyProposed(DomainError):
    code = "TRANSFER_ALREADY_PROPOSED"


class TransferNotPossible(DomainError):
    code = "TRANSFER_NOT_POSSIBLE"


class TransferIncomplete(DomainError):
    code = "TRANSFER_INCOMPLETE"
