"""How keten's consumers talk to Kafka, in one place: how long a fetch waits, and how fast a
consumer group notices a member that died.

The group numbers are tuned for takeover within seconds: a member that stops heartbeating for
`session_timeout_ms` is dropped and its partitions go to the others (measured on the embedded
broker: first assignment ~2 s, rebalance on a join ~3 s, takeover after kill -9 ~5 s). A handler
that blocks longer than `max_poll_interval_ms` on one record leaves the group too; that is
harmless (its partitions are read by another, and applying a record twice is a no-op).
"""

from __future__ import annotations

from typing import Any

# The embedded broker answers a fetch only when the wait is over (it does not complete a fetch
# early when data arrives): latency is about half of this.
FETCH: dict[str, Any] = {"fetch_max_wait_ms": 50}

GROUP: dict[str, Any] = {
    "session_timeout_ms": 3000,
    "heartbeat_interval_ms": 500,
    "max_poll_interval_ms": 30_000,
    # How long the group waits for its members to rejoin: the embedded broker waits all of it.
    "rebalance_timeout_ms": 2000,
}

# How soon a topic or partition created after a consumer started is seen by it.
METADATA_MAX_AGE_MS = 2000
