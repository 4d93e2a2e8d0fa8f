"""The meldformulier in plaintext, as the melder fills it in, and its sealing into an `Intake`.

Each betrokkene gets a person id of their own, which is also the key id of their name, BSN
and birth date; a citizen melder likewise. The case's free text is sealed under the case id.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from uuid import UUID, uuid4

from domain.cases.intake import (
    MELDCODE_AFWEGINGEN,
    MELDCODE_STEPS,
    Betrokkene,
    BetrokkeneRequired,
    BetrokkeneRole,
    ConcernKind,
    Intake,
    MeldcodeRecord,
    MeldcodeRecordIncomplete,
    Melder,
)
from domain.cases.sealing import Sealer, seal, seal_optional
from domain.multisignaal.bsn import check_bsn
from domain.validation import check_birth_date, check_count, limits


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


def check_person(person: PersonDetails, today: date) -> PersonDetails:
    """The betrokkene as stored: name trimmed; a blank BSN is none."""
    bsn = check_bsn(person.bsn) if person.bsn else None
    # A child may be unborn (kindcheck: a pregnancy): then its birth date is the due date.
    expected = person.role is BetrokkeneRole.CHILD
    check_birth_date(person.birth_date, today, "betrokkenen.birthDate", expected)
    return replace(person, name=limits.PERSON_NAME.check(person.name), bsn=bsn)


def check_form(form: MeldingForm, today: date) -> MeldingForm:
    """The form as stored, texts trimmed; run before anything is sealed, so a refusal makes no key."""
    check_count(form.betrokkenen, "betrokkenen", limits.MAX_BETROKKENEN)
    if not form.betrokkenen:
        raise BetrokkeneRequired("a melding is about at least one betrokkene")
    check_count(form.concern_kinds, "concernKinds", len(ConcernKind))
    return replace(
        form,
        betrokkenen=[check_person(person, today) for person in form.betrokkenen],
        concerns=limits.CONCERNS.check(form.concerns),
        concern_kinds=list(dict.fromkeys(form.concern_kinds)),
        family_not_informed_reason=limits.FAMILY_NOT_INFORMED_REASON.check_optional(
            form.family_not_informed_reason
        ),
        melder_name=limits.MELDER_NAME.check_optional(form.melder_name),
        melder_contact=limits.MELDER_CONTACT.check_optional(form.melder_contact),
        anonymity_reason=limits.ANONYMITY_REASON.check_optional(form.anonymity_reason),
        meldcode_steps=_checked_meldcode(form),
    )


def _checked_meldcode(form: MeldingForm) -> list[str | None]:
    if not (form.meldcode_steps or form.afwegingen):
        return []
    counts = (len(form.meldcode_steps), len(form.afwegingen))
    if counts != (MELDCODE_STEPS, MELDCODE_AFWEGINGEN):
        raise MeldcodeRecordIncomplete("the meldcode record has steps 1–5 and afwegingen 1–5")
    return [limits.MELDCODE_STEP.check_optional(answer) for answer in form.meldcode_steps]


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
    bsn = seal(sealer, person_id, person.bsn) if person.bsn else None
    name = seal(sealer, person_id, person.name)
    birth_date = seal(sealer, person_id, person.birth_date.isoformat())
    return Betrokkene(person_id, person.role, name, birth_date, bsn)


def seal_meldcode(sealer: Sealer, case_id: UUID, form: MeldingForm) -> MeldcodeRecord | None:
    if not (form.meldcode_steps or form.afwegingen):
        return None
    steps = [seal_optional(sealer, case_id, answer) for answer in form.meldcode_steps]
    return MeldcodeRecord(steps, list(form.afwegingen), form.kindcheck_done)
