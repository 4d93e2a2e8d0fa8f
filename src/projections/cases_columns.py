"""Which policy field each column of the case views holds, so the policy decides what is filled.

A view writes an event's rows and then, in the same transaction, empties every mapped column
whose field no audience of that table may see (`need_to_know.toml`): no commit, and so no
reader, ever holds such a value. With the shipped policy nothing is emptied. Columns left out
are keys and what the views' own bookkeeping and the gateway's access decisions run on (phase,
the responsible and receiving organisation, statuses, deadline kinds and ids).
"""

from __future__ import annotations

from collections.abc import Mapping

from domain.policy.need_to_know import Policy, shipped_policy
from kernel.sqlstore import Cursor

Field = tuple[str, str]  # (GraphQL type, field) as the policy names it
Tables = Mapping[str, tuple[tuple[str, ...], Mapping[str, Field]]]  # table -> (audiences, columns)


def _of(type_name: str, **columns: str) -> dict[str, Field]:
    return {column: (type_name, name) for column, name in columns.items()}


# Per table: the audiences it serves, and per column the field it holds.
VT: Tables = {
    "vt_cases": (
        ("vt_medewerker",),
        _of(
            "VeiligThuisCase", received_at="receivedAt", acute="acute", triage_decision="triageDecision",
            melder_professional_id="melderProfessionalId", melder_organisation_id="melderOrganisationId",
            anonymous="anonymous", closed_at="closedAt",
        )
        | _of("CaseHandover", handover_kind="kind", regisseur_id="regisseurId")
        | _of("CaseHandover", meeting_planned_for="meetingPlannedFor"),
    ),
    "vt_betrokkenen": (("vt_medewerker",), _of("Betrokkene", name="name", birth_date="birthDate", bsn="bsn")),
    "vt_dossier": (
        ("vt_medewerker",),
        _of("DossierEntry", at="at", detail="detail", person_id="personId", key_id="text", sealed="text"),
    ),
}  # fmt: skip
MELDER: Tables = {
    "my_meldingen": (("melder",), _of("MyMelding", received_at="receivedAt", taken_over_by="takenOverBy")),
    "my_terugkoppelingen": (
        ("melder",),
        _of(
            "Terugkoppeling", follow_up="followUp", taken_over_by="takenOverBy", melder_role="melderRole",
            sent_at="sentAt",
        ),
    ),
}  # fmt: skip
BEFORE, AFTER = ("receiver_before_acceptance",), ("receiver_after_acceptance",)
RECEIVER: Tables = {
    "receiver_proposals": (BEFORE, _of("HandoverProposal", proposed_at="proposedAt")),
    "receiver_cases": (
        AFTER,
        _of(
            "HandedOverCase", accepted_at="acceptedAt", meeting_planned_for="meetingPlannedFor",
            meeting_held_at="meetingHeldAt", regisseur_id="regisseurId", completed_at="completedAt",
        ),
    ),
    "receiver_plans": (
        (*AFTER, "regisseur"),
        _of("Plan", regisseur_id="regisseurId", started_at="startedAt", escalated_to="escalatedTo"),
    ),
    "receiver_plan_items": (
        (*AFTER, "regisseur"),
        _of(
            "PlanItem", at="at", sealed="text", owner_id="ownerId", due="due", self_reliant="selfReliant",
            completed_at="completedAt",
        ),
    ),
}  # fmt: skip


# Per table map: the answer of `unseen` and the policy it holds for. Every event of a case view
# asks, and the policy is read once per process: it is worked out again only for another policy.
_UNSEEN: dict[int, tuple[Tables, Policy, dict[str, list[str]]]] = {}


def unseen(tables: Tables) -> dict[str, list[str]]:
    """Per table: the mapped columns whose field none of the table's audiences may see."""
    policy = shipped_policy()
    known = _UNSEEN.get(id(tables))
    if known is not None and known[0] is tables and known[1] is policy:
        return known[2]
    found = {
        table: [c for c, field in columns.items() if not any(policy[a].sees(*field) for a in audiences)]
        for table, (audiences, columns) in tables.items()
    }
    answer = {table: columns for table, columns in found.items() if columns}
    _UNSEEN[id(tables)] = (tables, policy, answer)
    return answer


def blank(cursor: Cursor, tables: Tables) -> None:
    """Empties, in the event's own transaction, every column the policy keeps from the table."""
    for table, columns in unseen(tables).items():
        filled = " OR ".join(f"{column} IS NOT NULL" for column in columns)
        cursor.execute(f"UPDATE {table} SET {', '.join(f'{c} = NULL' for c in columns)} WHERE {filled}")
