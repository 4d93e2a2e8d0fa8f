"""The adviezen a Veilig Thuis worker gave, read back so a serious one can become a melding
(`convertAdviesToMelding`). An advies holds no family data; its question is free text, so it
is opened for its own worker only and each read is logged like a case's."""

from __future__ import annotations

from datetime import datetime

import strawberry

from domain.cases.advies_queries import AdviesView
from domain.identity.model import Role
from gateway.cases.readmodels import Opener
from gateway.context import Context
from gateway.policy import audience

Info = strawberry.Info[Context, None]
RULE_MINE = audience("vt_medewerker").rule("myAdviezen")


@strawberry.type(description="An advies the caller gave: when, the question, the melding it became.")
class AdviesSummary:
    id: strawberry.ID
    given_at: datetime
    question: str
    melding_id: strawberry.ID | None

    @classmethod
    def of(cls, view: AdviesView, opener: Opener) -> AdviesSummary:
        melding = strawberry.ID(str(view.melding_id)) if view.melding_id else None
        question = opener.open_or_erased(str(view.id), view.question)
        return cls(
            id=strawberry.ID(str(view.id)), given_at=view.given_at, question=question, melding_id=melding
        )


@strawberry.type
class AdviesQuery:
    @strawberry.field(description="VT_MEDEWERKER: the adviezen the caller gave, newest first.")
    def my_adviezen(self, info: Info) -> list[AdviesSummary]:
        principal, services = info.context.principal, info.context.services
        principal.require(Role.VT_MEDEWERKER)
        views = services.cases.cases.adviezen_given_by(principal.professional)
        info.context.trail.read([str(view.id) for view in views], RULE_MINE)
        return [AdviesSummary.of(view, services.cases.opener) for view in views]
