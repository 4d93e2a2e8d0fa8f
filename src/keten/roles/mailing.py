"""The mailer's sender: sends the outbox's due mails (`projections.match_mail`), one log line each.

It runs beside the mailer's consumer (`keten mailer`, and inside `keten serve`). A mail that
fails (the server away, a refusal) stays due and is tried again later; the others go on.
"""

from __future__ import annotations

import asyncio
import logging
import smtplib
from collections.abc import Callable
from datetime import datetime
from typing import Protocol, TypeVar
from uuid import UUID

from domain.errors import NotFound
from domain.identity.application import IdentityApplication
from keten.mail import Postbox, match_mail
from keten.waiting import within
from projections.match_mail import DueMail, MatchMailView

log = logging.getLogger("keten.mail")
POLL_SECONDS = 0.5
SEND_FAILURES = (OSError, smtplib.SMTPException)
Mail = TypeVar("Mail")


def send_due(
    outbox: MatchMailView, identity: IdentityApplication, postbox: Postbox, base_url: str, sender: str,
    now: Callable[[], datetime],
) -> int:  # fmt: skip
    """Sends every mail that is due now; returns how many went."""

    def send_one(mail: DueMail) -> int:
        return _send(mail, outbox, identity, postbox, base_url, sender, now)

    return send_claimed(outbox, now, send_one)


class Outbox(Protocol[Mail]):
    def due(self, now: datetime) -> list[Mail]: ...

    def claim(self, mail: Mail, now: datetime) -> bool: ...


def send_claimed(outbox: Outbox[Mail], now: Callable[[], datetime], send_one: Callable[[Mail], int]) -> int:
    """Sends each due mail this process claims first (two mailers never send one mail twice)."""
    return sum(send_one(mail) for mail in outbox.due(now()) if outbox.claim(mail, now()))


def _send(
    mail: DueMail, outbox: MatchMailView, identity: IdentityApplication, postbox: Postbox, base_url: str,
    sender: str, now: Callable[[], datetime],
) -> int:  # fmt: skip
    try:
        professional = identity.professional(UUID(mail.professional_id))
        where = postbox.send(match_mail(professional, base_url, sender))
    except NotFound:
        log.warning("match mail for unknown professional %s: dropped", mail.professional_id)
        outbox.sent(mail, now())
        return 0
    except SEND_FAILURES as error:
        log.warning("match mail for professional %s not sent (%s); tried again later",
                    mail.professional_id, type(error).__name__)  # fmt: skip
        outbox.failed(mail, now())
        return 0
    outbox.sent(mail, now())
    log.log(postbox.log_level, "match mail for professional %s (match %s): %s",
            mail.professional_id, mail.match_id, where)  # fmt: skip
    return 1


async def mail_until(stop: asyncio.Event, send: Callable[[], int]) -> None:
    """Runs `send` (in a thread: SMTP blocks) every POLL_SECONDS until `stop` is set."""
    while not stop.is_set():
        await asyncio.to_thread(send)
        try:
            await within(stop.wait(), POLL_SECONDS)
        except TimeoutError:
            continue
