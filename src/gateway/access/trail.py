"""The access lines of one request, collected while it runs and written once at its end.

A resolver notes which client's personal data it returned (or refused) and under which
need-to-know rule; the same client and kind are noted once per request, however many
fields or aliases touched it. `AccessLogExtension` then writes every line in one save, so a
request costs one transaction on the access log, not one per field.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime

from domain.access.model import Access, AccessKind, Outcome
from domain.errors import Forbidden, NotFound
from gateway.auth import Principal

NO_ID = "-"  # the platform administrator has no professional or organisation id
# A client is named by a uuid or a 64-hex pseudonym; anything else a caller typed (a mangled
# id in a denied attempt) is never copied into the log, where it could carry a name.
PSEUDONYMOUS = re.compile(r"^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[0-9a-f]{64})$")


@dataclass(frozen=True)
class Noted:
    kind: AccessKind
    client_id: str
    rule: str
    reason: str | None = None


@dataclass
class AccessTrail:
    noted: dict[tuple[str, AccessKind], Noted] = field(default_factory=dict)

    def note(self, kind: AccessKind, client_id: str, rule: str, reason: str | None = None) -> None:
        client_id = client_id.lower() if PSEUDONYMOUS.match(client_id.lower()) else NO_ID
        self.noted.setdefault((client_id, kind), Noted(kind, client_id, rule, reason))

    def read(self, client_ids: Iterable[str], rule: str) -> None:
        for client_id in client_ids:
            self.note(AccessKind.READ, client_id, rule)

    @contextmanager
    def guard(self, client_id: str, rule: str) -> Iterator[None]:
        """Notes a refusal (FORBIDDEN, NOT_FOUND) as a denied attempt, and re-raises it."""
        try:
            yield
        except (Forbidden, NotFound):
            self.note(AccessKind.DENIED, client_id, rule)
            raise

    def accesses(self, principal: Principal, client_address: str, at: datetime) -> list[Access]:
        user, responsible = str(principal.professional_id or NO_ID), str(principal.organisation_id or NO_ID)
        point = (client_address, principal.token_id)
        return [_access(noted, at, user, responsible, point) for noted in self.noted.values()]


def _access(noted: Noted, at: datetime, user: str, responsible: str, point: tuple[str, str]) -> Access:
    outcome = Outcome.DENIED if noted.kind is AccessKind.DENIED else Outcome.ALLOWED
    return Access(
        kind=noted.kind,
        at=at,
        client_id=noted.client_id,
        user_id=user,
        responsible_id=responsible,
        client_address=point[0],
        token_id=point[1],
        rule=noted.rule,
        outcome=outcome,
        reason=noted.reason,
    )


Recorder = Callable[[Sequence[Access]], object]
