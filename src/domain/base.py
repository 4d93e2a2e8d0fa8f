"""What every keten application shares: value transcodings and a hook that wakes the relay."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from enum import Enum
from typing import Any
from uuid import UUID

from eventsourcing.application import Application
from eventsourcing.domain import Aggregate
from eventsourcing.persistence import JSONTranscoder, Notification, Recording, Transcoding

NOTIFICATIONS_PAGE = 1000  # a walk over the log reads it this many at a time


class DateAsISO(Transcoding):
    type = date
    name = "date_iso"

    def encode(self, obj: date) -> str:
        return obj.isoformat()

    def decode(self, data: str) -> date:
        return date.fromisoformat(data)


def enum_transcoding(enum_type: type[Enum]) -> Transcoding:
    class EnumAsValue(Transcoding):
        type = enum_type
        name = f"enum_{enum_type.__name__}"

        def encode(self, obj: Enum) -> Any:
            return obj.value

        def decode(self, data: Any) -> Enum:
            return enum_type(data)

    return EnumAsValue()


class KetenApplication(Application[UUID]):
    """Registers keten's value types; `on_saved` lets an in-process relay publish at once."""

    enum_types: tuple[type[Enum], ...] = ()

    def __init__(self, env: dict[str, str] | None = None) -> None:
        super().__init__(env)
        self.on_saved: Callable[[], None] | None = None

    def register_transcodings(self, transcoder: JSONTranscoder) -> None:
        super().register_transcodings(transcoder)
        transcoder.register(DateAsISO())
        for enum_type in self.enum_types:
            transcoder.register(enum_transcoding(enum_type))

    def notifications_after(self, last: int, *topics: str) -> Iterator[Notification]:
        """The stored events of these topics after notification id `last`, in log order."""
        start = last + 1
        while page := self.recorder.select_notifications(start, NOTIFICATIONS_PAGE, topics=topics):
            yield from page
            start = page[-1].id + 1

    def _notify(self, recordings: list[Recording[UUID]]) -> None:
        if self.on_saved is not None:
            self.on_saved()

    def get_aggregate(self, aggregate_id: UUID) -> Aggregate | None:
        from eventsourcing.application import AggregateNotFoundError

        try:
            aggregate: object = self.repository.get(aggregate_id)
        except AggregateNotFoundError:
            return None
        return aggregate if isinstance(aggregate, Aggregate) else None
