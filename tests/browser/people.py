"""The people of the browser stories, invited over GraphQL by the administrator, and the clock
of the `keten serve` under test (moved through KETEN_TEST_CLOCK_FILE)."""

from __future__ import annotations

import time
import uuid
from dataclasses import dataclass
from pathlib import Path

import pyotp
from playwright.sync_api import Browser, Page, expect
from tests.browser.a11y import accessible
from tests.e2e.harness import Keten

PASSWORD = "een lang wachtwoord 42"
REGISTER_ORGANISATION = (
    """mutation ($input: RegisterOrganisationInput!) { registerOrganisation(input: $input) { id } }"""
)
REGISTER_PROFESSIONAL = """mutation ($input: RegisterProfessionalInput!) {
  registerProfessional(input: $input) { token activationLink professional { id } } }"""


class ServerClock:
    """keten's clock: the system's plus the seconds in the offset file, which only grows here."""

    def __init__(self, offset_file: Path) -> None:
        self.offset_file = offset_file

    @property
    def offset(self) -> float:
        return float(self.offset_file.read_text()) if self.offset_file.exists() else 0.0

    def now(self) -> float:
        return time.time() + self.offset

    def advance(self, seconds: float) -> None:
        self.offset_file.write_text(str(self.offset + seconds))


@dataclass
class Professional:
    id: str
    name: str
    email: str
    token: str
    activation_link: str
    secret: str = ""

    def code(self, clock: ServerClock) -> str:
        return pyotp.TOTP(self.secret).at(clock.now())


class Admin:
    def __init__(self, keten: Keten) -> None:
        self.keten = keten

    def invite(
        self, organisation: str, role: str = "SIGNALLER", sector: str = "JEUGDHULP", kind: str | None = None
    ) -> Professional:
        # A token of the server's present: tests move its clock days ahead.
        admin_token = self.keten.server.admin_token()
        org = self.keten.data(admin_token, REGISTER_ORGANISATION, input={
            "name": organisation, "sector": sector, "municipalityCode": "GM0363", "kind": kind})  # fmt: skip
        name, email = f"{organisation} medewerker", f"mw.{uuid.uuid4().hex[:8]}@example.org"
        registered = self.keten.data(admin_token, REGISTER_PROFESSIONAL, input={
            "organisationId": org["registerOrganisation"]["id"], "name": name, "email": email,
            "phone": "020-5550101", "roles": [role]})["registerProfessional"]  # fmt: skip
        return Professional(
            registered["professional"]["id"], name, email, registered["token"], registered["activationLink"]
        )


def activate(page: Page, person: Professional, clock: ServerClock) -> None:
    """Opens the invitation, reads the TOTP secret as a person would type it into an app, enrols."""
    page.goto(person.activation_link)
    person.secret = page.get_by_test_id("totp-secret").inner_text().strip()
    page.get_by_label("Wachtwoord", exact=True).fill(PASSWORD)
    page.get_by_label("Herhaal het wachtwoord").fill(PASSWORD)
    page.get_by_label("Code uit de app").fill(person.code(clock))
    page.get_by_role("button", name="Account activeren").click()
    expect(page.get_by_role("heading", name="Uw account is actief")).to_be_visible()
    accessible(page)
    clock.advance(30)  # the activation spent this step's code


def sign_in(page: Page, base_url: str, email: str, password: str, code: str) -> None:
    page.goto(f"{base_url}/aanmelden")
    page.get_by_label("E-mailadres").fill(email)
    page.get_by_label("Wachtwoord").fill(password)
    page.get_by_label("Code uit uw authenticator-app").fill(code)
    page.get_by_role("button", name="Aanmelden").click()


BIRTH_DATE = "2012-05-17"  # of the young person the browser tests signal


def signed_in(chromium: Browser, keten: Keten, clock: ServerClock, person: Professional) -> Page:
    page = chromium.new_context(locale="nl-NL", viewport={"width": 1100, "height": 900}).new_page()
    activate(page, person, clock)
    sign_in(page, keten.url, person.email, PASSWORD, person.code(clock))
    expect(page.get_by_role("heading", name=f"Welkom, {person.name}")).to_be_visible()
    return page


def signal(page: Page, bsn: str) -> None:
    page.get_by_role("link", name="Signaal afgeven").first.click()
    page.get_by_label("BSN").fill(bsn)
    page.get_by_label("Geboortedatum").fill(BIRTH_DATE)
    page.get_by_label("Gemeente (gemeentecode)").fill("GM0363")
    page.get_by_role("button", name="Signaal afgeven").click()
    expect(page.get_by_role("status")).to_contain_text("Uw signaal is geregistreerd")
