"""Informing the young person and the parents of a signal (Jw 7.1.5), over GraphQL.

The signal's own professional records whom they informed, or puts it off with a reason and a
date to revisit; for anyone else the signal does not exist. What is due and done is shown on
the professional's own signals (`mySignals { informing }`, `mySignals(informingOwed: true)`).
"""

from __future__ import annotations

from datetime import date

import strawberry

from domain.access.model import AccessKind
from domain.multisignaal.informing import Informee as DomainInformee
from domain.multisignaal.informing import Informing
from domain.multisignaal.informing import InformingStatus as DomainInformingStatus
from gateway.context import Context
from gateway.identity.types import parse_id

Info = strawberry.Info[Context, None]
Informee = strawberry.enum(DomainInformee, name="Informee")
InformingStatus = strawberry.enum(DomainInformingStatus, name="InformingStatus")


@strawberry.type(
    description="Whom to inform of a signal, whom the professional informed, or until when it waits."
)
class SignalInforming:
    status: InformingStatus  # type: ignore[valid-type]
    inform: list[Informee] = strawberry.field(  # type: ignore[valid-type]
        description="Whom the law asks to inform, by the young person's age band at registration."
    )
    informed: list[Informee]  # type: ignore[valid-type]
    revisit_on: date | None
    owed: bool = strawberry.field(
        description="Still to do: never recorded, or postponed until today or earlier."
    )

    @classmethod
    def of(cls, informing: Informing, today: date) -> SignalInforming:
        return cls(
            status=informing.status,
            inform=_in_order(informing.band.required),
            informed=_in_order(informing.informed),
            revisit_on=informing.revisit_on,
            owed=informing.owed_on(today),
        )


def _in_order(people: frozenset[DomainInformee]) -> list[DomainInformee]:
    return sorted(people, key=lambda who: who.value)


@strawberry.type
class InformingMutation:
    @strawberry.mutation(
        description="The signal's own professional: record whom they informed of the signal."
    )
    def record_informing(
        self,
        info: Info,
        signal_id: strawberry.ID,
        informed: list[Informee],  # type: ignore[valid-type]
    ) -> SignalInforming:
        uuid, services = parse_id(signal_id, "signal"), info.context.services
        done = services.multisignaal.record_informing(uuid, info.context.principal.professional, informed)
        info.context.trail.note(AccessKind.CHANGE, str(uuid), "signaller.record_informing")
        return SignalInforming.of(done, services.today())

    @strawberry.mutation(
        description="The signal's own professional: put informing off, with its reason and a date to revisit."
    )
    def postpone_informing(
        self, info: Info, signal_id: strawberry.ID, reason: str, revisit_on: date
    ) -> SignalInforming:
        uuid, services = parse_id(signal_id, "signal"), info.context.services
        professional = info.context.principal.professional
        later = services.multisignaal.postpone_informing(uuid, professional, reason, revisit_on)
        info.context.trail.note(AccessKind.CHANGE, str(uuid), "signaller.postpone_informing")
        return SignalInforming.of(later, services.today())
