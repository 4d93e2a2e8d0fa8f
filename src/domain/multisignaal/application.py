"""The multisignaal context: register and withdraw signals; expire and purge on schedule."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from uuid import UUID, uuid4

from eventsourcing.persistence import IntegrityError, Recording

from domain.multisignaal.age import check_youth, signal_expiry
from domain.multisignaal.bsn import check_bsn
from domain.multisignaal.informing import InformBand, Informee, Informing, InformingStatus, inform_band
from domain.multisignaal.informing_commands import InformingCommands
from domain.multisignaal.pseudonym import Pseudonymiser, record_id
from domain.multisignaal.record import SignalRef, YouthRecord
from domain.multisignaal.signal import ExpiryCause, Signal, SignalStatus, WithdrawalReason
from domain.validation import check_municipality_code

SAVE_ATTEMPTS = 5  # concurrent registrations for one young person: each conflict stores nothing


@dataclass(frozen=True)
class _Asked:
    """A registration's checked input, the same for every attempt to save it."""

    subject: str
    age_limit_on: date
    birth_date: date
    municipality_code: str
    now: datetime


Clock = Callable[[], datetime]


@dataclass(frozen=True)
class Registration:
    signal: Signal
    earlier_signals: tuple[Signal, ...]  # archived signals of others, shown this once
    informing: Informing | None = None  # whom to inform; None for a signal from before it was tracked
    # The notification id of the SignalRegistered event: a reader of a view built from this
    # application's log waits until the view has reached it (read your own writes). None when
    # nothing was written (the professional's signal was active already).
    position: int | None = None


@dataclass(frozen=True)
class SweepResult:
    expired: int
    purged: int
    # The pseudonyms of young people whose record has nothing left to keep: their key must go.
    finished: tuple[str, ...] = ()


class MultisignaalApplication(InformingCommands):
    name = "multisignaal"
    enum_types = (SignalStatus, WithdrawalReason, ExpiryCause, InformBand, Informee, InformingStatus)

    def __init__(
        self,
        pseudonymiser: Pseudonymiser,
        clock: Clock,
        active_days: int | None,
        env: dict[str, str] | None = None,
    ) -> None:
        super().__init__(env)
        self.pseudonymiser = pseudonymiser
        self.clock = clock
        self.active_days = active_days

    def register_signal(
        self,
        bsn: str,
        birth_date: date,
        municipality_code: str,
        organisation_id: UUID,
        professional_id: UUID,
    ) -> Registration:
        """Two professionals may signal the same young person at the same moment (through two
        gateways): the second save then conflicts with the first, stores nothing, and is tried
        again on the record as it is now. The input is checked once, before any attempt."""
        now = self.clock()
        check_bsn(bsn)
        age_limit_on = check_youth(birth_date, now.date())
        check_municipality_code(municipality_code)
        asked = _Asked(self.pseudonymiser.subject(bsn), age_limit_on, birth_date, municipality_code, now)
        for _ in range(SAVE_ATTEMPTS - 1):
            try:
                return self._register(asked, organisation_id, professional_id)
            except IntegrityError:
                continue
        return self._register(asked, organisation_id, professional_id)

    def _register(self, asked: _Asked, organisation_id: UUID, professional_id: UUID) -> Registration:
        now, birth_date, municipality_code = asked.now, asked.birth_date, asked.municipality_code
        record = self._youth_record(asked.subject, asked.age_limit_on)
        existing = record.active_signal_of(professional_id)
        if existing is not None:
            return Registration(existing, (), record.informing.get(existing.id))
        earlier = tuple(record.archived_for(professional_id, now.date()))
        if earlier:
            record.show_archived(tuple(s.id for s in earlier), professional_id, now)
        signal_id = uuid4()
        record.register(
            signal_id,
            organisation_id,
            professional_id,
            self.pseudonymiser.municipality(municipality_code),
            now,
            signal_expiry(now.date(), self.active_days, record.age_limit_on),
        )
        # Only the band is kept: whom to inform follows from it, the birth date is not stored.
        record.informing_due(signal_id, inform_band(birth_date, now.date()))
        recordings = self.save(record, SignalRef(signal_id, record.id, professional_id))
        position = _position_of(recordings, YouthRecord.SignalRegistered)  # type: ignore[attr-defined]
        return Registration(record.signals[signal_id], earlier, record.informing[signal_id], position)

    def withdraw_signal(self, signal_id: UUID, professional_id: UUID, reason: WithdrawalReason) -> Signal:
        record = self._record_of(signal_id, professional_id)
        record.withdraw(signal_id, reason, self.clock())
        self.save(record)
        return record.signals[signal_id]

    def signal_ids_about(self, bsn: str, professional_id: UUID) -> frozenset[UUID]:
        """The professional's own signals about the young person of this BSN (the pseudonym is
        computed, nothing is stored): how a professional tells their signals apart."""
        aggregate = self.get_aggregate(record_id(self.pseudonymiser.subject(check_bsn(bsn))))
        if not isinstance(aggregate, YouthRecord):
            return frozenset()
        return frozenset(s.id for s in aggregate.signals.values() if s.professional_id == professional_id)

    def signal(self, signal_id: UUID, professional_id: UUID) -> Signal:
        return self._record_of(signal_id, professional_id).signal(signal_id)

    def sweep(self, today: date | None = None) -> SweepResult:
        """Ends signals whose period or age limit has come, destroys expired archives, and names
        the young people with nothing left to keep (the caller destroys their data keys)."""
        now = self.clock()
        today = today or now.date()
        expired = purged = 0
        finished: list[str] = []
        for rid in self._record_ids():
            record = self._load(rid)
            due, purge = self._sweep_record(record, today, now)
            expired, purged = expired + due, purged + purge
            if record.nothing_left(today):
                finished.append(record.subject)
        return SweepResult(expired, purged, tuple(finished))

    def _sweep_record(self, record: YouthRecord, today: date, now: datetime) -> tuple[int, int]:
        due, purge = record.due_for_expiry(today), record.due_for_purge(today)
        for signal_id in due:
            record.expire(signal_id, now)
        if purge:
            record.purge_archive(tuple(purge), today)
        if due or purge:
            self.save(record)
        return len(due), len(purge)

    def _youth_record(self, subject: str, age_limit_on: date) -> YouthRecord:
        aggregate = self.get_aggregate(record_id(subject))
        if isinstance(aggregate, YouthRecord):
            return aggregate
        return YouthRecord(record_id(subject), subject, age_limit_on)

    def _record_ids(self) -> list[UUID]:
        # The sweep reads its own log (only the ids, which are stored in clear); a daily
        # scan of the verwijsindex of one region takes well under a second.
        opened: type = YouthRecord.Opened  # type: ignore[attr-defined]
        topic = f"{opened.__module__}:{opened.__qualname__}"
        ids: list[UUID] = []
        start = 1
        while page := self.recorder.select_notifications(start, 1000, topics=[topic]):
            ids.extend(UUID(str(n.originator_id)) for n in page)
            start = page[-1].id + 1
        return ids


def _position_of(recordings: list[Recording[UUID]], kind: type) -> int | None:
    """The notification id of the saved event of this kind (the last, if several)."""
    ids = [r.notification.id for r in recordings if isinstance(r.domain_event, kind)]
    return max(ids) if ids else None
