"""A batch of the notification log made ready to publish: each stored event read, mapped to its
public record and stamped with its chain head, or the fault that stopped it, one by one, so
one unreadable or unmappable event stops only itself."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from eventsourcing.application import Application
from eventsourcing.persistence import Notification

from kernel.cloudevents import PublicEvent
from relay.chain import CaseChain, stamp
from relay.faults import ENVIRONMENT, UNMAPPABLE, UNREADABLE, Fault, of_record

Mapper = Callable[[Any], PublicEvent | None]


@dataclass(frozen=True)
class Ready:
    notification: Notification
    public: PublicEvent | None  # None: nothing to publish (not a public event, or a fault)
    fault: Fault | None = None

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
        _map(mapper, notification, event, heads.get(notification.id))
        for notification, event in zip(batch, events, strict=True)
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


def _map(mapper: Mapper, notification: Notification, event: Any, head: str | None) -> Ready:
    if isinstance(event, Fault):
        return Ready(notification, None, event)
    try:
        public = mapper(event)
    # As in _read: a mapper's failure on one event is that event's.
    except Exception as error:
        return Ready(notification, None, _or_raise(error, UNMAPPABLE))
    if public is not None and head is not None:
        public = stamp(public, head)
    return Ready(notification, public)


def _or_raise(error: Exception, reason: str) -> Fault:
    fault = of_record(error, reason)
    if fault is None:
        raise error
    return fault
