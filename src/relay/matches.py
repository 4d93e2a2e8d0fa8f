"""The published language of the matcher: keten.matches.v1 — ids, times and due dates, no content.

Coordination and contact are events on the match: who is proposed, accepts, is handed or
assigned the coordination, and who confirmed contact when. A proposal carries no time: it may
follow a signal that ended on a 23rd birthday.
"""

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


def _due(event: Any) -> dict[str, str]:
    due = getattr(event, "contact_due", None)  # absent from matches found before contact was tracked
    return {"contactDue": due.isoformat()} if due is not None else {}


def _found(event: Any) -> dict[str, Any]:
    participants = [participant_data(p) for p in event.participants]
    return {"since": event.since.isoformat(), "participants": participants, **_due(event)}


def _ids(event: Any, *names: str) -> dict[str, str]:
    camel = {
        name: "".join(w.capitalize() if i else w for i, w in enumerate(name.split("_"))) for name in names
    }
    return {camel[name]: str(getattr(event, name)) for name in names}


def _at(event: Any) -> dict[str, str]:
    return {"at": event.at.isoformat()}


_DATA: dict[str, Callable[[Any], dict[str, Any]]] = {
    "MatchFound": _found,
    "MatchJoined": lambda e: {"participant": participant_data(e.participant), **_due(e)},
    # No time in the data: an expiry at 23 would date a birthday.
    "MatchLeft": lambda e: _ids(e, "professional_id"),
    "MatchEnded": lambda e: {},
    "CoordinatorProposed": lambda e: {
        **_ids(e, "professional_id", "organisation_id"),
        "basis": e.basis.value,
    },
    "CoordinationAccepted": lambda e: {**_ids(e, "professional_id"), **_at(e)},
    "CoordinationHandedOver": lambda e: {
        **_ids(e, "from_professional_id", "professional_id", "organisation_id"),
        **_at(e),
    },
    "CoordinatorAssigned": lambda e: {
        **_ids(e, "professional_id", "organisation_id", "by_professional_id"),
        **_at(e),
    },
    "ContactConfirmed": lambda e: {**_ids(e, "professional_id"), **_at(e)},
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
        to_data = _DATA.get(type(event).__name__) if isinstance(event, MatchBook.Event) else None
        return to_data(event) if to_data is not None else None
