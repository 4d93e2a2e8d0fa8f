"""Triage (veiligheidsbeoordeling): within 5 working days, who takes the next step.

Which decisions the safety assessment allows is keten's reading of the Handelingsprotocol
and the meldcode site (the sources give the options, not a table):

    acute unsafety           → VOORWAARDEN_EN_VERVOLG or ONDERZOEK: Veilig Thuis acts itself
    structural unsafety only → HANDOVER_TO_LOKAAL_VELD, VOORWAARDEN_EN_VERVOLG or ONDERZOEK
    neither                  → CLOSE, HANDOVER_TO_BETROKKENEN, HANDOVER_TO_LOKAAL_VELD or ONDERZOEK

ONDERZOEK is always open (denial, too little information, an unclear situation). Anonymity
promised to the melder leaves only ONDERZOEK: a handover would expose where the melding
came from.

These functions are `Case` methods: `case.py` binds them into the class, so their events
are `Case.Triaged` on the case's own stream.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import Enum
from typing import TYPE_CHECKING

from eventsourcing.domain import event

from domain.calendar import WorkingCalendar
from domain.cases import terms
from domain.cases.handover import ReceiverKind
from domain.cases.phase import Phase
from domain.cases.sealing import Sealed
from domain.cases.terugkoppeling import Moment
from domain.errors import DomainError

if TYPE_CHECKING:
    from domain.cases.case import Case


class TriageDecision(Enum):
    CLOSE = "CLOSE"
    HANDOVER_TO_BETROKKENEN = "HANDOVER_TO_BETROKKENEN"
    HANDOVER_TO_LOKAAL_VELD = "HANDOVER_TO_LOKAAL_VELD"  # lokaal team, existing help or an MDT
    VOORWAARDEN_EN_VERVOLG = "VOORWAARDEN_EN_VERVOLG"
    ONDERZOEK = "ONDERZOEK"


@dataclass(frozen=True)
class TriageOutcome:
    acute_unsafety: bool
    structural_unsafety: bool
    decision: TriageDecision
    receiver_kind: ReceiverKind | None = None  # who in the lokaal veld: HANDOVER_TO_LOKAAL_VELD
    agreements: Sealed | None = None  # the written agreements: HANDOVER_TO_BETROKKENEN


_VT_ITSELF = frozenset({TriageDecision.VOORWAARDEN_EN_VERVOLG, TriageDecision.ONDERZOEK})
_STRUCTURAL = _VT_ITSELF | {TriageDecision.HANDOVER_TO_LOKAAL_VELD}
_NO_UNSAFETY = frozenset(TriageDecision) - {TriageDecision.VOORWAARDEN_EN_VERVOLG}

NEXT_PHASE = {
    TriageDecision.CLOSE: Phase.DONE,
    TriageDecision.HANDOVER_TO_BETROKKENEN: Phase.DONE,
    TriageDecision.HANDOVER_TO_LOKAAL_VELD: Phase.HANDOVER,
    TriageDecision.VOORWAARDEN_EN_VERVOLG: Phase.VOORWAARDEN_EN_VERVOLG,
    TriageDecision.ONDERZOEK: Phase.ONDERZOEK,
}


def allowed_decisions(acute_unsafety: bool, structural_unsafety: bool) -> frozenset[TriageDecision]:
    if acute_unsafety:
        return _VT_ITSELF
    return _STRUCTURAL if structural_unsafety else _NO_UNSAFETY


def open_decisions(
    acute_unsafety: bool, structural_unsafety: bool, anonymous: bool
) -> frozenset[TriageDecision]:
    """What a triage form offers: the assessment's decisions, only Onderzoek under anonymity."""
    allowed = allowed_decisions(acute_unsafety, structural_unsafety)
    return allowed & {TriageDecision.ONDERZOEK} if anonymous else allowed


def check_outcome(outcome: TriageOutcome, anonymous: bool) -> None:
    decision = outcome.decision
    if anonymous and decision is not TriageDecision.ONDERZOEK:
        raise AnonymityRequiresOnderzoek("the melder was promised anonymity: only Onderzoek fits")
    if decision not in allowed_decisions(outcome.acute_unsafety, outcome.structural_unsafety):
        raise TriageDecisionNotAllowed(f"{decision.value} does not fit the safety assessment")
    if decision is TriageDecision.HANDOVER_TO_LOKAAL_VELD and outcome.receiver_kind is None:
        raise ReceiverKindRequired("say whether a lokaal team, existing help or an MDT takes over")
    if decision is TriageDecision.HANDOVER_TO_BETROKKENEN and not outcome.agreements:
        raise AgreementsRequired("a handover to the betrokkenen rests on written agreements")


def triage(self: Case, outcome: TriageOutcome, at: datetime, calendar: WorkingCalendar) -> None:
    """Records the veiligheidsbeoordeling and starts what it decided."""
    self.check_open()
    if self.triage_outcome is not None:
        raise TriageAlreadyDone(f"case {self.id} was triaged already")
    check_outcome(outcome, self.intake.anonymous)
    self._triaged(outcome, at, terms.terugkoppeling_due(at, calendar))
    self._start_phase(at, calendar)


@event("Triaged")
def triaged(self: Case, outcome: TriageOutcome, at: datetime, terugkoppeling_due: date) -> None:
    self.triage_outcome = outcome
    self.phase = NEXT_PHASE[outcome.decision]
    self.terugkoppeling_due[Moment.AFTER_TRIAGE] = terugkoppeling_due


class TriageAlreadyDone(DomainError):
    code = "TRIAGE_ALREADY_DONE"


class TriageDecisionNotAllowed(DomainError):
    code = "TRIAGE_DECISION_NOT_ALLOWED"


class AnonymityRequiresOnderzoek(DomainError):
    code = "ANONYMITY_REQUIRES_ONDERZOEK"


class ReceiverKindRequired(DomainError):
    code = "RECEIVER_KIND_REQUIRED"


class AgreementsRequired(DomainError):
    code = "AGREEMENTS_REQUIRED"
