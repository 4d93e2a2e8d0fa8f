"""Where a relay stands: its position, the head of its log, how far behind it is, and what is
parked or held. Read from the stores only, so a status needs no broker and no running relay."""

from __future__ import annotations

from dataclasses import dataclass

from relay.parking import HELD, PARKED, Stuck
from relay.relay import Relay

LAG_CAP = 10_000  # a lag is counted up to here: enough to judge it, cheap to read


@dataclass(frozen=True)
class RelayStatus:
    application: str
    position: int  # the last notification published, parked or held
    head: int  # the last notification recorded
    lag: int  # publishable notifications recorded after the position (at most LAG_CAP)
    stuck: tuple[Stuck, ...]

    @property
    def parked(self) -> int:
        return sum(1 for stuck in self.stuck if stuck.state == PARKED)

    @property
    def held(self) -> int:
        return sum(1 for stuck in self.stuck if stuck.state == HELD)


def status_of(relay: Relay, lag_cap: int = LAG_CAP) -> RelayStatus:
    recorder = relay.app.recorder
    position = relay.positions.get(relay.name).notification_id
    head = int(recorder.max_notification_id() or 0)
    behind = recorder.select_notifications(position + 1, lag_cap, topics=relay.event_topics())
    return RelayStatus(relay.name, position, head, len(behind), tuple(relay.parking.of(relay.name)))
