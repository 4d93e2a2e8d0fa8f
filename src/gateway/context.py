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
from gateway.auth import Principal, TokenIssuer, TokenVerifier
from gateway.cases.readmodels import MyMeldingen, Opener, ReceiverCases, VeiligThuisCases
from gateway.readmodels import Matches, MySignals


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
