"""A gateway on in-memory parts: POPO applications, SQLite views in memory, a fixed clock."""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from typing import Any
from uuid import UUID

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from tests.unit.access_fixtures import AccessPipeline
from tests.unit.regie_fixtures import regie

from domain.identity.application import IdentityApplication
from domain.identity.model import Role, Sector
from domain.multisignaal.application import MultisignaalApplication
from domain.multisignaal.pseudonym import Pseudonymiser
from gateway.auth import TokenIssuer, TokenVerifier
from gateway.context import Context, Services
from gateway.schema import schema
from kernel.sqlstore import SQLiteDatabase
from keten.keystore import KeyStore
from matching.application import MatchingApplication
from projections.match_regie import MatchRegieView
from projections.matches import MatchesView
from projections.signal_logbook import SignalLogbookView
from projections.signals import MySignalsView

POPO = {"PERSISTENCE_MODULE": "eventsourcing.popo"}
NOW = datetime(2026, 11, 23, 10, 0, tzinfo=UTC)


class MovableClock:
    """NOW, unless a test moves it (a deadline passing)."""

    def __init__(self) -> None:
        self.now = NOW

    def __call__(self) -> datetime:
        return self.now


@dataclass
class Gateway:
    services: Services
    admin: str
    access: AccessPipeline
    clock: MovableClock

    async def run(self, token: str | None, query: str, **variables: Any) -> Any:
        header = f"Bearer {token}" if token else None
        return await schema.execute(
            query, variable_values=variables, context_value=Context(self.services, header)
        )

    def professional(
        self,
        organisation: str,
        roles: tuple[Role, ...],
        sector: Sector = Sector.JEUGDHULP,
        municipality: str = "GM0363",
    ) -> str:
        identity = self.services.identity
        organisation_id = identity.register_organisation(organisation, sector, municipality)
        professional_id = identity.register_professional(
            organisation_id, f"{organisation} medewerker", "mw@example.org", "06-12345678", roles
        )
        return self.token_for(professional_id)

    def count_clock_reads(self) -> list[int]:
        """From now on counts the services' reads of the clock, in the one-item list returned."""
        clock, reads = self.services.clock, [0]

        def counted() -> datetime:
            reads[0] += 1
            return clock()

        self.services = replace(self.services, clock=counted)
        return reads

    def token_again(self, token: str, issued: datetime) -> str:
        """A new token for the professional of a token issued at `issued` (which may have expired)."""
        return self.token_for(self.services.verifier.verify(token, issued).professional)

    def token_for(self, professional_id: UUID) -> str:
        view = self.services.identity.professional(professional_id)
        return self.services.issuer.issue(view.id, view.organisation_id, view.roles, self.clock())


def build_gateway() -> Gateway:
    key = Ed25519PrivateKey.generate()
    pseudonymiser = Pseudonymiser(os.urandom(32))
    db = SQLiteDatabase(":memory:")
    access, clock, identity = AccessPipeline(), MovableClock(), IdentityApplication(env=POPO)
    services = Services(
        identity=identity,
        multisignaal=MultisignaalApplication(pseudonymiser, clock, None, env=POPO),
        my_signals=MySignalsView(db, KeyStore(db, os.urandom(32))),
        matches=MatchesView(db),
        issuer=TokenIssuer(key, timedelta(hours=1), identity.record_token),
        verifier=TokenVerifier(key.public_key(), identity.is_revoked),
        pseudonymiser=pseudonymiser,
        clock=clock,
        access_log=access.port(),
        signal_logbook=SignalLogbookView(db),
        match_commands=MatchingApplication(
            regie(lambda organisation: identity.organisation(organisation).sector, clock=clock), env=POPO
        ),
        match_regie=MatchRegieView(db),
    )
    admin = services.issuer.issue(None, None, (Role.ADMIN,), NOW)
    return Gateway(services, admin, access, clock)
