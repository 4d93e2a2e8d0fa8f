"""GraphQL types of the regie of a match: its coordinator, and who confirmed contact since when."""

from __future__ import annotations

from datetime import date, datetime
from uuid import UUID

import strawberry

from domain.identity.application import IdentityApplication
from domain.multisignaal.coordination import CoordinationStatus as DomainCoordinationStatus
from gateway.identity.types import Contact, Organisation
from gateway.multisignaal.ports import (
    ConfirmationState,
    CoordinationState,
    ParticipantContactRow,
    RegieMatchRow,
)

CoordinationStatus = strawberry.enum(DomainCoordinationStatus, name="CoordinationStatus")


@strawberry.type(description="Who coordinates a match (procescoördinatie), in which status, since when.")
class Coordination:
    professional_id: strawberry.ID
    professional: Contact
    organisation: Organisation
    status: CoordinationStatus  # type: ignore[valid-type]
    since: datetime | None

    @classmethod
    def of(cls, state: CoordinationState, status: str, identity: IdentityApplication) -> Coordination:
        return cls(
            professional_id=strawberry.ID(str(state.professional_id)),
            professional=Contact.of(identity.professional(UUID(str(state.professional_id)))),
            organisation=Organisation.of(identity.organisation(UUID(str(state.organisation_id)))),
            status=DomainCoordinationStatus(status),
            since=state.since,
        )


@strawberry.type(description="One participant of a match: since when, and whether contact was confirmed.")
class ParticipantContact:
    professional_id: strawberry.ID
    professional: Contact
    organisation: Organisation
    since: datetime
    contact_due: date | None = strawberry.field(description="The last working day for contact.")
    confirmed_at: datetime | None
    overdue: bool

    @classmethod
    def of(cls, row: ParticipantContactRow, today: date, identity: IdentityApplication) -> ParticipantContact:
        return cls(
            professional_id=strawberry.ID(row.professional_id),
            professional=Contact.of(identity.professional(UUID(row.professional_id))),
            organisation=Organisation.of(identity.organisation(UUID(row.organisation_id))),
            since=row.since,
            contact_due=row.contact_due,
            confirmed_at=row.confirmed_at,
            overdue=row.overdue_on(today),
        )


@strawberry.type(
    description="A match as the regievoerder sees it: coordination and every participant's contact."
)
class RegieMatch:
    id: strawberry.ID
    since: datetime
    coordination: Coordination | None
    contacts: list[ParticipantContact]
    overdue: bool = strawberry.field(description="Someone has not confirmed contact past the due day.")

    @classmethod
    def of(cls, row: RegieMatchRow, today: date, identity: IdentityApplication) -> RegieMatch:
        lead = row.coordination
        return cls(
            id=strawberry.ID(row.id),
            since=row.since,
            coordination=Coordination.of(lead, lead.status, identity) if lead else None,
            contacts=[ParticipantContact.of(p, today, identity) for p in row.participants],
            overdue=row.overdue_on(today),
        )


@strawberry.type
class ContactConfirmation:
    match_id: strawberry.ID
    confirmed_at: datetime

    @classmethod
    def of(cls, state: ConfirmationState) -> ContactConfirmation:
        return cls(match_id=strawberry.ID(str(state.match_id)), confirmed_at=state.confirmed_at)
