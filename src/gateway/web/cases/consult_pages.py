"""The vertrouwensarts in the browser: "Mijn consulten" (the cases they are involved in, while
in triage or onderzoek) and the consulted case — people without BSN, and the dossier — through
`consultedCases` and `consultedCase`, so the page refuses and logs as GraphQL does. The one
step GraphQL lets them take there is the expert's advice (`consultExpert`), which the
resolver allows a worker of the case's own Veilig Thuis only."""

from __future__ import annotations

from typing import Any

from starlette.responses import RedirectResponse, Response

from domain.cases.phase import Phase
from domain.cases.steps import open_steps
from gateway.web.cases import forms, labels, operations
from gateway.web.cases.vt_pages import refused
from gateway.web.page import Outcome, Visit, signed_in

STEP = "consultExpert"


@signed_in
async def consulten(visit: Visit) -> Response:
    outcome = await visit.run(operations.CONSULTED_CASES)
    if outcome.data is None:
        return refused(visit, outcome)
    return visit.page("cases/consulten.html", cases=outcome.data["consultedCases"], labels=labels)


@signed_in
async def consulted_case(visit: Visit) -> Response:
    outcome = await visit.run(operations.CONSULTED_CASE, id=visit.request.path_params["case_id"])
    if outcome.data is None:
        return refused(visit, outcome)
    return _show(visit, outcome.data["consultedCase"])


@signed_in
async def advise(visit: Visit) -> Response:
    case_id = visit.request.path_params["case_id"]
    done = await visit.run(operations.step_mutation(STEP), **forms.step_variables(STEP, visit.form, case_id))
    if done.data is not None:
        return RedirectResponse(f"/consulten/{case_id}?gedaan=1#tijdlijn", status_code=303)
    current = await visit.run(operations.CONSULTED_CASE, id=case_id)
    if current.data is None:
        return refused(visit, current)
    return _show(visit, current.data["consultedCase"], 400, done)


def _show(visit: Visit, case: dict[str, Any], status: int = 200, failed: Outcome | None = None) -> Response:
    return visit.page(
        "cases/consult.html",
        status,
        case=case,
        advisable=STEP in open_steps(Phase(case["phase"])),
        errors=failed.by_field() if failed else {},
        general=failed.general() if failed else [],
        kept=visit.form if failed else {},
        done=visit.request.query_params.get("gedaan"),
        labels=labels,
    )
