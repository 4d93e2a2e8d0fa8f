"""What the cases application's commands share: the sealer, the calendar, the clock, loading.

Commands take and return plain values. The clock is injected so that tests control time;
aggregates never read it themselves. Every personal field is sealed here, before it reaches
an aggregate (see `sealing` for the key ids).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import fields
from datetime import UTC, date, datetime
from typing import Any, TypeVar
from uuid import UUID

from eventsourcing.domain import Aggregate
from eventsourcing.persistence import JSONTranscoder, Transcoding

from domain.base import KetenApplication
from domain.calendar import WorkingCalendar, dutch_date
from domain.cases.intake import Betrokkene, Intake, MeldcodeRecord, Melder
from domain.cases.sealing import Sealed, Sealer, seal, seal_optional
from domain.cases.triage import TriageOutcome
from domain.errors import NotFound

Clock = Callable[[], datetime]
A = TypeVar("A", bound=Aggregate)

VALUE_TYPES: tuple[type[Any], ...] = (Intake, Melder, Betrokkene, MeldcodeRecord, TriageOutcome)


def utc_now() -> datetime:
    return datetime.now(UTC)


def value_transcoding(value_type: type[Any]) -> Transcoding:
    """Stores a frozen dataclass of the domain as a JSON object of its fields."""

    class ValueAsDict(Transcoding):
        type = value_type
        name = value_type.__name__

        def encode(self, obj: Any) -> dict[str, Any]:
            return {field.name: getattr(obj, field.name) for field in fields(obj)}

        def decode(self, data: dict[str, Any]) -> Any:
            return value_type(**data)

    return ValueAsDict()


class CaseworkBase(KetenApplication):
    def __init__(
        self,
        env: dict[str, str] | None = None,
        *,
        sealer: Sealer,
        calendar: WorkingCalendar,
        clock: Clock = utc_now,
    ) -> None:
        super().__init__(env)
        self.sealer, self.calendar, self.clock = sealer, calendar, clock

    def register_transcodings(self, transcoder: JSONTranscoder) -> None:
        super().register_transcodings(transcoder)
        for value_type in VALUE_TYPES:
            transcoder.register(value_transcoding(value_type))

    def _today(self) -> date:
        """The day in the Netherlands, against which birth dates and due dates are checked."""
        return dutch_date(self.clock())

    def _seal(self, key_id: UUID, plaintext: str) -> Sealed:
        return seal(self.sealer, key_id, plaintext)

    def _seal_optional(self, key_id: UUID, plaintext: str | None) -> Sealed | None:
        return seal_optional(self.sealer, key_id, plaintext)

    def _get(self, kind: type[A], aggregate_id: UUID) -> A:
        aggregate = self.get_aggregate(aggregate_id)
        if not isinstance(aggregate, kind):
            raise NotFound(f"no {kind.__name__.lower()} {aggregate_id}")
        return aggregate

    def _change(self, kind: type[A], aggregate_id: UUID, change: Callable[[A, datetime], object]) -> None:
        """Loads one aggregate, commands it at the clock's time, and saves what it recorded."""
        aggregate = self._get(kind, aggregate_id)
        change(aggregate, self.clock())
        self.save(aggregate)
