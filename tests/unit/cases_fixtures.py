"""The cases pipeline on in-memory parts: the application on POPO with a real key store, the
relay's mapper, and the three case views fed with exactly what the relay would publish."""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from typing import Any
from uuid import UUID

from tests.unit import feeds
from tests.unit.cases.casework import MONDAY_MORNING, Clock
from tests.unit.gateway_fixtures import NOW, Gateway, build_gateway

from domain.calendar import load_calendar
from domain.cases.application import CasesApplication
from domain.cases.plan import Plan
from domain.identity.model import OrganisationKind, Role, Sector
from domain.regions import load_regions
from gateway.context import Casework
from kernel.cloudevents import PublicEvent, ReceivedEvent
from kernel.sqlstore import Database, SQLiteDatabase
from keten.keystore import KeyStore
from projections.cases_melder import MyMeldingenView
from projections.cases_receiver import ReceiverCasesView
from projections.cases_vt import VeiligThuisCasesView
from relay.access import AccessMapper
from relay.cases import CasesMapper
from relay.chain import CaseChain, stamp

POPO = {"PERSISTENCE_MODULE": "eventsourcing.popo"}
HOLIDAYS = Path(__file__).parents[2] / "data" / "holidays"
CALENDAR = load_calendar(HOLIDAYS)


REGIONS = load_regions(Path(__file__).resolve().parents[2] / "data" / "regions" / "veilig_thuis.json")


class CasesPipeline:
    def __init__(self, now: datetime = MONDAY_MORNING, db: Database | None = None) -> None:
        self.db = db or SQLiteDatabase(":memory:")
        # Keys live in a database of their own, as in production: a view opens payloads
        # while its own transaction is open.
        self.keystore = KeyStore(SQLiteDatabase(":memory:"), os.urandom(32))
        self.clock = Clock(now)
        self.app = CasesApplication(env=POPO, sealer=self.keystore, calendar=CALENDAR, clock=self.clock)
        self.mapper = CasesMapper(self.keystore.seal, self._case_of_plan)
        self.vt = VeiligThuisCasesView(self.db, self.keystore)
        self.melder = MyMeldingenView(self.db, self.keystore)
        self.receiver = ReceiverCasesView(self.db, self.keystore)
        self.chain = CaseChain(self.db)
        self.published: list[PublicEvent] = []
        self._position = 0

    def publish(self) -> list[PublicEvent]:
        """Maps what was recorded since the last call, and hands it to every view."""
        new = []
        page = self.app.recorder.select_notifications(self._position + 1, 10_000)
        heads = self.chain.extend(page)
        for notification in page:
            self._position = notification.id
            public = self.mapper(self.app.mapper.to_domain_event(notification))
            if public is not None:
                public = stamp(public, heads[notification.id])
                new.append(public)
                for view in (self.vt, self.melder, self.receiver):
                    view.handle(received(public, notification.id))
        self.published += new
        return new

    def _case_of_plan(self, plan_id: UUID) -> UUID:
        plan = self.app.repository.get(plan_id, version=1)
        assert isinstance(plan, Plan)
        return plan.case_id


def received(event: PublicEvent, sequence: int) -> ReceivedEvent:
    """The event as a consumer reads it back from Kafka."""
    return feeds.received(event, sequence, "/keten/cases")


@dataclass
class Organisation:
    id: UUID
    token: str  # of its first professional
    professional_id: UUID


@dataclass
class CasesGateway:
    """The gateway with case work wired in; `publish()` plays the relay and the consumers."""

    gateway: Gateway
    pipeline: CasesPipeline

    async def run(self, token: str | None, query: str, **variables: Any) -> Any:
        self.pipeline.publish()
        return await self.gateway.run(token, query, **variables)

    async def data(self, token: str | None, query: str, **variables: Any) -> Any:
        result = await self.run(token, query, **variables)
        assert result.errors is None, result.errors
        self.pipeline.publish()
        return result.data

    def organisation(
        self,
        name: str,
        sector: Sector,
        roles: tuple[Role, ...],
        kind: OrganisationKind | None = None,
        municipality: str = "GM0855",
    ) -> Organisation:
        identity = self.gateway.services.identity
        organisation_id = identity.register_organisation(name, sector, municipality, kind)
        professional_id = identity.register_professional(
            organisation_id, f"{name} medewerker", "mw@example.org", None, roles
        )
        return Organisation(organisation_id, self.gateway.token_for(professional_id), professional_id)

    def colleague(self, organisation: Organisation, roles: tuple[Role, ...]) -> Organisation:
        identity = self.gateway.services.identity
        professional_id = identity.register_professional(
            organisation.id, "collega", "c@example.org", None, roles
        )
        return Organisation(organisation.id, self.gateway.token_for(professional_id), professional_id)


def build_cases_gateway() -> CasesGateway:
    gateway, pipeline = build_gateway(), CasesPipeline(now=NOW)
    vt, melder, receiver = pipeline.vt, pipeline.melder, pipeline.receiver
    casework = Casework(pipeline.app, vt, melder, receiver, opener=pipeline.keystore, regions=REGIONS)
    gateway.services = replace(gateway.services, casework=casework)
    # Break-the-glass reasons are sealed under the case's key, as the platform does.
    gateway.access.sealer = AccessMapper(pipeline.keystore.seal)
    return CasesGateway(gateway, pipeline)
