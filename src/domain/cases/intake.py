"""What a melding brings in: the melder, the betrokkenen, the concerns and the meldcode record.

Every personal field is `Sealed` (see `sealing`): the case holds ciphertext only.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from uuid import UUID

from domain.cases.sealing import Sealed
from domain.errors import DomainError

MELDCODE_STEPS = 5
MELDCODE_AFWEGINGEN = 5


class BetrokkeneRole(Enum):
    CHILD = "CHILD"
    PARENT = "PARENT"
    PARTNER = "PARTNER"
    OTHER_ADULT = "OTHER_ADULT"
    ELDERLY = "ELDERLY"


class ConcernKind(Enum):
    PHYSICAL_ABUSE = "PHYSICAL_ABUSE"
    SEXUAL_ABUSE = "SEXUAL_ABUSE"
    EMOTIONAL_ABUSE = "EMOTIONAL_ABUSE"
    NEGLECT = "NEGLECT"
    PARTNER_VIOLENCE = "PARTNER_VIOLENCE"
    ELDER_ABUSE = "ELDER_ABUSE"  # including ontspoorde mantelzorg and financial exploitation
    HONOUR_BASED_VIOLENCE = "HONOUR_BASED_VIOLENCE"
    FEMALE_GENITAL_MUTILATION = "FEMALE_GENITAL_MUTILATION"
    LIFE_THREATENING = "LIFE_THREATENING"
    PSYCHIATRIC_PROBLEMS = "PSYCHIATRIC_PROBLEMS"  # suspected, of a betrokkene
    ADDICTION = "ADDICTION"  # suspected, of a betrokkene


@dataclass(frozen=True)
class Melder:
    """A professional of an organisation, or a citizen with contact details."""

    professional_id: UUID | None = None
    organisation_id: UUID | None = None
    person_id: UUID | None = None  # a citizen's key id for their own sealed fields
    name: Sealed | None = None
    contact: Sealed | None = None

    @property
    def is_identified(self) -> bool:
        professional = self.professional_id is not None and self.organisation_id is not None
        return professional or bool(self.name and self.contact)


@dataclass(frozen=True)
class Betrokkene:
    person_id: UUID
    role: BetrokkeneRole
    name: Sealed
    birth_date: Sealed
    bsn: Sealed | None = None

    @property
    def is_child(self) -> bool:
        return self.role is BetrokkeneRole.CHILD


@dataclass(frozen=True)
class MeldcodeRecord:
    """The melder's meldcode: an answer per step (None: step not taken) and per afweging."""

    steps: list[Sealed | None]
    afwegingen: list[bool]
    kindcheck_done: bool


@dataclass(frozen=True)
class Intake:
    veilig_thuis_id: UUID  # the Veilig Thuis organisation that received the melding
    melder: Melder
    betrokkenen: list[Betrokkene]
    concerns: Sealed
    concern_kinds: list[ConcernKind]
    acute: bool
    family_informed: bool
    family_not_informed_reason: Sealed | None = None
    anonymous: bool = False  # the melder stays unknown to the family, not to Veilig Thuis
    anonymity_reason: Sealed | None = None
    meldcode: MeldcodeRecord | None = None
    advies_id: UUID | None = None  # set when Veilig Thuis converted an advies itself


def check_intake(intake: Intake) -> None:
    if not intake.melder.is_identified:
        raise MelderRequired("a melding needs a professional of an organisation or a citizen with contact")
    if not intake.betrokkenen:
        raise BetrokkeneRequired("a melding is about at least one betrokkene")
    if intake.anonymous and not intake.anonymity_reason:
        raise AnonymityReasonRequired("anonymity toward the family needs the danger it prevents")
    if not intake.family_informed and not intake.family_not_informed_reason:
        raise FamilyNotInformedReasonRequired("say why the melder did not inform the family")
    meldcode = intake.meldcode
    if meldcode and (len(meldcode.steps), len(meldcode.afwegingen)) != (MELDCODE_STEPS, MELDCODE_AFWEGINGEN):
        raise MeldcodeRecordIncomplete("the meldcode record has steps 1–5 and afwegingen 1–5")


class MelderRequired(DomainError):
    code = "MELDER_REQUIRED"


class BetrokkeneRequired(DomainError):
    code = "BETROKKENE_REQUIRED"


class AnonymityReasonRequired(DomainError):
    code = "ANONYMITY_REASON_REQUIRED"


class FamilyNotInformedReasonRequired(DomainError):
    code = "FAMILY_NOT_INFORMED_REASON_REQUIRED"


class MeldcodeRecordIncomplete(DomainError):
    code = "MELDCODE_RECORD_INCOMPLETE"
