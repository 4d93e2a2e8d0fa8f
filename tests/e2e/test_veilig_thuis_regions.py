"""Veilig Thuis regions over HTTP: a melding without a chosen Veilig Thuis reaches the one of the
family's region, and a case moves to another region's Veilig Thuis when the family moves — only
when the transfer completes, sealed on Kafka all the way, and on the access log."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from tests.e2e.cases_session import (
    REGISTER_ORGANISATION,
    Member,
    _professional,
    assert_nothing_in_clear,
    case_when,
    step,
)
from tests.e2e.harness import Keten, error_code, wait_until
from tests.random_refs import random_bsn

pytestmark = pytest.mark.e2e

RECEIVE = "mutation ($input: MeldingInput!) { receiveMelding(input: $input) { caseId } }"
PROPOSE = "mutation ($c: ID!, $gm: String) { proposeTransfer(caseId: $c, municipalityCode: $gm) }"
ACCEPT = "mutation ($c: ID!) { acceptTransfer(caseId: $c) }"
MEETING = "mutation ($c: ID!) { holdTransferMeeting(caseId: $c) }"
COMPLETE = "mutation ($c: ID!) { completeTransfer(caseId: $c) }"
PROPOSALS = "{ transferProposals { caseId status } }"
ACCESS_LOG = "query ($c: ID) { accessLog(clientId: $c) { kind userId rule } }"
CASE = "query ($id: ID!) { case(id: $id) { phase } }"


def member_of(keten: Keten, sector: str, gemeente: str, *roles: str) -> Member:
    input_ = {
        "name": f"{sector.title()} {uuid.uuid4().hex[:6]}",
        "sector": sector,
        "municipalityCode": gemeente,
    }
    org_id = keten.data(keten.admin_token, REGISTER_ORGANISATION, input=input_)["registerOrganisation"]["id"]
    return _professional(keten, org_id, roles)


def melding(family: str, child: str, bsn: str) -> dict[str, Any]:
    return {
        "betrokkenen": [{"role": "CHILD", "name": child, "birthDate": "2016-03-01", "bsn": bsn}],
        "concerns": "komt vaak met honger en zonder jas naar school",
        "concernKinds": ["NEGLECT"],
        "familyInformed": True,
        "municipalityCode": family,
    }


def test_a_melding_without_a_chosen_veilig_thuis_reaches_the_veilig_thuis_of_the_familys_region(
    keten: Keten,
) -> None:
    groningen = member_of(keten, "VEILIG_THUIS", "GM0014", "VT_MEDEWERKER")  # region Groningen
    elsewhere = member_of(keten, "VEILIG_THUIS", "GM0344", "VT_MEDEWERKER")  # region Utrecht
    school = member_of(keten, "ONDERWIJS", "GM1966", "SIGNALLER")  # Het Hogeland, region Groningen

    case_id = step(keten, school, RECEIVE, input=melding("GM1966", "Lotte de Boer", random_bsn()))["caseId"]

    case_when(keten, groningen, case_id, "the melding at Veilig Thuis Groningen", phase="TRIAGE")
    assert error_code(keten.gql(elsewhere.token, CASE, id=case_id)) == "NOT_FOUND"
    refused = keten.gql(school.token, RECEIVE, input=melding("GM0457", "Lotte de Boer", random_bsn()))
    assert error_code(refused) == "UNKNOWN_MUNICIPALITY"  # Weesp is part of Amsterdam since 2022


def test_a_transfer_to_the_new_region_keeps_the_dossier_sealed_and_is_on_the_access_log(keten: Keten) -> None:
    zeeland = member_of(keten, "VEILIG_THUIS", "GM0687", "VT_MEDEWERKER")  # Middelburg
    limburg = member_of(keten, "VEILIG_THUIS", "GM0935", "VT_MEDEWERKER")  # Maastricht
    auditor = member_of(keten, "OVERIG", "GM0687", "AUDITOR")
    school = member_of(keten, "ONDERWIJS", "GM0687", "SIGNALLER")
    child, bsn = "Noor Verhoeven", random_bsn()
    case_id = step(keten, school, RECEIVE, input=melding("GM0687", child, bsn))["caseId"]
    case_when(keten, zeeland, case_id, "the melding at Veilig Thuis Zeeland", phase="TRIAGE")

    # The family moved to Heerlen (region Zuid-Limburg).
    assert step(keten, zeeland, PROPOSE, c=case_id, gm="GM0917") == limburg.organisation_id
    wait_until(lambda: keten.data(limburg.token, PROPOSALS)["transferProposals"], what="the proposal")
    assert error_code(keten.gql(limburg.token, CASE, id=case_id)) == "NOT_FOUND"
    step(keten, limburg, ACCEPT, c=case_id)
    step(keten, limburg, MEETING, c=case_id)
    step(keten, zeeland, COMPLETE, c=case_id)

    case_when(keten, limburg, case_id, "the case at Veilig Thuis Zuid-Limburg", phase="TRIAGE")
    wait_until(lambda: error_code(keten.gql(zeeland.token, CASE, id=case_id)) == "NOT_FOUND", what="gone")
    assert_nothing_in_clear(keten, child, "Verhoeven", bsn, "honger en zonder jas")
    lines = keten.data(auditor.token, ACCESS_LOG, c=case_id)["accessLog"]
    steps = {
        (line["userId"], line["kind"]) for line in lines if line["rule"] == "vt_medewerker.transfer_step"
    }
    assert {(limburg.id, "HANDOVER")} <= steps
