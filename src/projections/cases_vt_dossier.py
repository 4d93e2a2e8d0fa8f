"""The sealed part of Veilig Thuis's case view: the betrokkenen and the dossier, line by line.

Every case event adds a dossier line (what happened, when, a non-personal detail such as a
decision) and its free text, still sealed, with the id of the key that opens it: the person's
own id for what a person said, the case id for the rest (`domain.cases.sealing`).
"""

from __future__ import annotations

from typing import Any

from kernel.sqlstore import Cursor
from projections.cases_events import CaseEvent, dig, when

DOSSIER_SCHEMA = (
    "CREATE TABLE IF NOT EXISTS vt_betrokkenen (case_id TEXT NOT NULL, person_id TEXT NOT NULL, "
    "position INTEGER NOT NULL, role TEXT NOT NULL, name TEXT, birth_date TEXT, "
    "bsn TEXT, PRIMARY KEY (case_id, person_id))",
    "CREATE TABLE IF NOT EXISTS vt_dossier (case_id TEXT NOT NULL, version INTEGER NOT NULL, "
    "part INTEGER NOT NULL, kind TEXT NOT NULL, at TEXT, detail TEXT, person_id TEXT, "
    "key_id TEXT, sealed TEXT, PRIMARY KEY (case_id, version, part))",
)

TEXT = {  # event → (payload path of its sealed text, payload path of its person, if a person's own)
    "StatementAdded": ("text", "person_id"),
    "PersonHeard": ("account", "person_id"),
    "Triaged": ("outcome.agreements", None),
    "TerugkoppelingSent": ("melder_role", None),
    "VoorwaardeSet": ("text", None),
    "HelpDeployed": ("description", None),
    "ComplianceChecked": ("note", None),
    "InformationRequested": ("question", None),
    "InformationReceived": ("answer", None),
    "ExpertConsulted": ("advice", None),
    "MonitoringCheckDone": ("finding", None),
    "Escalated": ("reason", None),
    "HandoverDeclined": ("reason", None),
    "Closed": ("reason", None),
}
DETAIL = {
    "ConcernNoted": "kind",
    "Triaged": "outcome.decision",
    "TerugkoppelingSent": "moment",
    "VoorwaardenEnVervolgEnded": "follow_up",
    "HelpDeployed": "organisation_id",
    "ComplianceChecked": "complied",
    "VoorwaardeSet": "voorwaarde_id",  # what a compliance check names
    "InformationRequested": "request_id",  # what the answer names
    "InformationReceived": "request_id",
    "ExpertConsulted": "expertise",
    "VertrouwensartsInvolved": "vertrouwensarts_id",
    "OnderzoekConcluded": "outcome",
    "MonitoringCheckDone": "check",
    "Escalated": "to",
    "HandoverProposed": "kind",
    "RegisseurNamed": "regisseur_id",
    "HuisverbodImposed": "ends_on",
    "HuisverbodExtended": "extended_to",
}
INTAKE_TEXT = (
    ("CONCERNS", "intake.concerns"),
    ("FAMILY_NOT_INFORMED_REASON", "intake.family_not_informed_reason"),
    ("ANONYMITY_REASON", "intake.anonymity_reason"),
)


def record_dossier(cursor: Cursor, ev: CaseEvent, version: int) -> None:
    lines = [_line(ev)]
    if ev.kind == "Received":
        lines += _intake_lines(ev)
        for betrokkene in dig(ev.payload, "intake.betrokkenen") or ():
            _add_betrokkene(cursor, ev.case_id, betrokkene)
    if ev.kind == "BetrokkeneAdded":
        _add_betrokkene(cursor, ev.case_id, ev.payload["betrokkene"])
    for part, (kind, detail, person_id, key_id, sealed) in enumerate(lines):
        cursor.execute(
            "INSERT INTO vt_dossier (case_id, version, part, kind, at, detail, person_id, key_id, sealed) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (ev.case_id, version, part, kind, when(ev), detail, person_id, key_id, sealed),
        )


Line = tuple[str, str | None, str | None, str | None, str | None]


def _line(ev: CaseEvent) -> Line:
    detail = dig(ev.payload, DETAIL[ev.kind]) if ev.kind in DETAIL else None
    text_path, person_path = TEXT.get(ev.kind, ("", None))
    sealed = dig(ev.payload, text_path) if text_path else None
    person_id = dig(ev.payload, person_path) if person_path else None
    key_id = (person_id or ev.case_id) if sealed else None
    return ev.kind, None if detail is None else str(detail), person_id, key_id, sealed


def _intake_lines(ev: CaseEvent) -> list[Line]:
    texts = [(kind, dig(ev.payload, path)) for kind, path in INTAKE_TEXT]
    steps = dig(ev.payload, "intake.meldcode.steps") or []
    texts += [(f"MELDCODE_STEP_{n}", step) for n, step in enumerate(steps, start=1)]
    lines: list[Line] = [(kind, None, None, ev.case_id, text) for kind, text in texts if text]
    melder: dict[str, Any] = dig(ev.payload, "intake.melder") or {}
    for kind, field in (("MELDER_NAME", "name"), ("MELDER_CONTACT", "contact")):
        if melder.get(field):
            lines.append((kind, None, None, melder["person_id"], melder[field]))
    return lines


def _add_betrokkene(cursor: Cursor, case_id: str, betrokkene: dict[str, Any]) -> None:
    cursor.execute("SELECT COUNT(*) FROM vt_betrokkenen WHERE case_id = ?", (case_id,))
    position = int(cursor.fetchone()[0])
    cursor.execute(
        "INSERT INTO vt_betrokkenen (case_id, person_id, position, role, name, birth_date, bsn) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        (
            *(case_id, betrokkene["person_id"], position, betrokkene["role"]),
            *(betrokkene["name"], betrokkene["birth_date"], betrokkene.get("bsn")),
        ),
    )
