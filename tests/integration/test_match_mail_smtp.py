"""Match mails through a real SMTP server on loopback (aiosmtpd), and the embedded `.eml` default."""

from __future__ import annotations

import logging
import smtplib
from collections.abc import Iterator
from email import message_from_bytes
from pathlib import Path
from typing import Any
from uuid import uuid4

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

from domain.identity.application import ProfessionalView
from domain.identity.model import Role
from kernel.settings import Settings
from keten.broker import free_loopback_port
from keten.mail import EmlPostbox, SmtpPostbox, match_mail, postbox_for

MENTOR = ProfessionalView(
    uuid4(), uuid4(), "Sanne de Vries", "s.devries@school.example", None, (Role.SIGNALLER,)
)


class Received:
    def __init__(self) -> None:
        self.envelopes: list[Any] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802 - aiosmtpd's name
        self.envelopes.append(envelope)
        return "250 OK"


def only_keten(server: Any, session: Any, envelope: Any, mechanism: str, auth_data: Any) -> AuthResult:
    ok = isinstance(auth_data, LoginPassword) and (auth_data.login, auth_data.password) == (
        b"keten",
        b"geheim",
    )
    return AuthResult(success=ok, handled=False)


@pytest.fixture
def smtp() -> Iterator[tuple[Received, int]]:
    received, port = Received(), free_loopback_port()
    server = Controller(received, hostname="127.0.0.1", port=port, authenticator=only_keten,
                        auth_require_tls=False)  # fmt: skip
    server.start()
    yield received, port
    server.stop()


def test_a_match_mail_reaches_the_smtp_server_with_its_login(smtp: tuple[Received, int]) -> None:
    received, port = smtp
    settings = Settings(smtp_host="127.0.0.1", smtp_port=port, smtp_starttls=False, smtp_user="keten",
                        smtp_password="geheim", mail_from="keten <noreply@keten.example>")  # fmt: skip
    postbox = postbox_for(settings)
    assert isinstance(postbox, SmtpPostbox)
    postbox.send(match_mail(MENTOR, "https://keten.example", settings.mail_from))
    [envelope] = received.envelopes
    assert envelope.rcpt_tos == ["s.devries@school.example"]
    mail = message_from_bytes(envelope.content)
    assert (
        mail["Subject"] == "keten: u heeft een nieuwe match"
        and "https://keten.example/matches" in mail.as_string()
    )


def test_a_wrong_login_is_an_error_the_sender_retries(smtp: tuple[Received, int]) -> None:
    received, port = smtp
    settings = Settings(smtp_host="127.0.0.1", smtp_port=port, smtp_starttls=False, smtp_user="keten",
                        smtp_password="fout")  # fmt: skip
    with pytest.raises(smtplib.SMTPAuthenticationError):
        SmtpPostbox(settings).send(match_mail(MENTOR, "https://keten.example", settings.mail_from))
    assert received.envelopes == []


def test_without_a_mail_server_each_mail_is_an_eml_file_under_the_data_dir(tmp_path: Path) -> None:
    postbox = postbox_for(Settings(data_dir=tmp_path))
    assert isinstance(postbox, EmlPostbox) and postbox.log_level == logging.WARNING
    where = Path(postbox.send(match_mail(MENTOR, "http://127.0.0.1:8000", "keten <noreply@keten.invalid>")))
    assert where.parent == tmp_path / "mail" and where.suffix == ".eml"
    assert message_from_bytes(where.read_bytes())["To"] == "s.devries@school.example"
