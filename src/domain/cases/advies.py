"""An advies: a caller asks Veilig Thuis for advice about worries of (possible) violence.

It holds no personal data of the family: no field for it exists. The caller is registered
by professional and organisation id, unless they object; then nothing of them is stored.
Question, advice and follow-up are sealed under the advies id, because free text can still
name people. When the situation is serious, Veilig Thuis may turn the advies into a melding
of its own.
"""

from __future__ import annotations

from datetime import datetime
from uuid import UUID

from eventsourcing.domain import Aggregate, event

from domain.cases.sealing import Sealed
from domain.errors import DomainError


class Advies(Aggregate):
    @event("Given")
    def __init__(
        self,
        id: UUID,
        question: Sealed,
        advice: Sealed,
        follow_up: Sealed,
        caller_professional_id: UUID | None,
        caller_organisation_id: UUID | None,
        given_by: UUID,
        given_at: datetime,
    ) -> None:
        self.question, self.advice, self.follow_up = question, advice, follow_up
        self.caller_professional_id = caller_professional_id
        self.caller_organisation_id = caller_organisation_id
        self.given_by, self.given_at = given_by, given_at
        self.melding_id: UUID | None = None

    @event("ConvertedToMelding")
    def convert_to_melding(self, case_id: UUID, at: datetime) -> None:
        if self.melding_id is not None:
            raise AdviesAlreadyConverted(f"advies {self.id} became melding {self.melding_id} already")
        self.melding_id = case_id


class AdviesAlreadyConverted(DomainError):
    code = "ADVIES_ALREADY_CONVERTED"
