"""Per-request context: the services a resolver may use, and who is asking."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from domain.calendar import dutch_date
from domain.cases.application import CasesApplication
from domain.errors import DomainError, NotFound, Unauthenticated
from domain.identity.application import IdentityApplication
from domain.multisignaal.application import MultisignaalApplication
from domain.multisignaal.pseudonym import Pseudonymiser
from domain.regions import RegionTable
from gateway.access.readmodels import AccessLog
from gateway.access.trail import AccessTrail
from gateway.auth import Principal, TokenIssuer, TokenVerifier
from gateway.cases.readmodels import MyMeldingen, Opener, ReceiverCases, VeiligThuisCases
from gateway.consistency import Consistency
from gateway.directory import DirectoryMemory
from gateway.listeners import Listeners
from gateway.multisignaal.ports import MatchCommands, MatchRegie
from gateway.multisignaal.references import SignalReferences
from gateway.readmodels import Matches, MySignals, SignalLogbook
from gateway.throttle import RateLimited, Throttles
from gateway.web.store import WebStore
from kernel.metrics import authentication_failed


@dataclass(frozen=True)
class Casework:
    """The cases application, its three views, and the key store that opens sealed fields."""

    cases: CasesApplication
    vt_cases: VeiligThuisCases
    my_meldingen: MyMeldingen
    receiver_cases: ReceiverCases
    opener: Opener
    regions: RegionTable | None = None  # without it a melding must name its Veilig Thuis


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
    # In memory unless bootstrap hands over a shared store (every gateway process counts together).
    throttles: Throttles = field(default_factory=Throttles.in_memory)
    match_commands: MatchCommands | None = None  # the matcher, where it runs in this process
    match_regie: MatchRegie | None = None
    # Read your own writes across gateways; None where the views are built in this process's
    # own tests and nothing needs to wait.
    consistency: Consistency | None = None
    web_store: WebStore | None = None  # accounts and sessions of the web pages
    signal_references: SignalReferences | None = None  # own references, where they are kept
    # The directory as this process's answers read it, while the identity store is unchanged.
    directory_memory: DirectoryMemory = field(default_factory=DirectoryMemory)
    # Open subscriptions and live streams per professional, in this process (gateway.listeners).
    listeners: Listeners = field(default_factory=Listeners)

    @property
    def references(self) -> SignalReferences:
        if self.signal_references is None:
            raise NotFound("own references are not kept here")
        return self.signal_references

    @property
    def web(self) -> WebStore:
        if self.web_store is None:
            raise NotFound("the web pages are not available here")
        return self.web_store

    @property
    def matcher(self) -> MatchCommands:
        if self.match_commands is None:
            raise NotFound("the matcher does not take commands here")
        return self.match_commands

    @property
    def regie(self) -> MatchRegie:
        if self.match_regie is None:
            raise NotFound("the regie of matches is not available here")
        return self.match_regie

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
    response: Any = None  # strawberry's response to an HTTP request: its status and headers
    # A web page's signed-in professional: the session stands in for the bearer token.
    session: Principal | None = None
    # An HTTP request ends within the transport's time limit: its token is checked once. A
    # WebSocket's context lives as long as its subscriptions: checked on every use.
    one_request: bool = False
    _refused: DomainError | None = field(default=None, init=False, repr=False)
    _verified: Principal | None = field(default=None, init=False, repr=False)

    @property
    def principal(self) -> Principal:
        """Verified once per HTTP request, and on every use where the context outlives one (an
        open subscription sees a revocation at its next poll); a refusal is counted once per
        request against the client's address, and kept."""
        if self._refused is not None:
            raise self._refused
        if self._verified is not None:
            return self._verified
        try:
            principal = self._verify()
        except Unauthenticated as refused:
            self._refused = self._throttled(refused)
            raise self._refused from None
        if self.one_request:
            self._verified = principal
        return principal

    def retry_after(self, seconds: int) -> None:
        """Answers 429 with Retry-After, where there is an HTTP response to set it on."""
        if self.response is not None:
            self.response.status_code = 429
            self.response.headers["Retry-After"] = str(seconds)

    def _verify(self) -> Principal:
        if self.session is not None:
            return self.session
        header = self.authorization
        if header is None and self.connection_params:
            header = self.connection_params.get("Authorization") or self.connection_params.get(
                "authorization"
            )
        if not header or not header.startswith("Bearer "):
            raise Unauthenticated("send a bearer token: Authorization: Bearer <token>")
        return self.services.verifier.verify(header.removeprefix("Bearer ").strip(), self.services.clock())

    def _throttled(self, refused: Unauthenticated) -> DomainError:
        authentication_failed("graphql")
        throttle, now = self.services.throttles.authentication, self.services.clock()
        try:
            throttle.check(self.client_address, now)
        except RateLimited as limited:
            self.retry_after(limited.retry_after)
            return limited
        finally:
            throttle.hit(self.client_address, now)  # refusals while limited count too: flooding keeps it
        return refused

    async def write_access_log_together(self) -> None:
        """As write_access_log, in one save with the lines of requests ending at the same time."""
        if not self.trail.noted:
            return
        lines = self.trail.accesses(self.principal, self.client_address, self.services.clock())
        together = self.services.access.together
        if together is None:
            self.services.access.record(lines)
        else:
            await together.record(lines)
        self.trail.noted.clear()

    def write_access_log(self) -> None:
        """Writes the request's access lines in one save; nothing noted, nothing written."""
        if not self.trail.noted:
            return
        lines = self.trail.accesses(self.principal, self.client_address, self.services.clock())
        self.services.access.record(lines)
        self.trail.noted.clear()
