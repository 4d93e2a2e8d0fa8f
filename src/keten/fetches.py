"""A rebuild's fetch, handed to a view: keten's own records only, and a record the view cannot
apply (undecodable, or failing) kept as one of its dead letters instead of stopping the rebuild.

The fetch is decoded once for every view that reads it; each view applies it in one transaction
and, only when that fails, one record at a time, so the failing record is known.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from typing import Any

from kernel.cloudevents import RawRecord, ReceivedEvent
from kernel.deadletters import letter
from kernel.failures import ENVIRONMENT
from kernel.metrics import FOREIGN_RECORDS
from keten.delivery import UNDECODABLE
from projections.view import View


@dataclass(frozen=True)
class Decoded:
    topic: str
    partition: int
    offset: int
    raw: RawRecord
    event: ReceivedEvent | None  # None: undecodable
    error_type: str | None = None


def decode(records: Sequence[Any], sources: frozenset[str]) -> list[Decoded]:
    """The fetch's records of keten's own sources, decoded where they decode."""
    decoded = []
    for record in records:
        raw = RawRecord(record.key, record.value, _headers(record.headers))
        source = raw.header("ce_source")
        if source is not None and source not in sources:
            FOREIGN_RECORDS.labels("rebuild").inc()
            continue
        where = (record.topic, record.partition, record.offset)
        try:
            decoded.append(Decoded(*where, raw, ReceivedEvent.from_raw(*where, raw)))
        except UNDECODABLE as error:
            decoded.append(Decoded(*where, raw, None, type(error).__name__))
    return decoded


@contextmanager
def held_together(views: Sequence[View]) -> Iterator[None]:
    """While one fetch is handed to its views: what each holds for a batch (a case view: the data
    keys it opened) is held once for all of them, so the views reading one topic read each key
    from the store once per fetch instead of once each. A key shredded meanwhile is seen at the
    next fetch, as each view alone sees it at its next batch."""
    with ExitStack() as stack:
        for view in views:
            stack.enter_context(view.holding())
        yield


def apply_fetch(view: View, fetch: Sequence[Decoded]) -> None:
    events = [item.event for item in fetch if item.event is not None]
    if len(events) == len(fetch):
        try:
            view.handle_batch(events)
            return
        except ENVIRONMENT:
            raise
        # One record of the fetch failed, and took the fetch's transaction with it: the records
        # go again one by one, so that one becomes a dead letter and the rest is applied.
        except Exception:
            pass
    for item in fetch:
        _apply_one(view, item)


def _apply_one(view: View, item: Decoded) -> None:
    error_type = item.error_type
    if item.event is not None:
        try:
            view.handle_batch([item.event])
            return
        except ENVIRONMENT:
            raise
        # As above: one record's failure is that record's.
        except Exception as error:
            error_type = type(error).__name__
    view.dead_letter(letter(view.name, item.topic, item.partition, item.offset, item.raw, error_type, 1))


def _headers(headers: Sequence[tuple[str, Any]] | None) -> tuple[tuple[str, bytes], ...]:
    # kafka-python hands over bytes already; only a header without a value (None) needs a copy.
    found = tuple(headers or ())
    if all(type(value) is bytes for _, value in found):
        return found
    return tuple((name, bytes(value or b"")) for name, value in found)
