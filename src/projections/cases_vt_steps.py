"""How each case event moves Veilig Thuis's view: phase, handover state and open deadlines,
exactly as the aggregate moves itself (`domain.cases`)."""

from __future__ import annotations

from collections.abc import Callable

from domain.cases.deadlines import MONITORING, TERUGKOPPELING, DeadlineKind
from domain.cases.monitoring import MonitoringCheck
from domain.cases.phase import FOLLOW_UP_PHASE, FollowUp, Phase
from domain.cases.terugkoppeling import Moment
from domain.cases.triage import NEXT_PHASE, TriageDecision
from kernel.sqlstore import Cursor
from projections.cases_events import CaseEvent, when

Apply = Callable[[Cursor, CaseEvent], None]
MONITORING_DUE = {
    MonitoringCheck.AFTER_3_MONTHS: "after_3_months",
    MonitoringCheck.AFTER_12_MONTHS: "after_12_months",
}

SCHEMA = (
    "CREATE TABLE IF NOT EXISTS vt_cases (case_id TEXT PRIMARY KEY, veilig_thuis_id TEXT NOT NULL, "
    "phase TEXT NOT NULL, received_at TEXT, acute INTEGER, triage_decision TEXT, "
    "responsible_id TEXT NOT NULL, handover_receiver_id TEXT, handover_kind TEXT, handover_status TEXT, "
    "regisseur_id TEXT, meeting_planned_for TEXT, closed_at TEXT, melder_professional_id TEXT, "
    "melder_organisation_id TEXT, anonymous INTEGER)",
    "CREATE TABLE IF NOT EXISTS vt_deadlines (case_id TEXT NOT NULL, veilig_thuis_id TEXT NOT NULL, "
    "kind TEXT NOT NULL, due TEXT NOT NULL, PRIMARY KEY (case_id, kind))",
)


def _set(cursor: Cursor, case_id: str, **columns: object) -> None:
    assignments = ", ".join(f"{name} = ?" for name in columns)
    cursor.execute(f"UPDATE vt_cases SET {assignments} WHERE case_id = ?", (*columns.values(), case_id))


def _open_deadline(cursor: Cursor, case_id: str, kind: DeadlineKind, due: str) -> None:
    cursor.execute(
        "INSERT INTO vt_deadlines (case_id, veilig_thuis_id, kind, due) "
        "SELECT case_id, veilig_thuis_id, ?, ? FROM vt_cases WHERE case_id = ?",
        (kind.value, due, case_id),
    )


def _close_deadline(cursor: Cursor, case_id: str, kind: DeadlineKind) -> None:
    cursor.execute("DELETE FROM vt_deadlines WHERE case_id = ? AND kind = ?", (case_id, kind.value))


def received(cursor: Cursor, ev: CaseEvent) -> None:
    intake = ev.payload["intake"]
    vt, melder = intake["veilig_thuis_id"], intake["melder"]
    cursor.execute(
        "INSERT INTO vt_cases (case_id, veilig_thuis_id, phase, received_at, acute, responsible_id, "
        "melder_professional_id, melder_organisation_id, anonymous) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            *(ev.case_id, vt, Phase.TRIAGE.value, ev.payload["received_at"], bool(intake["acute"]), vt),
            *(melder["professional_id"], melder["organisation_id"], bool(intake["anonymous"])),
        ),
    )
    _open_deadline(cursor, ev.case_id, DeadlineKind.TRIAGE, ev.payload["triage_due"])


def triaged(cursor: Cursor, ev: CaseEvent) -> None:
    decision = TriageDecision(ev.payload["outcome"]["decision"])
    _set(cursor, ev.case_id, phase=NEXT_PHASE[decision].value, triage_decision=decision.value)
    _close_deadline(cursor, ev.case_id, DeadlineKind.TRIAGE)
    _open_deadline(cursor, ev.case_id, TERUGKOPPELING[Moment.AFTER_TRIAGE], ev.payload["terugkoppeling_due"])


def service_started(kind: DeadlineKind) -> Apply:
    return lambda cursor, ev: _open_deadline(cursor, ev.case_id, kind, ev.payload["due"])


