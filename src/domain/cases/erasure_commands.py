"""The erasure commands: record a person's request, and grant it by shredding their key."""

from __future__ import annotations

from datetime import date
from typing import Protocol
from uuid import UUID

from domain.cases.application_base import CaseworkBase
from domain.cases.case import Case
from domain.cases.erasure import ErasureGround, check_open_request, erasure_deadline


class Shredder(Protocol):
    def destroy(self, key_id: str, when: str) -> None:
        """Destroys the data key named key_id for good."""
        ...


class ErasureCommands(CaseworkBase):
    def request_erasure(self, case_id: UUID, person_id: UUID, ground: ErasureGround) -> date:
        """Records the request; returns the day by which Veilig Thuis decides."""
        deadline = erasure_deadline(self.clock())
        self._change(Case, case_id, lambda case, at: case.request_erasure(person_id, ground, at, deadline))
        return deadline

    def grant_erasure(self, case_id: UUID, person_id: UUID, shredder: Shredder) -> None:
        """Destroys the person's key, then records the grant.

        In this order because destroying is idempotent: a crash in between leaves the key
        destroyed and the request open, and granting again records it. The other order could
        record a grant whose key still lives.
        """
        check_open_request(self._get(Case, case_id), person_id)
        shredder.destroy(str(person_id), self.clock().isoformat())
        self._change(Case, case_id, lambda case, at: case.grant_erasure(person_id, at))
