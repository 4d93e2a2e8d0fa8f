"""Multisignaal signals that Veilig Thuis registers for the children of a melding.

keten's rule (the sources say that Veilig Thuis signals, not how to end its signals):

- on receipt, Veilig Thuis signals every betrokkene with the role CHILD who has a BSN and is
  younger than 23 on the day of receipt, on behalf of the Veilig Thuis professional who
  recorded the melding; the signal ids and that professional are recorded on the case
  (`Case.SignalsRegistered`), so the case knows which signals are its own;
- closing the case withdraws them: UNJUSTIFIED ("onterecht", never archived) when the melding
  proved unfounded — triage found neither acute nor structural unsafety and closed, or an
  Onderzoek found no violence — and RISK_GONE ("risico weg", archived) after any other course,
  because then Veilig Thuis's help or a handover dealt with the risk.

A `Case` method, bound in `case.py`; its event is `Case.SignalsRegistered`.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING
from uuid import UUID

from eventsourcing.domain import event

from domain.cases.intake import BetrokkeneRole
from domain.cases.meldformulier import MeldingForm, PersonDetails
from domain.cases.onderzoek import Outcome
from domain.cases.triage import TriageDecision
from domain.multisignaal.age import AGE_LIMIT, age_on
from domain.multisignaal.signal import WithdrawalReason

if TYPE_CHECKING:
    from domain.cases.case import Case


def signal_candidates(form: MeldingForm, today: date) -> list[PersonDetails]:
    """The children of a melding the verwijsindex takes: with a BSN, younger than 23."""
    return [
        person
        for person in form.betrokkenen
        if person.role is BetrokkeneRole.CHILD
        and person.bsn
        and person.birth_date <= today
        and age_on(person.birth_date, today) < AGE_LIMIT
    ]


@event("SignalsRegistered")
def register_signals(self: Case, signal_ids: list[UUID], professional_id: UUID, at: datetime) -> None:
    self.check_open()
    self.signals.update(dict.fromkeys(signal_ids, professional_id))


def withdrawal_reason(case: Case) -> WithdrawalReason:
    """UNJUSTIFIED when the melding proved unfounded, RISK_GONE after every other course."""
    outcome = case.triage_outcome
    no_concerns = outcome is not None and outcome.decision is TriageDecision.CLOSE
    no_violence = case.onderzoek is not None and case.onderzoek.outcome is Outcome.NO_VIOLENCE
    return WithdrawalReason.UNJUSTIFIED if no_concerns or no_violence else WithdrawalReason.RISK_GONE
