"""The published language of the matcher: keten.matches.v1 — ids and times, no content."""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from typing import Any
from uuid import UUID

from domain.multisignaal.matchbook import MatchBook, Participant
from kernel.cloudevents import PublicEvent
from kernel.contracts import MATCHES_PREFIX, MATCHES_TOPIC


def participant_data(participant: Participant) -> dict[str, str]:
    return {
        "organisationId": str(participant.organisation_id),
        "professionalId": str(participant.professional_id),
        "municipalityRef": participant.municipality_ref,
        "since": participant.since.isoformat(),
    }


class MatchesMapper:
    def __init__(self, subject_of: Callable[[UUID], str]) -> None:
        self._subject = lru_cache(maxsize=65536)(subject_of)

    def __call__(self, event: Any) -> PublicEvent | None:
        data = self._data(event)
        if data is None:
            return None
        data["matchId"] = str(event.match_id)
        kind = type(event).__name__
        subject = self._subject(event.originator_id)
        return PublicEvent(
            MATCHES_TOPIC, MATCHES_PREFIX + kind, subject, str(event.match_id), data, event.timestamp
        )

    @staticmethod
    def _data(event: Any) -> dict[str, Any] | None:
        kind = type(event).__name__ if isinstance(event, MatchBook.Event) else None
        if kind == "MatchFound":
            return {
                "since": event.since.isoformat(),
                "participants": [participant_data(p) for p in event.participants],
            }
        if kind == "MatchJoined":
            return {"participant": participant_data(event.participant)}
        if kind == "MatchLeft":
            # No time in the data: an expiry at 23 would date a birthday.
            return {"professionalId": str(event.professional_id)}
        if kind == "MatchEnded":
            return {}
        return None
