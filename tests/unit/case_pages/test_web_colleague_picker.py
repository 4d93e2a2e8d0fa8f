"""Forms that name a professional offer the caller's own colleagues to pick (name and function),
never another organisation's staff: the vertrouwensarts on the case page, the regisseur and a
plan action's owner on the receiver's page. The resolver still checks the id that comes back."""

from __future__ import annotations

import re

from tests.unit.case_pages.test_web_case_pages import recorded
from tests.unit.case_pages.test_web_handover_pages import handed_to, step
from tests.unit.case_web_fixtures import CaseWeb, Person

from domain.identity.model import Role, Sector
from gateway.web.messages import MESSAGES


def options(page: str, name: str) -> set[str]:
    """The values a <select name=...> offers (its empty first option left out)."""
    select = re.search(rf'<select id="[^"]*" name="{name}".*?</select>', page, re.S)
    assert select is not None, name
    return set(re.findall(r'<option value="([^"]+)"', select.group(0)))


async def test_the_vertrouwensarts_is_picked_from_the_own_veilig_thuis_only(
    cw: CaseWeb, vt: Person, team: Person
) -> None:
    arts = cw.colleague(vt, (Role.VT_MEDEWERKER,))
    other_vt = cw.organisation("Veilig Thuis Utrecht", Sector.VEILIG_THUIS, (Role.VT_MEDEWERKER,))
    browser, case_id = await recorded(cw, vt)
    await browser.get(f"/zaken/{case_id}")
    triage = {"acuteUnsafety": "nee", "structuralUnsafety": "ja", "decision": "ONDERZOEK"}
    await step(cw, browser, f"/zaken/{case_id}/stap/triage", triage)

    page = await browser.get(f"/zaken/{case_id}")

    assert options(page.text, "vertrouwensartsId") == {str(vt.id), str(arts.id)}
    assert str(other_vt.id) not in page.text and str(team.id) not in page.text
    assert "Mw. Jansen (Veilig Thuis-medewerker)" in page.text


async def test_the_regisseur_and_an_owner_are_picked_from_the_receivers_own_staff(
    cw: CaseWeb, vt: Person, team: Person
) -> None:
    colleague = cw.colleague(team, (Role.SIGNALLER,))
    _, case_id = await handed_to(cw, vt, team)
    receiver = await cw.signed_in(team)
    await receiver.get("/overdrachten")
    await step(cw, receiver, f"/overdrachten/{case_id}/acceptHandover")

    page = await receiver.get("/overdrachten")

    assert options(page.text, "regisseurId") == {str(team.id), str(colleague.id)}
    assert str(vt.id) not in page.text
    await step(cw, receiver, f"/overdrachten/{case_id}/nameRegisseur", {"regisseurId": str(colleague.id)})
    named = await receiver.get("/overdrachten")
    assert "<dt>Regisseur</dt><dd>Mw. Jansen (professional)</dd>" in named.text


async def test_an_id_of_another_organisation_posted_anyway_is_refused_by_the_resolver(
    cw: CaseWeb, vt: Person, team: Person
) -> None:
    _, case_id = await handed_to(cw, vt, team)
    receiver = await cw.signed_in(team)
    await receiver.get("/overdrachten")
    await step(cw, receiver, f"/overdrachten/{case_id}/acceptHandover")

    answer = await receiver.post(f"/overdrachten/{case_id}/nameRegisseur", {"regisseurId": str(vt.id)})

    assert answer.status_code == 400 and MESSAGES["NOT_FOUND"] in answer.text
