"""Informing the young person and the parents of a signal, recorded by the signal's professional.

The band that says whom to inform was stored with the signal at registration (informing.py).
Only the signal's own professional records informing or a postponement: for anyone else the
signal does not exist. A signal registered before informing was tracked has no band, so there
is nothing to record on it (NOT_FOUND). Also home to the record lookups the application shares.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from datetime import date, datetime
from uuid import UUID

from domain.base import KetenApplication
from domain.calendar import dutch_date
from domain.errors import NotFound
from domain.multisignaal.informing import Informee, Informing
from domain.multisignaal.record import SignalRef, YouthRecord


class InformingCommands(KetenApplication):
    clock: Callable[[], datetime]

    def record_informing(
        self, signal_id: UUID, professional_id: UUID, informed: Collection[Informee]
    ) -> Informing:
        record = self._informing_record(signal_id, professional_id)
        record.record_informing(signal_id, informed, self.clock())
        self.save(record)
        return record.informing[signal_id]

    def postpone_informing(
        self, signal_id: UUID, professional_id: UUID, reason: str, revisit_on: date
    ) -> Informing:
        record, now = self._informing_record(signal_id, professional_id), self.clock()
        record.postpone_informing(signal_id, reason, revisit_on, dutch_date(now), now)
        self.save(record)
        return record.informing[signal_id]

    def _informing_record(self, signal_id: UUID, professional_id: UUID) -> YouthRecord:
        record = self._record_of(signal_id, professional_id)
        if signal_id not in record.informing:
            raise NotFound(f"no informing is tracked for signal {signal_id}")
        return record

    def _record_of(self, signal_id: UUID, professional_id: UUID) -> YouthRecord:
        ref = self.get_aggregate(signal_id)
        # Another professional's signal answers as if it did not exist: no existence oracle.
        if not isinstance(ref, SignalRef) or ref.professional_id != professional_id:
            raise NotFound(f"no signal {signal_id}")
        return self._load(ref.record_id)

    def _load(self, rid: UUID) -> YouthRecord:
        aggregate = self.get_aggregate(rid)
        assert isinstance(aggregate, YouthRecord)
        return aggregate
