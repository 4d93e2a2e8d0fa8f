"""Closing a melding, and a closed case refusing every command."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from uuid import UUID, uuid4

import pytest
from tests.unit.cases.casework import Refused, Steps, child

from domain.cases.application import CasesApplication
from domain.cases.handover import ReceiverKind
from domain.cases.intake import ConcernKind
from domain.cases.measures import EscalationTarget
from domain.cases.monitoring import MonitoringCheck
from domain.cases.onderzoek import Outcome
from domain.cases.phase import FollowUp, Phase
from domain.cases.terugkoppeling import Moment
from domain.cases.triage import TriageDecision


def closed_case(app: CasesApplication, steps: Steps) -> UUID:
    case_id = steps.triaged(TriageDecision.CLOSE, structural=False)
    app.send_terugkoppeling(case_id, Moment.AFTER_TRIAGE, False)
    app.close_case(case_id, "geen zorgen over onveiligheid")
    return case_id


def test_a_case_without_concerns_closes_after_its_terugkoppeling(app: CasesApplication, steps: Steps) -> None:
    case = steps.case(closed_case(app, steps))

    assert case.phase is Phase.CLOSED
    assert case.closing_reason is not None
    assert app.deadlines(date(2026, 12, 31)) == []


def test_a_melding_is_not_closed_before_its_triage(
    app: CasesApplication, steps: Steps, refused: Refused
) -> None:
    case_id = steps.melding()

    refused("WRONG_PHASE", lambda: app.close_case(case_id, "te vroeg"))


def test_a_case_is_not_closed_while_the_melder_is_owed_a_terugkoppeling(
    app: CasesApplication, steps: Steps, refused: Refused
) -> None:
    case_id = steps.triaged(TriageDecision.CLOSE, structural=False)

    refused("TERUGKOPPELING_PENDING", lambda: app.close_case(case_id, "klaar"))


def test_veilig_thuis_does_not_close_while_a_handover_is_open(
    app: CasesApplication, steps: Steps, refused: Refused
) -> None:
    case_id = steps.accepted(uuid4())
    app.send_terugkoppeling(case_id, Moment.AFTER_TRIAGE, True)

    refused("HANDOVER_IN_PROGRESS", lambda: app.close_case(case_id, "de ontvanger doet het wel"))


def test_a_case_closes_once_the_receiver_has_taken_over(app: CasesApplication, steps: Steps) -> None:
    receiver = uuid4()
    case_id = steps.handed_over(receiver, uuid4())
    app.send_terugkoppeling(case_id, Moment.AFTER_TRIAGE, True, receiver)

    app.close_case(case_id, "warm overgedragen aan het lokaal team")

    case = steps.case(case_id)
    assert case.phase is Phase.CLOSED
    assert case.responsible_organisation == receiver


def test_veilig_thuis_may_close_an_onderzoek_it_cannot_pursue(app: CasesApplication, steps: Steps) -> None:
    case_id = steps.in_onderzoek()
    app.send_terugkoppeling(case_id, Moment.AFTER_TRIAGE, True)

    app.close_case(case_id, "gezin verhuisd naar het buitenland")

    assert steps.case(case_id).phase is Phase.CLOSED


COMMANDS: dict[str, Callable[[CasesApplication, UUID], object]] = {
    "add_betrokkene": lambda app, case_id: app.add_betrokkene(case_id, child("Noor")),
    "note_concern": lambda app, case_id: app.note_concern(case_id, ConcernKind.ADDICTION),
    "add_statement": lambda app, case_id: app.add_statement(case_id, uuid4(), "mijn kant"),
    "triage": lambda app, case_id: app.triage(case_id, False, True, TriageDecision.ONDERZOEK),
    "send_terugkoppeling": lambda app, case_id: app.send_terugkoppeling(case_id, Moment.AFTER_TRIAGE, False),
    "set_voorwaarde": lambda app, case_id: app.set_voorwaarde(case_id, "geen alcohol"),
    "deploy_help": lambda app, case_id: app.deploy_help(case_id, uuid4(), "gezinscoach"),
    "end_voorwaarden_en_vervolg": lambda app, case_id: app.end_voorwaarden_en_vervolg(
        case_id, FollowUp.HANDOVER
    ),
    "hear_person": lambda app, case_id: app.hear_person(case_id, uuid4(), "verhaal"),
    "request_information": lambda app, case_id: app.request_information(case_id, uuid4(), uuid4(), "?"),
    "consult_expert": lambda app, case_id: app.consult_expert(case_id, "GGZ", "advies"),
    "involve_vertrouwensarts": lambda app, case_id: app.involve_vertrouwensarts(case_id, uuid4()),
    "conclude_onderzoek": lambda app, case_id: app.conclude_onderzoek(case_id, Outcome.NO_VIOLENCE),
    "propose_handover": lambda app, case_id: app.propose_handover(case_id, uuid4(), ReceiverKind.MDT),
    "accept_handover": lambda app, case_id: app.accept_handover(case_id),
    "plan_joint_meeting": lambda app, case_id: app.plan_joint_meeting(case_id, app.clock() + timedelta(1)),
    "start_monitoring": lambda app, case_id: app.start_monitoring(case_id),
    "record_monitoring_check": lambda app, case_id: app.record_monitoring_check(
        case_id, MonitoringCheck.AFTER_3_MONTHS, "goed"
    ),
    "escalate": lambda app, case_id: app.escalate(case_id, EscalationTarget.POLITIE, "dreiging"),
    "impose_huisverbod": lambda app, case_id: app.impose_huisverbod(
        case_id, date(2026, 3, 2), date(2026, 3, 12)
    ),
    "extend_huisverbod": lambda app, case_id: app.extend_huisverbod(case_id, date(2026, 3, 20)),
    "close_case": lambda app, case_id: app.close_case(case_id, "nog eens"),
}


@pytest.mark.parametrize("command", COMMANDS.values(), ids=COMMANDS.keys())
def test_a_closed_case_refuses_every_command(
    app: CasesApplication, steps: Steps, refused: Refused, command: Callable[[CasesApplication, UUID], object]
) -> None:
    case_id = closed_case(app, steps)

    refused("CASE_CLOSED", lambda: command(app, case_id))
