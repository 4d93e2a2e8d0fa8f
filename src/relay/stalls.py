"""What is stuck in one relay's log, and how often each failing record has been tried.

The parking table (`relay.parking`) is the truth; this keeps, in memory, the keys and streams it
blocks (read from the table when first needed) and the attempts of the records still being
tried. A record is tried `attempts` times with a growing pause; then it is parked, and every
later record of its ordering key or stream is held behind it.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import UTC, datetime

from relay.faults import Fault, RecordFailed
from relay.parking import PARKED, ParkedRecords, Stuck, held_behind

log = logging.getLogger("keten.relay")

ATTEMPTS = 5  # per record, before it is parked: pauses of 0.5, 1, 2 and 4 s between them


@dataclass
class Blocked:
    """The stuck records, and the keys and streams they block (each with the parked record that
    blocks it)."""

    ids: set[int] = field(default_factory=set)
    keys: dict[str, int] = field(default_factory=dict)
    streams: dict[str, int] = field(default_factory=dict)

    def add(self, stuck: Stuck) -> None:
        self.ids.add(stuck.notification_id)
        self.streams.setdefault(stuck.stream, stuck.blocked_by)
        if stuck.ordering_key is not None:
            self.keys.setdefault(stuck.ordering_key, stuck.blocked_by)

    def ahead(self, stream: str, key: str | None = None) -> int | None:
        """The stuck record a record of this stream or key must wait behind; None: it may go."""
        if stream in self.streams:
            return self.streams[stream]
        return self.keys.get(key) if key is not None else None


class Stalls:
    def __init__(self, application: str, parking: ParkedRecords, attempts: int = ATTEMPTS) -> None:
        self.application, self.parking, self.attempts = application, parking, attempts
        self._failures: dict[int, int] = {}  # notification id -> failed attempts so far
        self._blocked: Blocked | None = None

    def is_stuck(self, notification_id: int) -> bool:
        return notification_id in self.blocked().ids

    def ahead(self, stream: str, key: str | None) -> int | None:
        return self.blocked().ahead(stream, key)

    def hold(self, notification_id: int, key: str | None, stream: str, ahead: int) -> None:
        self._stick(held_behind(notification_id, key, stream, ahead))

    def failed(self, notification_id: int, key: str | None, stream: str, fault: Fault) -> RecordFailed | None:
        """Counts a failed attempt: the RecordFailed to pause on, or None once it is parked."""
        attempt = self._failures[notification_id] = self._failures.get(notification_id, 0) + 1
        if attempt < self.attempts:
            return RecordFailed(notification_id, fault, attempt)
        del self._failures[notification_id]
        now = datetime.now(UTC)
        self._stick(Stuck(notification_id, key, stream, PARKED, fault.error_type, fault.reason, now, attempt))
        log.error(
            "relay %s: parked notification %d after %d attempts (%s: %s); later records of its "
            "key wait behind it until `keten relay retry`",
            *(self.application, notification_id, attempt, fault.error_type, fault.reason),
        )
        return None

    def forget(self) -> list[Stuck]:
        """Everything stuck, to be tried afresh (a retry): nothing blocks until it sticks again."""
        stuck = self.parking.of(self.application)
        self._blocked, self._failures = Blocked(), {}
        return stuck

    def blocked(self) -> Blocked:
        if self._blocked is None:
            self._blocked = Blocked()
            for stuck in self.parking.of(self.application):
                self._blocked.add(stuck)
        return self._blocked

    def _stick(self, stuck: Stuck) -> None:
        self.parking.put(self.application, stuck)
        self.blocked().add(stuck)
