"""Commands on a match, taken by the matcher itself: coordination and contact.

The matcher is a process application, but its recorder (eventsourcing's ProcessRecorder) also
stores events without a tracking record: a command loads the young person's book through the
match id (a `MatchRef`, written when the match was found), checks who asks, and saves. Who is
allowed: a participant of the match (accept, hand over, confirm contact) or a regievoerder of a
municipality the match's signals name (assign); anyone else is told the match does not exist.
A book changed meanwhile by a consumed signal is read again and the command retried.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING
from uuid import UUID

from eventsourcing.persistence import IntegrityError

from domain.base import KetenApplication
from domain.errors import NotFound
from domain.multisignaal.coordination import Coordination
from domain.multisignaal.matchbook import MatchBook, MatchRef

if TYPE_CHECKING:
    from matching.regie import Regie

ATTEMPTS = 5


@dataclass(frozen=True)
class ContactConfirmation:
    match_id: UUID
    professional_id: UUID
    confirmed_at: datetime


class CoordinationCommands(KetenApplication):
    regie: Regie
    lock: threading.Lock

    def accept_coordination(self, match_id: UUID, professional_id: UUID) -> Coordination:
        def accept(book: MatchBook, at: datetime) -> None:
            book.accept_coordination(professional_id, at)

        return self._coordination(self._change(match_id, accept, participant=professional_id))

    def hand_over_coordination(self, match_id: UUID, by: UUID, to: UUID) -> Coordination:
        def hand_over(book: MatchBook, at: datetime) -> None:
            book.hand_over_coordination(by, to, at)

        return self._coordination(self._change(match_id, hand_over, participant=by))

    def assign_coordinator(self, match_id: UUID, to: UUID, by: UUID, municipality_ref: str) -> Coordination:
        def assign(book: MatchBook, at: datetime) -> None:
            book.assign_coordinator(to, by, at)

        return self._coordination(self._change(match_id, assign, municipality=municipality_ref))

    def confirm_contact(self, match_id: UUID, professional_id: UUID) -> ContactConfirmation:
        def confirm(book: MatchBook, at: datetime) -> None:
            book.confirm_contact(professional_id, at)

        book = self._change(match_id, confirm, participant=professional_id)
        return ContactConfirmation(match_id, professional_id, book.contacts[professional_id])

    def _change(
        self,
        match_id: UUID,
        command: Callable[[MatchBook, datetime], None],
        participant: UUID | None = None,
        municipality: str | None = None,
    ) -> MatchBook:
        for _ in range(ATTEMPTS):
            with self.lock:
                book = self._book_of_match(match_id, participant, municipality)
                command(book, self.regie.clock())
                try:
                    self.save(book)
                except IntegrityError:
                    continue  # a signal changed the book meanwhile: decide again on the fresh one
            return book
        raise RuntimeError(f"match {match_id} kept changing; the command was not applied")

    def _book_of_match(self, match_id: UUID, participant: UUID | None, municipality: str | None) -> MatchBook:
        ref = self.get_aggregate(match_id)
        book = self.get_aggregate(ref.book_id) if isinstance(ref, MatchRef) else None
        if not isinstance(book, MatchBook):
            raise NotFound(f"no match {match_id}")
        book.open_match(match_id)
        towns = {p.municipality_ref for p in book.participants.values()}
        # Not theirs answers as if it did not exist: a match id reveals nothing to outsiders.
        if (participant is not None and participant not in book.participants) or (
            municipality is not None and municipality not in towns
        ):
            raise NotFound(f"no match {match_id}")
        return book

    @staticmethod
    def _coordination(book: MatchBook) -> Coordination:
        assert book.coordination is not None
        return book.coordination
