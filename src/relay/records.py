"""A batch of the notification log made ready to publish: each stored event read, mapped to its
public record (or records: a batch of access lines is one stored event and a record per line)
and stamped with its chain head, or the fault that stopped it, one by one, so one unreadable
or unmappable event stops only itself."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from eventsourcing.application import Application
from eventsourcing.persistence import Notification

from kernel.cloudevents import PublicEvent
from kernel.contracts import RECORDS_PER_EVENT
from relay.chain import CaseChain, stamp
from relay.faults import ENVIRONMENT, UNMAPPABLE, UNREADABLE, Fault, of_record

Mapper = Callable[[Any], PublicEvent | list[PublicEvent] | None]


@dataclass(frozen=True)
class Ready:
    notification: Notification
    public: PublicEvent | None  # None: nothing to publish (not a public event, or a fault)
    fault: Fault | None = None
    index: int | None = None  # its place among its stored event's records; None: the only one

    @property
    def sequence(self) -> int:
        """ce_sequence: the notification id, or for one of several records its number."""
        if self.index is None:
            return int(self.notification.id)
        return int(self.notification.id) * RECORDS_PER_EVENT + self.index

    @property
    def event_id(self) -> str:
        """ce_id: the stored event's, and the record's place when it has several."""
        stored = f"{self.notification.originator_id}:{self.notification.originator_version}"
        return stored if self.index is None else f"{stored}:{self.index}"

    @property
    def stream(self) -> str:
        return str(self.notification.originator_id)

    @property
    def key(self) -> str | None:
        return self.public.key if self.public is not None else None


def ready(
    app: Application[Any], mapper: Mapper, chain: CaseChain | None, batch: Sequence[Notification]
) -> list[Ready]:
    heads = chain.extend(batch) if chain else {}
    events = [_read(app, notification) for notification in batch]
    _prepare(mapper, [event for event in events if not isinstance(event, Fault)])
    return [
        item
        for notification, event in zip(batch, events, strict=True)
        for item in _map(mapper, notification, event, heads.get(notification.id))
    ]


def _read(app: Application[Any], notification: Notification) -> Any:
    try:
        return app.mapper.to_domain_event(notification)
    # Any failure to decrypt, decompress or decode one stored event is that event's;
    # of_record lets a database's or broker's failure through, which must not park anything.
    except Exception as error:
        return _or_raise(error, UNREADABLE)


def _prepare(mapper: Mapper, events: list[Any]) -> None:
    prepare = getattr(mapper, "prepare", None)
    if prepare is None:
        return
    try:
        prepare(events)  # e.g. create the batch's data keys in one transaction
    except ENVIRONMENT:
        raise
    # A batch-wide preparation is only a shortcut: the mapper prepares each record itself when
    # it is skipped, so the record that made it fail fails on its own below.
    except Exception:
        return


def _map(mapper: Mapper, notification: Notification, event: Any, head: str | None) -> list[Ready]:
    if isinstance(event, Fault):
        return [Ready(notification, None, event)]
    try:
        mapped = mapper(event)
    # As in _read: a mapper's failure on one event is that event's.
    except Exception as error:
        return [Ready(notification, None, _or_raise(error, UNMAPPABLE))]
    if not isinstance(mapped, list):
        return [Ready(notification, _stamped(mapped, head))]
    if len(mapped) > RECORDS_PER_EVENT:
        return [Ready(notification, None, Fault("TooManyRecords", UNMAPPABLE))]
    return [Ready(notification, _stamped(public, head), None, i) for i, public in enumerate(mapped)] or [
        Ready(notification, None)
    ]


def _stamped(public: PublicEvent | None, head: str | None) -> PublicEvent | None:
    return stamp(public, head) if public is not None and head is not None else public


def _or_raise(error: Exception, reason: str) -> Fault:
    fault = of_record(error, reason)
    if fault is None:
        raise error
    return fault
