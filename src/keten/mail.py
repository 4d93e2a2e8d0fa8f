"""E-mail on a match: the message, and where it goes — an SMTP server, or `.eml` files.

The message says that there is a match and where to sign in; nothing of the young person
(no BSN, name, birth date, municipality) and nothing of the other signallers (not even their
organisation) is in it: a mailbox is not a place for the verwijsindex.
"""

from __future__ import annotations

import logging
import smtplib
import ssl
import uuid
from collections.abc import Mapping
from email.message import EmailMessage
from email.utils import formatdate
from pathlib import Path
from typing import Protocol

from domain.identity.application import ProfessionalView
from kernel.settings import Settings

log = logging.getLogger("keten.mail")
SUBJECT = "keten: u heeft een nieuwe match"
BODY = """Beste {name},

Er is een match: een professional van een andere organisatie maakt zich zorgen over een
jongere over wie u ook een signaal heeft afgegeven. Neem contact met elkaar op.

Meld u aan om te zien met wie:
{url}

Deze e-mail noemt bewust niets over de jongere of de andere organisatie.

keten
"""


HANDOVER_SUBJECT = "keten: er wacht een overdracht op uw organisatie"
HANDOVER_BODY = """Beste collega,

Veilig Thuis stelt uw organisatie een warme overdracht voor. Meld u aan om die te aanvaarden of
af te wijzen:
{url}

Deze e-mail noemt bewust niets over het gezin of de zaak.

keten
"""


DIGEST_SUBJECT = "keten: termijnen van uw Veilig Thuis in de komende 2 werkdagen"
DEADLINE_WORDS = {
    "TRIAGE": "triage",
    "VOORWAARDEN_EN_VERVOLG": "voorwaarden en vervolg",
    "ONDERZOEK": "onderzoek",
    "TERUGKOPPELING_AFTER_TRIAGE": "terugkoppeling na triage",
    "TERUGKOPPELING_AFTER_ONDERZOEK": "terugkoppeling na onderzoek",
    "MONITORING_AFTER_3_MONTHS": "monitoring na 3 maanden",
    "MONITORING_AFTER_12_MONTHS": "monitoring na 12 maanden",
}


class Postbox(Protocol):
    log_level: int  # of the one line per mail: a mail only written to disk deserves a warning

    def send(self, message: EmailMessage) -> str:
        """Delivers the message; returns where it went, for the log line."""
        ...


def match_mail(professional: ProfessionalView, base_url: str, sender: str) -> EmailMessage:
    message = EmailMessage()
    message["From"], message["To"], message["Subject"] = sender, professional.email, SUBJECT
    message["Message-ID"], message["Date"] = f"<{uuid.uuid4().hex}@keten>", formatdate(localtime=True)
    message.set_content(BODY.format(name=professional.name, url=f"{base_url}/matches"))
    return message


def handover_mail(addresses: list[str], base_url: str, sender: str) -> EmailMessage:
    """One message to every professional of the receiving organisation, each in Bcc (they need
    not learn each other's addresses from it): that a handover waits, and where to sign in."""
    message = EmailMessage()
    message["From"], message["To"], message["Subject"] = sender, sender, HANDOVER_SUBJECT
    message["Bcc"] = ", ".join(addresses)
    message["Message-ID"] = f"<{uuid.uuid4().hex}@keten>"
    message.set_content(HANDOVER_BODY.format(url=f"{base_url}/overdrachten"))
    return message


def digest_mail(
    addresses: list[str], due_soon: Mapping[str, int], overdue: int, base_url: str, sender: str
) -> EmailMessage:
    """Counts per kind of deadline and a link to the werkvoorraad; no case, no name."""
    lines = [f"- {DEADLINE_WORDS.get(kind, kind)}: {count}" for kind, count in sorted(due_soon.items())]
    body = (
        "Beste collega,\n\nTermijnen die binnen 2 werkdagen verlopen (of al verlopen zijn):\n"
        + "\n".join(lines)
        + f"\n\nWaarvan al te laat: {overdue}\n\nDe werkvoorraad: {base_url}/werkvoorraad\n\nketen\n"
    )
    message = EmailMessage()
    message["From"], message["To"], message["Subject"] = sender, sender, DIGEST_SUBJECT
    message["Bcc"] = ", ".join(addresses)
    message["Message-ID"] = f"<{uuid.uuid4().hex}@keten>"
    message.set_content(body)
    return message


class SmtpPostbox:
    log_level = logging.INFO

    def __init__(self, settings: Settings) -> None:
        assert settings.smtp_host is not None
        self.host, self.port, self.starttls = settings.smtp_host, settings.smtp_port, settings.smtp_starttls
        self.user, self.password = settings.smtp_user, settings.smtp_password

    def send(self, message: EmailMessage) -> str:
        with smtplib.SMTP(self.host, self.port, timeout=30) as smtp:
            if self.starttls:
                smtp.starttls(context=ssl.create_default_context())
            if self.user:
                smtp.login(self.user, self.password or "")
            smtp.send_message(message)
        return f"smtp {self.host}:{self.port}"


class EmlPostbox:
    """The embedded default: each message a file under the data dir (mode of the data dir)."""

    log_level = logging.WARNING  # nobody receives it: say where it is, at the default log level

    def __init__(self, directory: Path) -> None:
        self.directory = directory

    def send(self, message: EmailMessage) -> str:
        self.directory.mkdir(parents=True, exist_ok=True)
        path = self.directory / f"{uuid.uuid4().hex}.eml"
        path.write_bytes(bytes(message))
        return str(path)


def postbox_for(settings: Settings) -> Postbox:
    return SmtpPostbox(settings) if settings.smtp_host else EmlPostbox(settings.data_dir / "mail")
