"""GraphQL types of the verwijsindex: own signals, earlier signals, matches, counterparts."""

from __future__ import annotations

from datetime import date, datetime
from uuid import UUID

import strawberry

from domain.identity.application import IdentityApplication
from domain.multisignaal.informing import Informing
from domain.multisignaal.signal import Signal as DomainSignal
from domain.multisignaal.signal import SignalStatus as DomainSignalStatus
from domain.multisignaal.signal import WithdrawalReason as DomainWithdrawalReason
from gateway.context import Context
from gateway.directory import Directory
from gateway.identity.types import Contact, Organisation
from gateway.multisignaal.informing import SignalInforming
from gateway.multisignaal.regie_types import Coordination
from gateway.readmodels import CounterpartRow, MatchRow, SignalRow

SignalStatus = strawberry.enum(DomainSignalStatus, name="SignalStatus")
WithdrawalReason = strawberry.enum(DomainWithdrawalReason, name="WithdrawalReason")


@strawberry.type
class Signal:
    id: strawberry.ID
    status: SignalStatus  # type: ignore[valid-type]
    registered_at: datetime
    expires_at: date
    informing: SignalInforming | None = strawberry.field(
        description="Informing the young person and parents (Jw 7.1.5); null for older signals."
    )

    @strawberry.field(description="The reference your organisation gave the signal; null if none.")
    def own_reference(self, info: strawberry.Info[Context, None]) -> str | None:
        references = info.context.services.signal_references
        organisation = info.context.principal.organisation_id
        if references is None or organisation is None:
            return None
        return references.of(str(self.id), organisation)

    @classmethod
    def of(
        cls, signal: DomainSignal, informing: Informing | None = None, today: date | None = None
    ) -> Signal:
        return cls(
            id=strawberry.ID(str(signal.id)),
            status=signal.status,
            registered_at=signal.registered_at,
            expires_at=signal.expires_on,
            informing=SignalInforming.of(informing, today) if informing and today else None,
        )

    @classmethod
    def of_row(cls, row: SignalRow, today: date) -> Signal:
        # A shredded removal date only happens long after the signal ended: show the end.
        fallback = (row.ended_at or row.registered_at).date()
        return cls(
            id=strawberry.ID(row.id),
            status=DomainSignalStatus(row.status),
            registered_at=row.registered_at,
            expires_at=row.expires_on or fallback,
            informing=SignalInforming.of(row.informing, today) if row.informing else None,
        )


@strawberry.type
class EarlierSignal:
    organisation: Organisation
    professional: Contact
    registered_at: datetime
    ended_at: datetime

    @classmethod
    def of(cls, signal: DomainSignal, identity: IdentityApplication) -> EarlierSignal:
        assert signal.ended_at is not None
        return cls(
            organisation=Organisation.of(identity.organisation(signal.organisation_id)),
            professional=Contact.of(identity.professional(signal.professional_id)),
            registered_at=signal.registered_at,
            ended_at=signal.ended_at,
        )


@strawberry.type
class SignalRegistration:
    signal: Signal
    earlier_signals: list[EarlierSignal]


@strawberry.type
class Counterpart:
    professional_id: strawberry.ID
    organisation: Organisation
    professional: Contact
    since: datetime

    @classmethod
    def of(cls, row: CounterpartRow, identity: Directory) -> Counterpart:
        return cls(
            professional_id=strawberry.ID(row.professional_id),
            organisation=Organisation.of(identity.organisation(UUID(row.organisation_id))),
            professional=Contact.of(identity.professional(UUID(row.professional_id))),
            since=row.since,
        )


@strawberry.type
class Match:
    id: strawberry.ID
    since: datetime
    counterparts: list[Counterpart]

    @strawberry.field(description="Who coordinates the match; null until the matcher has proposed someone.")
    def coordination(self, info: strawberry.Info[Context, None]) -> Coordination | None:
        services = info.context.services
        row = services.regie.coordination(str(self.id))
        return Coordination.of(row, row.status, services.identity) if row else None

    @classmethod
    def of(cls, row: MatchRow, identity: Directory) -> Match:
        return cls(
            id=strawberry.ID(row.id),
            since=row.since,
            counterparts=[Counterpart.of(c, identity) for c in row.counterparts],
        )


@strawberry.input
class RegisterSignalInput:
    bsn: str
    birth_date: date
    municipality_code: str
    own_reference: str | None = strawberry.field(
        default=None,
        description="Your own reference (a client number); sealed, only your organisation reads it.",
    )
