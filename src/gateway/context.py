"""Per-request context: the services a resolver may use, and who is asking."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from domain.calendar import dutch_date
from domain.cases.application import CasesApplication
from domain.errors import NotFound, Unauthenticated
from domain.identity.application import IdentityApplication
from domain.multisignaal.application import MultisignaalApplication
from domain.multisignaal.pseudonym import Pseudonymiser
from gateway.access.readmodels import AccessLog
from gateway.access.trail import AccessTrail
from gateway.auth import Principal, TokenIssuer, TokenVerifier
from gateway.cases.readmodels import MyMeldingen, Opener, ReceiverCases, VeiligThuisCases
from gateway.readmodels import Matches, MySignals, SignalLogbook


@dataclass(frozen=True)
class Casework:
    """The cases application, its three views, and the key store that opens sealed fields."""

    cases: CasesApplication
    vt_cases: VeiligThuisCases
    my_meldingen: MyMeldingen
    receiver_cases: ReceiverCases
    opener: Opener


@dataclass(frozen=True)
class Services:
    identity: IdentityApplication
    multisignaal: MultisignaalApplication
    my_signals: MySignals
    matches: Matches
    issuer: TokenIssuer
    verifier: TokenVerifier
    pseudonymiser: Pseudonymiser
    clock: Callable[[], datetime]
    notification_poll_seconds: float = 0.2
    casework: Casework | None = None  # None where case work is not deployed
    access_log: AccessLog | None = None
    signal_logbook: SignalLogbook | None = None

    @property
    def logbook(self) -> SignalLogbook:
        if self.signal_logbook is None:
            raise NotFound("the signal logbook is not available here")
        return self.signal_logbook

    @property
    def access(self) -> AccessLog:
        if self.access_log is None:
            # Serving personal data without recording who saw it is not an option.
            raise NotFound("the access log is not available here")
        return self.access_log

    @property
    def cases(self) -> Casework:
        if self.casework is None:
            raise NotFound("case work is not available here")
        return self.casework

    def today(self) -> date:
        """The day in the Netherlands, which is what Veilig Thuis's terms count in."""
        return dutch_date(self.clock())


@dataclass
class Context:
    services: Services
    authorization: str | None
    # Set by strawberry from graphql-transport-ws connection_init (browsers cannot send headers).
    connection_params: dict[str, Any] | None = field(default=None)
    client_address: str = "-"  # the access point NEN 7513 asks for, with the token id
    trail: AccessTrail = field(default_factory=AccessTrail)

    @property
    def principal(self) -> Principal:
        header = self.authorization
        if header is None and self.connection_params:
            header = self.connection_params.get("Authorization") or self.connection_params.get(
                "authorization"
            )
        if not header or not header.startswith("Bearer "):
            raise Unauthenticated("send a bearer token: Authorization: Bearer <token>")
        return self.services.verifier.verify(header.removeprefix("Bearer ").strip(), self.services.clock())

    def write_access_log(self) -> None:
        """Writes the request's access lines in one save; nothing noted, nothing written."""
        if not self.trail.noted:
            return
        lines = self.trail.accesses(self.principal, self.client_address, self.services.clock())
        self.services.access.record(lines)
        self.trail.noted.clear()
