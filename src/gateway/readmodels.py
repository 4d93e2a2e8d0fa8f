"""What the gateway needs from the read models: ports, implemented by `projections`.

The gateway never imports the projections: it names the shape of the rows it reads, and the
composition root hands it the views that have that shape.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Protocol

from domain.multisignaal.informing import Informing


class SignalRow(Protocol):
    @property
    def id(self) -> str: ...
    @property
    def status(self) -> str: ...
    @property
    def registered_at(self) -> datetime: ...
    @property
    def expires_on(self) -> date | None: ...
    @property
    def ended_at(self) -> datetime | None: ...
    @property
    def informing(self) -> Informing | None: ...


class CounterpartRow(Protocol):
    @property
    def organisation_id(self) -> str: ...
    @property
    def professional_id(self) -> str: ...
    @property
    def since(self) -> datetime: ...


class MatchRow(Protocol):
    @property
    def id(self) -> str: ...
    @property
    def since(self) -> datetime: ...
    @property
    def counterparts(self) -> Sequence[CounterpartRow]: ...


class MySignals(Protocol):
    @property
    def name(self) -> str: ...
    @property
    def topics(self) -> tuple[str, ...]: ...

    def of(self, professional_id: str, status: str | None = None) -> Sequence[SignalRow]: ...


class Matches(Protocol):
    def for_professional(self, professional_id: str) -> Sequence[MatchRow]: ...
    def for_municipality(self, municipality_ref: str) -> Sequence[MatchRow]: ...


class LogbookRow(Protocol):
    @property
    def action(self) -> str: ...
    @property
    def at(self) -> datetime | None: ...
    @property
    def signal_id(self) -> str | None: ...
    @property
    def match_id(self) -> str | None: ...
    @property
    def professional_id(self) -> str: ...
    @property
    def organisation_id(self) -> str: ...


class SignalLogbook(Protocol):
    def search(
        self, subject: str | None = None, municipality_ref: str | None = None
    ) -> Sequence[LogbookRow]: ...
