"""Terugkoppeling to the melder, after the triage and after an Onderzoek."""

from __future__ import annotations

from uuid import uuid4

from tests.unit.cases.casework import Refused, Steps

from domain.cases.application import CasesApplication
from domain.cases.onderzoek import Outcome
from domain.cases.terugkoppeling import Moment
from domain.cases.triage import TriageDecision


def test_the_terugkoppeling_after_triage_says_who_takes_over_and_the_melders_role(
    app: CasesApplication, steps: Steps
) -> None:
    case_id = steps.triaged(TriageDecision.HANDOVER_TO_LOKAAL_VELD)
    lokaal_team = uuid4()

    app.send_terugkoppeling(
        case_id, Moment.AFTER_TRIAGE, True, lokaal_team, "blijf het kind volgen op school"
    )

    case = steps.case(case_id)
    sent = case.terugkoppelingen[-1]
    assert (sent.moment, sent.follow_up, sent.taken_over_by) == (Moment.AFTER_TRIAGE, True, lokaal_team)
    assert sent.melder_role is not None
    assert sent.sent_at == app.clock()
    assert case.terugkoppeling_due == {}


def test_a_terugkoppeling_is_sent_once_and_only_when_due(
    app: CasesApplication, steps: Steps, refused: Refused
) -> None:
    case_id = steps.melding()
    refused("TERUGKOPPELING_NOT_DUE", lambda: app.send_terugkoppeling(case_id, Moment.AFTER_TRIAGE, False))

    app.triage(case_id, False, True, TriageDecision.ONDERZOEK)
    app.send_terugkoppeling(case_id, Moment.AFTER_TRIAGE, True)

    refused("TERUGKOPPELING_NOT_DUE", lambda: app.send_terugkoppeling(case_id, Moment.AFTER_TRIAGE, True))
    refused("TERUGKOPPELING_NOT_DUE", lambda: app.send_terugkoppeling(case_id, Moment.AFTER_ONDERZOEK, True))


def test_the_onderzoek_brings_a_second_terugkoppeling(app: CasesApplication, steps: Steps) -> None:
    case_id = steps.in_onderzoek()
    app.send_terugkoppeling(case_id, Moment.AFTER_TRIAGE, True)
    app.conclude_onderzoek(case_id, Outcome.NO_VIOLENCE)

    app.send_terugkoppeling(case_id, Moment.AFTER_ONDERZOEK, False)

    assert [t.moment for t in steps.case(case_id).terugkoppelingen] == [
        Moment.AFTER_TRIAGE,
        Moment.AFTER_ONDERZOEK,
    ]