def voorwaarden_ended(cursor: Cursor, ev: CaseEvent) -> None:
    _set(cursor, ev.case_id, phase=FOLLOW_UP_PHASE[FollowUp(ev.payload["follow_up"])].value)
    _close_deadline(cursor, ev.case_id, DeadlineKind.VOORWAARDEN_EN_VERVOLG)


def onderzoek_concluded(cursor: Cursor, ev: CaseEvent) -> None:
    follow_up = ev.payload.get("follow_up")
    phase = FOLLOW_UP_PHASE[FollowUp(follow_up)] if follow_up else Phase.DONE
    _set(cursor, ev.case_id, phase=phase.value)
    _close_deadline(cursor, ev.case_id, DeadlineKind.ONDERZOEK)
    _open_deadline(
        cursor, ev.case_id, TERUGKOPPELING[Moment.AFTER_ONDERZOEK], ev.payload["terugkoppeling_due"]
    )


def terugkoppeling_sent(cursor: Cursor, ev: CaseEvent) -> None:
    _close_deadline(cursor, ev.case_id, TERUGKOPPELING[Moment(ev.payload["moment"])])


def monitoring_started(cursor: Cursor, ev: CaseEvent) -> None:
    _set(cursor, ev.case_id, phase=Phase.MONITORING.value)
    for check, due in MONITORING_DUE.items():
        _open_deadline(cursor, ev.case_id, MONITORING[check], ev.payload[due])


def monitoring_check_done(cursor: Cursor, ev: CaseEvent) -> None:
    _close_deadline(cursor, ev.case_id, MONITORING[MonitoringCheck(ev.payload["check"])])
    cursor.execute(
        "SELECT COUNT(*) FROM vt_deadlines WHERE case_id = ? AND kind LIKE 'MONITORING%'", (ev.case_id,)
    )
    if cursor.fetchone()[0] == 0:
        _set(cursor, ev.case_id, phase=Phase.DONE.value)


def handover_proposed(cursor: Cursor, ev: CaseEvent) -> None:
    receiver, kind = ev.payload["receiver_id"], ev.payload["kind"]
    _set(cursor, ev.case_id, handover_receiver_id=receiver, handover_kind=kind, handover_status="PROPOSED")
    _set(cursor, ev.case_id, regisseur_id=None, meeting_planned_for=None)


def handover_status(status: str) -> Apply:
    return lambda cursor, ev: _set(cursor, ev.case_id, handover_status=status)


def handover_completed(cursor: Cursor, ev: CaseEvent) -> None:
    _set(cursor, ev.case_id, handover_status="COMPLETED", phase=Phase.HANDED_OVER.value)
    cursor.execute(
        "UPDATE vt_cases SET responsible_id = handover_receiver_id WHERE case_id = ?", (ev.case_id,)
    )


def closed(cursor: Cursor, ev: CaseEvent) -> None:
    _set(cursor, ev.case_id, phase=Phase.CLOSED.value, closed_at=when(ev))
    cursor.execute("DELETE FROM vt_deadlines WHERE case_id = ?", (ev.case_id,))


APPLY: dict[str, Apply] = {
    "Received": received,
    "Triaged": triaged,
    "VoorwaardenEnVervolgStarted": service_started(DeadlineKind.VOORWAARDEN_EN_VERVOLG),
    "VoorwaardenEnVervolgEnded": voorwaarden_ended,
    "OnderzoekStarted": service_started(DeadlineKind.ONDERZOEK),
    "OnderzoekConcluded": onderzoek_concluded,
    "TerugkoppelingSent": terugkoppeling_sent,
    "MonitoringStarted": monitoring_started,
    "MonitoringCheckDone": monitoring_check_done,
    "HandoverProposed": handover_proposed,
    "HandoverAccepted": handover_status("ACCEPTED"),
    "HandoverDeclined": handover_status("DECLINED"),
    "JointMeetingPlanned": lambda c, ev: _set(c, ev.case_id, meeting_planned_for=ev.payload["planned_for"]),
    "RegisseurNamed": lambda c, ev: _set(c, ev.case_id, regisseur_id=ev.payload["regisseur_id"]),
    "HandoverCompleted": handover_completed,
    "Closed": closed,
}
