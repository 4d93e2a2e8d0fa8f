"""The matcher: a process application that turns signal events into match events.

It records its own events together with the position it consumed (eventsourcing's
ProcessRecorder tracking, in one transaction), so a crash never loses or doubles a match.
Tracking is kept per ordering key (one young person): within a key, the relay's sequence
numbers only grow, so a replayed or re-published record is recognised and dropped, whatever
partition or offset it arrives on.

A match found is coordinated at once (regie.py): the covenant's proposal and the contact due
date are recorded with it. The same application takes commands on its matches (commands.py):
those are saved without tracking. A command and a consumed record may change one book at the
same time; the loser of that race is retried on the fresh book, so neither is lost.
"""

from __future__ import annotations

import threading
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

from domain.multisignaal.coordination import CoordinationStatus, ProposalBasis
from domain.multisignaal.matchbook import MatchBook, MatchRef, Participant
from kernel.contracts import SIGNAL_ENDED, SIGNAL_REGISTERED
from matching.commands import CoordinationCommands
from matching.regie import Regie

ATTEMPTS = 5  # a book changed under us by a command: read it again, at most this often
# What changes a match book. Every other record of keten.signals.v1 (informing the young person,
# showing archived signals) is passed by without touching the store: loading the book and
# committing its tracking for it cost a durable write per registration, just as the match was
# being published (the tracking per young person only grows, so skipping one loses nothing).
APPLIED = frozenset({SIGNAL_REGISTERED, *SIGNAL_ENDED})


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


class MatchingApplication(CoordinationCommands):
    name = "matching"
    enum_types = (CoordinationStatus, ProposalBasis)

    def __init__(self, regie: Regie, env: dict[str, str] | None = None) -> None:
        super().__init__(env)
        self.regie = regie
        self.lock = threading.Lock()  # one writer per process; other processes are caught by retry

    def construct_recorder(self) -> ProcessRecorder:
        return self.factory.process_recorder()

    def register_transcodings(self, transcoder: JSONTranscoder) -> None:
        super().register_transcodings(transcoder)
        transcoder.register(ParticipantAsDict())

    def process(
        self, source: str, sequence: int, ce_type: str, data: dict[str, Any], time: datetime | None = None
    ) -> bool:
        """Applies one signal event; False when it was processed before (a duplicate) or is not
        one the matcher applies."""
        if ce_type not in APPLIED:
            return False
        subject = data["subject"]
        tracking = Tracking(f"{source}|{subject}", sequence)
        for _ in range(ATTEMPTS):
            if self._tracked(tracking):
                return False
            try:
                with self.lock:
                    self._apply(tracking, subject, ce_type, data, time)
            except IntegrityError:
                continue  # another process tracked this position, or a command saved the book first
            return True
        raise RuntimeError(f"the match book of {subject} kept changing; record {sequence} not applied")

    def processed(self, source: str, subject: str, sequence: int) -> bool:
        """Whether this record, or a later one of the young person, was applied before."""
        return self._tracked(Tracking(f"{source}|{subject}", sequence))

    def subject_of(self, book_id: UUID) -> str:
        first: MatchBook = self.repository.get(book_id, version=1)
        return first.subject

    def _apply(
        self, tracking: Tracking, subject: str, ce_type: str, data: dict[str, Any], time: datetime | None
    ) -> None:
        book = self._book(subject)
        found_before = book.match_id
        if ce_type == SIGNAL_REGISTERED:
            participant = _participant(data)
            book.signal_registered(participant, self.regie.contact_due(participant.since))
        elif ce_type in SIGNAL_ENDED:
            book.signal_ended(UUID(data["signalId"]), _ended_at(data, time))
        self.regie.coordinate(book)
        processing = ProcessingEvent[UUID](tracking)
        processing.collect_events(book)
        if book.match_id is not None and book.match_id != found_before:
            processing.collect_events(MatchRef(book.match_id, book.id))
        # Recorded with its tracking, not through save(): tell an in-process relay as save() does,
        # or it finds the match only at its next poll.
        self._notify(self._record(processing))

    def _tracked(self, tracking: Tracking) -> bool:
        recorder = self.recorder
        assert isinstance(recorder, ProcessRecorder)
        return recorder.has_tracking_id(tracking.application_name, tracking.notification_id)

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
