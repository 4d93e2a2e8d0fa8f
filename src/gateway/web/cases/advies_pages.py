"""Veilig Thuis records an advies: the question, the advice and the follow-up; no family data
exists on the form, as none exists in the domain. Below it, the worker's own adviezen; one
that proves serious becomes Veilig Thuis's own melding (`convertAdviesToMelding`) on the
meldformulier, which then asks the family's data for the first time."""

from __future__ import annotations

from typing import Any

from starlette.responses import RedirectResponse, Response

from gateway.web.cases import forms, operations
from gateway.web.cases.melder_pages import KINDS, MAX_ROWS, MORE_ROWS, ROWS, form_page, row_count
from gateway.web.cases.vt_pages import refused
from gateway.web.messages import refusal
from gateway.web.page import Outcome, Visit, signed_in

FIELDS = ("question", "advice", "followUp")


@signed_in
async def advies(visit: Visit) -> Response:
    if visit.request.method == "GET":
        return await _page(visit)
    values = {name: visit.form.get(name, "").strip() for name in FIELDS}
    caller = {
        "callerProfessionalId": forms.text(visit.form, "callerProfessionalId"),
        "callerOrganisationId": forms.text(visit.form, "callerOrganisationId"),
        "callerObjectsToRegistration": forms.flag(visit.form, "callerObjectsToRegistration"),
    }
    outcome = await visit.run(operations.GIVE_ADVIES, input=values | caller)
    if outcome.data is None:
        return await _page(visit, 400, kept=visit.form, errors=outcome.by_field(), general=outcome.general())
    return await _page(visit, given=outcome.data["giveAdvies"])


@signed_in
async def convert(visit: Visit) -> Response:
    """The meldformulier for one of the worker's own adviezen; sent, it opens the new case."""
    mine = await visit.run(operations.MY_ADVIEZEN)
    chosen = _chosen(mine, visit.request.path_params["advies_id"])
    if chosen is None:
        return refused(visit, mine if mine.data is None else Outcome(None, [refusal("NOT_FOUND")]))
    if visit.request.method == "GET":
        return form_page(visit, ROWS, advies=chosen)
    count = row_count(visit)
    if "meer" in visit.form:
        return form_page(visit, min(count + MORE_ROWS, MAX_ROWS), kept=True, advies=chosen)
    melding = forms.melding_input(visit.form, KINDS, count, recording=False)
    outcome = await visit.run(operations.CONVERT_ADVIES, adviesId=chosen["id"], input=melding)
    if outcome.data is None:
        return form_page(visit, count, True, 400, outcome.by_field(), outcome.general(), advies=chosen)
    return RedirectResponse(f"/zaken/{outcome.data['convertAdviesToMelding']}", status_code=303)


def _chosen(mine: Outcome, advies_id: str) -> dict[str, Any] | None:
    """The advies if it is the caller's and still open; else the page refuses as not found."""
    adviezen = mine.data["myAdviezen"] if mine.data else []
    return next((a for a in adviezen if a["id"] == advies_id and not a["meldingId"]), None)


async def _page(visit: Visit, status: int = 200, **values: Any) -> Response:
    mine = await visit.run(operations.MY_ADVIEZEN)
    if mine.data is None:
        return refused(visit, mine)
    shown = {"kept": {}, "errors": {}, "general": [], "given": None} | values
    return visit.page("cases/advies.html", status, adviezen=mine.data["myAdviezen"], **shown)
