"""keten's Prometheus metrics, in one place, for every part to import and `/metrics` to serve.

Counters count events since the process started; gauges are set when a health check reads the
stores and the consumers (`keten.health`), which every scrape of `/metrics` does first. Labels
are names keten knows (an application, a consumer, an operation of the schema, an entrance),
never a value a client or a record brings, so their number stays bounded.
"""

from __future__ import annotations

from prometheus_client import Counter, Gauge, Histogram

FOREIGN_RECORDS = Counter(
    "keten_consumer_foreign_records",
    "Records a consumer ignored because their ce_source is not one of keten's applications",
    ["consumer"],
)
DEAD_LETTERED = Counter(
    "keten_consumer_dead_lettered",
    "Records a consumer could not apply and wrote as dead letters",
    ["consumer"],
)
DEAD_LETTERS = Gauge(
    "keten_consumer_dead_letters",
    "Dead letters a consumer keeps that no replay has applied yet (`keten deadletter list`)",
    ["consumer"],
)
CONSUMER_LAG = Gauge(
    "keten_consumer_lag_records",
    "Records on the consumer's partitions it has not read yet (end offset minus position)",
    ["consumer"],
)
RELAY_LAG = Gauge(
    "keten_relay_lag_records",
    "Publishable events an application recorded after the relay's position (counted up to 10,000)",
    ["application"],
)
RELAY_PARKED = Gauge(
    "keten_relay_parked_records",
    "Events the relay could not publish and parked (`keten relay status`, `keten relay retry`)",
    ["application"],
)
RELAY_HELD = Gauge(
    "keten_relay_held_records",
    "Events waiting behind a parked event of the same key or stream",
    ["application"],
)
READY = Gauge("keten_ready", "1 when /readyz answers 200, else 0")
REQUEST_SECONDS = Histogram(
    "keten_graphql_request_seconds",
    "Time to answer a GraphQL operation, by its root field (a field of the schema, or "
    "`several`, `introspection`, `invalid`)",
    ["operation"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0),
)
AUTHENTICATION_FAILURES = Counter(
    "keten_authentication_failures",
    "Refused authentications (a missing, forged, expired or revoked token; a failed sign-in), by entrance",
    ["entrance"],
)
ENTRANCES = ("graphql", "web")


def authentication_failed(entrance: str) -> None:
    """Counts one refused authentication at an entrance keten has (GraphQL or the web pages)."""
    if entrance not in ENTRANCES:
        raise ValueError(f"unknown entrance {entrance!r}; one of {', '.join(ENTRANCES)}")
    AUTHENTICATION_FAILURES.labels(entrance).inc()
