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
from domain.identity.staff import Registered, StaffIndex
from domain.identity.tokens import TokenRegistry
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
        self.staff = StaffIndex()

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
        ids: list[UUID] = []
        start = 1
        while page := self.recorder.select_notifications(start, 1000, topics=[topic]):
            ids.extend(UUID(str(n.originator_id)) for n in page)
            start = page[-1].id + 1
        return [self.organisation(organisation_id) for organisation_id in ids]

    def professionals_with_email(self, email: str) -> list[ProfessionalView]:
        """The professionals registered with this e-mail address (case aside)."""
        return [self.professional(i) for i in self.staff.with_email(email, self._registered_after)]

    def professionals_of(self, organisation_id: UUID) -> list[ProfessionalView]:
        """The professionals of one organisation (whom a handover proposal is mailed to)."""
        return [self.professional(i) for i in self.staff.of(organisation_id, self._registered_after)]

    def _registered_after(self, last: int) -> Iterator[Registered]:
        registered: type = Professional.Registered  # type: ignore[attr-defined]
        topic = f"{registered.__module__}:{registered.__qualname__}"
        start = last + 1
        while page := self.recorder.select_notifications(start, 1000, topics=[topic]):
            for notification in page:
                event: Any = self.mapper.to_domain_event(notification)
                yield Registered(notification.id, event.originator_id, event.organisation_id, event.email)
            start = page[-1].id + 1

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
