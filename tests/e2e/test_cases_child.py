"""A child case from a school's melding to the lokaal team's closed plan, over HTTP; then every
record on keten.cases.v1 is searched for the family's names, BSN and birth dates."""

from __future__ import annotations

import pytest
from tests.e2e.cases_session import Member, assert_nothing_in_clear, case_when, organisation, step
from tests.e2e.harness import Keten, wait_until
from tests.random_refs import random_bsn

pytestmark = pytest.mark.e2e

RECEIVE = "mutation ($input: MeldingInput!) { receiveMelding(input: $input) { caseId signalIds } }"
TRIAGE = "mutation ($id: ID!, $input: TriageInput!) { triage(caseId: $id, input: $input) }"
HANDED_OVER = "{ handedOverCases { caseId status regisseurId plans { id status items { kind text } } } }"


def test_a_child_case_hands_over_warmly_to_a_lokaal_team_whose_regisseur_runs_the_plan_to_its_close(
    keten: Keten,
) -> None:
    [vt] = organisation(keten, "VEILIG_THUIS", "VEILIG_THUIS", "VT_MEDEWERKER")
    [mentor] = organisation(keten, "ONDERWIJS", "SCHOOL", "SIGNALLER")
    worker, regisseur = organisation(keten, "GEMEENTE", "LOKAAL_TEAM", "SIGNALLER", people=2)
    bsn = random_bsn()
    child = {"role": "CHILD", "name": "Noor Bakker", "birthDate": "2016-02-29", "bsn": bsn}
    parent = {"role": "PARENT", "name": "Ilse Bakker", "birthDate": "1988-07-14"}

    # The mentor makes a melding; the mentor is the melder, known from the token.
    melding = {
        "veiligThuisId": vt.organisation_id,
        "betrokkenen": [child, parent],
        "concerns": "Noor komt met honger op school",
        "concernKinds": ["NEGLECT"],
        "familyInformed": True,
    }
    case_id = step(keten, mentor, RECEIVE, input=melding)["caseId"]
    case_when(keten, vt, case_id, "the melding reaches Veilig Thuis's view", phase="TRIAGE")

    # Triage: structural unsafety, a lokaal team takes over; the mentor hears back.
    triage = {
        "acuteUnsafety": False,
        "structuralUnsafety": True,
        "decision": "HANDOVER_TO_LOKAAL_VELD",
        "receiverKind": "LOKAAL_TEAM",
    }
    step(keten, vt, TRIAGE, id=case_id, input=triage)
    step(
        keten,
        vt,
        f'mutation {{ sendTerugkoppeling(caseId: "{case_id}", moment: AFTER_TRIAGE, followUp: true, '
        f'takenOverBy: "{worker.organisation_id}") }}',
    )
    assert_melder_hears_back(keten, mentor, case_id, worker.organisation_id)

    # Warm handover: proposed, accepted, a joint meeting, the regisseur named, completed.
    handover(keten, vt, worker, regisseur, case_id)
    case_when(keten, vt, case_id, "the handover completes", phase="HANDED_OVER")

    # The regisseur runs the one plan of this family to its close.
    plan_id = step(keten, regisseur, f'mutation {{ startPlan(caseId: "{case_id}") }}')
    action = step(
        keten,
        regisseur,
        f'mutation {{ planAction(planId: "{plan_id}", description: "ontbijt op school regelen", '
        f'ownerId: "{worker.id}", due: "2030-01-31") }}',
    )
    for change in (
        f'setGoal(planId: "{plan_id}", goal: "Noor eet elke dag")',
        f'makeAgreement(planId: "{plan_id}", agreement: "moeder meldt zich bij de voedselbank")',
        f'completeAction(planId: "{plan_id}", actionId: "{action}")',
        f'evaluatePlan(planId: "{plan_id}", summary: "het gezin redt het zelf", selfReliant: true)',
        f'closePlan(planId: "{plan_id}")',
    ):
        step(keten, regisseur, f"mutation {{ {change} }}")

    def plan_closed() -> list[dict[str, object]] | None:
        cases = keten.data(worker.token, HANDED_OVER)["handedOverCases"]
        return cases if cases and cases[0]["plans"] and cases[0]["plans"][0]["status"] == "CLOSED" else None

    [handed_over] = wait_until(plan_closed, timeout=10.0, what="the plan closes in the lokaal team's view")
    assert handed_over["regisseurId"] == regisseur.id
    assert [item["kind"] for item in handed_over["plans"][0]["items"]] == [
        "ACTION",
        "GOAL",
        "AGREEMENT",
        "EVALUATION",
    ]

    step(keten, vt, f'mutation {{ closeCase(caseId: "{case_id}", reason: "overgedragen, plan afgerond") }}')
    case_when(keten, vt, case_id, "the case closes", phase="CLOSED")
    assert_nothing_in_clear(
        keten, "Noor Bakker", "Ilse Bakker", bsn, "2016-02-29", "1988-07-14", "honger", "voedselbank"
    )


def assert_melder_hears_back(keten: Keten, mentor: Member, case_id: str, team_id: str) -> None:
    query = "{ myMeldingen { caseId status takenOverBy terugkoppelingen { moment followUp } } }"

    def told() -> list[dict[str, object]] | None:
        mine = keten.data(mentor.token, query)["myMeldingen"]
        return mine if mine and mine[0]["terugkoppelingen"] else None

    assert wait_until(told, timeout=10.0, what="the terugkoppeling reaches the melder") == [
        {
            "caseId": case_id,
            "status": "TRIAGED",
            "takenOverBy": team_id,
            "terugkoppelingen": [{"moment": "AFTER_TRIAGE", "followUp": True}],
        }
    ]


def handover(keten: Keten, vt: Member, worker: Member, regisseur: Member, case_id: str) -> None:
    step(
        keten,
        vt,
        f'mutation {{ proposeHandover(caseId: "{case_id}", receiverId: "{worker.organisation_id}", '
        "kind: LOKAAL_TEAM) }",
    )
    assert keten.data(worker.token, HANDED_OVER)["handedOverCases"] == []
    step(keten, worker, f'mutation {{ acceptHandover(caseId: "{case_id}") }}')
    step(
        keten,
        vt,
        f'mutation {{ planJointMeeting(caseId: "{case_id}", plannedFor: "2030-01-10T10:00:00+01:00") }}',
    )
    step(keten, worker, f'mutation {{ holdJointMeeting(caseId: "{case_id}") }}')
    step(keten, worker, f'mutation {{ nameRegisseur(caseId: "{case_id}", regisseurId: "{regisseur.id}") }}')
    step(keten, worker, f'mutation {{ completeHandover(caseId: "{case_id}") }}')
