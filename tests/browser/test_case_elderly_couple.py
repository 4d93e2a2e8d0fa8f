"""The seed's elderly couple, walked in Chromium: Veilig Thuis records the huisarts's melding,
triages it by keyboard alone, runs an Onderzoek with the vertrouwensarts and Voorwaarden &
Vervolg, hands over to the lokaal team, who accepts, holds the joint meeting, names a regisseur
and runs the plan to a self-reliant close; Veilig Thuis closes the case. The huisarts sees
status and terugkoppeling only, at every step."""

from __future__ import annotations

import re
from pathlib import Path

from playwright.sync_api import Page, expect
from tests.browser.a11y import look
from tests.browser.case_steps import Desks, Worker, check_accessible, open_step, reload_until, tab_to, take
from tests.browser.people import Admin
from tests.e2e.harness import Keten

ME = "{ me { organisation { id name } } }"
COLLEAGUE = """mutation ($input: RegisterProfessionalInput!) {
  registerProfessional(input: $input) { professional { id } } }"""
SECRETS = ("Cornelis", "Johanna", "van Dijk", "jenever", "1936")


def test_the_elderly_couple_runs_from_the_huisartss_melding_to_a_closed_case_in_the_browser(
    keten: Keten, admin: Admin, desks: Desks, screenshots: Path
) -> None:
    vt = desks.sign_in(
        admin.invite("Veilig Thuis Midden-Brabant", "VT_MEDEWERKER", "VEILIG_THUIS", "VEILIG_THUIS")
    )
    huisarts = desks.sign_in(admin.invite("Huisartsenpraktijk De Linde", sector="ZORG"))
    team = desks.sign_in(admin.invite("Sociaal wijkteam Tilburg", sector="GEMEENTE", kind="LOKAAL_TEAM"))
    vertrouwensarts(keten, vt)
    page = vt.page

    case_url = record_melding(keten, vt, huisarts)
    melder_sees_status_only(keten, huisarts, "Ontvangen")
    keyboard_triage(page)
    reload_until(page, "Onderzoek", "h1")
    look(page, "zaak", screenshots)
    check_accessible(page)
    page.reload()

    take(page, "hearPerson", "Gesprek met een betrokkene", Met_wie="select:Cornelis van Dijk (Oudere)",
         Wat_de_betrokkene_vertelde="ik kan het niet meer aan")  # fmt: skip
    take(page, "involveVertrouwensarts", "Vertrouwensarts betrekken",
         Vertrouwensarts="select:Dr. Vos (Veilig Thuis-medewerker)")  # fmt: skip
    take(page, "concludeOnderzoek", "Onderzoek afronden", Uitkomst="radio:Geweld vastgesteld",
         Vervolg="radio:Voorwaarden en vervolg")  # fmt: skip
    reload_until(page, "Voorwaarden en vervolg", "h1")
    take(
        page,
        "setVoorwaarde",
        "Voorwaarde stellen",
        Voorwaarde_voor_veiligheid="zoon en dochter komen dagelijks",
    )
    take(page, "endVoorwaardenEnVervolg", "Voorwaarden en vervolg beëindigen", Vervolg="radio:Overdracht")
    reload_until(page, "Overdracht", "h1")
    take(page, "proposeHandover", "Overdracht voorstellen", Soort_overdracht="select:Lokaal team",
         Ontvangende_organisatie="select:Sociaal wijkteam Tilburg")  # fmt: skip
    for moment in ("Na triage", "Na onderzoek"):
        reload_until(page, "Terugkoppeling na", "#termijnen-kop + *")
        take(page, "sendTerugkoppeling", "Terugkoppeling aan de melder", Moment=f"radio:{moment}",
             Is_er_vervolg="radio:Ja", Overgenomen_door="select:Sociaal wijkteam Tilburg")  # fmt: skip
    melder_sees_status_only(keten, huisarts, "Beoordeeld")

    run_the_plan(keten, team, screenshots)

    page.goto(case_url)
    reload_until(page, "Overgedragen", "h1")
    take(page, "closeCase", "Zaak sluiten", Reden_van_sluiten="zicht op veiligheid overgedragen")
    reload_until(page, "Gesloten", "h1")
    expect(page.locator("#stappen-kop + p")).to_contain_text("gesloten")
    melder_sees_status_only(keten, huisarts, "Gesloten")


def vertrouwensarts(keten: Keten, vt: Worker) -> str:
    """A colleague of the Veilig Thuis, registered by the administrator; picked by name."""
    organisation = keten.data(vt.who.token, ME)["me"]["organisation"]["id"]
    person = {"organisationId": organisation, "name": "Dr. Vos", "email": "vos@example.org",
              "roles": ["VT_MEDEWERKER"]}  # fmt: skip
    registered = keten.data(keten.server.admin_token(), COLLEAGUE, input=person)
    return str(registered["registerProfessional"]["professional"]["id"])


