"""The last case pages in Chromium, as the professionals use them: a Veilig Thuis worker turns an
advies into a melding (an error shown next to its field first, the input kept), triages it to
onderzoek and picks the vertrouwensarts by name; the vertrouwensarts finds it under "Mijn
consulten", reads it without BSN and records advice; a school's melding is read by Veilig
Thuis, and the school sees that under "Wie las mijn meldingen". Days later the werkvoorraad
shows deadlines of several kinds, one overdue. axe-core and a screenshot on every new page."""

from __future__ import annotations

import re
import uuid
from pathlib import Path

from playwright.sync_api import Page, expect
from tests.browser.a11y import look
from tests.browser.case_steps import Desks, Worker, reload_until, take
from tests.browser.people import PASSWORD, REGISTER_PROFESSIONAL, Admin, Professional, ServerClock, sign_in
from tests.e2e.harness import Keten

VT_NAME, SCHOOL = "Veilig Thuis West-Brabant", "Basisschool De Vlinder"
ARTS = "Dr. Kaya"
CHILD = "Daan de Wit"
ME = "{ me { organisation { id } } }"
TEN_DAYS = 10 * 24 * 3600.0  # past the 5 working days of a triage


def test_advies_to_melding_consult_and_who_read_my_melding_in_the_browser(
    keten: Keten, admin: Admin, desks: Desks, clock: ServerClock, screenshots: Path
) -> None:
    vt = desks.sign_in(admin.invite(VT_NAME, "VT_MEDEWERKER", "VEILIG_THUIS", "VEILIG_THUIS"))
    arts = desks.sign_in(colleague(keten, vt, ARTS))
    school = desks.sign_in(admin.invite(SCHOOL, sector="ONDERWIJS", kind="SCHOOL"))

    case_url = advies_becomes_melding(keten, vt, screenshots)
    to_onderzoek_with_the_arts(vt.page, case_url)
    the_arts_consults(keten, arts, screenshots)
    the_school_sees_who_read_its_melding(keten, school, vt, screenshots)

    clock.advance(TEN_DAYS)  # every session ends meanwhile: Veilig Thuis signs in again
    sign_in(vt.page, keten.url, vt.who.email, PASSWORD, vt.who.code(clock))
    werkvoorraad = vt.goto(keten.url, "/werkvoorraad")
    table = werkvoorraad.get_by_role("table").first
    for kind in ("Triage", "Onderzoek", "Te laat"):
        expect(table).to_contain_text(kind)
    look(werkvoorraad, "werkvoorraad", screenshots)


def colleague(keten: Keten, of: Worker, name: str) -> Professional:
    """A second professional of the same Veilig Thuis, registered by the administrator."""
    organisation = keten.data(of.who.token, ME)["me"]["organisation"]["id"]
    email = f"arts.{uuid.uuid4().hex[:8]}@example.org"
    person = {"organisationId": organisation, "name": name, "email": email, "roles": ["VT_MEDEWERKER"]}
    registered = keten.data(keten.server.admin_token(), REGISTER_PROFESSIONAL, input=person)
    made = registered["registerProfessional"]
    return Professional(made["professional"]["id"], name, email, made["token"], made["activationLink"])


