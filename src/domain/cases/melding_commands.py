"""Commands from first contact to triage and closing: advies, melding, additions to the
dossier, triage, terugkoppeling and closing.
"""

from __future__ import annotations

from collections.abc import Callable
from uuid import UUID, uuid4

from domain.cases.advies import Advies
from domain.cases.application_base import CaseworkBase
from domain.cases.case import Case
from domain.cases.dossier import check_room_for_betrokkene
from domain.cases.handover import ReceiverKind
from domain.cases.intake import ConcernKind
from domain.cases.meldformulier import (
    MeldingForm,
    PersonDetails,
    check_form,
    check_person,
    seal_betrokkene,
    seal_intake,
)
from domain.cases.terugkoppeling import Moment
from domain.cases.triage import TriageDecision, TriageOutcome
from domain.errors import NotFound
from domain.validation import limits


class MeldingCommands(CaseworkBase):
    def give_advies(
        self,
        question: str,
        advice: str,
        follow_up: str,
        given_by: UUID,
        caller_professional_id: UUID | None = None,
        caller_organisation_id: UUID | None = None,
        caller_objects_to_registration: bool = False,
    ) -> UUID:
        """Records an advies; a caller who objects to registration leaves no trace of themselves."""
        question, advice = limits.QUESTION.check(question), limits.ADVICE.check(advice)
        follow_up = limits.FOLLOW_UP.check(follow_up)
        if caller_objects_to_registration:
            caller_professional_id = caller_organisation_id = None
        advies_id = uuid4()
        advies = Advies(
            id=advies_id,
            question=self._seal(advies_id, question),
            advice=self._seal(advies_id, advice),
            follow_up=self._seal(advies_id, follow_up),
            caller_professional_id=caller_professional_id,
            caller_organisation_id=caller_organisation_id,
            given_by=given_by,
            given_at=self.clock(),
        )
        self.save(advies)
        return advies_id

    def receive_melding(self, form: MeldingForm) -> UUID:
        form, case_id = check_form(form, self._today()), uuid4()
        intake = seal_intake(self.sealer, case_id, form, None)
        self.save(Case.receive(case_id, intake, self.clock(), self.calendar))
        return case_id

    def convert_advies_to_melding(
        self, advies_id: UUID, form: MeldingForm, *, colleague: Callable[[UUID], bool]
    ) -> UUID:
        """Veilig Thuis makes a melding of its own of a serious advies; the form names it the melder.
        `colleague` tells whether the advies's worker is of the converting Veilig Thuis: another
        Veilig Thuis's advies is answered as if it did not exist (no existence oracle)."""
        form = check_form(form, self._today())
        advies, case_id, now = self._get(Advies, advies_id), uuid4(), self.clock()
        if not colleague(advies.given_by):
            raise NotFound(f"no advies {advies_id}")
        case = Case.receive(case_id, seal_intake(self.sealer, case_id, form, advies_id), now, self.calendar)
        advies.convert_to_melding(case_id, now)
        self.save(advies, case)
        return case_id

    def add_betrokkene(self, case_id: UUID, person: PersonDetails) -> UUID:
        person, case = check_person(person, self._today()), self._get(Case, case_id)
        check_room_for_betrokkene(case)  # before sealing: a refusal makes no key for the person
        betrokkene = seal_betrokkene(self.sealer, person)
        case.add_betrokkene(betrokkene, self.clock())
        self.save(case)
        return betrokkene.person_id

    def note_concern(self, case_id: UUID, kind: ConcernKind) -> None:
        self._change(Case, case_id, lambda case, at: case.note_concern(kind, at))

    def add_statement(self, case_id: UUID, person_id: UUID, statement: str) -> None:
        text = self._seal(person_id, limits.STATEMENT.check(statement))
        self._change(Case, case_id, lambda case, at: case.add_statement(person_id, text, at))

    def triage(
        self,
        case_id: UUID,
        acute_unsafety: bool,
        structural_unsafety: bool,
        decision: TriageDecision,
        receiver_kind: ReceiverKind | None = None,
        agreements: str | None = None,
    ) -> None:
        sealed = self._seal_optional(case_id, limits.AGREEMENTS.check_optional(agreements))
        outcome = TriageOutcome(acute_unsafety, structural_unsafety, decision, receiver_kind, sealed)
        self._change(Case, case_id, lambda case, at: case.triage(outcome, at, self.calendar))

    def send_terugkoppeling(
        self,
        case_id: UUID,
        moment: Moment,
        follow_up: bool,
        taken_over_by: UUID | None = None,
        melder_role: str | None = None,
    ) -> None:
        role = self._seal_optional(case_id, limits.MELDER_ROLE.check_optional(melder_role))
        self._change(
            Case,
            case_id,
            lambda case, at: case.send_terugkoppeling(moment, follow_up, taken_over_by, role, at),
        )

    def close_case(self, case_id: UUID, reason: str) -> None:
        sealed = self._seal(case_id, limits.REASON.check(reason))
        self._change(Case, case_id, lambda case, at: case.close(sealed, at))
