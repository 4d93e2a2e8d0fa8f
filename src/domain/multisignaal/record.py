"""A young person's record in the verwijsindex: their signals, and the archive of ended ones.

One aggregate per young person (its id derives from the pseudonym), so that concurrent
registrations on the same person are serialised by optimistic concurrency.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import replace
from datetime import date, datetime
from uuid import UUID

from eventsourcing.domain import Aggregate, event

from domain.errors import DomainError, NotFound
from domain.multisignaal.age import add_years
from domain.multisignaal.informing import (
    InformBand,
    Informee,
    Informing,
    InformingStatus,
    check_informed,
    check_postponement,
)
from domain.multisignaal.signal import (
    ExpiryCause,
    Signal,
    SignalStatus,
    WithdrawalReason,
)

ARCHIVE_YEARS = 5  # Jw 7.1.4.6


class YouthRecord(Aggregate):
    @event("Opened")
    def __init__(self, id: UUID, subject: str, age_limit_on: date) -> None:
        self.subject = subject
        self.age_limit_on = age_limit_on
        self.signals: dict[UUID, Signal] = {}
        # Whom to inform of each signal, and whether it was done (Jw 7.1.5); no birth date is kept.
        self.informing: dict[UUID, Informing] = {}

    def active_signal_of(self, professional_id: UUID) -> Signal | None:
        return next(
            (s for s in self.signals.values() if s.is_active and s.professional_id == professional_id),
            None,
        )

    def archived_for(self, professional_id: UUID, day: date) -> list[Signal]:
        return [
            s for s in self.signals.values() if s.is_archived_on(day) and s.professional_id != professional_id
        ]

    def signal(self, signal_id: UUID) -> Signal:
        try:
            return self.signals[signal_id]
        except KeyError:
            raise NotFound(f"no signal {signal_id}") from None

    def register(
        self,
        signal_id: UUID,
        organisation_id: UUID,
        professional_id: UUID,
        municipality_ref: str,
        registered_at: datetime,
        expires_on: date,
    ) -> None:
        signal = (signal_id, organisation_id, professional_id, municipality_ref, registered_at, expires_on)
        self._registered(*signal, subject=self.subject)

    # The events the relay publishes carry the pseudonym, so publishing one needs no read of the
    # record's first event. Events stored before they did have none (None here; the relay then
    # looks it up): events are never changed.
    @event("SignalRegistered")
    def _registered(
        self,
        signal_id: UUID,
        organisation_id: UUID,
        professional_id: UUID,
        municipality_ref: str,
        registered_at: datetime,
        expires_on: date,
        subject: str | None = None,
    ) -> None:
        self.signals[signal_id] = Signal(
            signal_id, organisation_id, professional_id, municipality_ref, registered_at, expires_on
        )

    # Informing events are published too, so they carry the pseudonym like the signal events.
    def informing_due(self, signal_id: UUID, band: InformBand) -> None:
        self._informing_due(signal_id, band, self.subject)

    @event("InformingDue")
    def _informing_due(self, signal_id: UUID, band: InformBand, subject: str) -> None:
        self.informing[signal_id] = Informing(band)

    def record_informing(self, signal_id: UUID, informed: Collection[Informee], at: datetime) -> None:
        self.check_active(signal_id)
        chosen = check_informed(self.informing[signal_id].band, informed)
        self._informed(signal_id, tuple(sorted(chosen, key=lambda who: who.value)), at, self.subject)

    @event("InformingRecorded")
    def _informed(self, signal_id: UUID, informed: tuple[Informee, ...], at: datetime, subject: str) -> None:
        done = replace(self.informing[signal_id], status=InformingStatus.INFORMED, revisit_on=None)
        self.informing[signal_id] = replace(done, informed=frozenset(informed))

    def postpone_informing(
        self, signal_id: UUID, reason: str, revisit_on: date, today: date, at: datetime
    ) -> None:
        self.check_active(signal_id)
        text = check_postponement(reason, revisit_on, today, self.signals[signal_id].expires_on)
        self._postponed(signal_id, text, revisit_on, at, self.subject)

    @event("InformingPostponed")
    def _postponed(self, signal_id: UUID, reason: str, revisit_on: date, at: datetime, subject: str) -> None:
        informing = self.informing[signal_id]
        self.informing[signal_id] = replace(
            informing, status=InformingStatus.POSTPONED, revisit_on=revisit_on
        )

    def withdraw(self, signal_id: UUID, reason: WithdrawalReason, at: datetime) -> None:
        self.check_active(signal_id)
        keep = reason is WithdrawalReason.RISK_GONE
        archived_until = self._archive_end(at.date()) if keep else None
        self._withdrawn(signal_id, reason, at, archived_until, self.subject)

    @event("SignalWithdrawn")
    def _withdrawn(
        self,
        signal_id: UUID,
        reason: WithdrawalReason,
        at: datetime,
        archived_until: date | None,
        subject: str | None = None,
    ) -> None:
        signal = self.signals[signal_id]
        self.signals[signal_id] = signal.ended(SignalStatus.WITHDRAWN, at, archived_until)

    def expire(self, signal_id: UUID, at: datetime) -> None:
        self.check_active(signal_id)
        by_age = at.date() >= self.age_limit_on
        cause = ExpiryCause.AGE_LIMIT if by_age else ExpiryCause.PERIOD
        archived_until = None if by_age else self._archive_end(at.date())
        self._expired(signal_id, cause, at, archived_until, self.subject)

    @event("SignalExpired")
    def _expired(
        self,
        signal_id: UUID,
        cause: ExpiryCause,
        at: datetime,
        archived_until: date | None,
        subject: str | None = None,
    ) -> None:
        signal = self.signals[signal_id]
        self.signals[signal_id] = signal.ended(SignalStatus.EXPIRED, at, archived_until)

    @event("ArchivedSignalsShown")
    def show_archived(self, signal_ids: tuple[UUID, ...], to_professional_id: UUID, at: datetime) -> None:
        for signal_id in signal_ids:
            self.signals[signal_id] = replace(self.signals[signal_id], archive_shown=True)

    @event("ArchivePurged")
    def purge_archive(self, signal_ids: tuple[UUID, ...], on: date) -> None:
        for signal_id in signal_ids:
            self.signals[signal_id] = replace(self.signals[signal_id], archived_until=None)

    def due_for_expiry(self, today: date) -> list[UUID]:
        return [s.id for s in self.signals.values() if s.is_active and s.expires_on <= today]

    def due_for_purge(self, today: date) -> list[UUID]:
        return [
            s.id for s in self.signals.values() if s.archived_until is not None and s.archived_until <= today
        ]

    def nothing_left(self, today: date) -> bool:
        """Nothing to keep: the young person turned 23, or every signal ended and no archive is left."""
        ended = all(not s.is_active and s.archived_until is None for s in self.signals.values())
        return today >= self.age_limit_on or ended

    def _archive_end(self, ended_on: date) -> date:
        # Archives are destroyed at 23 at the latest, whatever is left of the five years.
        return min(add_years(ended_on, ARCHIVE_YEARS), self.age_limit_on)

    def check_active(self, signal_id: UUID) -> None:
        if not self.signal(signal_id).is_active:
            raise AlreadyWithdrawn(f"signal {signal_id} has already ended")


class SignalRef(Aggregate):
    """Finds the young person's record from a signal id, without revealing the pseudonym."""

    @event("Created")
    def __init__(self, id: UUID, record_id: UUID, professional_id: UUID) -> None:
        self.record_id = record_id
        self.professional_id = professional_id


class AlreadyWithdrawn(DomainError):
    code = "ALREADY_WITHDRAWN"
