"""A professional's own reference to a signal (their client number), sealed per organisation.

keten stores no BSN, so a professional with thirty signals tells them apart by a reference of
their own. It is sealed with a key of their organisation and kept beside the gateway's other
tables, never on Kafka: only professionals of that organisation read it back (mySignals).
"""

from __future__ import annotations

from typing import Protocol
from uuid import UUID

from kernel.sqlstore import Database

SCHEMA = (
    "CREATE TABLE IF NOT EXISTS signal_references (signal_id TEXT PRIMARY KEY, "
    "organisation_id TEXT NOT NULL, sealed TEXT NOT NULL)",
)


class Sealer(Protocol):
    def seal(self, key_id: str, plaintext: str) -> str: ...
    def open_or_erased(self, key_id: str, sealed: str) -> str: ...


class SignalReferences:
    def __init__(self, db: Database, sealer: Sealer) -> None:
        self.db, self.sealer = db, sealer
        with db.transaction() as cursor:
            for statement in SCHEMA:
                cursor.execute(statement)

    def keep(self, signal_id: UUID, organisation_id: UUID, reference: str) -> None:
        sealed = self.sealer.seal(_key(organisation_id), reference)
        with self.db.transaction() as cursor:
            cursor.execute("DELETE FROM signal_references WHERE signal_id = ?", (str(signal_id),))
            cursor.execute(
                "INSERT INTO signal_references (signal_id, organisation_id, sealed) VALUES (?, ?, ?)",
                (str(signal_id), str(organisation_id), sealed),
            )

    def of(self, signal_id: str, organisation_id: UUID) -> str | None:
        """The reference, for the organisation that gave it; None for anyone else."""
        with self.db.read() as cursor:
            cursor.execute(
                "SELECT sealed FROM signal_references WHERE signal_id = ? AND organisation_id = ?",
                (signal_id, str(organisation_id)),
            )
            row = cursor.fetchone()
        return self.sealer.open_or_erased(_key(organisation_id), row[0]) if row else None


def _key(organisation_id: UUID) -> str:
    return f"signal-reference:{organisation_id}"
