"""Where a melding stands in the Veilig Thuis process, and so which step may come next.

- TRIAGE → DONE (close, or handed over to the betrokkenen), HANDOVER, VOORWAARDEN_EN_VERVOLG
  or ONDERZOEK
- VOORWAARDEN_EN_VERVOLG → HANDOVER or MONITORING
- ONDERZOEK → DONE (no violence), HANDOVER, MONITORING or VOORWAARDEN_EN_VERVOLG
- HANDOVER → HANDED_OVER → MONITORING, if Veilig Thuis keeps watch
- MONITORING → DONE after the 12-month check
- every phase after TRIAGE → CLOSED
"""

from __future__ import annotations

from enum import Enum

from domain.errors import DomainError


class Phase(Enum):
    TRIAGE = "TRIAGE"
    VOORWAARDEN_EN_VERVOLG = "VOORWAARDEN_EN_VERVOLG"
    ONDERZOEK = "ONDERZOEK"
    HANDOVER = "HANDOVER"  # Veilig Thuis looks for a receiver and stays responsible meanwhile
    HANDED_OVER = "HANDED_OVER"  # the receiver is responsible now
    MONITORING = "MONITORING"
    DONE = "DONE"  # nothing left for Veilig Thuis but terugkoppeling and closing
    CLOSED = "CLOSED"


class FollowUp(Enum):
    """What comes after Voorwaarden & Vervolg or an Onderzoek."""

    HANDOVER = "HANDOVER"
    MONITORING = "MONITORING"
    VOORWAARDEN_EN_VERVOLG = "VOORWAARDEN_EN_VERVOLG"


FOLLOW_UP_PHASE = {
    FollowUp.HANDOVER: Phase.HANDOVER,
    FollowUp.MONITORING: Phase.MONITORING,
    FollowUp.VOORWAARDEN_EN_VERVOLG: Phase.VOORWAARDEN_EN_VERVOLG,
}


class WrongPhase(DomainError):
    code = "WRONG_PHASE"


class FollowUpNotAllowed(DomainError):
    code = "FOLLOW_UP_NOT_ALLOWED"
