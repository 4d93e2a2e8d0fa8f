"""The published language of the access log: keten.access.v1 — one record per access line.

A stored batch of lines (`AccessBatch`) becomes one record per line, in the batch's order, each
with the line's own id: the relay numbers them (`relay.records`).

Ids, kinds, times and the access point travel in clear: an auditor's view needs them and
none names a person. A break-the-glass reason is free text and may name someone, so it
travels sealed under the client's (the case's) key and is shredded with the case.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from domain.access.application import lines_of
from domain.access.model import Access, AccessRecord
from kernel.cloudevents import PublicEvent
from kernel.contracts import ACCESS_RECORDED, ACCESS_TOPIC

Sealer = Callable[[str, str], str | None]


class AccessMapper:
    def __init__(self, seal: Sealer) -> None:
        self.seal = seal

    def __call__(self, event: Any) -> PublicEvent | list[PublicEvent] | None:
        lines = lines_of(event)
        if not lines:
            return None
        if isinstance(event, AccessRecord.Event):  # one line, stored before batches: numbered as then
            return self._record(*lines[0])
        return [self._record(line_id, access) for line_id, access in lines]

    def _record(self, line_id: Any, access: Access) -> PublicEvent:
        data = {"accessId": str(line_id), **self._line(access)}
        # Keyed by client: an auditor's per-client history keeps its order on one partition.
        return PublicEvent(ACCESS_TOPIC, ACCESS_RECORDED, access.client_id, access.client_id, data, access.at)

    def _line(self, access: Access) -> dict[str, str | None]:
        return {
            "kind": access.kind.value,
            "at": access.at.isoformat(),
            "clientId": access.client_id,
            "userId": access.user_id,
            "responsibleId": access.responsible_id,
            "clientAddress": access.client_address,
            "tokenId": access.token_id,
            "rule": access.rule,
            "outcome": access.outcome.value,
            "reasonSealed": self.seal(access.client_id, access.reason) if access.reason else None,
        }
