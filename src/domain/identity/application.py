"""The identity context: the directory of organisations and professionals."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any
from uuid import UUID

from eventsourcing.application import AggregateNotFoundError

from domain.errors import NotFound
from domain.identity.model import (
    Organisation,
    OrganisationKind,
    Professional,
    Role,
    Sector,
    check_contact,
    check_municipality_code,
)
from domain.identity.tokens import TokenRegistry
from domain.log_index import Indexed, LogIndex
from domain.validation import limits


@dataclass(frozen=True)
class OrganisationView:
    id: UUID
    name: str
    sector: Sector
    municipality_code: str
    kind: OrganisationKind | None = None


@dataclass(frozen=True)
class ProfessionalView:
    id: UUID
    organisation_id: UUID
    name: str
    email: str
    phone: str | None
    roles: tuple[Role, ...]


class IdentityApplication(TokenRegistry):
    name = "identity"
    enum_types = (Sector, Role, OrganisationKind)

    def __init__(self, env: dict[str, str] | None = None) -> None:
        super().__init__(env)
        self.staff = LogIndex(self._registered_after)  # who works where, under which address

    def register_organisation(
        self, name: str, sector: Sector, municipality_code: str, kind: OrganisationKind | None = None
    ) -> UUID:
        checked_name = limits.ORGANISATION_NAME.check(name)
        code = check_municipality_code(municipality_code)
        organisation = Organisation(checked_name, sector, code, kind)
        self.save(organisation)
        return organisation.id

    def register_professional(
        self,
        organisation_id: UUID,
        name: str,
        email: str,
        phone: str | None,
        roles: tuple[Role, ...],
    ) -> UUID:
        contact = check_contact(name, email, phone, roles)
        self.organisation(organisation_id)
        professional = Professional(
            organisation_id, contact.name, contact.email, contact.phone, contact.roles
        )
        self.save(professional)
        return professional.id

    def organisation(self, organisation_id: UUID) -> OrganisationView:
        aggregate = self._get(organisation_id, Organisation, "organisation")
        assert isinstance(aggregate, Organisation)
        return OrganisationView(
            aggregate.id, aggregate.name, aggregate.sector, aggregate.municipality_code, aggregate.kind
        )

    def organisations(self) -> list[OrganisationView]:
        """Every organisation in the directory, read from its own log (a directory is small)."""
        registered: type = Organisation.Registered  # type: ignore[attr-defined]
        topic = f"{registered.__module__}:{registered.__qualname__}"
        notifications = self.notifications_after(0, topic)
        return [self.organisation(UUID(str(n.originator_id))) for n in notifications]

    def professionals_with_email(self, email: str) -> list[ProfessionalView]:
        """The professionals registered with this e-mail address (case aside)."""
        return [self.professional(i) for i in self.staff.ids(("email", email.strip().lower()))]

    def professionals_of(self, organisation_id: UUID) -> list[ProfessionalView]:
        """The professionals of one organisation (whom a handover proposal is mailed to)."""
        return [self.professional(i) for i in self.staff.ids(("organisation", organisation_id))]

    def _registered_after(self, last: int) -> Iterator[Indexed]:
        """Each professional by organisation and address (neither changes after registration)."""
        registered: type = Professional.Registered  # type: ignore[attr-defined]
        topic = f"{registered.__module__}:{registered.__qualname__}"
        for notification in self.notifications_after(last, topic):
            event: Any = self.mapper.to_domain_event(notification)
            keys = (("organisation", event.organisation_id), ("email", event.email.lower()))
            yield Indexed(notification.id, event.originator_id, keys)

    def professional(self, professional_id: UUID) -> ProfessionalView:
        aggregate = self._get(professional_id, Professional, "professional")
        assert isinstance(aggregate, Professional)
        return ProfessionalView(
            aggregate.id,
            aggregate.organisation_id,
            aggregate.name,
            aggregate.email,
            aggregate.phone,
            aggregate.roles,
        )

    def _get(self, aggregate_id: UUID, kind: type, label: str) -> object:
        """For reading only (the callers copy what they show): a cached aggregate is not copied."""
        try:
            aggregate: object = self.repository.get(aggregate_id, deepcopy_from_cache=False)
        except AggregateNotFoundError:
            raise NotFound(f"no {label} {aggregate_id}") from None
        if not isinstance(aggregate, kind):
            raise NotFound(f"no {label} {aggregate_id}")
        return aggregate
