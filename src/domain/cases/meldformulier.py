"""The meldformulier in plaintext, as the melder fills it in, and its sealing into an `Intake`.

Each betrokkene gets a person id of their own, which is also the key id of their name, BSN
and birth date; a citizen melder likewise. The case's free text is sealed under the case id.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from uuid import UUID, uuid4

from domain.cases.intake import Betrokkene, BetrokkeneRole, ConcernKind, Intake, MeldcodeRecord, Melder
from domain.cases.sealing import Sealer, seal, seal_optional
from domain.multisignaal.bsn import check_bsn


@dataclass(frozen=True)
class PersonDetails:
    role: BetrokkeneRole
    name: str
    birth_date: date
    bsn: str | None = None


@dataclass(frozen=True)
class MeldingForm:
    """A professional melder gives their ids, a citizen their name and contact details.
    The meldcode answers (steps 1–5, afwegingen 1–5) are the melder's own, if any."""

    veilig_thuis_id: UUID
    betrokkenen: list[PersonDetails]
    concerns: str
    concern_kinds: list[ConcernKind]
    family_informed: bool
    family_not_informed_reason: str | None = None
    melder_professional_id: UUID | None = None
    melder_organisation_id: UUID | None = None
    melder_name: str | None = None
    melder_contact: str | None = None
    acute: bool = False
    anonymous: bool = False
    anonymity_reason: str | None = None
    meldcode_steps: list[str | None] = field(default_factory=list)
    afwegingen: list[bool] = field(default_factory=list)
    kindcheck_done: bool = False


def seal_intake(sealer: Sealer, case_id: UUID, form: MeldingForm, advies_id: UUID | None) -> Intake:
    return Intake(
        form.veilig_thuis_id,
        seal_melder(sealer, form),
        [seal_betrokkene(sealer, person) for person in form.betrokkenen],
        seal(sealer, case_id, form.concerns),
        list(form.concern_kinds),
        form.acute,
        form.family_informed,
        seal_optional(sealer, case_id, form.family_not_informed_reason),
        form.anonymous,
        seal_optional(sealer, case_id, form.anonymity_reason),
        seal_meldcode(sealer, case_id, form),
        advies_id,
    )


def seal_melder(sealer: Sealer, form: MeldingForm) -> Melder:
    if not (form.melder_name or form.melder_contact):
        return Melder(form.melder_professional_id, form.melder_organisation_id)
    citizen_id = uuid4()
    name = seal_optional(sealer, citizen_id, form.melder_name)
    contact = seal_optional(sealer, citizen_id, form.melder_contact)
    return Melder(form.melder_professional_id, form.melder_organisation_id, citizen_id, name, contact)


def seal_betrokkene(sealer: Sealer, person: PersonDetails) -> Betrokkene:
    person_id = uuid4()
    bsn = seal(sealer, person_id, check_bsn(person.bsn)) if person.bsn else None
    name = seal(sealer, person_id, person.name)
    birth_date = seal(sealer, person_id, person.birth_date.isoformat())
    return Betrokkene(person_id, person.role, name, birth_date, bsn)


def seal_meldcode(sealer: Sealer, case_id: UUID, form: MeldingForm) -> MeldcodeRecord | None:
    if not (form.meldcode_steps or form.afwegingen):
        return None
    steps = [seal_optional(sealer, case_id, answer) for answer in form.meldcode_steps]
    return MeldcodeRecord(steps, list(form.afwegingen), form.kindcheck_done)
