"""A public event as a consumer reads it back from Kafka, for views fed by hand in unit tests."""

from __future__ import annotations

import json

from kernel.cloudevents import PublicEvent, ReceivedEvent, ce_value


def received(event: PublicEvent, sequence: int, source: str) -> ReceivedEvent:
    return ReceivedEvent(
        source=source,
        sequence=sequence,
        type=event.type,
        key=event.key,
        data=json.loads(ce_value(event)),
        topic=event.topic,
        partition=0,
        offset=sequence,
        time=event.time,
    )
