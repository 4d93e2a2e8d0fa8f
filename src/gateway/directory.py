"""The identity directory as one answer reads it: each organisation and professional once.

A list of matches names the same counterpart organisations and professionals over and over;
within one answer each is read once (the answer is consistent, and the store is asked a few
times instead of twice per counterpart)."""

from __future__ import annotations

from typing import Protocol
from uuid import UUID

from domain.identity.application import IdentityApplication, OrganisationView, ProfessionalView


class Directory(Protocol):
    def organisation(self, organisation_id: UUID) -> OrganisationView: ...
    def professional(self, professional_id: UUID) -> ProfessionalView: ...


class AnswerDirectory:
    def __init__(self, identity: IdentityApplication) -> None:
        self.identity = identity
        self._organisations: dict[UUID, OrganisationView] = {}
        self._professionals: dict[UUID, ProfessionalView] = {}

    def organisation(self, organisation_id: UUID) -> OrganisationView:
        if organisation_id not in self._organisations:
            self._organisations[organisation_id] = self.identity.organisation(organisation_id)
        return self._organisations[organisation_id]

    def professional(self, professional_id: UUID) -> ProfessionalView:
        if professional_id not in self._professionals:
            self._professionals[professional_id] = self.identity.professional(professional_id)
        return self._professionals[professional_id]
