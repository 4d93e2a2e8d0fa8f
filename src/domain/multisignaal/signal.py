"""One signal in the verwijsindex: who worries about whom since when — never why."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime
from enum import Enum
from uuid import UUID


class SignalStatus(Enum):
    ACTIVE = "ACTIVE"
    WITHDRAWN = "WITHDRAWN"
    EXPIRED = "EXPIRED"


class WithdrawalReason(Enum):
    UNJUSTIFIED = "UNJUSTIFIED"  # onterecht: never archived
    RISK_GONE = "RISK_GONE"  # risico weg: archived for five years


class ExpiryCause(Enum):
    PERIOD = "PERIOD"  # the active period ran out: archived
    AGE_LIMIT = "AGE_LIMIT"  # the young person turned 23: not archived


@dataclass(frozen=True)
class Signal:
    id: UUID
    organisation_id: UUID
    professional_id: UUID
    municipality_ref: str
    registered_at: datetime
    expires_on: date
    status: SignalStatus = SignalStatus.ACTIVE
    ended_at: datetime | None = None
    archived_until: date | None = None
    archive_shown: bool = False

    @property
    def is_active(self) -> bool:
        return self.status is SignalStatus.ACTIVE

    def is_archived_on(self, day: date) -> bool:
        return self.archived_until is not None and not self.archive_shown and day < self.archived_until

    def ended(self, status: SignalStatus, at: datetime, archived_until: date | None) -> Signal:
        return replace(self, status=status, ended_at=at, archived_until=archived_until)
