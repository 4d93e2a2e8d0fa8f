"""The mailer's second sender: a proposed handover's mail to the receiving organisation's
professionals (`projections.handover_mail`), one message, one log line, no case content."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime
from uuid import UUID

from domain.identity.application import IdentityApplication
from keten.mail import Postbox, handover_mail
from keten.roles.mailing import SEND_FAILURES, send_claimed
from projections.handover_mail import DueHandoverMail, HandoverMailView

log = logging.getLogger("keten.mail")


def send_due_handovers(
    outbox: HandoverMailView, identity: IdentityApplication, postbox: Postbox, base_url: str, sender: str,
    now: Callable[[], datetime],
) -> int:  # fmt: skip
    """Sends every handover mail that is due now; returns how many went."""

    def send_one(mail: DueHandoverMail) -> int:
        return _send(mail, outbox, identity, postbox, base_url, sender, now)

    return send_claimed(outbox, now, send_one)


def _send(
    mail: DueHandoverMail, outbox: HandoverMailView, identity: IdentityApplication, postbox: Postbox,
    base_url: str, sender: str, now: Callable[[], datetime],
) -> int:  # fmt: skip
    addresses = [p.email for p in identity.professionals_of(UUID(mail.organisation_id))]
    if not addresses:
        log.warning("handover mail for organisation %s: no professional to mail", mail.organisation_id)
        outbox.sent(mail, now())
        return 0
    try:
        where = postbox.send(handover_mail(addresses, base_url, sender))
    except SEND_FAILURES as error:
        log.warning("handover mail for organisation %s not sent (%s); tried again later",
                    mail.organisation_id, type(error).__name__)  # fmt: skip
        outbox.failed(mail, now())
        return 0
    outbox.sent(mail, now())
    log.log(postbox.log_level, "handover mail for organisation %s (%d professionals): %s",
            mail.organisation_id, len(addresses), where)  # fmt: skip
    return 1
