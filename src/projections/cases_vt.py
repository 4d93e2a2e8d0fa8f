"""Veilig Thuis's own view of its cases: phase, dates, deadlines, handover, sealed dossier.

Phases and deadlines follow the case's events exactly as the aggregate does (`domain.cases`),
so the `deadlines` query reads this table instead of loading every case from the event store.
Personal fields stay sealed here (see `cases_events`); the steps are in `cases_vt_steps`,
the dossier rows in `cases_vt_dossier`, the queries in `cases_vt_read`.
"""

from __future__ import annotations

from collections.abc import Sequence

from kernel.cloudevents import ReceivedEvent
from kernel.contracts import CASES_TOPIC
from kernel.sqlstore import Cursor, Database
from projections.cases_columns import VT, blank
from projections.cases_events import Opener, OpensPayloads, read
from projections.cases_vt_dossier import DOSSIER_SCHEMA, record_dossier
from projections.cases_vt_read import VeiligThuisCasesReader
from projections.cases_vt_steps import APPLY, SCHEMA
from projections.cases_vt_transfer import APPLY as TRANSFER_APPLY
from projections.cases_vt_transfer import SCHEMA as TRANSFER_SCHEMA
from projections.cases_vt_transfer import TransferReader
from projections.view import View

# The need-to-know audiences this view serves: it opens only the event types they may see.
AUDIENCES = ("vt_medewerker",)


class VeiligThuisCasesView(VeiligThuisCasesReader, TransferReader, OpensPayloads, View):
    name = "vt_cases"
    topics = (CASES_TOPIC,)
    tables = ("vt_cases", "vt_deadlines", "vt_betrokkenen", "vt_dossier", "vt_transfers")

    def __init__(self, db: Database, opener: Opener) -> None:
        self.opener = opener
        super().__init__(db)

    def schema(self) -> Sequence[str]:
        return (*SCHEMA, *DOSSIER_SCHEMA, *TRANSFER_SCHEMA)

    def apply(self, cursor: Cursor, event: ReceivedEvent) -> None:
        ev = read(event, self.opener, AUDIENCES)
        if ev is None or ev.plan_id is not None or not ev.payload:
            return  # an advies, a plan (the receiver's), or a case whose key was destroyed
        step = APPLY.get(ev.kind) or TRANSFER_APPLY.get(ev.kind)
        if step is not None:
            step(cursor, ev)
        record_dossier(cursor, ev, event.data["version"])
        blank(cursor, VT)
