"""The matcher: a process application that turns signal events into match events.

It records its own events together with the position it consumed (eventsourcing's
ProcessRecorder tracking, in one transaction), so a crash never loses or doubles a match.
Tracking is kept per ordering key (one young person): within a key, the relay's sequence
numbers only grow, so a replayed or re-published record is recognised and dropped, whatever
partition or offset it arrives on.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any
from uuid import UUID

from eventsourcing.application import ProcessingEvent
from eventsourcing.persistence import (
    IntegrityError,
    JSONTranscoder,
    ProcessRecorder,
    Tracking,
    Transcoding,
)

from domain.base import KetenApplication
from domain.multisignaal.matchbook import MatchBook, Participant
from kernel.contracts import SIGNAL_ENDED, SIGNAL_REGISTERED


class ParticipantAsDict(Transcoding):
    type = Participant
    name = "participant"

    def encode(self, obj: Participant) -> dict[str, Any]:
        return {
            "signal_id": obj.signal_id,
            "organisation_id": obj.organisation_id,
            "professional_id": obj.professional_id,
            "municipality_ref": obj.municipality_ref,
            "since": obj.since,
        }

    def decode(self, data: dict[str, Any]) -> Participant:
        return Participant(**data)


class MatchingApplication(KetenApplication):
    name = "matching"

    def construct_recorder(self) -> ProcessRecorder:
        return self.factory.process_recorder()

    def register_transcodings(self, transcoder: JSONTranscoder) -> None:
        super().register_transcodings(transcoder)
        transcoder.register(ParticipantAsDict())

    def process(
        self, source: str, sequence: int, ce_type: str, data: dict[str, Any], time: datetime | None = None
    ) -> bool:
        """Applies one signal event; False when it was processed before (a duplicate)."""
        subject = data["subject"]
        tracking = Tracking(f"{source}|{subject}", sequence)
        recorder = self.recorder
        assert isinstance(recorder, ProcessRecorder)
        if recorder.has_tracking_id(tracking.application_name, sequence):
            return False
        book = self._book(subject)
        if ce_type == SIGNAL_REGISTERED:
            book.signal_registered(_participant(data))
        elif ce_type in SIGNAL_ENDED:
            book.signal_ended(UUID(data["signalId"]), _ended_at(data, time))
        processing = ProcessingEvent[UUID](tracking)
        processing.collect_events(book)
        try:
            self._record(processing)
        except IntegrityError:
            return False  # another matcher process recorded this position first
        self._notify([])
        return True

    def subject_of(self, book_id: UUID) -> str:
        first: MatchBook = self.repository.get(book_id, version=1)
        return first.subject

    def _book(self, subject: str) -> MatchBook:
        found = self.get_aggregate(MatchBook.id_for(subject))
        if isinstance(found, MatchBook):
            return found
        return MatchBook(MatchBook.id_for(subject), subject)


def _ended_at(data: dict[str, Any], time: datetime | None) -> datetime:
    # A withdrawal says when; an expiry keeps its day sealed, so the event's own time serves.
    if "endedAt" in data:
        return datetime.fromisoformat(data["endedAt"])
    if time is None:
        raise ValueError("an ended signal without a time")
    return time


def _participant(data: dict[str, Any]) -> Participant:
    return Participant(
        signal_id=UUID(data["signalId"]),
        organisation_id=UUID(data["organisationId"]),
        professional_id=UUID(data["professionalId"]),
        municipality_ref=data["municipalityRef"],
        since=datetime.fromisoformat(data["registeredAt"]),
    )
