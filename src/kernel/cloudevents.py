"""A public event and its CloudEvents binary-mode form on Kafka."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

SPEC_VERSION = "1.0"


@dataclass(frozen=True)
class PublicEvent:
    topic: str
    type: str  # e.g. keten.multisignaal.SignalRegistered
    key: str  # the ordering key: a pseudonym or a case id
    subject: str
    data: dict[str, Any]
    time: datetime


def ce_headers(event: PublicEvent, event_id: str, source: str, sequence: int) -> list[tuple[str, bytes]]:
    return [
        ("ce_specversion", SPEC_VERSION.encode()),
        ("ce_id", event_id.encode()),
        ("ce_source", source.encode()),
        ("ce_type", event.type.encode()),
        ("ce_time", event.time.isoformat().encode()),
        ("ce_subject", event.subject.encode()),
        ("ce_sequence", str(sequence).encode()),
        ("content-type", b"application/json"),
    ]


def ce_value(event: PublicEvent) -> bytes:
    return json.dumps(event.data, separators=(",", ":"), sort_keys=True).encode()


@dataclass(frozen=True)
class ReceivedEvent:
    """What a consumer reads back: the headers it dedupes by, and the data."""

    source: str
    sequence: int
    type: str
    key: str
    data: dict[str, Any]
    topic: str
    partition: int
    offset: int
    time: datetime | None = None  # ce_time: when the event happened
    subject: str | None = None  # ce_subject: whom it is about (a pseudonym or a case id)

    @classmethod
    def from_record(
        cls, topic: str, partition: int, offset: int, key: bytes | None, value: bytes, headers: Any
    ) -> ReceivedEvent:
        found = {name: bytes(raw).decode() for name, raw in headers or ()}
        return cls(
            source=found["ce_source"],
            sequence=int(found["ce_sequence"]),
            type=found["ce_type"],
            key=(key or b"").decode(),
            data=json.loads(value),
            topic=topic,
            partition=partition,
            offset=offset,
            time=datetime.fromisoformat(found["ce_time"]) if "ce_time" in found else None,
            subject=found.get("ce_subject"),
        )
