"""The whole story in real Chromium: two organisations' professionals, invited by the administrator,
activate, sign in and signal the same young person; the first sees the match appear without a
reload; both mails reach the SMTP server with nothing of the young person in them; the
regievoerder sees the match; a withdrawal ends it, and a signaller may not open her pages."""

from __future__ import annotations

from collections.abc import Iterator
from email import message_from_bytes
from email.policy import default
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from playwright.sync_api import Browser, expect
from tests.browser.a11y import look
from tests.browser.people import BIRTH_DATE, Admin, ServerClock, signal, signed_in
from tests.e2e.conftest import serve_keten
from tests.e2e.harness import Keten, wait_until
from tests.integration.platform_kit import Store
from tests.random_refs import random_bsn

from keten.broker import free_loopback_port

LIVE = 30_000  # ms: the match travels signal → relay → matcher → relay → view → page


class Mailbox:
    def __init__(self) -> None:
        self.envelopes: list[Any] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802 - aiosmtpd's name
        self.envelopes.append(envelope)
        return "250 OK"


@pytest.fixture(scope="module")
def mailbox() -> Iterator[tuple[Mailbox, int]]:
    box, port = Mailbox(), free_loopback_port()
    server = Controller(box, hostname="127.0.0.1", port=port)
    server.start()
    yield box, port
    server.stop()


@pytest.fixture(scope="module")
def keten(e2e_store: Store, clock_file: Path, mailbox: tuple[Mailbox, int]) -> Iterator[Keten]:
    smtp = {
        "KETEN_SMTP_HOST": "127.0.0.1",
        "KETEN_SMTP_PORT": str(mailbox[1]),
        "KETEN_SMTP_STARTTLS": "false",
    }
    yield from serve_keten(e2e_store, {"KETEN_TEST_CLOCK_FILE": str(clock_file), **smtp})


def test_two_organisations_match_in_the_browser_and_a_withdrawal_ends_it(
    keten: Keten, admin: Admin, clock: ServerClock, chromium: Browser, mailbox: tuple[Mailbox, int],
    screenshots: Path,
) -> None:  # fmt: skip
    mentor, worker = (
        admin.invite("Het Amstel Lyceum", sector="ONDERWIJS"),
        admin.invite("Jeugdhulp Amsterdam"),
    )
    regie = admin.invite("Gemeente Amsterdam", role="REGIEVOERDER", sector="GEMEENTE")
    bsn = random_bsn()
    # One SMTP server for the module, whose test runs once per store: only this run's mails count.
    mailbox[0].envelopes.clear()
    first, second, third = (signed_in(chromium, keten, clock, who) for who in (mentor, worker, regie))

    signal(first, bsn)
    first.get_by_role("link", name="Mijn matches").click()
    expect(first.get_by_text("U heeft nog geen matches")).to_be_visible()
    look(first, "mijn-matches-leeg", screenshots)
    first.evaluate("window.stillTheSamePage = true")

    signal(second, bsn)
    card = first.locator("[data-match]")
    expect(card).to_contain_text("Jeugdhulp Amsterdam", timeout=LIVE)
    expect(card).to_contain_text(worker.email)
    expect(card).to_contain_text("020-5550101")
    assert first.evaluate("window.stillTheSamePage") is True  # no reload: the list came live
    look(first, "mijn-matches", screenshots)

    mails = wait_until(
        lambda: mailbox[0].envelopes if len(mailbox[0].envelopes) >= 2 else None, 20, "two mails"
    )
    assert sorted(e.rcpt_tos[0] for e in mails) == sorted([mentor.email, worker.email])
    others = {mentor.email: "Jeugdhulp Amsterdam", worker.email: "Het Amstel Lyceum"}
    for envelope in mails:
        mail = message_from_bytes(envelope.content, policy=default)
        text = f"{mail['Subject']}\n{mail.get_content()}"  # type: ignore[attr-defined]
        assert f"{keten.url}/matches" in text
        for secret in (
            bsn,
            BIRTH_DATE,
            "17-05-2012",
            "GM0363",
            "Gemeente Amsterdam",
            others[envelope.rcpt_tos[0]],
        ):
            assert secret not in text, secret

    third.get_by_role("link", name="Matches in de gemeente").first.click()
    expect(third.locator("tbody")).to_contain_text(mentor.name)
    expect(third.locator("tbody")).to_contain_text(worker.name)
    look(third, "gemeente-matches", screenshots)
    third.get_by_role("link", name="Logboek").first.click()
    expect(third.locator("tbody")).to_contain_text("Signaal afgegeven")
    look(third, "logboek", screenshots)

    second.goto(f"{keten.url}/gemeente/matches")
    expect(second.get_by_role("alert")).to_contain_text("U heeft geen toegang tot deze pagina")
    look(second, "geen-toegang", screenshots)

    second.goto(f"{keten.url}/signalen")
    second.get_by_label("Reden").select_option("RISK_GONE")
    second.get_by_role("button", name="Intrekken").click()
    expect(second.get_by_role("status")).to_contain_text("Het signaal is ingetrokken")
    expect(first.locator("[data-match]")).to_have_count(0, timeout=LIVE)
    expect(first.get_by_text("U heeft nog geen matches")).to_be_visible()
