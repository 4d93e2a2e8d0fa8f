"""A child's case in Chromium: recorded and triaged by Veilig Thuis, handed over to a lokaal
team; before acceptance the team sees no name, another Veilig Thuis and the team are refused the
case page as GraphQL refuses them; then the auditor replays the case as of before the handover,
steps through its timeline, and finds every page view of the case in the access log. axe-core
checks every page on the way."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import quote

from playwright.sync_api import expect
from tests.browser.a11y import look
from tests.browser.case_steps import Desks, Worker, check_accessible, reload_until, take
from tests.browser.people import Admin
from tests.e2e.harness import Keten
from tests.random_refs import random_bsn

NAMES = ("Noor Bakker", "Ilse Bakker")
NOT_FOUND = "Dit is niet (meer) te vinden, of u heeft er geen toegang toe."


def test_a_childs_case_handed_over_is_replayed_by_the_auditor_as_of_before_the_handover(
    keten: Keten, admin: Admin, desks: Desks, screenshots: Path
) -> None:
    vt = desks.sign_in(
        admin.invite("Veilig Thuis Hart van Brabant", "VT_MEDEWERKER", "VEILIG_THUIS", "VEILIG_THUIS")
    )
    team = desks.sign_in(admin.invite("Wijkteam Oisterwijk", sector="GEMEENTE", kind="LOKAAL_TEAM"))
    elsewhere = desks.sign_in(
        admin.invite("Veilig Thuis Utrecht", "VT_MEDEWERKER", "VEILIG_THUIS", "VEILIG_THUIS")
    )
    auditor = desks.sign_in(admin.invite("Inspectie Gezondheidszorg en Jeugd", "AUDITOR", "OVERIG"))

    case_id = record_and_hand_over(keten, vt)
    refused_everywhere_else(keten, case_id, team, elsewhere)
    page = team.goto(keten.url, "/overdrachten")
    reload_until(page, f"Zaak {case_id[:8]}", "section[aria-labelledby=voorstellen-kop]")
    assert not [name for name in NAMES if name in page.locator("main").inner_text()]
    check_accessible(page)
    page.get_by_role("button", name=re.compile("^Aanvaarden")).click()
    expect(page.get_by_role("status")).to_contain_text("Vastgelegd")

    replay = auditor.goto(keten.url, f"/audit/zaak?zaak={case_id}")
    reload_until(replay, "Overdracht aanvaard", "#audit-tijdlijn")
    replay.get_by_role("link", name=re.compile(r"\. Triage$")).click()  # before the proposal
    state = replay.locator("#stand")
    expect(state).to_contain_text("Overdracht")  # the phase the triage opened
    expect(state.locator("dt:text-is('Overdrachten') + dd")).to_have_text("geen")
    expect(replay.get_by_role("table", name="Betrokkenen op dat moment")).to_contain_text("Noor Bakker")
    check_accessible(replay)
    look(replay, "audit-terugkijken", screenshots)
    replay.get_by_role("link", name="Volgende gebeurtenis →").click()
    expect(replay.locator("#stand")).to_contain_text("Voorgesteld")

    log = auditor.goto(keten.url, f"/audit/toegang?client={quote(case_id)}")
    for rule in ("vt_medewerker.case", "auditor.case_history"):  # the log is a view: it follows
        reload_until(log, rule, "#toegangslog")
    table = log.get_by_role("table")
    expect(table).to_contain_text("Geweigerd")  # the other Veilig Thuis, refused
    check_accessible(log)
    check_accessible(auditor.goto(keten.url, "/audit/doorbroken-regels"))


def record_and_hand_over(keten: Keten, vt: Worker) -> str:
    page = vt.goto(keten.url, "/melding")
    check_accessible(page)
    page.goto(f"{keten.url}/melding")
    for row, (role, name, born, bsn) in enumerate(
        (("Kind", NAMES[0], "2016-02-29", random_bsn()), ("Ouder", NAMES[1], "1988-07-14", ""))
    ):
        block = page.get_by_role("group", name=f"Betrokkene {row + 1}")
        block.get_by_label("Rol").select_option(label=role)
        block.get_by_label("Naam").fill(name)
        block.get_by_label("Geboortedatum").fill(born)
        block.get_by_label("BSN").fill(bsn)
    page.get_by_label("Verwaarlozing").check()
    page.get_by_label("Wat ziet of hoort u?").fill("Noor komt met honger op school")
    page.get_by_role("group", name="Heeft u het gezin verteld dat u meldt?").get_by_label("Ja").check()
    page.get_by_label("Naam van de melder").fill("mentor De Regenboog")
    page.get_by_label("Telefoon of e-mail van de melder").fill("06-12345678")
    page.get_by_role("button", name="Melding vastleggen").click()
    expect(page).to_have_url(re.compile(r"/zaken/[0-9a-f-]{36}$"))
    case_id = page.url.rsplit("/", 1)[-1]
    reload_until(page, NAMES[0])
    page.goto(f"{keten.url}/zaken/{case_id}?acuut=nee&structureel=ja#stap-triage")
    take(page, "triage", "Triage (veiligheidsbeoordeling)",
         **{"Besluit": "radio:Overdragen aan het lokale veld",
            "Wie in het lokale veld": "select:Lokaal team"})  # fmt: skip
    reload_until(page, "Overdracht", "h1")
    check_accessible(page)
    page.goto(f"{keten.url}/zaken/{case_id}")
    take(page, "proposeHandover", "Overdracht voorstellen", Soort_overdracht="select:Lokaal team",
         Ontvangende_organisatie="select:Wijkteam Oisterwijk")  # fmt: skip
    werkvoorraad = vt.goto(keten.url, "/werkvoorraad")
    expect(werkvoorraad.get_by_role("link", name=f"Zaak {case_id[:8]}").first).to_be_visible()
    check_accessible(werkvoorraad)  # its screenshot, with several kinds of deadline: test_case_pages_more
    return case_id


def refused_everywhere_else(keten: Keten, case_id: str, team: Worker, elsewhere: Worker) -> None:
    """Another Veilig Thuis and the receiving team get GraphQL's refusal and nothing of the case."""
    for worker, status in ((elsewhere, 404), (team, 403)):
        response = worker.page.goto(f"{keten.url}/zaken/{case_id}")
        assert response is not None and response.status == status
        text = worker.page.locator("main").inner_text()
        assert not [name for name in NAMES if name in text], text
        assert "Noor komt met honger" not in text
    expect(elsewhere.page.get_by_role("alert")).to_contain_text(NOT_FOUND)
    check_accessible(elsewhere.page)
