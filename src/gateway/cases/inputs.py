"""GraphQL inputs of case work, and their translation into the domain's plain values."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from uuid import UUID

import strawberry

from domain.cases.application import MeldingForm, PersonDetails
from gateway.cases.enums import BetrokkeneRole, ConcernKind, ReceiverKind, TriageDecision
from gateway.identity.types import parse_id


@strawberry.input(description="A betrokkene as the melder names them; sealed before it is stored.")
class PersonInput:
    role: BetrokkeneRole  # type: ignore[valid-type]
    name: str
    birth_date: date
    bsn: str | None = None

    def details(self) -> PersonDetails:
        return PersonDetails(self.role, self.name, self.birth_date, self.bsn)


@strawberry.input(
    description="Someone else's melding that Veilig Thuis records: a professional or a citizen."
)
class MelderInput:
    professional_id: strawberry.ID | None = None
    organisation_id: strawberry.ID | None = None
    name: str | None = None
    contact: str | None = None


@dataclass(frozen=True)
class Melder:
    professional_id: UUID | None
    organisation_id: UUID | None
    name: str | None = None
    contact: str | None = None

    @classmethod
    def of(cls, melder: MelderInput) -> Melder:
        ids = cls.of_ids(melder.professional_id, melder.organisation_id)
        return cls(ids.professional_id, ids.organisation_id, melder.name, melder.contact)

    @classmethod
    def of_ids(cls, professional_id: strawberry.ID | None, organisation_id: strawberry.ID | None) -> Melder:
        professional = parse_id(professional_id, "professional") if professional_id else None
        organisation = parse_id(organisation_id, "organisation") if organisation_id else None
        return cls(professional, organisation)


@strawberry.input
class MeldingInput:
    betrokkenen: list[PersonInput]
    concerns: str
    concern_kinds: list[ConcernKind]  # type: ignore[valid-type]
    family_informed: bool
    family_not_informed_reason: str | None = None
    acute: bool = False
    anonymous: bool = False
    anonymity_reason: str | None = None
    meldcode_steps: list[str | None] = strawberry.field(default_factory=list)
    afwegingen: list[bool] = strawberry.field(default_factory=list)
    kindcheck_done: bool = False
    veilig_thuis_id: strawberry.ID | None = strawberry.field(
        default=None,
        description="The Veilig Thuis chosen by the melder; without it, that of the family's gemeente.",
    )
    municipality_code: str | None = strawberry.field(
        default=None,
        description="The family's gemeente: it decides the Veilig Thuis when none is chosen, and names "
        "the gemeente of the verwijsindex signals.",
    )
    melder: MelderInput | None = strawberry.field(
        default=None, description="Only when a VT_MEDEWERKER records someone else's melding."
    )

    def form(self, veilig_thuis_id: UUID, melder: Melder) -> MeldingForm:
        return MeldingForm(
            veilig_thuis_id=veilig_thuis_id,
            betrokkenen=[person.details() for person in self.betrokkenen],
            concerns=self.concerns,
            concern_kinds=list(self.concern_kinds),
            family_informed=self.family_informed,
            family_not_informed_reason=self.family_not_informed_reason,
            melder_professional_id=melder.professional_id,
            melder_organisation_id=melder.organisation_id,
            melder_name=melder.name,
            melder_contact=melder.contact,
            acute=self.acute,
            anonymous=self.anonymous,
            anonymity_reason=self.anonymity_reason,
            meldcode_steps=list(self.meldcode_steps),
            afwegingen=list(self.afwegingen),
            kindcheck_done=self.kindcheck_done,
        )


@strawberry.input(description="An advies stores no personal data of the family.")
class AdviesInput:
    question: str
    advice: str
    follow_up: str
    caller_professional_id: strawberry.ID | None = None
    caller_organisation_id: strawberry.ID | None = None
    caller_objects_to_registration: bool = False


@strawberry.input
class TriageInput:
    acute_unsafety: bool
    structural_unsafety: bool
    decision: TriageDecision  # type: ignore[valid-type]
    receiver_kind: ReceiverKind | None = None  # type: ignore[valid-type]
    agreements: str | None = None