def record_melding(keten: Keten, vt: Worker, huisarts: Worker) -> str:
    """Veilig Thuis records the huisarts's phone call on the meldformulier; lands on the case."""
    page = vt.goto(keten.url, "/melding")
    for row, (name, born) in enumerate(
        (("Cornelis van Dijk", "1936-03-14"), ("Johanna van Dijk", "1943-09-02"))
    ):
        block = page.get_by_role("group", name=f"Betrokkene {row + 1}")
        block.get_by_label("Rol").select_option(label="Oudere")
        block.get_by_label("Naam").fill(name)
        block.get_by_label("Geboortedatum").fill(born)
    page.get_by_label("Ouderenmishandeling").check()
    page.get_by_label("Vermoeden van verslaving").check()
    page.get_by_label("Wat ziet of hoort u?").fill(
        "meneer drinkt 2 liter jenever per week en sluit zijn vrouw op"
    )
    page.get_by_role("group", name="Heeft u het gezin verteld dat u meldt?").get_by_label("Ja").check()
    page.get_by_label("Kenmerk van de melder (professional)").fill(huisarts.who.id)
    page.get_by_label("Organisatie van de melder").select_option(label="Huisartsenpraktijk De Linde")
    page.get_by_role("button", name="Melding vastleggen").click()
    expect(page).to_have_url(re.compile(r"/zaken/[0-9a-f-]{36}$"))
    reload_until(page, "Cornelis van Dijk")
    return page.url


def keyboard_triage(page: Page) -> None:
    """The triage by keyboard alone: Tab to the step, Enter opens it, arrows and Space answer."""
    page.locator("body").click(position={"x": 1, "y": 1})
    tab_to(page, page.locator("#stap-triage summary"))
    page.keyboard.press("Enter")
    for question, answer in (("Is er acute onveiligheid?", "Nee"), ("Is er structurele onveiligheid?", "Ja")):
        choice = page.get_by_role("group", name=question).get_by_label(answer, exact=True)
        tab_to(page, page.get_by_role("group", name=question).get_by_label("Ja", exact=True))
        if answer == "Nee":
            page.keyboard.press("ArrowDown")
        page.keyboard.press("Space")
        expect(choice).to_be_checked()
    tab_to(page, page.get_by_role("button", name="Toon de passende besluiten"))
    page.keyboard.press("Enter")
    decisions = page.get_by_role("group", name=re.compile("^Besluit"))
    expect(decisions.get_by_label("Afsluiten")).to_have_count(0)  # not with structural unsafety
    tab_to(page, decisions.get_by_role("radio").first)
    while not decisions.get_by_label("Onderzoek", exact=True).evaluate("e => e === document.activeElement"):
        page.keyboard.press("ArrowDown")
    page.keyboard.press("Space")
    tab_to(page, open_step(page, "triage").get_by_role("button", name="Triage (veiligheidsbeoordeling)"))
    page.keyboard.press("Enter")
    expect(page.get_by_role("status")).to_contain_text("Vastgelegd")


def melder_sees_status_only(keten: Keten, huisarts: Worker, status: str) -> None:
    page = huisarts.goto(keten.url, "/mijn-meldingen")
    reload_until(page, status, "#mijn-meldingen")
    text = page.locator("main").inner_text()
    assert not [secret for secret in SECRETS if secret in text], text
    check_accessible(page)


def run_the_plan(keten: Keten, team: Worker, screenshots: Path) -> None:
    """The lokaal team: the proposal without names, then the case, the meeting, the regisseur
    and the family's one plan to a self-reliant close."""
    page = team.goto(keten.url, "/overdrachten")
    reload_until(page, "Lokaal team", "section[aria-labelledby=voorstellen-kop]")
    assert not [secret for secret in SECRETS if secret in page.locator("main").inner_text()]
    page.get_by_role("button", name=re.compile("^Aanvaarden")).click()
    for step, button, fields in (
        ("planJointMeeting", "Gezamenlijk gesprek plannen", {"Datum en tijd": "2030-02-01T14:00"}),
        ("holdJointMeeting", "Gezamenlijk gesprek gehouden", {}),
        ("nameRegisseur", "Regisseur benoemen", {}),
        ("completeHandover", "Overdracht afronden", {}),
        ("startPlan", "Plan starten", {}),
    ):
        reload_until(page, button, "section[aria-labelledby=zaken-kop]")
        section = page.locator(f"[id$='-{step}']").first
        section.locator("summary").click()
        for label, value in fields.items():
            section.get_by_label(label).fill(value)
        section.get_by_role("button", name=button).click()
        expect(page.get_by_role("status")).to_contain_text("Vastgelegd")
    plan_step(page, "setGoal", "Doel stellen", {"Doel": "meneer en mevrouw wonen veilig"})
    plan_step(page, "planAction", "Actie plannen", {"Actie": "verhuizing naar het woon-zorgcomplex",
                                                    "Uiterlijk": "2030-03-01"})  # fmt: skip
    reload_until(page, "verhuizing naar het woon-zorgcomplex", ".plan")
    page.get_by_role("button", name=re.compile("^Afgerond")).click()
    expect(page.get_by_role("status")).to_contain_text("Vastgelegd")
    plan_step(page, "evaluatePlan", "Evalueren", {"Samenvatting": "de agressie is gestopt"},
              radio=("Redt het gezin het zelf?", "Ja"))  # fmt: skip
    reload_until(page, "het gezin redt het zelf", ".plan")
    look(page, "plan", screenshots)
    check_accessible(page)
    page.reload()
    plan_step(page, "closePlan", "Plan sluiten", {})
    reload_until(page, "gesloten", ".plan h4")


def plan_step(
    page: Page, step: str, button: str, fields: dict[str, str], radio: tuple[str, str] | None = None
) -> None:
    reload_until(page, button, "section[aria-labelledby=zaken-kop]")
    section = page.locator(f"[id$='-{step}']").first
    section.locator("summary").click()
    for label, value in fields.items():
        section.get_by_label(label, exact=False).first.fill(value)
    if radio:
        section.get_by_role("group", name=radio[0]).get_by_label(radio[1], exact=True).check()
    section.get_by_role("button", name=button).click()
    expect(page.get_by_role("status")).to_contain_text("Vastgelegd")
