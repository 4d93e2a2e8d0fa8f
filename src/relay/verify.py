"""Recomputes the hash chains from the event store and compares them with the recorded links.

A break is reported precisely: which stream, which version, which event type, the recorded
hash and the one the stored bytes give now. Only the first break is reported, because every
later link of that stream differs as a consequence. Events the relay has not published yet
have no recorded link: at the tail of the log they are "pending", not a break; a missing
link before the last recorded one, or a recorded link whose event is gone, is a break.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Protocol
from uuid import UUID

from relay.chain import GENESIS, CaseChain, NotificationLike, link, next_digest
from relay.heads import HEADS, Heads


class Advancing(Protocol):
    def advance(self, count: int = 1) -> None: ...


@dataclass(frozen=True)
class Break:
    stream: str
    version: int
    event_type: str
    expected: str | None  # the recorded hash; None: no link was recorded for this event
    found: str | None  # the hash of the bytes stored now; None: the event is gone

    def describe(self) -> str:
        return (
            f"broken link: case {self.stream} version {self.version} ({self.event_type}): "
            f"recorded {self.expected or 'nothing'}, stored bytes give {self.found or 'no event'}"
        )


@dataclass
class Verification:
    checked: int = 0
    pending: int = 0  # in the store, not chained yet: the relay has not published them
    broken: Break | None = None
    at: int = 0  # a walk over the log: the notification id where it broke (0: it did not)


def event_type(topic: str) -> str:
    return topic.rpartition(":")[2]


class Verifier:
    def __init__(self, recorder: Any, chain: CaseChain, page_size: int = 1000, heads: int = HEADS) -> None:
        self.recorder, self.chain, self.page_size, self.heads = recorder, chain, page_size, heads

    def total(self) -> int:
        return int(self.recorder.max_notification_id() or 0)

    def all(self, progress: Advancing | None = None) -> Verification:
        return self.span(1, None, progress)

    def span(self, first: int, last: int | None, progress: Advancing | None = None) -> Verification:
        """The log from notification id `first` to `last` (None: to its end), in log order.

        A stream first met here continues from its recorded link of the version before, as
        after a drop of heads (see `relay.heads`): a walk over a part of the log checks its part
        exactly as the walk over the whole log would, up to the first break in log order."""
        result, heads = Verification(), Heads(self.chain.recorded_link, self.heads)
        last_recorded, end = self.chain.last_recorded(), first - 1
        for page, recorded in self._pages(first, last):
            self._check_page(page, recorded, last_recorded, heads, result)
            end = page[-1].id
            if progress is not None:
                progress.advance(len(page))
            if result.broken is not None:
                return result
        bound = last_recorded if last is None else min(last, last_recorded)
        if bound > end:
            self._gone_between(end + 1, bound, result)
        return result

    def _pages(
        self, first: int, last: int | None
    ) -> Iterator[tuple[Sequence[NotificationLike], dict[int, str]]]:
        """Each page of the span with the links recorded for its range. (A reader thread was
        tried: hashing and reading both hold the GIL, and it came out slower.)"""
        start = first
        while page := self.recorder.select_notifications(start, self.page_size, stop=last):
            yield page, self.chain.hashes_between(start, page[-1].id)
            start = page[-1].id + 1

    def stream(self, stream_id: UUID) -> Verification:
        result, previous = Verification(), GENESIS
        recorded = self.chain.of_stream(str(stream_id))
        for stored in self.recorder.select_events(stream_id):
            previous = link(previous, stored)
            expected = recorded.pop(stored.originator_version, None)
            if expected is None and not recorded:
                result.pending += 1
            elif expected != previous:
                kind = event_type(stored.topic)
                result.broken = Break(str(stream_id), stored.originator_version, kind, expected, previous)
                return result
            else:
                result.checked += 1
        if recorded:  # links recorded for events that are no longer stored
            result.broken = Break(str(stream_id), min(recorded), "?", recorded[min(recorded)], None)
        return result

    def _check_page(
        self,
        page: Sequence[NotificationLike],
        recorded: dict[int, str],
        last_recorded: int,
        heads: Heads,
        result: Verification,
    ) -> None:
        """Checks the page in log order against the links recorded for its range; a
        recorded link whose event is gone breaks the chain where that event stood."""
        gone = min(recorded.keys() - {notification.id for notification in page}, default=None)
        end = page[-1].id if gone is None else gone
        checked = pending = 0
        for notification in page:
            nid = notification.id
            if nid > end:
                break
            stream, version = notification.originator_id, notification.originator_version
            text, previous = heads.before(stream, version)
            digest = next_digest(previous, text, version, notification.topic, notification.state)
            heads.moved(stream, (text, digest))
            expected, found = recorded.get(nid), digest.hex()
            if expected is None and nid > last_recorded:
                pending += 1
            elif expected != found:
                result.broken = Break(text, version, event_type(notification.topic), expected, found)
                result.at = nid
                break
            else:
                checked += 1
        result.checked, result.pending = result.checked + checked, result.pending + pending
        if gone is not None and result.broken is None:
            self._gone_between(gone, gone, result)

    def _gone_between(self, first: int, last: int, result: Verification) -> None:
        """Breaks the chain at the first link recorded from `first` to `last`: the walk read no
        event there, so that event is no longer stored."""
        gone = self.chain.between(first, last)
        if gone:
            stream, version, expected = gone[min(gone)]
            result.broken, result.at = Break(stream, version, "?", expected, None), min(gone)
