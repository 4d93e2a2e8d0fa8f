"""Where a melding stands in the Veilig Thuis process, and which step may come next.

    TRIAGE ──▶ VOORWAARDEN_EN_VERVOLG ──▶ HANDOVER | MONITORING
       │  ──▶ ONDERZOEK ──▶ DONE | HANDOVER | MONITORING | VOORWAARDEN_EN_VERVOLG
       │  ──▶ HANDOVER ──▶ HANDED_OVER ──▶ MONITORING ──▶ DONE
       └──▶ DONE (no concerns, or handed over to the betrokkenen themselves)
    every phase after TRIAGE ──▶ CLOSED
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
