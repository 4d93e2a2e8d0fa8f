"""What the matcher needs to coordinate a match: the covenants, the directory's sectors, the
working-day calendar and the clock. The matcher applies them when it records a match; the
proposal and the contact due date are stored in its events, so a replay never decides again."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from uuid import UUID

from domain.calendar import WorkingCalendar
from domain.identity.model import Sector
from domain.multisignaal.contact import contact_due
from domain.multisignaal.coordination import ProposalBasis
from domain.multisignaal.covenant import Candidate, CovenantRules, municipality_of, propose_coordinator
from domain.multisignaal.matchbook import MatchBook


@dataclass(frozen=True)
class Regie:
    rules: CovenantRules  # keyed by the municipality's keyed reference, as the signals carry it
    sector_of: Callable[[UUID], Sector]
    calendar: WorkingCalendar
    clock: Callable[[], datetime]

    def contact_due(self, since: datetime) -> date:
        return contact_due(since, self.calendar)

    def coordinate(self, book: MatchBook) -> None:
        """Proposes the covenant's choice while no person has decided (coordination.py)."""
        if not book.covenant_decides:
            return
        participants = list(book.participants.values())
        municipality = municipality_of([p.municipality_ref for p in participants])
        basis = (
            ProposalBasis.MUNICIPALITY_COVENANT
            if municipality in self.rules.by_municipality
            else ProposalBasis.DEFAULT_COVENANT
        )
        candidates = [
            Candidate(p.professional_id, p.organisation_id, self.sector_of(p.organisation_id), p.since)
            for p in participants
        ]
        chosen = propose_coordinator(candidates, self.rules.order_for(municipality))
        lead = book.coordination
        if lead is None or lead.professional_id != chosen.professional_id:
            book.propose_coordinator(chosen.professional_id, basis, self._proposal_time(book))

    def _proposal_time(self, book: MatchBook) -> datetime:
        # Proposed as the match is found: its own time. Later (the coordinator left): now.
        newest = max(p.since for p in book.participants.values())
        return max(newest, self.clock()) if book.coordination else newest
