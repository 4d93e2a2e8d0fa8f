"""convertAdviesToMelding over GraphQL: only the Veilig Thuis whose worker gave the advies turns
it into its own melding; the new case is logged as created and its children are signalled,
as when Veilig Thuis records a melding itself."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from tests.unit.cases_fixtures import CasesGateway, Organisation
from tests.unit.test_gateway_cases import CHILD, PARENT, code

from domain.identity.model import Role, Sector

GIVE = """mutation ($input: AdviesInput!) { giveAdvies(input: $input) }"""
CONVERT = (
    """mutation ($id: ID!, $input: MeldingInput!) { convertAdviesToMelding(adviesId: $id, input: $input) }"""
)
ADVIES = {
    "question": "Buurman hoort geschreeuw",
    "advice": "Bel bij acuut gevaar 112",
    "followUp": "Belt terug",
}


def form(**extra: Any) -> dict[str, Any]:
    return {
        "betrokkenen": [CHILD, PARENT],
        "concerns": "geschreeuw, nu ook blauwe plekken",
        "concernKinds": ["NEGLECT"],
        "familyInformed": True,
        **extra,
    }


async def given(gw: CasesGateway, vt: Organisation) -> str:
    advies_id: str = (await gw.data(vt.token, GIVE, input=ADVIES))["giveAdvies"]
    return advies_id


async def test_a_colleague_of_the_same_veilig_thuis_converts_it_and_the_child_is_signalled(
    gw: CasesGateway, vt: Organisation
) -> None:
    advies_id = await given(gw, vt)
    colleague = gw.colleague(vt, (Role.VT_MEDEWERKER,))

    case_id = (await gw.data(colleague.token, CONVERT, id=advies_id, input=form()))["convertAdviesToMelding"]

    created = [row for row in gw.gateway.access.view.search() if row.kind == "CREATE"]
    assert [(row.client_id, row.user_id) for row in created] == [(case_id, str(colleague.professional_id))]
    signals, _ = gw.pipeline.app.signals_to_withdraw(UUID(case_id))  # what closing would withdraw
    assert list(signals.values()) == [colleague.professional_id]  # the child with a BSN, not the parent


async def test_another_veilig_thuis_gets_not_found_and_nothing_is_stored(
    gw: CasesGateway, vt: Organisation
) -> None:
    advies_id = await given(gw, vt)
    other = gw.organisation("Veilig Thuis Zeeland", Sector.VEILIG_THUIS, (Role.VT_MEDEWERKER,))
    stored = gw.pipeline.app.recorder.max_notification_id()

    assert code(await gw.run(other.token, CONVERT, id=advies_id, input=form())) == "NOT_FOUND"

    assert gw.pipeline.app.recorder.max_notification_id() == stored
    assert gw.gateway.services.multisignaal.recorder.max_notification_id() in (None, 0)
    # The advies is still there for its own Veilig Thuis.
    assert (await gw.data(vt.token, CONVERT, id=advies_id, input=form()))["convertAdviesToMelding"]
