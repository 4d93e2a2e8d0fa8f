"""A case moves to the Veilig Thuis of another region (the family moved): proposed, accepted, a
meeting held, completed; until then the sender keeps it, afterwards only the receiver opens it,
and it stays sealed on Kafka throughout."""

from __future__ import annotations

import json
from typing import Any

import pytest
from tests.unit.cases_fixtures import CasesGateway, Organisation
from tests.unit.test_gateway_cases import CASE, code, recorded_melding

from domain.identity.model import Role, Sector
from kernel.cloudevents import ce_value

PROPOSE = """mutation ($c: ID!, $vt: ID, $gm: String) {
  proposeTransfer(caseId: $c, veiligThuisId: $vt, municipalityCode: $gm) }"""
ACCEPT = "mutation ($c: ID!) { acceptTransfer(caseId: $c) }"
DECLINE = 'mutation ($c: ID!) { declineTransfer(caseId: $c, reason: "wij kennen dit gezin niet") }'
MEETING = "mutation ($c: ID!) { holdTransferMeeting(caseId: $c) }"
COMPLETE = "mutation ($c: ID!) { completeTransfer(caseId: $c) }"
PROPOSALS = "{ transferProposals { caseId fromVeiligThuisId status proposedAt meetingHeldAt } }"
DEADLINES = "{ deadlines { caseId kind } }"


@pytest.fixture
def groningen(gw: CasesGateway) -> Organisation:
    return gw.organisation(
        "Veilig Thuis Groningen", Sector.VEILIG_THUIS, (Role.VT_MEDEWERKER,), municipality="GM0014"
    )


async def test_a_case_moves_to_the_veilig_thuis_of_the_new_gemeente_only_when_the_transfer_completes(
    gw: CasesGateway, vt: Organisation, school: Organisation, groningen: Organisation
) -> None:
    case_id, _ = await recorded_melding(gw, vt, school)  # Veilig Thuis Midden-Brabant (GM0855)

    to = (await gw.data(vt.token, PROPOSE, c=case_id, gm="GM1966"))[
        "proposeTransfer"
    ]  # moved to Het Hogeland
    assert to == str(groningen.id)
    [proposal] = (await gw.data(groningen.token, PROPOSALS))["transferProposals"]
    assert (proposal["caseId"], proposal["fromVeiligThuisId"], proposal["status"]) == (
        case_id,
        str(vt.id),
        "PROPOSED",
    )
    assert code(await gw.run(groningen.token, CASE, id=case_id)) == "NOT_FOUND"  # ids only, until complete

    await gw.data(groningen.token, ACCEPT, c=case_id)
    assert code(await gw.run(vt.token, COMPLETE, c=case_id)) == "TRANSFER_INCOMPLETE"  # no meeting yet
    await gw.data(groningen.token, MEETING, c=case_id)
    assert (await gw.data(vt.token, CASE, id=case_id))["case"]["phase"] == "TRIAGE"  # still the sender's
    await gw.data(vt.token, COMPLETE, c=case_id)

    case = (await gw.data(groningen.token, CASE, id=case_id))["case"]
    assert {b["name"] for b in case["betrokkenen"]} == {"Sanne Jansen", "Mark Jansen"}
    assert case["responsibleOrganisationId"] == str(groningen.id)
    assert [d["caseId"] for d in (await gw.data(groningen.token, DEADLINES))["deadlines"]] == [case_id]
    assert code(await gw.run(vt.token, CASE, id=case_id)) == "NOT_FOUND"
    assert (await gw.data(vt.token, DEADLINES))["deadlines"] == []
    assert (await gw.data(groningen.token, PROPOSALS))["transferProposals"] == []


async def test_every_transfer_step_leaves_a_handover_line_and_the_dossier_stays_sealed_on_kafka(
    gw: CasesGateway, vt: Organisation, school: Organisation, groningen: Organisation
) -> None:
    case_id, _ = await recorded_melding(gw, vt, school)
    for token, step in (
        (vt.token, PROPOSE),
        (groningen.token, ACCEPT),
        (vt.token, MEETING),
        (vt.token, COMPLETE),
    ):
        await gw.data(token, step, c=case_id, **({"vt": str(groningen.id)} if step is PROPOSE else {}))

    lines = [json.loads(ce_value(e)) for e in gw.gateway.access.published]
    handovers = [
        (line["userId"], line["rule"])
        for line in lines
        if line["clientId"] == case_id and line["kind"] == "HANDOVER"
    ]
    assert (str(groningen.professional_id), "vt_medewerker.transfer_step") in handovers
    records = [e for e in gw.pipeline.published if e.key == case_id]
    assert {e.type.rsplit(".", 1)[-1] for e in records} >= {
        "TransferProposed",
        "TransferAccepted",
        "TransferCompleted",
    }
    for record in records:
        raw = ce_value(record).decode()
        assert not any(secret in raw for secret in ("Sanne", "Jansen", "111222333", "blauwe plekken")), (
            record.type
        )


@pytest.mark.parametrize(
    ("who", "step", "variables", "expected"),
    [
        ("vt", PROPOSE, {"vt": "vt"}, "TRANSFER_NOT_POSSIBLE"),  # to itself
        ("vt", PROPOSE, {"gm": "GM0855"}, "TRANSFER_NOT_POSSIBLE"),  # its own region
        ("vt", PROPOSE, {}, "MUNICIPALITY_REQUIRED"),
        ("groningen", PROPOSE, {"vt": "groningen"}, "NOT_FOUND"),  # not its case
        ("vt", ACCEPT, {}, "NOT_FOUND"),  # nothing proposed to it
        ("vt", COMPLETE, {}, "NO_TRANSFER_PROPOSED"),
        ("school", ACCEPT, {}, "FORBIDDEN"),
    ],
)
async def test_a_refused_transfer_step_has_its_code_and_stores_nothing(
    gw: CasesGateway, vt: Organisation, school: Organisation, groningen: Organisation,
    who: str, step: str, variables: dict[str, Any], expected: str,
) -> None:  # fmt: skip
    case_id, _ = await recorded_melding(gw, vt, school)
    people = {"vt": vt, "groningen": groningen, "school": school}
    given = {k: str(people[v].id) if v in people else v for k, v in variables.items() if k == "vt"}
    given |= {k: v for k, v in variables.items() if k == "gm"}
    before = gw.pipeline.app.recorder.max_notification_id()
    assert code(await gw.run(people[who].token, step, c=case_id, **given)) == expected
    assert gw.pipeline.app.recorder.max_notification_id() == before


async def test_a_declined_transfer_leaves_the_case_with_the_sender_who_may_propose_again(
    gw: CasesGateway, vt: Organisation, school: Organisation, groningen: Organisation
) -> None:
    case_id, _ = await recorded_melding(gw, vt, school)
    await gw.data(vt.token, PROPOSE, c=case_id, vt=str(groningen.id))
    await gw.data(groningen.token, DECLINE, c=case_id)
    assert code(await gw.run(groningen.token, ACCEPT, c=case_id)) == "NOT_FOUND"  # nothing open for it
    assert (await gw.data(vt.token, CASE, id=case_id))["case"]["phase"] == "TRIAGE"
    await gw.data(vt.token, PROPOSE, c=case_id, vt=str(groningen.id))
    assert (
        code(await gw.run(vt.token, PROPOSE, c=case_id, vt=str(groningen.id))) == "TRANSFER_ALREADY_PROPOSED"
    )
