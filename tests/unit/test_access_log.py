"""NEN 7513 through the gateway: every read of personal data leaves exactly one access line
per client and request, with every field the norm asks for; refusals are logged as denied;
break-the-glass is allowed with a reason, flagged and listed for review."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from eventsourcing.persistence import OperationalError
from jsonschema import Draft202012Validator
from tests.unit.cases_fixtures import CasesGateway, Organisation
from tests.unit.test_gateway_cases import CASE, MY_MELDINGEN, TRIAGE, code, recorded_melding

from domain.identity.model import Role, Sector
from kernel.cloudevents import ce_value
from projections.access_log import AccessRow

SCHEMA = Path(__file__).parents[2] / "schemas" / "events" / "AccessRecorded.json"
UUID_OR_DASH = r"^([0-9a-f-]{36}|-)$"
BREAK = (
    """mutation ($id: ID!, $reason: String!) { breakTheGlass(caseId: $id, reason: $reason) { id phase } }"""
)
LOG = """query ($client: ID, $user: ID) { accessLog(clientId: $client, userId: $user) {
  kind at clientId userId responsibleId clientAddress tokenId rule outcome reason } }"""


@pytest.fixture
def auditor(gw: CasesGateway) -> Organisation:
    return gw.organisation("Toezicht", Sector.OVERIG, (Role.AUDITOR,))


def lines(gw: CasesGateway, kind: str | None = None) -> list[AccessRow]:
    rows = gw.gateway.access.view.search()
    return [row for row in rows if kind is None or row.kind == kind]


def saves(gw: CasesGateway) -> int:
    return gw.gateway.access.saves


async def test_reading_a_case_leaves_one_line_with_every_nen_7513_field(
    gw: CasesGateway, vt: Organisation, school: Organisation
) -> None:
    case_id, _ = await recorded_melding(gw, vt, school)
    before, saved = len(lines(gw, "READ")), saves(gw)

    await gw.data(vt.token, CASE, id=case_id)

    [line] = lines(gw, "READ")[before:]
    assert (line.client_id, line.user_id) == (case_id, str(vt.professional_id))
    assert line.responsible_id == str(vt.id) and line.rule == "vt_medewerker.case"
    assert line.outcome == "ALLOWED" and line.client_address == "-" and len(line.token_id) == 32
    assert line.at is not None and saves(gw) == saved + 1


async def test_aliases_of_one_client_in_one_request_still_leave_one_line(
    gw: CasesGateway, vt: Organisation, school: Organisation
) -> None:
    case_id, _ = await recorded_melding(gw, vt, school)
    before = len(lines(gw, "READ"))
    query = "query ($id: ID!) { a: case(id: $id) { id } b: case(id: $id) { phase } }"
    await gw.data(vt.token, query, id=case_id)
    assert len(lines(gw, "READ")) == before + 1


async def test_refusals_are_logged_as_denied_under_the_case_they_named(
    gw: CasesGateway, vt: Organisation, school: Organisation
) -> None:
    case_id, _ = await recorded_melding(gw, vt, school)
    elsewhere = gw.organisation("Veilig Thuis Utrecht", Sector.VEILIG_THUIS, (Role.VT_MEDEWERKER,))
    triage = {"acuteUnsafety": False, "structuralUnsafety": False, "decision": "CLOSE"}

    assert code(await gw.run(elsewhere.token, CASE, id=case_id)) == "NOT_FOUND"
    assert code(await gw.run(school.token, CASE, id=case_id)) == "FORBIDDEN"
    assert code(await gw.run(elsewhere.token, TRIAGE, caseId=case_id, input=triage)) == "NOT_FOUND"
    assert code(await gw.run(elsewhere.token, CASE, id="not-a-case-id")) == "NOT_FOUND"

    denied = lines(gw, "DENIED")
    # One fixed clock: the lines share their time, so compare them unordered.
    assert sorted((d.client_id, d.user_id, d.outcome) for d in denied) == sorted(
        [
            (case_id, str(elsewhere.professional_id), "DENIED"),
            (case_id, str(school.professional_id), "DENIED"),
            (case_id, str(elsewhere.professional_id), "DENIED"),
            ("-", str(elsewhere.professional_id), "DENIED"),  # what the caller typed is not copied
        ]
    )


async def test_a_melder_reading_their_meldingen_leaves_one_line_per_case(
    gw: CasesGateway, vt: Organisation, school: Organisation
) -> None:
    first, _ = await recorded_melding(gw, vt, school)
    second, _ = await recorded_melding(gw, vt, school)
    before = len(lines(gw, "READ"))
    await gw.data(school.token, MY_MELDINGEN)
    read = lines(gw, "READ")[before:]
    assert sorted(r.client_id for r in read) == sorted([first, second])
    assert {r.rule for r in read} == {"melder.my_meldingen"}


async def test_me_is_logged_with_the_professional_as_the_client(gw: CasesGateway, vt: Organisation) -> None:
    await gw.data(vt.token, "{ me { name email } }")
    [line] = lines(gw, "READ")
    assert line.client_id == str(vt.professional_id) and line.rule == "professional.me"


async def test_queries_without_personal_data_leave_no_line(gw: CasesGateway, vt: Organisation) -> None:
    await gw.data(vt.token, "{ deadlines { kind } handoverProposals { caseId } }")
    assert lines(gw) == [] and saves(gw) == 0


async def test_the_auditor_queries_per_client_and_per_user_and_that_search_is_logged(
    gw: CasesGateway, vt: Organisation, school: Organisation, auditor: Organisation
) -> None:
    case_id, _ = await recorded_melding(gw, vt, school)
    await gw.data(vt.token, CASE, id=case_id)

    per_client = (await gw.data(auditor.token, LOG, client=case_id))["accessLog"]
    per_user = (await gw.data(auditor.token, LOG, user=str(vt.professional_id)))["accessLog"]

    assert sorted(line["kind"] for line in per_client) == ["CREATE", "READ"]
    assert {line["clientId"] for line in per_user} == {case_id}
    assert {line.client_id for line in lines(gw, "SEARCH")} == {case_id, "-"}
    assert code(await gw.run(vt.token, LOG, client=case_id)) == "FORBIDDEN"


async def test_a_melder_sees_who_viewed_the_cases_they_reported(
    gw: CasesGateway, vt: Organisation, school: Organisation
) -> None:
    case_id, _ = await recorded_melding(gw, vt, school)
    await gw.data(vt.token, CASE, id=case_id)
    query = "{ whoViewedMyMeldingen { caseId userId organisationId kind } }"
    viewed = (await gw.data(school.token, query))["whoViewedMyMeldingen"]
    reads = [v for v in viewed if v["kind"] == "READ"]
    assert reads == [
        {"caseId": case_id, "userId": str(vt.professional_id), "organisationId": str(vt.id), "kind": "READ"}
    ]


async def test_break_the_glass_opens_another_case_with_a_reason_flagged_for_review(
    gw: CasesGateway, vt: Organisation, school: Organisation, auditor: Organisation
) -> None:
    case_id, _ = await recorded_melding(gw, vt, school)
    elsewhere = gw.organisation("Veilig Thuis Utrecht", Sector.VEILIG_THUIS, (Role.VT_MEDEWERKER,))
    reason = "acute melding politie, dossier nodig buiten kantooruren"

    assert code(await gw.run(elsewhere.token, BREAK, id=case_id, reason="nodig")) == "REASON_REQUIRED"
    assert code(await gw.run(elsewhere.token, BREAK, id=case_id, reason="x" * 2001)) == "TOO_LONG"
    assert code(await gw.run(elsewhere.token, BREAK, id=case_id, reason=reason + "\x00")) == "INVALID_TEXT"
    assert code(await gw.run(school.token, BREAK, id=case_id, reason=reason)) == "FORBIDDEN"
    opened = (await gw.data(elsewhere.token, BREAK, id=case_id, reason=reason))["breakTheGlass"]

    assert opened["id"] == case_id
    query = "{ breakTheGlassReview { clientId userId reason rule } }"
    review = (await gw.data(auditor.token, query))["breakTheGlassReview"]
    assert review == [
        {
            "clientId": case_id,
            "userId": str(elsewhere.professional_id),
            "reason": reason,
            "rule": "vt_medewerker.break_the_glass",
        }
    ]


async def test_every_published_access_line_keeps_the_broker_enforced_schema(
    gw: CasesGateway, vt: Organisation, school: Organisation
) -> None:
    case_id, _ = await recorded_melding(gw, vt, school)
    await gw.data(vt.token, CASE, id=case_id)
    await gw.run(school.token, CASE, id="Jan Jansen 111222333")
    validator = Draft202012Validator(json.loads(SCHEMA.read_text()))
    for event in gw.gateway.access.published:
        data: Any = json.loads(ce_value(event))
        assert not list(validator.iter_errors(data)), data
        assert "Jansen" not in json.dumps(data)


async def test_no_line_written_means_no_personal_data_served(gw: CasesGateway, vt: Organisation) -> None:
    def broken(accesses: object) -> None:
        raise OperationalError("disk full")

    access = gw.gateway.services.access
    gw.gateway.services = replace(gw.gateway.services, access_log=replace(access, record=broken))

    result = await gw.gateway.run(vt.token, "{ me { name email } }")

    assert result.data is None
    assert code(result) == "INTERNAL_SERVER_ERROR" and "disk" not in str(result.errors)
