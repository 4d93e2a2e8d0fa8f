"""Commands of a transfer to the Veilig Thuis of another region (transfer.py)."""

from __future__ import annotations

from uuid import UUID

from domain.cases.application_base import CaseworkBase
from domain.cases.case import Case
from domain.validation.limits import REASON


class TransferCommands(CaseworkBase):
    def propose_transfer(self, case_id: UUID, to_veilig_thuis_id: UUID) -> None:
        self._change(Case, case_id, lambda case, at: case.propose_transfer(to_veilig_thuis_id, at))

    def accept_transfer(self, case_id: UUID) -> None:
        self._change(Case, case_id, lambda case, at: case.accept_transfer(at))

    def decline_transfer(self, case_id: UUID, reason: str) -> None:
        text = self._seal(case_id, REASON.check(reason))
        self._change(Case, case_id, lambda case, at: case.decline_transfer(text, at))

    def hold_transfer_meeting(self, case_id: UUID) -> None:
        self._change(Case, case_id, lambda case, at: case.hold_transfer_meeting(at))

    def complete_transfer(self, case_id: UUID) -> None:
        self._change(Case, case_id, lambda case, at: case.complete_transfer(at))
