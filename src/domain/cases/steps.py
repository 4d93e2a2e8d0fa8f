"""Which Veilig Thuis steps a case's phase opens: what a page offers, read off the guards.

The aggregate still decides (a step forced in the wrong phase is refused with its code);
this table only keeps the pages from offering what the phase rules out. Steps that need
more than the phase (a terugkoppeling that is due, a huisverbod to extend) are offered in
every open phase and left to the guard.
"""

from __future__ import annotations

from domain.cases.phase import Phase

ANY_OPEN_PHASE = ("addBetrokkene", "addStatement", "escalate", "imposeHuisverbod", "extendHuisverbod")
# A transfer to the Veilig Thuis of another region (the family moved) can start in any open
# phase; its meeting and completion only while one is under way.
TRANSFER = ("proposeTransfer",)
TRANSFER_UNDER_WAY = ("holdTransferMeeting", "completeTransfer")
BY_PHASE: dict[Phase, tuple[str, ...]] = {
    Phase.TRIAGE: ("triage",),
    Phase.VOORWAARDEN_EN_VERVOLG: (
        "setVoorwaarde",
        "deployHelp",
        "recordComplianceCheck",
        "endVoorwaardenEnVervolg",
    ),
    Phase.ONDERZOEK: (
        "hearPerson",
        "requestInformation",
        "receiveInformation",
        "consultExpert",
        "involveVertrouwensarts",
        "concludeOnderzoek",
    ),
    Phase.HANDOVER: ("proposeHandover", "planJointMeeting", "holdJointMeeting", "completeHandover"),
    Phase.HANDED_OVER: ("startMonitoring",),
    Phase.MONITORING: ("recordMonitoringCheck",),
    Phase.DONE: (),
}
# Closing comes after triage; the guard refuses it while a handover is open or feedback owed.
CLOSABLE = frozenset(BY_PHASE) - {Phase.TRIAGE}


def open_steps(phase: Phase) -> tuple[str, ...]:
    """The steps a page offers on a case in this phase, in the order a worker takes them."""
    if phase is Phase.CLOSED:
        return ()
    closing = ("closeCase",) if phase in CLOSABLE else ()
    return (
        BY_PHASE[phase] + ANY_OPEN_PHASE + ("sendTerugkoppeling",) + TRANSFER + TRANSFER_UNDER_WAY + closing
    )
