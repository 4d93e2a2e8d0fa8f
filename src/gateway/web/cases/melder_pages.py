"""The melder in the browser: "Melding doen" (the meldformulier) and "Mijn meldingen".

A VT_MEDEWERKER uses the same form to record someone else's melding (a neighbour's phone
call): then the melder's name and contact are asked too, and the resolver signals the
children in the verwijsindex, as `receiveMelding` does over GraphQL.
"""

from __future__ import annotations

from starlette.responses import RedirectResponse, Response

from domain.cases.intake import ConcernKind
from domain.identity.model import Role
from gateway.web.cases import forms, labels, operations
from gateway.web.cases.directory import sociale_kaart
from gateway.web.cases.vt_pages import refused
from gateway.web.page import Visit, signed_in

ROWS, MORE_ROWS, MAX_ROWS = 3, 2, 20
KINDS = [kind.value for kind in ConcernKind]


@signed_in
async def melding_form(visit: Visit) -> Response:
    if visit.request.method == "GET":
        return form_page(visit, ROWS)
    count = row_count(visit)
    if "meer" in visit.form:  # another row asked for: nothing is sent, the input stays
        return form_page(visit, min(count + MORE_ROWS, MAX_ROWS), kept=True)
    recording = _is_vt(visit)
    melding = forms.melding_input(visit.form, KINDS, count, recording)
    outcome = await visit.run(operations.RECEIVE_MELDING, input=melding)
    if outcome.data is None:
        return form_page(
            visit, count, kept=True, status=400, errors=outcome.by_field(), general=outcome.general()
        )
    case_id = outcome.data["receiveMelding"]["caseId"]
    target = f"/zaken/{case_id}" if recording else "/mijn-meldingen?ontvangen=1"
    return RedirectResponse(target, status_code=303)


@signed_in
async def my_meldingen(visit: Visit) -> Response:
    outcome = await visit.run(operations.MY_MELDINGEN)
    if outcome.data is None:
        return refused(visit, outcome)
    received = visit.request.query_params.get("ontvangen") == "1"
    return visit.page("cases/mijn_meldingen.html", meldingen=outcome.data["myMeldingen"], received=received,
                      labels=labels, names=_names(visit))  # fmt: skip


@signed_in
async def who_viewed(visit: Visit) -> Response:
    """Who read the caller's meldingen, by organisation: the melder's own check on need to know."""
    outcome = await visit.run(operations.WHO_VIEWED)
    if outcome.data is None:
        return refused(visit, outcome)
    received = {m["caseId"]: m["receivedAt"] for m in outcome.data["myMeldingen"]}
    return visit.page("cases/wie_las.html", viewings=outcome.data["whoViewedMyMeldingen"],
                      received=received, names=_names(visit), labels=labels)  # fmt: skip


def form_page(
    visit: Visit,
    count: int,
    kept: bool = False,
    status: int = 200,
    errors: dict[str, str] | None = None,
    general: list[str] | None = None,
    advies: dict[str, str] | None = None,
) -> Response:
    """The meldformulier; with an advies, the form that turns it into Veilig Thuis's melding."""
    kaart = sociale_kaart(visit.services)
    return visit.page(
        "cases/melding.html",
        status,
        rows=range(count),
        kept=visit.form if kept else {},
        errors=errors or {},
        general=general or [],
        kinds=KINDS,
        recording=_is_vt(visit) and advies is None,
        advies=advies,
        own_vt=str(visit.principal.organisation_id) if _is_vt(visit) and visit.principal else "",
        veilig_thuis=[e for e in kaart if e.sector == "VEILIG_THUIS"],
        organisations=[(e.id, e.name) for e in kaart],
        labels=labels,
    )


def row_count(visit: Visit) -> int:
    try:
        return max(ROWS, min(int(visit.form.get("rows", ROWS)), MAX_ROWS))
    except ValueError:
        return ROWS


def _is_vt(visit: Visit) -> bool:
    return visit.principal is not None and Role.VT_MEDEWERKER in visit.principal.roles


def _names(visit: Visit) -> dict[str, str]:
    """Organisation names for "overgenomen door" (the directory is no personal data)."""
    return {entry.id: entry.name for entry in sociale_kaart(visit.services)}
