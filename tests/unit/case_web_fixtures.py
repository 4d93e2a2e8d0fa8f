"""The case pages on in-memory parts: the web gateway of `web_fixtures` with case work wired in
(`cases_fixtures`' pipeline: the application, the relay's mapper and the three case views).

`publish()` plays the relay and the consumers; a page shows what the views hold, so a test
publishes after each step it takes, as the pipeline would within milliseconds.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from uuid import UUID

from tests.unit.cases_fixtures import REGIONS, CasesPipeline
from tests.unit.gateway_fixtures import NOW
from tests.unit.web_fixtures import Browser, WebGateway, build_web_gateway

from domain.identity.model import OrganisationKind, Role, Sector
from gateway.context import Casework
from relay.access import AccessMapper


@dataclass(frozen=True)
class Person:
    id: UUID
    organisation_id: UUID


@dataclass
class CaseWeb:
    web: WebGateway
    pipeline: CasesPipeline

    def publish(self) -> None:
        self.pipeline.publish()

    def organisation(
        self, name: str, sector: Sector, roles: tuple[Role, ...], kind: OrganisationKind | None = None
    ) -> Person:
        identity = self.web.services.identity
        organisation_id = identity.register_organisation(name, sector, "GM0855", kind)
        return self.colleague(Person(organisation_id, organisation_id), roles)

    def colleague(self, of: Person, roles: tuple[Role, ...]) -> Person:
        identity = self.web.services.identity
        email = f"mw{len(identity.organisations())}.{of.organisation_id.hex[:6]}@example.org"
        professional_id = identity.register_professional(of.organisation_id, "Mw. Jansen", email, None, roles)
        return Person(professional_id, of.organisation_id)

    async def signed_in(self, person: Person) -> Browser:
        browser = self.web.browser()
        await browser.sign_in_as(person.id)
        return browser


def build_case_web() -> CaseWeb:
    web, pipeline = build_web_gateway(), CasesPipeline(now=NOW)
    views = (pipeline.vt, pipeline.melder, pipeline.receiver)
    casework = Casework(pipeline.app, *views, opener=pipeline.keystore, regions=REGIONS)
    web.gateway.services = replace(web.gateway.services, casework=casework)
    web.gateway.access.sealer = AccessMapper(pipeline.keystore.seal)
    return CaseWeb(web, pipeline)
