"""axe-core on the case and after-a-match pages the two walks do not reach, each as its role
sees it: no serious or critical violation."""

from __future__ import annotations

from tests.browser.case_steps import Desks, check_accessible
from tests.browser.people import Admin
from tests.e2e.harness import Keten

PAGES = {
    ("Veilig Thuis Zeeland", "VT_MEDEWERKER", "VEILIG_THUIS"): (
        "/",
        "/advies",
        "/werkvoorraad?soort=ONDERZOEK",
    ),
    ("Basisschool De Wilg", "SIGNALLER", "ONDERWIJS"): ("/na-de-match", "/signalen/informeren", "/melding"),
    ("Gemeente Goes", "REGIEVOERDER", "GEMEENTE"): ("/gemeente/contact",),
    ("Inspectie", "AUDITOR", "OVERIG"): ("/audit/zaak", "/audit/toegang", "/audit/doorbroken-regels"),
}


def test_every_case_page_passes_axe_core_for_its_role(keten: Keten, admin: Admin, desks: Desks) -> None:
    for (organisation, role, sector), paths in PAGES.items():
        worker = desks.sign_in(admin.invite(organisation, role, sector))
        for path in paths:
            page = worker.goto(keten.url, path)
            assert page.locator("h1").count() == 1, path
            check_accessible(page)
