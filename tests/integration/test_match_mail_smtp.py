"""Match mails through a real SMTP server on loopback (aiosmtpd), and the embedded `.eml` default."""

from __future__ import annotations

import ipaddress
import logging
import smtplib
import ssl
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from email import message_from_bytes
from pathlib import Path
from typing import Any
from uuid import uuid4

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

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


def test_with_starttls_the_login_and_the_mail_travel_encrypted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cert, key = self_signed(tmp_path)
    monkeypatch.setenv("SSL_CERT_FILE", str(cert))  # the client trusts this server, as an operator's CA
    tls = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    tls.load_cert_chain(cert, key)
    received, port = Received(), free_loopback_port()
    server = Controller(received, hostname="127.0.0.1", port=port, tls_context=tls, require_starttls=True,
                        authenticator=only_keten)  # fmt: skip
    server.start()
    try:
        settings = Settings(smtp_host="127.0.0.1", smtp_port=port, smtp_user="keten", smtp_password="geheim")
        assert settings.smtp_starttls  # the default
        SmtpPostbox(settings).send(match_mail(MENTOR, "https://keten.example", settings.mail_from))
    finally:
        server.stop()
    [envelope] = received.envelopes
    assert envelope.rcpt_tos == ["s.devries@school.example"]


def self_signed(directory: Path) -> tuple[Path, Path]:
    """A certificate for 127.0.0.1, valid for a day, and its key (PEM files)."""
    key = ec.generate_private_key(ec.SECP256R1())
    loopback = ipaddress.ip_address("127.0.0.1")
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = datetime.now(UTC)
    certificate = (
        x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
        .serial_number(x509.random_serial_number()).not_valid_before(now - timedelta(minutes=1))
        .not_valid_after(now + timedelta(days=1))
        .add_extension(x509.SubjectAlternativeName([x509.IPAddress(loopback)]), False)
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), True)
        .sign(key, hashes.SHA256())
    )  # fmt: skip
    cert_path, key_path = directory / "smtp.pem", directory / "smtp.key"
    cert_path.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))  # fmt: skip
    return cert_path, key_path
