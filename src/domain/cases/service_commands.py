"""Commands of Veilig Thuis's own services: Voorwaarden & Vervolg, Onderzoek, monitoring, and
the measures (escalation, huisverbod) that can come at any time before closing.
"""

from __future__ import annotations

from datetime import date
from uuid import UUID, uuid4

from domain.cases.application_base import CaseworkBase
from domain.cases.case import Case
from domain.cases.measures import EscalationTarget
from domain.cases.monitoring import MonitoringCheck
from domain.cases.onderzoek import Outcome
from domain.cases.phase import FollowUp
from domain.validation import check_day, limits


class ServiceCommands(CaseworkBase):
    def set_voorwaarde(self, case_id: UUID, voorwaarde: str) -> UUID:
        voorwaarde_id, text = uuid4(), self._seal(case_id, limits.VOORWAARDE.check(voorwaarde))
        self._change(Case, case_id, lambda case, at: case.set_voorwaarde(voorwaarde_id, text, at))
        return voorwaarde_id

    def deploy_help(self, case_id: UUID, organisation_id: UUID, description: str) -> None:
        text = self._seal(case_id, limits.HELP_DESCRIPTION.check(description))
        self._change(Case, case_id, lambda case, at: case.deploy_help(organisation_id, text, at))

    def record_compliance_check(
        self, case_id: UUID, voorwaarde_id: UUID, complied: bool, note: str | None = None
    ) -> None:
        text = self._seal_optional(case_id, limits.NOTE.check_optional(note))
        self._change(
            Case, case_id, lambda case, at: case.record_compliance_check(voorwaarde_id, complied, text, at)
        )

    def end_voorwaarden_en_vervolg(self, case_id: UUID, follow_up: FollowUp) -> None:
        self._change(
            Case, case_id, lambda case, at: case.end_voorwaarden_en_vervolg(follow_up, at, self.calendar)
        )

    def hear_person(self, case_id: UUID, person_id: UUID, account: str) -> None:
        # What a person said is their own data: sealed under their key.
        text = self._seal(person_id, limits.HEARD_ACCOUNT.check(account))
        self._change(Case, case_id, lambda case, at: case.hear_person(person_id, text, at))

    def request_information(
        self, case_id: UUID, professional_id: UUID, organisation_id: UUID, question: str
    ) -> UUID:
        request_id, text = uuid4(), self._seal(case_id, limits.INFORMATION_QUESTION.check(question))
        self._change(
            Case,
            case_id,
            lambda case, at: case.request_information(request_id, professional_id, organisation_id, text, at),
        )
        return request_id

    def receive_information(self, case_id: UUID, request_id: UUID, answer: str) -> None:
        text = self._seal(case_id, limits.INFORMATION_ANSWER.check(answer))
        self._change(Case, case_id, lambda case, at: case.receive_information(request_id, text, at))

    def consult_expert(self, case_id: UUID, expertise: str, advice: str) -> None:
        discipline = limits.EXPERTISE.check(expertise)
        text = self._seal(case_id, limits.EXPERT_ADVICE.check(advice))
        self._change(Case, case_id, lambda case, at: case.consult_expert(discipline, text, at))

    def involve_vertrouwensarts(self, case_id: UUID, vertrouwensarts_id: UUID) -> None:
        self._change(Case, case_id, lambda case, at: case.involve_vertrouwensarts(vertrouwensarts_id, at))

    def conclude_onderzoek(self, case_id: UUID, outcome: Outcome, follow_up: FollowUp | None = None) -> None:
        self._change(
            Case, case_id, lambda case, at: case.conclude_onderzoek(outcome, follow_up, at, self.calendar)
        )

    def start_monitoring(self, case_id: UUID) -> None:
        self._change(Case, case_id, lambda case, at: case.start_monitoring(at))

    def record_monitoring_check(self, case_id: UUID, check: MonitoringCheck, finding: str) -> None:
        text = self._seal(case_id, limits.FINDING.check(finding))
        self._change(Case, case_id, lambda case, at: case.record_monitoring_check(check, text, at))

    def escalate(self, case_id: UUID, to: EscalationTarget, reason: str) -> None:
        text = self._seal(case_id, limits.REASON.check(reason))
        self._change(Case, case_id, lambda case, at: case.escalate(to, text, at))

    def impose_huisverbod(self, case_id: UUID, starts_on: date, ends_on: date) -> None:
        check_day(starts_on, self._today(), "startsOn")
        check_day(ends_on, self._today(), "endsOn")
        self._change(Case, case_id, lambda case, at: case.impose_huisverbod(starts_on, ends_on, at))

    def extend_huisverbod(self, case_id: UUID, extended_to: date) -> None:
        check_day(extended_to, self._today(), "extendedTo")
        self._change(Case, case_id, lambda case, at: case.extend_huisverbod(extended_to, at))
