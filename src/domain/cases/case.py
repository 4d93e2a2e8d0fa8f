"""A melding at Veilig Thuis, from receipt to closing: one aggregate, one stream per case.

Every step is an event on the case's own stream (`Case.Received`, `Case.Triaged`, …), so an
auditor replays a case in order and Kafka keys it by the case id. Each step's rules live in
a module of their own (triage, terugkoppeling, voorwaarden, onderzoek, handover, monitoring,
measures), written as functions of the case; binding them into the class body below makes
them `Case` methods and gives each @event method its event class on `Case`.
"""

from __future__ import annotations

from datetime import date, datetime
from uuid import UUID

from eventsourcing.domain import Aggregate, event

from domain.calendar import WorkingCalendar
from domain.cases import closing as closing_step
from domain.cases import dossier as dossier_step
from domain.cases import erasure as erasure_step
from domain.cases import handover as handover_step
from domain.cases import measures as measures_step
from domain.cases import monitoring as monitoring_step
from domain.cases import onderzoek as onderzoek_step
from domain.cases import signalling as signalling_step
from domain.cases import terms
from domain.cases import terugkoppeling as terugkoppeling_step
from domain.cases import transfer as transfer_step
from domain.cases import triage as triage_step
from domain.cases import voorwaarden as voorwaarden_step
from domain.cases.closing import CaseClosed
from domain.cases.dossier import Statement
from domain.cases.erasure import ErasureRequest
from domain.cases.handover import Handover, completed_handover
from domain.cases.intake import Intake, check_intake
from domain.cases.measures import Escalation, Huisverbod
from domain.cases.monitoring import Monitoring
from domain.cases.onderzoek import Onderzoek
from domain.cases.phase import Phase, WrongPhase
from domain.cases.sealing import Sealed
from domain.cases.terugkoppeling import Moment, Terugkoppeling
from domain.cases.transfer import Transfer, current_veilig_thuis
from domain.cases.triage import TriageOutcome
from domain.cases.voorwaarden import VoorwaardenEnVervolg


class Case(Aggregate):
    @classmethod
    def receive(cls, id: UUID, intake: Intake, received_at: datetime, calendar: WorkingCalendar) -> Case:
        """A new melding: triage is due 5 working days after receipt, or the same day if acute."""
        due = terms.triage_due(received_at, intake.acute, calendar)
        return cls(id=id, intake=intake, received_at=received_at, triage_due=due)

    @event("Received")
    def __init__(self, id: UUID, intake: Intake, received_at: datetime, triage_due: date) -> None:
        check_intake(intake)
        self.intake, self.received_at, self.triage_due = intake, received_at, triage_due
        self.betrokkenen = {b.person_id: b for b in intake.betrokkenen}
        self.concern_kinds = set(intake.concern_kinds)
        self.statements: list[Statement] = []
        self.phase = Phase.TRIAGE
        self.triage_outcome: TriageOutcome | None = None
        self.terugkoppeling_due: dict[Moment, date] = {}
        self.terugkoppelingen: list[Terugkoppeling] = []
        self.voorwaarden_en_vervolg: VoorwaardenEnVervolg | None = None
        self.onderzoek: Onderzoek | None = None
        self.handovers: list[Handover] = []
        self.monitoring: Monitoring | None = None
        self.escalations: list[Escalation] = []
        self.huisverboden: list[Huisverbod] = []
        self.closing_reason: Sealed | None = None
        self.signals: dict[UUID, UUID] = {}  # multisignaal signal id → the professional who signalled
        self.erasure_requests: dict[UUID, ErasureRequest] = {}  # by the person who asked
        self.transfers: list[Transfer] = []  # to the Veilig Thuis of another region

    @property
    def child_involved(self) -> bool:
        return any(b.is_child for b in self.betrokkenen.values())

    @property
    def veilig_thuis_id(self) -> UUID:
        """The Veilig Thuis of the case: the one that received it, or the last it was transferred to."""
        return current_veilig_thuis(self.intake.veilig_thuis_id, self.transfers)

    @property
    def responsible_organisation(self) -> UUID:
        """Veilig Thuis, until a warm handover completes; the receiver from then on."""
        handover = completed_handover(self.handovers)
        return handover.receiver_id if handover else self.veilig_thuis_id

    def check_open(self) -> None:
        if self.phase is Phase.CLOSED:
            raise CaseClosed(f"case {self.id} is closed")

    def check_in_phase(self, *phases: Phase) -> None:
        self.check_open()
        if self.phase not in phases:
            expected = " or ".join(p.value for p in phases)
            raise WrongPhase(f"case {self.id} is in {self.phase.value}, this step needs {expected}")

    def _start_phase(self, at: datetime, calendar: WorkingCalendar) -> None:
        """Opens what the phase just entered needs: a service's 10 weeks, or the monitoring checks."""
        if self.phase is Phase.VOORWAARDEN_EN_VERVOLG:
            self._voorwaarden_en_vervolg_started(terms.service_due(at, calendar), at)
        elif self.phase is Phase.ONDERZOEK:
            self._onderzoek_started(terms.service_due(at, calendar), at)
        elif self.phase is Phase.MONITORING:
            monitoring_step.enter_monitoring(self, at)

    add_betrokkene = dossier_step.add_betrokkene
    note_concern = dossier_step.note_concern
    add_statement = dossier_step.add_statement
    close = closing_step.close

    triage = triage_step.triage
    _triaged = triage_step.triaged
    send_terugkoppeling = terugkoppeling_step.send_terugkoppeling

    _voorwaarden_en_vervolg_started = voorwaarden_step.voorwaarden_en_vervolg_started
    set_voorwaarde = voorwaarden_step.set_voorwaarde
    deploy_help = voorwaarden_step.deploy_help
    record_compliance_check = voorwaarden_step.record_compliance_check
    end_voorwaarden_en_vervolg = voorwaarden_step.end_voorwaarden_en_vervolg
    _voorwaarden_en_vervolg_ended = voorwaarden_step.voorwaarden_en_vervolg_ended

    _onderzoek_started = onderzoek_step.onderzoek_started
    hear_person = onderzoek_step.hear_person
    request_information = onderzoek_step.request_information
    receive_information = onderzoek_step.receive_information
    consult_expert = onderzoek_step.consult_expert
    involve_vertrouwensarts = onderzoek_step.involve_vertrouwensarts
    conclude_onderzoek = onderzoek_step.conclude_onderzoek
    _onderzoek_concluded = onderzoek_step.onderzoek_concluded

    propose_handover = handover_step.propose_handover
    accept_handover = handover_step.accept_handover
    decline_handover = handover_step.decline_handover
    plan_joint_meeting = handover_step.plan_joint_meeting
    hold_joint_meeting = handover_step.hold_joint_meeting
    name_regisseur = handover_step.name_regisseur
    complete_handover = handover_step.complete_handover

    start_monitoring = monitoring_step.start_monitoring
    _monitoring_started = monitoring_step.monitoring_started
    record_monitoring_check = monitoring_step.record_monitoring_check

    register_signals = signalling_step.register_signals

    propose_transfer = transfer_step.propose_transfer
    accept_transfer = transfer_step.accept_transfer
    decline_transfer = transfer_step.decline_transfer
    hold_transfer_meeting = transfer_step.hold_transfer_meeting
    complete_transfer = transfer_step.complete_transfer

    request_erasure = erasure_step.request_erasure
    grant_erasure = erasure_step.grant_erasure

    escalate = measures_step.escalate
    impose_huisverbod = measures_step.impose_huisverbod
    extend_huisverbod = measures_step.extend_huisverbod
