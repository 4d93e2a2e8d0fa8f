"""Register and withdraw signals: who worries about whom — never why."""

from __future__ import annotations

import strawberry

from domain.access.model import AccessKind
from domain.identity.model import Role
from domain.validation import limits
from gateway.context import Context
from gateway.identity.types import parse_id
from gateway.multisignaal.limits import check_registration_rate, count_registration
from gateway.multisignaal.types import (
    EarlierSignal,
    RegisterSignalInput,
    Signal,
    SignalRegistration,
    WithdrawalReason,
)
from kernel.contracts import SIGNALS_TOPIC, source_of, stream_of

Info = strawberry.Info[Context, None]
RULE_REGISTER = "signaller.register_signal"


@strawberry.type
class MultisignaalMutation:
    @strawberry.mutation(
        description="SIGNALLER or VT_MEDEWERKER: register a worry about a young person (0-23)."
    )
    def register_signal(self, info: Info, input: RegisterSignalInput) -> SignalRegistration:
        principal = info.context.principal
        principal.require(Role.SIGNALLER, Role.VT_MEDEWERKER)
        services = info.context.services
        organisation_id = principal.organisation_id
        assert organisation_id is not None
        reference = limits.OWN_REFERENCE.check_optional(input.own_reference)
        check_registration_rate(info.context, input.bsn)
        registration = services.multisignaal.register_signal(
            input.bsn,
            input.birth_date,
            input.municipality_code,
            organisation_id,
            principal.professional,
        )
        count_registration(info.context)
        if reference is not None:
            services.references.keep(registration.signal.id, organisation_id, reference)
        subject = services.pseudonymiser.subject(input.bsn)
        if services.consistency is not None:
            stream = stream_of(source_of(services.multisignaal.name), subject)
            services.consistency.wrote(
                str(principal.professional), SIGNALS_TOPIC, stream, registration.position
            )
        info.context.trail.note(AccessKind.CREATE, subject, RULE_REGISTER)
        if registration.earlier_signals:
            info.context.trail.read([subject], RULE_REGISTER)
        return SignalRegistration(
            signal=Signal.of(registration.signal, registration.informing, services.today()),
            earlier_signals=[EarlierSignal.of(s, services.identity) for s in registration.earlier_signals],
        )

    @strawberry.mutation(
        description="The signal's own professional: withdraw it (unjustified, or risk gone)."
    )
    def withdraw_signal(
        self,
        info: Info,
        signal_id: strawberry.ID,
        reason: WithdrawalReason,  # type: ignore[valid-type]
    ) -> Signal:
        principal = info.context.principal
        signal = info.context.services.multisignaal.withdraw_signal(
            parse_id(signal_id, "signal"), principal.professional, reason
        )
        return Signal.of(signal)
