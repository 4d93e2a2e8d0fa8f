"""What every keten application shares: value transcodings and a hook that wakes the relay."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from enum import Enum
from typing import Any
from uuid import UUID

from eventsourcing.application import Application
from eventsourcing.domain import Aggregate
from eventsourcing.persistence import JSONTranscoder, Recording, Transcoding


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
