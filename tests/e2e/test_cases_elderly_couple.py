"""The seed's own example (Veilig Thuis Midden-Brabant), over HTTP: a huisarts worries about a
90-year-old man and his 83-year-old wife with dementia. Triage within 5 working days, an
Onderzoek with conversations, agreements with the children and the dementieconsulent, a
handover to existing help, monitoring at 3 and 12 months, and the file closes. Then every
record on keten.cases.v1 is searched for the couple's names and birth dates."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from tests.e2e.cases_session import Member, assert_nothing_in_clear, case_when, organisation, step
from tests.e2e.harness import Keten

from domain.calendar import add_months, dutch_date, load_calendar
from keten.bootstrap import HOLIDAYS_DIR

pytestmark = pytest.mark.e2e

RECEIVE = "mutation ($input: MeldingInput!) { receiveMelding(input: $input) { caseId signalIds } }"
MENEER = {"role": "ELDERLY", "name": "Cornelis van Dijk", "birthDate": "1936-03-14"}
MEVROUW = {"role": "ELDERLY", "name": "Johanna van Dijk", "birthDate": "1943-09-02"}
CONCERNS = "meneer drinkt 2 liter jenever per week en draait de slaapkamerdeur op slot"


def test_the_huisarts_melding_about_the_elderly_couple_runs_from_intake_to_close(keten: Keten) -> None:
    vt, vertrouwensarts = organisation(keten, "VEILIG_THUIS", "VEILIG_THUIS", "VT_MEDEWERKER", people=2)
    [huisarts] = organisation(keten, "ZORG", "ZORGAANBIEDER", "SIGNALLER")
    [consulent] = organisation(keten, "ZORG", "ZORGAANBIEDER", "SIGNALLER")

    # The huisarts phones; Veilig Thuis records the melding with the huisarts as melder.
    melder = {"professionalId": huisarts.id, "organisationId": huisarts.organisation_id}
    melding = {
        "veiligThuisId": vt.organisation_id,
        "betrokkenen": [MENEER, MEVROUW],
        "concerns": CONCERNS,
        "concernKinds": ["ELDER_ABUSE", "ADDICTION"],
        "familyInformed": True,
        "melder": melder,
    }
    receipt = step(keten, vt, RECEIVE, input=melding)
    case_id = receipt["caseId"]
    assert receipt["signalIds"] == []  # no children: nothing for the verwijsindex

    today = dutch_date(datetime.now(UTC))
    triage_due = load_calendar(HOLIDAYS_DIR).add_working_days(today, 5)
    case = case_when(keten, vt, case_id, "the melding reaches Veilig Thuis", phase="TRIAGE")
    assert case["deadlines"] == [{"kind": "TRIAGE", "due": triage_due.isoformat(), "overdue": False}]

    # Triage: Veilig Thuis takes it up itself and talks with those directly involved.
    triage = {"acuteUnsafety": False, "structuralUnsafety": True, "decision": "ONDERZOEK"}
    step(
        keten,
        vt,
        "mutation ($id: ID!, $t: TriageInput!) { triage(caseId: $id, input: $t) }",
        id=case_id,
        t=triage,
    )
    case = case_when(keten, vt, case_id, "the Onderzoek starts", phase="ONDERZOEK")
    meneer, mevrouw = (b["id"] for b in case["betrokkenen"])
    onderzoek(keten, vt, vertrouwensarts, consulent, case_id, meneer, mevrouw)

    # Agreements on safety at home, help deployed, then the dementieconsulent takes over.
    voorwaarden(keten, vt, consulent, case_id)
    warm_handover(keten, vt, consulent, case_id)

    # Veilig Thuis keeps watch at 3 and 12 months.
    step(keten, vt, f'mutation {{ startMonitoring(caseId: "{case_id}") }}')
    case = case_when(keten, vt, case_id, "monitoring starts", phase="MONITORING")
    due = {d["kind"]: d["due"] for d in case["deadlines"]}
    assert due["MONITORING_AFTER_3_MONTHS"] == add_months(today, 3).isoformat()
    assert due["MONITORING_AFTER_12_MONTHS"] == add_months(today, 12).isoformat()
    for check, finding in (
        ("AFTER_3_MONTHS", "de agressie is gestopt"),
        ("AFTER_12_MONTHS", "verhuisd, veilig"),
    ):
        step(
            keten,
            vt,
            f'mutation {{ recordMonitoringCheck(caseId: "{case_id}", check: {check}, '
            f'finding: "{finding}") }}',
        )
    for moment in ("AFTER_TRIAGE", "AFTER_ONDERZOEK"):
        step(
            keten,
            vt,
            f'mutation {{ sendTerugkoppeling(caseId: "{case_id}", moment: {moment}, followUp: true, '
            f'takenOverBy: "{consulent.organisation_id}") }}',
        )
    step(
        keten,
        vt,
        f'mutation {{ closeCase(caseId: "{case_id}", reason: "zicht op veiligheid overgedragen") }}',
    )

    case = case_when(keten, vt, case_id, "the file closes", phase="CLOSED")
    assert case["deadlines"] == []
    assert any(entry["text"] == "de agressie is gestopt" for entry in case["dossier"])
    assert_nothing_in_clear(
        keten, "Cornelis", "Johanna", "van Dijk", "1936-03-14", "1943-09-02", "jenever", "verhuisd", "zoon"
    )


def onderzoek(
    keten: Keten, vt: Member, arts: Member, consulent: Member, case_id: str, meneer: str, mevrouw: str
) -> None:
    step(
        keten,
        vt,
        f'mutation {{ hearPerson(caseId: "{case_id}", personId: "{meneer}", '
        'account: "ik kan het niet meer aan") }',
    )
    step(
        keten,
        vt,
        f'mutation {{ hearPerson(caseId: "{case_id}", personId: "{mevrouw}", account: "hij is boos") }}',
    )
    son = {"role": "OTHER_ADULT", "name": "Pieter van Dijk", "birthDate": "1968-05-05"}
    zoon = step(
        keten,
        vt,
        "mutation ($id: ID!, $p: PersonInput!) { addBetrokkene(caseId: $id, person: $p) }",
        id=case_id,
        p=son,
    )
    step(
        keten,
        vt,
        f'mutation {{ hearPerson(caseId: "{case_id}", personId: "{zoon}", '
        'account: "de zoon komt dagelijks") }',
    )
    request = step(
        keten,
        vt,
        f'mutation {{ requestInformation(caseId: "{case_id}", professionalId: "{consulent.id}", '
        f'organisationId: "{consulent.organisation_id}", question: "hoe vaak komt u langs?") }}',
    )
    step(
        keten,
        vt,
        f'mutation {{ receiveInformation(caseId: "{case_id}", requestId: "{request}", '
        'answer: "eens per maand") }',
    )
    step(
        keten,
        vt,
        f'mutation {{ involveVertrouwensarts(caseId: "{case_id}", vertrouwensartsId: "{arts.id}") }}',
    )
    step(
        keten,
        vt,
        f'mutation {{ concludeOnderzoek(caseId: "{case_id}", outcome: VIOLENCE_ESTABLISHED, '
        "followUp: VOORWAARDEN_EN_VERVOLG) }",
    )


def voorwaarden(keten: Keten, vt: Member, consulent: Member, case_id: str) -> None:
    case_when(keten, vt, case_id, "Voorwaarden & Vervolg starts", phase="VOORWAARDEN_EN_VERVOLG")
    voorwaarde = step(
        keten,
        vt,
        f'mutation {{ setVoorwaarde(caseId: "{case_id}", voorwaarde: "zoon en dochter komen dagelijks") }}',
    )
    step(
        keten,
        vt,
        f'mutation {{ deployHelp(caseId: "{case_id}", organisationId: "{consulent.organisation_id}", '
        'description: "huisbezoeken van de dementieconsulent gaan omhoog") }',
    )
    step(
        keten,
        vt,
        f'mutation {{ recordComplianceCheck(caseId: "{case_id}", voorwaardeId: "{voorwaarde}", '
        "complied: true) }",
    )
    step(keten, vt, f'mutation {{ endVoorwaardenEnVervolg(caseId: "{case_id}", followUp: HANDOVER) }}')


def warm_handover(keten: Keten, vt: Member, consulent: Member, case_id: str) -> None:
    org = consulent.organisation_id
    step(
        keten,
        vt,
        f'mutation {{ proposeHandover(caseId: "{case_id}", receiverId: "{org}", kind: EXISTING_HELP) }}',
    )
    step(keten, consulent, f'mutation {{ acceptHandover(caseId: "{case_id}") }}')
    step(
        keten,
        vt,
        f'mutation {{ planJointMeeting(caseId: "{case_id}", plannedFor: "2030-02-01T14:00:00+01:00") }}',
    )
    step(keten, vt, f'mutation {{ holdJointMeeting(caseId: "{case_id}") }}')
    step(
        keten, consulent, f'mutation {{ nameRegisseur(caseId: "{case_id}", regisseurId: "{consulent.id}") }}'
    )
    step(keten, consulent, f'mutation {{ completeHandover(caseId: "{case_id}") }}')
    case_when(keten, vt, case_id, "the dementieconsulent takes over", phase="HANDED_OVER")
