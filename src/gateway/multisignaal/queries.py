"""Read the professional's own signals and matches from the views built off Kafka."""

from __future__ import annotations

import strawberry

from domain.identity.model import Role
from gateway.context import Context
from gateway.directory import AnswerDirectory
from gateway.multisignaal.types import Match, Signal, SignalStatus

Info = strawberry.Info[Context, None]
RULE_BY_BSN = "signaller.my_signals_by_bsn"


@strawberry.type
class MultisignaalQuery:
    @strawberry.field(
        description="The caller's own signals, optionally of one status; informingOwed: true lists those "
        "whose informing (Jw 7.1.5) is still to do, false those where it is not; bsn: those about the "
        "young person of this BSN (its pseudonym is computed, nothing is stored)."
    )
    async def my_signals(
        self,
        info: Info,
        status: SignalStatus | None = None,  # type: ignore[valid-type]
        informing_owed: bool | None = None,
        bsn: str | None = None,
    ) -> list[Signal]:
        professional_id, services = info.context.principal.professional, info.context.services
        if services.consistency is not None:
            await services.consistency.caught_up(str(professional_id), services.my_signals)
        today, wanted = services.today(), status.value if status else None  # type: ignore[attr-defined]
        rows = services.my_signals.of(str(professional_id), wanted)
        if bsn is not None:
            about = {str(i) for i in services.multisignaal.signal_ids_about(bsn, professional_id)}
            rows = [row for row in rows if row.id in about]
            if rows:
                info.context.trail.read([services.pseudonymiser.subject(bsn)], RULE_BY_BSN)
        if informing_owed is not None:
            rows = [
                r for r in rows if (r.informing is not None and r.informing.owed_on(today)) is informing_owed
            ]
        return [Signal.of_row(row, today) for row in rows]

    @strawberry.field(
        description="Matches the caller takes part in; counterparts are other organisations' professionals."
    )
    def my_matches(self, info: Info) -> list[Match]:
        services = info.context.services
        rows = services.matches.for_professional(str(info.context.principal.professional))
        info.context.trail.read([row.id for row in rows], "signaller.my_matches")
        directory = AnswerDirectory(services.identity, services.directory_memory)
        return [Match.of(row, directory) for row in rows]

    @strawberry.field(
        description="REGIEVOERDER: matches whose signals name the caller's organisation's municipality."
    )
    def municipality_matches(self, info: Info) -> list[Match]:
        principal = info.context.principal
        principal.require(Role.REGIEVOERDER)
        services = info.context.services
        assert principal.organisation_id is not None
        organisation = services.identity.organisation(principal.organisation_id)
        ref = services.pseudonymiser.municipality(organisation.municipality_code)
        rows = services.matches.for_municipality(ref)
        info.context.trail.read([row.id for row in rows], "regievoerder.municipality_matches")
        directory = AnswerDirectory(services.identity, services.directory_memory)
        return [Match.of(row, directory) for row in rows]
