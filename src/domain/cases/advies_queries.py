"""Reading back the adviezen a Veilig Thuis worker gave, so one can still become a melding.

No view holds adviezen (they carry no family, so no audience's table needs them): they are
found through an index of their `Given` events by the worker who gave them (`domain.log_index`:
the notification log read once per process, then only what is new), and each is then read
from the store, so an advies just recorded is there at once.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from functools import cached_property
from typing import Any
from uuid import UUID

from domain.cases.advies import Advies
from domain.cases.application_base import CaseworkBase
from domain.cases.sealing import Sealed
from domain.log_index import Indexed, LogIndex

_GIVEN = f"{Advies.__module__}:Advies.Given"


@dataclass(frozen=True)
class AdviesView:
    id: UUID
    given_at: datetime
    question: Sealed  # under the advies id
    melding_id: UUID | None


class AdviesQueries(CaseworkBase):
    def adviezen_given_by(self, professional_id: UUID) -> list[AdviesView]:
        """The adviezen this worker recorded, newest first, with the melding one became."""
        views = [self._view(advies_id) for advies_id in self._givers.ids(professional_id)]
        return sorted(views, key=lambda view: view.given_at, reverse=True)

    @cached_property
    def _givers(self) -> LogIndex:
        """Who gave which advies: fixed by its Given event for good."""
        return LogIndex(self._given_after)

    def _given_after(self, last: int) -> Iterator[Indexed]:
        for notification in self.notifications_after(last, _GIVEN):
            event: Any = self.mapper.to_domain_event(notification)
            yield Indexed(notification.id, event.originator_id, (event.given_by,))

    def _view(self, advies_id: UUID) -> AdviesView:
        advies = self._get(Advies, advies_id)
        return AdviesView(advies.id, advies.given_at, advies.question, advies.melding_id)
