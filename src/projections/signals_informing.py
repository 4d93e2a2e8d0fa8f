"""Informing per signal in the professional's own view (mySignals): sealed in the table, opened
when read, so destroying the young person's key leaves nothing readable here either.

A table of its own beside `my_signals`: rows of signals registered before informing was
tracked simply have none (informing unknown).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date

from domain.multisignaal.informing import InformBand, Informee, Informing, InformingStatus
from kernel.cloudevents import ReceivedEvent
from kernel.contracts import INFORMING_DUE, INFORMING_POSTPONED, INFORMING_RECORDED
from kernel.sqlstore import Cursor

SCHEMA = (
    "CREATE TABLE IF NOT EXISTS my_signal_informing ("
    "signal_id TEXT PRIMARY KEY, status TEXT NOT NULL, band TEXT NOT NULL, informed TEXT, revisit_on TEXT)"
)
KINDS = (INFORMING_DUE, INFORMING_RECORDED, INFORMING_POSTPONED)
Sealed = Callable[[dict[str, str], str], str]  # keeps a field sealed under the young person's key
Open = Callable[[str | None], str | None]  # opens it again; None once the key is destroyed


def apply_informing(cursor: Cursor, event: ReceivedEvent, sealed: Sealed) -> None:
    data = event.data
    if event.type == INFORMING_DUE:
        cursor.execute(
            "INSERT INTO my_signal_informing (signal_id, status, band) VALUES (?, 'OWED', ?)",
            (data["signalId"], sealed(data, "bandSealed")),
        )
    elif event.type == INFORMING_RECORDED:
        cursor.execute(
            "UPDATE my_signal_informing SET status = 'INFORMED', informed = ?, revisit_on = NULL "
            "WHERE signal_id = ?",
            (sealed(data, "informedSealed"), data["signalId"]),
        )
    elif event.type == INFORMING_POSTPONED:
        cursor.execute(
            "UPDATE my_signal_informing SET status = 'POSTPONED', revisit_on = ? WHERE signal_id = ?",
            (sealed(data, "revisitOnSealed"), data["signalId"]),
        )


def informing_of(cursor: Cursor, signal_ids: Sequence[str], opened: Open) -> dict[str, Informing]:
    """The informing of each signal that has one and whose young person's key still opens it."""
    if not signal_ids:
        return {}
    marks = ", ".join("?" for _ in signal_ids)
    cursor.execute(
        f"SELECT signal_id, status, band, informed, revisit_on FROM my_signal_informing "
        f"WHERE signal_id IN ({marks})",
        tuple(signal_ids),
    )
    found = {}
    for signal_id, status, band, informed, revisit in cursor.fetchall():
        informing = _informing(status, opened(band), opened(informed), opened(revisit))
        if informing is not None:
            found[str(signal_id)] = informing
    return found


def _informing(status: str, band: str | None, informed: str | None, revisit: str | None) -> Informing | None:
    if band not in {b.value for b in InformBand}:
        return None  # shredded: the record has nothing left to inform about
    who = frozenset(Informee(w) for w in (informed or "").split(",") if w in {i.value for i in Informee})
    revisit_on = date.fromisoformat(revisit) if revisit and revisit[:1].isdigit() else None
    return Informing(InformBand(band), InformingStatus(status), who, revisit_on)
