"""A public event and its CloudEvents binary-mode form on Kafka."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import orjson

SPEC_VERSION = "1.0"
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_SPEC_VERSION_HEADER = ("ce_specversion", SPEC_VERSION.encode())
_CONTENT_TYPE_HEADER = ("content-type", b"application/json")


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
        _SPEC_VERSION_HEADER,
        ("ce_id", event_id.encode()),
        ("ce_source", source.encode()),
        ("ce_type", event.type.encode()),
        ("ce_time", event.time.isoformat().encode()),
        ("ce_subject", event.subject.encode()),
        ("ce_sequence", str(sequence).encode()),
        _CONTENT_TYPE_HEADER,
    ]


def ce_value(event: PublicEvent) -> bytes:
    """Compact UTF-8 JSON with sorted keys: one record's value is the same bytes every time."""
    return orjson.dumps(event.data, option=orjson.OPT_SORT_KEYS)


def loads(value: bytes | str | None) -> Any:
    """A record's value as JSON: orjson (about 4x faster than json here), and json for what
    orjson refuses and json reads (NaN, a lone surrogate), so both read the same records.
    None, or what neither reads, raises TypeError or ValueError. (orjson reads an integer beyond
    64 bits as a float; keten's records carry none: versions and sequences.)"""
    try:
        return orjson.loads(value)  # type: ignore[arg-type]
    except orjson.JSONDecodeError:
        return json.loads(value)  # type: ignore[arg-type]


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
    raw: RawRecord | None = None  # the record as it was read, kept for a dead letter

    @classmethod
    def from_record(
        cls, topic: str, partition: int, offset: int, key: bytes | None, value: bytes | None, headers: Any
    ) -> ReceivedEvent:
        """The event a record carries; raises KeyError, ValueError (JSON, a number, a time,
        UTF-8) or TypeError when it is not one of keten's CloudEvents."""
        raw = RawRecord(key, value, tuple((name, bytes(item)) for name, item in headers or ()))
        return cls.from_raw(topic, partition, offset, raw)

    @classmethod
    def from_raw(cls, topic: str, partition: int, offset: int, raw: RawRecord) -> ReceivedEvent:
        """As `from_record`, for a record already copied out of the client's fetch."""
        found = {name: item.decode() for name, item in raw.headers}
        key, value = raw.key, raw.value
        return cls(
            source=found["ce_source"],
            sequence=int(found["ce_sequence"]),
            type=found["ce_type"],
            key=(key or b"").decode(),
            data=loads(value),
            topic=topic,
            partition=partition,
            offset=offset,
            time=datetime.fromisoformat(found["ce_time"]) if "ce_time" in found else None,
            subject=found.get("ce_subject"),
            raw=raw,
        )

    def record(self) -> RawRecord:
        """The record as read, or (built by hand) as the relay would have written it."""
        if self.raw is not None:
            return self.raw
        public = PublicEvent(
            self.topic, self.type, self.key, self.subject or "", self.data, self.time or _EPOCH
        )
        headers = ce_headers(public, f"{self.source}:{self.sequence}", self.source, self.sequence)
        return RawRecord(self.key.encode(), ce_value(public), tuple(headers))


@dataclass(frozen=True)
class RawRecord:
    key: bytes | None
    value: bytes | None
    headers: tuple[tuple[str, bytes], ...]

    def header(self, name: str) -> str | None:
        """A header as text (an undecodable byte replaced), or None when it is missing."""
        found = next((value for key, value in self.headers if key == name), None)
        return None if found is None else found.decode(errors="replace")
