"""Reading back the adviezen a Veilig Thuis worker gave, so one can still become a melding.

No view holds adviezen (they carry no family, so no audience's table needs them): like the
open cases of `deadlines`, they are found in the notification log by their `Given` topic.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

from domain.cases.advies import Advies
from domain.cases.application_base import CaseworkBase
from domain.cases.sealing import Sealed

_GIVEN = f"{Advies.__module__}:Advies.Given"
PAGE = 1000


@dataclass(frozen=True)
class AdviesView:
    id: UUID
    given_at: datetime
    question: Sealed  # under the advies id
    melding_id: UUID | None


class AdviesQueries(CaseworkBase):
    def adviezen_given_by(self, professional_id: UUID) -> list[AdviesView]:
        """The adviezen this worker recorded, newest first, with the melding one became."""
        found = [self._view(advies_id) for advies_id in self._advies_ids()]
        mine = [view for view, given_by in found if given_by == professional_id]
        return sorted(mine, key=lambda view: view.given_at, reverse=True)

    def _view(self, advies_id: UUID) -> tuple[AdviesView, UUID]:
        advies = self._get(Advies, advies_id)
        view = AdviesView(advies.id, advies.given_at, advies.question, advies.melding_id)
        return view, advies.given_by

    def _advies_ids(self) -> list[UUID]:
        ids: list[UUID] = []
        start = 1
        while page := self.recorder.select_notifications(start, PAGE, topics=[_GIVEN]):
            ids.extend(UUID(str(notification.originator_id)) for notification in page)
            start = page[-1].id + 1
        return ids
