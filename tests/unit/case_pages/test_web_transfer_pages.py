"""A transfer to the Veilig Thuis of another region on the pages: proposed from the case page,
answered from the receiver's werkvoorraad (ids and sender only, no name), the meeting held,
completed by the sender; then the case opens for the receiver and closes for the sender."""

from __future__ import annotations

from tests.unit.case_pages.test_web_case_pages import recorded
from tests.unit.case_web_fixtures import CaseWeb, Person

from domain.identity.model import Role, Sector
from gateway.web.messages import MESSAGES


async def test_a_transfer_runs_from_the_case_page_and_the_werkvoorraad_to_the_new_region(
    cw: CaseWeb, vt: Person
) -> None:
    utrecht = cw.organisation("Veilig Thuis Utrecht", Sector.VEILIG_THUIS, (Role.VT_MEDEWERKER,))
    sender, case_id = await recorded(cw, vt)
    page = await sender.get(f"/zaken/{case_id}")
    assert 'id="stap-proposeTransfer"' in page.text and 'id="stap-completeTransfer"' not in page.text
    proposed = await sender.post(f"/zaken/{case_id}/stap/proposeTransfer",
                                 {"veiligThuisId": str(utrecht.organisation_id)})  # fmt: skip
    assert proposed.status_code == 303
    cw.publish()

    receiver = await cw.signed_in(utrecht)
    werkvoorraad = await receiver.get("/werkvoorraad")
    assert f"Zaak {case_id[:8]}" in werkvoorraad.text and "Veilig Thuis Brabant" in werkvoorraad.text
    assert "Sanne" not in werkvoorraad.text
    assert (await receiver.get(f"/zaken/{case_id}")).status_code == 404
    for step, form in (("acceptTransfer", {}), ("holdTransferMeeting", {"terug": "werkvoorraad"})):
        answered = await receiver.post(f"/zaken/{case_id}/stap/{step}", form)
        assert answered.status_code == 303 and answered.headers["location"].startswith("/werkvoorraad")
        cw.publish()
        await receiver.get("/werkvoorraad")

    page = await sender.get(f"/zaken/{case_id}")
    assert 'id="stap-completeTransfer"' in page.text and 'id="stap-proposeTransfer"' not in page.text
    completed = await sender.post(f"/zaken/{case_id}/stap/completeTransfer", {})
    assert completed.status_code == 303
    cw.publish()

    assert "Sanne Jansen" in (await receiver.get(f"/zaken/{case_id}")).text
    assert (await sender.get(f"/zaken/{case_id}")).status_code == 404


async def test_a_stranger_cannot_accept_a_transfer_meant_for_another_region(cw: CaseWeb, vt: Person) -> None:
    utrecht = cw.organisation("Veilig Thuis Utrecht", Sector.VEILIG_THUIS, (Role.VT_MEDEWERKER,))
    stranger = cw.organisation("Veilig Thuis Zeeland", Sector.VEILIG_THUIS, (Role.VT_MEDEWERKER,))
    sender, case_id = await recorded(cw, vt)
    await sender.get(f"/zaken/{case_id}")
    await sender.post(
        f"/zaken/{case_id}/stap/proposeTransfer", {"veiligThuisId": str(utrecht.organisation_id)}
    )
    cw.publish()
    browser = await cw.signed_in(stranger)
    await browser.get("/werkvoorraad")

    refused = await browser.post(f"/zaken/{case_id}/stap/acceptTransfer", {})

    assert refused.status_code == 400 and MESSAGES["NOT_FOUND"] in refused.text
