"""The receiving organisation's view: a case appears once it accepted the handover, then its plan.

A proposal waits in `receiver_proposals` with nothing but ids, the kind and the time, so the
receiver can answer it; the case itself reaches `receiver_cases` only with the acceptance, and
the plan's goals, agreements, actions and evaluations stay sealed under the plan's key.
The queries are in `cases_receiver_read`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from kernel.cloudevents import ReceivedEvent
from kernel.contracts import CASES_TOPIC
from kernel.sqlstore import Cursor, Database
from projections.cases_columns import RECEIVER, blank
from projections.cases_events import CaseEvent, Opener, OpensPayloads, read
from projections.cases_receiver_read import ReceiverCasesReader
from projections.view import View

Apply = Callable[[Cursor, CaseEvent], None]

# The need-to-know audiences this view serves: it opens only the event types they may see.
AUDIENCES = ("receiver_before_acceptance", "receiver_after_acceptance")

_SCHEMA = (
    "CREATE TABLE IF NOT EXISTS receiver_proposals (case_id TEXT PRIMARY KEY, organisation_id TEXT NOT NULL, "
    "kind TEXT NOT NULL, proposed_at TEXT)",
    "CREATE TABLE IF NOT EXISTS receiver_cases (case_id TEXT PRIMARY KEY, organisation_id TEXT NOT NULL, "
    "kind TEXT NOT NULL, status TEXT NOT NULL, accepted_at TEXT, meeting_planned_for TEXT, "
    "meeting_held_at TEXT, regisseur_id TEXT, completed_at TEXT)",
    "CREATE TABLE IF NOT EXISTS receiver_plans (plan_id TEXT PRIMARY KEY, case_id TEXT NOT NULL, "
    "regisseur_id TEXT, status TEXT NOT NULL, started_at TEXT, escalated_to TEXT)",
    "CREATE TABLE IF NOT EXISTS receiver_plan_items (plan_id TEXT NOT NULL, position INTEGER NOT NULL, "
    "kind TEXT NOT NULL, item_id TEXT, sealed TEXT, owner_id TEXT, due TEXT, self_reliant INTEGER, "
    "at TEXT, completed_at TEXT, PRIMARY KEY (plan_id, position))",
)


def _set(table: str, status: str | None = None, **fields: str) -> Apply:
    """Updates the case's or plan's row: the status, and each column from its payload field."""
    key = "plan_id" if table == "receiver_plans" else "case_id"
    columns = [*fields, *(["status"] if status else [])]
    assignments = ", ".join(f"{name} = ?" for name in columns)

    def apply(cursor: Cursor, ev: CaseEvent) -> None:
        values = [ev.payload[field] for field in fields.values()] + ([status] if status else [])
        row_id = ev.plan_id if key == "plan_id" else ev.case_id
        cursor.execute(f"UPDATE {table} SET {assignments} WHERE {key} = ?", (*values, row_id))

    return apply


def proposed(cursor: Cursor, ev: CaseEvent) -> None:
    cursor.execute(
        "INSERT INTO receiver_proposals (case_id, organisation_id, kind, proposed_at) VALUES (?, ?, ?, ?)",
        (ev.case_id, ev.payload["receiver_id"], ev.payload["kind"], ev.payload["at"]),
    )


def answered(accepted: bool) -> Apply:
    def apply(cursor: Cursor, ev: CaseEvent) -> None:
        if accepted:
            cursor.execute(
                "INSERT INTO receiver_cases (case_id, organisation_id, kind, status, accepted_at) "
                "SELECT case_id, organisation_id, kind, 'ACCEPTED', ? FROM receiver_proposals "
                "WHERE case_id = ?",
                (ev.payload["at"], ev.case_id),
            )
        cursor.execute("DELETE FROM receiver_proposals WHERE case_id = ?", (ev.case_id,))

    return apply


def plan_started(cursor: Cursor, ev: CaseEvent) -> None:
    cursor.execute(
        "INSERT INTO receiver_plans (plan_id, case_id, regisseur_id, status, started_at) "
        "VALUES (?, ?, ?, 'ACTIVE', ?)",
        (ev.plan_id, ev.case_id, ev.payload["regisseur_id"], ev.payload["started_at"]),
    )


def plan_item(kind: str, text: str) -> Apply:
    def apply(cursor: Cursor, ev: CaseEvent) -> None:
        cursor.execute("SELECT COUNT(*) FROM receiver_plan_items WHERE plan_id = ?", (ev.plan_id,))
        position, p = int(cursor.fetchone()[0]), ev.payload
        cursor.execute(
            "INSERT INTO receiver_plan_items (plan_id, position, kind, item_id, sealed, owner_id, due, "
            "self_reliant, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                *(ev.plan_id, position, kind, p.get("action_id"), p[text]),
                *(p.get("owner_id"), p.get("due"), p.get("self_reliant"), p["at"]),
            ),
        )

    return apply


def action_completed(cursor: Cursor, ev: CaseEvent) -> None:
    cursor.execute(
        "UPDATE receiver_plan_items SET completed_at = ? WHERE plan_id = ? AND item_id = ?",
        (ev.payload["at"], ev.plan_id, ev.payload["action_id"]),
    )


APPLY: dict[str, Apply] = {
    "HandoverProposed": proposed,
    "HandoverAccepted": answered(accepted=True),
    "HandoverDeclined": answered(accepted=False),
    "JointMeetingPlanned": _set("receiver_cases", meeting_planned_for="planned_for"),
    "JointMeetingHeld": _set("receiver_cases", meeting_held_at="at"),
    "RegisseurNamed": _set("receiver_cases", regisseur_id="regisseur_id"),
    "HandoverCompleted": _set("receiver_cases", "COMPLETED", completed_at="at"),
    "PlanStarted": plan_started,
    "PlanGoalSet": plan_item("GOAL", "goal"),
    "PlanAgreementMade": plan_item("AGREEMENT", "agreement"),
    "PlanActionPlanned": plan_item("ACTION", "description"),
    "PlanActionCompleted": action_completed,
    "PlanEvaluated": plan_item("EVALUATION", "summary"),
    "PlanRegisseurChanged": _set("receiver_plans", regisseur_id="regisseur_id"),
    "PlanClosed": _set("receiver_plans", "CLOSED"),
    "PlanEscalated": _set("receiver_plans", "ESCALATED", escalated_to="to"),
}


class ReceiverCasesView(ReceiverCasesReader, OpensPayloads, View):
    name = "receiver_cases"
    topics = (CASES_TOPIC,)
    tables = ("receiver_proposals", "receiver_cases", "receiver_plans", "receiver_plan_items")

    def __init__(self, db: Database, opener: Opener) -> None:
        self.opener = opener
        super().__init__(db)

    def schema(self) -> Sequence[str]:
        return _SCHEMA

    def apply(self, cursor: Cursor, event: ReceivedEvent) -> None:
        ev = read(event, self.opener, AUDIENCES)
        if ev is not None and ev.payload and ev.kind in APPLY:
            APPLY[ev.kind](cursor, ev)
            blank(cursor, RECEIVER)
