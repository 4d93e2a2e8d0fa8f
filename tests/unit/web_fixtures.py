"""The web pages on in-memory parts: the unit gateway plus a web store, driven over ASGI.

`Browser` keeps cookies like a browser and reads each form's CSRF token from the page it got,
so a test posts exactly what a person's browser would post.
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any
from uuid import UUID

import httpx
import pyotp
from tests.unit.feeds import received
from tests.unit.gateway_fixtures import Gateway, build_gateway
from tests.unit.regie_pump import _mapped, _subject, pump

from domain.access.model import Access
from domain.identity.model import Role, Sector
from gateway.access.readmodels import AccessLog
from gateway.app import build_asgi
from gateway.multisignaal.references import SignalReferences
from gateway.web.store import WebStore
from kernel.sqlstore import SQLiteDatabase
from keten.keystore import KeyStore
from relay.matches import MatchesMapper
from relay.signals import SignalsMapper

BASE = "http://keten.test"
CSRF = re.compile(r'name="csrf" value="([^"]+)"')
SECRET = re.compile(r'data-testid="totp-secret">([A-Z2-7]+)<')
PASSWORD = "een lang wachtwoord 42"


@dataclass
class WebGateway:
    gateway: Gateway
    db: SQLiteDatabase
    lines: list[Access] = field(default_factory=list)

    @property
    def services(self) -> Any:
        return self.gateway.services

    @property
    def clock(self) -> Any:
        return self.gateway.clock

    def browser(self, base_url: str = BASE, client: tuple[str, int] = ("127.0.0.1", 123)) -> Browser:
        """A browser of its own (cookies), at `client`'s address, reaching keten at `base_url`."""
        transport = httpx.ASGITransport(app=build_asgi(self.services), client=client)
        return Browser(httpx.AsyncClient(transport=transport, base_url=base_url), self)

    def professional(self, organisation: str, roles: tuple[Role, ...] = (Role.SIGNALLER,)) -> UUID:
        identity = self.services.identity
        organisation_id = identity.register_organisation(organisation, Sector.JEUGDHULP, "GM0363")
        email = f"{organisation.lower().replace(' ', '.')}@example.org"
        return identity.register_professional(
            organisation_id, f"{organisation} mw", email, "06-12345678", roles
        )

    def invite(self, professional_id: UUID) -> str:
        email = self.services.identity.professional(professional_id).email
        return self.services.web.accounts.invite(str(professional_id), email, self.clock())

    def code(self, secret: str, at: datetime | None = None) -> str:
        return pyotp.TOTP(secret).at(at or self.clock())

    def count(self, table: str) -> int:
        with self.db.read() as cursor:
            cursor.execute(f"SELECT COUNT(*) FROM {table}")
            return int(cursor.fetchone()[0])


@dataclass
class Browser:
    http: httpx.AsyncClient
    web: WebGateway
    last: httpx.Response | None = None

    async def get(self, path: str) -> httpx.Response:
        self.last = await self.http.get(path.removeprefix(BASE))
        return self.last

    async def post(self, path: str, form: dict[str, str], csrf: bool = True) -> httpx.Response:
        """Posts the form with the CSRF token of the last page (as the page's form would)."""
        if csrf:
            assert self.last is not None, "open the page with the form first"
            form = {"csrf": CSRF.findall(self.last.text)[0], **form}
        self.last = await self.http.post(path.removeprefix(BASE), data=form)
        return self.last

    async def activate(self, link: str, password: str = PASSWORD) -> str:
        """Opens the activation link, enrols with a code from the shown secret; returns the secret."""
        page = await self.get(link)
        secret = SECRET.findall(page.text)[0]
        done = await self.post(
            link, {"password": password, "repeated": password, "code": self.web.code(secret)}
        )
        assert done.status_code == 200, done.text
        return secret

    async def sign_in(self, email: str, secret: str, password: str = PASSWORD) -> httpx.Response:
        await self.get("/aanmelden")
        return await self.post(
            "/aanmelden", {"email": email, "password": password, "code": self.web.code(secret)}
        )

    async def sign_in_as(self, professional_id: UUID) -> None:
        link = self.web.services.web.accounts.sign_in_link(str(professional_id), self.web.clock())
        response = await self.get(link)
        assert response.status_code == 303, response.text


def pump_all(gateway: Gateway) -> None:
    """`regie_pump.pump`, and the same signal and match events into the verwijsindex logboek."""
    pump(gateway)
    services = gateway.services
    signals = SignalsMapper(
        services.my_signals.opener, lambda record: _subject(services.multisignaal, record)
    )  # type: ignore[attr-defined]
    for app, mapper, source in (
        (services.multisignaal, signals, "/keten/multisignaal"),
        (services.matcher, MatchesMapper(services.matcher.subject_of), "/keten/matching"),  # type: ignore[attr-defined]
    ):
        for sequence, event in _mapped(app, mapper):
            services.logbook.handle(received(event, sequence, source))  # type: ignore[attr-defined]


def build_web_gateway() -> WebGateway:
    gateway = build_gateway()
    db = SQLiteDatabase(":memory:")
    keys = KeyStore(SQLiteDatabase(":memory:"), os.urandom(32))
    web = WebGateway(gateway, db)

    def record(lines: Sequence[Access]) -> None:
        web.lines.extend(lines)
        gateway.access.record(lines)

    gateway.services = replace(
        gateway.services,
        web_store=WebStore.on(db, keys, BASE),
        signal_references=SignalReferences(db, keys),
        access_log=AccessLog(record=record, view=gateway.access.view),
    )
    return web
