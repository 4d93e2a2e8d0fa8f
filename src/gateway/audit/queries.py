"""The auditor's queries: a case replayed from its own events as of a moment."""

from __future__ import annotations

from datetime import UTC, datetime
from uuid import UUID

import strawberry

from domain.cases.replay import replay, snapshot
from domain.cases.sealing import Sealed
from domain.identity.model import Role
from gateway.audit.types import CaseHistory, CaseThen, TimelineEvent
from gateway.context import Context
from gateway.identity.types import parse_id
from gateway.policy import audience

Info = strawberry.Info[Context, None]
RULE_CASE_HISTORY = audience("auditor").rule("caseHistory")


@strawberry.type
class AuditQuery:
    @strawberry.field(
        description="AUDITOR: the case as it was at `asOf` (rebuilt from its events, not from a view) "
        'and its timeline up to then; shredded personal fields read "[erased]". A time without a '
        "zone is UTC."
    )
    def case_history(self, info: Info, case_id: strawberry.ID, as_of: datetime) -> CaseHistory:
        casework, trail = info.context.services.cases, info.context.trail
        moment = as_of if as_of.tzinfo else as_of.replace(tzinfo=UTC)
        with trail.guard(str(case_id), RULE_CASE_HISTORY):  # a refused replay is logged too
            info.context.principal.require(Role.AUDITOR)
            history = replay(casework.cases, parse_id(case_id, "case"), moment)
        trail.read([str(history.case.id)], RULE_CASE_HISTORY)  # replaying opens personal data

        def open_(key_id: UUID, sealed: Sealed) -> str:
            return casework.opener.open_or_erased(str(key_id), sealed)

        return CaseHistory(
            state=CaseThen.of(snapshot(history.case, open_)),
            timeline=[TimelineEvent.of(entry) for entry in history.timeline],
        )