def advies_becomes_melding(keten: Keten, vt: Worker, screenshots: Path) -> str:
    page = vt.goto(keten.url, "/advies")
    page.get_by_label("Vraag van de beller").fill("Buurman hoort elke avond een kind huilen en schreeuwen")
    page.get_by_label("Gegeven advies").fill("Bespreek het met de school; bel bij acuut gevaar 112")
    page.get_by_label("Afgesproken vervolg").fill("Belt na het gesprek met de school terug")
    page.get_by_role("button", name="Advies vastleggen").click()
    expect(page.get_by_role("status")).to_contain_text("Het advies is vastgelegd")
    expect(page.get_by_role("table", name="Mijn adviezen")).to_contain_text("Buurman hoort")
    look(page, "mijn-adviezen", screenshots)

    page.get_by_role("table", name="Mijn adviezen").get_by_role("link", name=re.compile("Omzetten")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Advies omzetten in melding")
    child = page.get_by_role("group", name="Betrokkene 1")
    child.get_by_label("Rol").select_option(label="Kind")
    child.get_by_label("Naam").fill(CHILD)
    child.get_by_label("Geboortedatum").fill("2017-04-09")
    page.get_by_label("Verwaarlozing").check()
    page.get_by_role("group", name="Heeft u het gezin verteld dat u meldt?").get_by_label("Nee").check()
    page.get_by_role("button", name="Omzetten in melding").click()  # the concerns left empty

    expect(page.locator("#concerns-error")).to_be_visible()
    expect(page.get_by_role("group", name="Betrokkene 1").get_by_label("Naam")).to_have_value(CHILD)
    look(page, "advies-omzetten", screenshots)
    page.get_by_label("Wat ziet of hoort u?").fill("Kind huilt elke avond lang; buurman hoort slaan")
    page.get_by_label("Zo nee: waarom niet?").fill("De buurman vreest dat het kind dan meer gevaar loopt")
    page.get_by_role("button", name="Omzetten in melding").click()
    expect(page).to_have_url(re.compile(r"/zaken/[0-9a-f-]{36}$"))
    reload_until(page, CHILD)
    return page.url


def to_onderzoek_with_the_arts(page: Page, case_url: str) -> None:
    page.goto(f"{case_url}?acuut=nee&structureel=ja#stap-triage")
    take(page, "triage", "Triage (veiligheidsbeoordeling)", Besluit="radio:Onderzoek")
    reload_until(page, "Onderzoek", "h1")
    take(page, "involveVertrouwensarts", "Vertrouwensarts betrekken",
         Vertrouwensarts=f"select:{ARTS} (Veilig Thuis-medewerker)")  # fmt: skip


def the_arts_consults(keten: Keten, arts: Worker, screenshots: Path) -> None:
    page = arts.goto(keten.url, "/consulten")
    reload_until(page, "Onderzoek")
    look(page, "mijn-consulten", screenshots)
    page.get_by_role("table", name=re.compile("vertrouwensarts")).get_by_role("link").first.click()
    expect(page.get_by_role("table", name="Betrokkenen")).to_contain_text(CHILD)
    advice = page.get_by_role("textbox", name="Advies")
    advice.fill("Laat het kind door de jeugdarts zien; letsel fotograferen")
    page.get_by_role("button", name="Advies vastleggen").click()
    expect(page.get_by_role("status")).to_contain_text("Vastgelegd")
    reload_until(page, "letsel fotograferen", "#tijdlijn")
    assert "Daan" in page.locator("main").inner_text()
    look(page, "consult", screenshots)


def the_school_sees_who_read_its_melding(keten: Keten, school: Worker, vt: Worker, screenshots: Path) -> None:
    page = school.goto(keten.url, "/melding")
    child = page.get_by_role("group", name="Betrokkene 1")
    child.get_by_label("Rol").select_option(label="Kind")
    child.get_by_label("Naam").fill("Mila Smit")
    child.get_by_label("Geboortedatum").fill("2014-10-01")
    page.get_by_label(re.compile("^Veilig Thuis")).select_option(label=VT_NAME)
    page.get_by_label("Wat ziet of hoort u?").fill("Mila heeft vaak blauwe plekken op haar armen")
    page.get_by_role("group", name="Heeft u het gezin verteld dat u meldt?").get_by_label("Ja").check()
    page.get_by_role("button", name="Melding versturen").click()
    expect(page.get_by_role("status")).to_contain_text("ontvangen")

    werkvoorraad = vt.goto(keten.url, "/werkvoorraad?soort=TRIAGE")
    reload_until(werkvoorraad, "Op tijd")
    werkvoorraad.get_by_role("link", name=re.compile("^Zaak ")).click()
    reload_until(vt.page, "Mila Smit")

    page.get_by_role("link", name="Wie las mijn meldingen").click()
    reload_until(page, VT_NAME, "main")
    expect(page.get_by_role("table", name="Wie las mijn meldingen")).to_contain_text("Ingezien")
    assert "Mila" not in page.locator("main").inner_text()
    look(page, "wie-las-mijn-meldingen", screenshots)
