"""The case views, built from what the relay publishes: each audience gets only what it may see."""

from __future__ import annotations

from datetime import date, timedelta
from uuid import UUID

import pytest
from tests.unit.cases.casework import melding_form
from tests.unit.cases_fixtures import CasesPipeline

from domain.cases.handover import ReceiverKind
from domain.cases.phase import FollowUp
from domain.cases.terugkoppeling import Moment
from domain.cases.triage import TriageDecision
from kernel.sqlstore import SQLiteDatabase

PLAINTEXT = ("Sanne Jansen", "Mark Jansen", "111222333", "2015-05-01", "blauwe plekken", "dagelijks")
MELDER, RECEIVER, OTHER = UUID(int=10), UUID(int=11), UUID(int=12)


@pytest.fixture
def pipeline() -> CasesPipeline:
    return CasesPipeline()


def every_cell(db: SQLiteDatabase, *tables: str) -> str:
    with db.transaction() as cursor:
        rows = []
        for table in tables:
            cursor.execute(f"SELECT * FROM {table}")
            rows += cursor.fetchall()
    return repr(rows)


def melding(pipeline: CasesPipeline) -> UUID:
    return pipeline.app.receive_melding(melding_form(melder_professional_id=MELDER))


def test_veilig_thuis_follows_phase_and_deadlines_through_voorwaarden_en_vervolg_into_monitoring(
    pipeline: CasesPipeline,
) -> None:
    app, case_id = pipeline.app, melding(pipeline)
    app.triage(case_id, False, True, TriageDecision.VOORWAARDEN_EN_VERVOLG)
    app.set_voorwaarde(case_id, "vader komt dagelijks langs")
    app.end_voorwaarden_en_vervolg(case_id, FollowUp.MONITORING)
    pipeline.publish()

    row = pipeline.vt.case(str(case_id))

    assert row is not None and row.phase == "MONITORING"
    assert [(d.kind, d.due) for d in row.deadlines] == [
        ("TERUGKOPPELING_AFTER_TRIAGE", date(2026, 3, 9)),
        ("MONITORING_AFTER_3_MONTHS", date(2026, 6, 2)),
        ("MONITORING_AFTER_12_MONTHS", date(2027, 3, 2)),
    ]


def test_the_view_agrees_with_the_domains_own_deadlines(pipeline: CasesPipeline) -> None:
    app = pipeline.app
    onderzoek, handover = melding(pipeline), melding(pipeline)
    app.triage(onderzoek, False, True, TriageDecision.ONDERZOEK)
    app.triage(handover, False, True, TriageDecision.HANDOVER_TO_LOKAAL_VELD, ReceiverKind.LOKAAL_TEAM)
    app.send_terugkoppeling(handover, Moment.AFTER_TRIAGE, True, RECEIVER)
    pipeline.publish()
    veilig_thuis = str(melding_form().veilig_thuis_id)

    from_view = {(d.case_id, d.kind, d.due) for d in pipeline.vt.deadlines(veilig_thuis)}

    assert from_view == {(str(d.case_id), d.kind.value, d.due) for d in app.deadlines(date(2026, 3, 2))}


def test_personal_fields_reach_veilig_thuiss_view_only_sealed_and_open_with_their_keys(
    pipeline: CasesPipeline,
) -> None:
    case_id = melding(pipeline)
    pipeline.publish()

    row = pipeline.vt.case(str(case_id))

    assert row is not None
    assert not [text for text in PLAINTEXT if text in every_cell(pipeline.db, *pipeline.vt.tables)]
    child = row.betrokkenen[0]
    assert pipeline.keystore.open_or_erased(child.person_id, child.name) == "Sanne Jansen"
    pipeline.keystore.destroy(child.person_id, "2046-03-02")
    assert pipeline.keystore.open_or_erased(child.person_id, child.name) == "[erased]"


def test_the_melder_sees_status_and_terugkoppeling_never_content(pipeline: CasesPipeline) -> None:
    app, case_id = pipeline.app, melding(pipeline)
    app.triage(case_id, False, True, TriageDecision.HANDOVER_TO_LOKAAL_VELD, ReceiverKind.LOKAAL_TEAM)
    app.send_terugkoppeling(case_id, Moment.AFTER_TRIAGE, True, RECEIVER, "blijf Sanne volgen")
    pipeline.publish()

    [mine] = pipeline.melder.of(str(MELDER))

    assert (mine.status, mine.taken_over_by) == ("TRIAGED", str(RECEIVER))
    assert [(t.moment, t.follow_up) for t in mine.terugkoppelingen] == [("AFTER_TRIAGE", True)]
    assert pipeline.melder.of(str(OTHER)) == []
    cells = every_cell(pipeline.db, *pipeline.melder.tables)
    assert not [text for text in (*PLAINTEXT, "Sanne") if text in cells]
    assert "HANDOVER_TO_LOKAAL_VELD" not in cells  # not even the triage decision


def test_a_citizens_melding_has_no_melder_view(pipeline: CasesPipeline) -> None:
    pipeline.app.receive_melding(
        melding_form(
            melder_professional_id=None,
            melder_organisation_id=None,
            melder_name="buurvrouw",
            melder_contact="06-1",
        )
    )
    pipeline.publish()

    assert every_cell(pipeline.db, "my_meldingen") == "[]"


def test_the_receiver_sees_nothing_of_a_case_before_it_accepted_and_nothing_after_declining(
    pipeline: CasesPipeline,
) -> None:
    app, accepted, declined = pipeline.app, melding(pipeline), melding(pipeline)
    for case_id in (accepted, declined):
        app.triage(case_id, False, True, TriageDecision.HANDOVER_TO_LOKAAL_VELD, ReceiverKind.LOKAAL_TEAM)
        app.propose_handover(case_id, RECEIVER, ReceiverKind.LOKAAL_TEAM)
    pipeline.publish()

    assert pipeline.receiver.handed_over(str(RECEIVER)) == []
    assert {p.case_id for p in pipeline.receiver.proposals(str(RECEIVER))} == {str(accepted), str(declined)}
    assert not [text for text in PLAINTEXT if text in every_cell(pipeline.db, *pipeline.receiver.tables)]

    app.accept_handover(accepted)
    app.decline_handover(declined, "geen plek")
    app.plan_joint_meeting(accepted, pipeline.clock() + timedelta(days=1))
    pipeline.publish()

    [case] = pipeline.receiver.handed_over(str(RECEIVER))
    assert (case.case_id, case.status, case.plans) == (str(accepted), "ACCEPTED", ())
    assert pipeline.receiver.proposals(str(RECEIVER)) == []
    assert pipeline.receiver.handed_over(str(OTHER)) == []
