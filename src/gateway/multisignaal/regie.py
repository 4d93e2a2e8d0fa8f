"""Coordination and contact after a match over GraphQL: the participants' commands, and the
regievoerder's view of who coordinates and who confirmed contact (Jw 7.1.3)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar
from uuid import UUID

import strawberry

from domain.access.model import AccessKind
from domain.identity.model import Role
from domain.multisignaal.coordination import Coordination as DomainCoordination
from gateway.context import Context
from gateway.identity.types import parse_id
from gateway.multisignaal.regie_types import ContactConfirmation, Coordination, RegieMatch

Info = strawberry.Info[Context, None]
SIGNALLERS = (Role.SIGNALLER, Role.VT_MEDEWERKER)
T = TypeVar("T")


def _on_match(info: Info, match_id: strawberry.ID, rule: str, command: Callable[[UUID, UUID], T]) -> T:
    """Runs a participant's command on a match: a refusal is a denied attempt, success a change."""
    info.context.principal.require(*SIGNALLERS)
    uuid = parse_id(match_id, "match")
    with info.context.trail.guard(str(uuid), rule):
        result = command(uuid, info.context.principal.professional)
    info.context.trail.note(AccessKind.CHANGE, str(uuid), rule)
    return result


def _coordination(info: Info, state: DomainCoordination) -> Coordination:
    return Coordination.of(state, state.status.value, info.context.services.identity)


def _municipality_ref(info: Info) -> str:
    services, organisation_id = info.context.services, info.context.principal.organisation_id
    assert organisation_id is not None  # a regievoerder always belongs to a municipality
    return services.pseudonymiser.municipality(
        services.identity.organisation(organisation_id).municipality_code
    )


@strawberry.type
class RegieMutation:
    @strawberry.mutation(description="The proposed coordinator of a match accepts the coordination.")
    def accept_coordination(self, info: Info, match_id: strawberry.ID) -> Coordination:
        matcher = info.context.services.matcher
        state = _on_match(info, match_id, "signaller.accept_coordination", matcher.accept_coordination)
        return _coordination(info, state)

    @strawberry.mutation(description="The coordinator hands the coordination to another participant.")
    def hand_over_coordination(
        self, info: Info, match_id: strawberry.ID, professional_id: strawberry.ID
    ) -> Coordination:
        to, matcher = parse_id(professional_id, "professional"), info.context.services.matcher
        state = _on_match(
            info,
            match_id,
            "signaller.hand_over_coordination",
            lambda match, by: matcher.hand_over_coordination(match, by, to),
        )
        return _coordination(info, state)

    @strawberry.mutation(
        description="A participant confirms that contact with the other signallers was made."
    )
    def confirm_contact(self, info: Info, match_id: strawberry.ID) -> ContactConfirmation:
        matcher = info.context.services.matcher
        return ContactConfirmation.of(
            _on_match(info, match_id, "signaller.confirm_contact", matcher.confirm_contact)
        )

    @strawberry.mutation(
        description="REGIEVOERDER: assign a participant of a match in the municipality as coordinator."
    )
    def assign_coordinator(
        self, info: Info, match_id: strawberry.ID, professional_id: strawberry.ID
    ) -> Coordination:
        principal = info.context.principal
        principal.require(Role.REGIEVOERDER)
        uuid, to = parse_id(match_id, "match"), parse_id(professional_id, "professional")
        rule = "regievoerder.assign_coordinator"
        with info.context.trail.guard(str(uuid), rule):
            state = info.context.services.matcher.assign_coordinator(
                uuid, to, principal.professional, _municipality_ref(info)
            )
        info.context.trail.note(AccessKind.CHANGE, str(uuid), rule)
        return _coordination(info, state)


@strawberry.type
class RegieQuery:
    @strawberry.field(
        description="REGIEVOERDER: the municipality's matches, who coordinates them, who confirmed contact."
    )
    def regie_matches(self, info: Info) -> list[RegieMatch]:
        info.context.principal.require(Role.REGIEVOERDER)
        services = info.context.services
        rows = services.regie.for_municipality(_municipality_ref(info))
        info.context.trail.read([row.id for row in rows], "regievoerder.regie_matches")
        today = services.today()  # one day for the whole answer, also across midnight
        return [RegieMatch.of(row, today, services.identity) for row in rows]

    @strawberry.field(
        description="REGIEVOERDER: the municipality's matches where someone has not confirmed contact "
        "10 working days after the match (Atw calendar)."
    )
    def matches_without_contact(self, info: Info) -> list[RegieMatch]:
        info.context.principal.require(Role.REGIEVOERDER)
        services = info.context.services
        today = services.today()  # the day the rows are chosen by is the day they are judged by
        rows = services.regie.without_contact(_municipality_ref(info), today)
        info.context.trail.read([row.id for row in rows], "regievoerder.matches_without_contact")
        return [RegieMatch.of(row, today, services.identity) for row in rows]
