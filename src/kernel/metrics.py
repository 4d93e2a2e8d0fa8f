"""keten's Prometheus metrics, in one place, for every part to import and `/metrics` to serve.

Counters count events since the process started; gauges are read when scraped. Labels are
names keten knows (an application, a consumer, an operation of the schema), never a value a
client or a record brings, so their number stays bounded.
"""

from __future__ import annotations

from prometheus_client import Counter

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
