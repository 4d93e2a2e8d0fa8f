"""Veilig Thuis in the browser: the werkvoorraad, the case page, its steps, break-the-glass.

Each handler runs the GraphQL operation the page stands for (`operations`), so the page
refuses, logs and answers exactly as the query or mutation does.
"""

from __future__ import annotations

from typing import Any

from starlette.responses import RedirectResponse, Response

from domain.cases.phase import Phase
from domain.cases.steps import TRANSFER_UNDER_WAY, open_steps
from domain.cases.triage import TriageDecision, open_decisions
from gateway.web.cases import choices, forms, labels, operations
from gateway.web.cases.directory import colleagues_once, sociale_kaart
from gateway.web.messages import refusal
from gateway.web.page import Outcome, Visit, signed_in

FROM_WERKVOORRAAD = frozenset({"acceptTransfer", "declineTransfer"})  # no case page before acceptance
REFUSED_STATUS = {"NOT_FOUND": 404, "FORBIDDEN": 403, "UNAUTHENTICATED": 401}


@signed_in
async def werkvoorraad(visit: Visit) -> Response:
    outcome = await visit.run(operations.WERKVOORRAAD)
    if outcome.data is None:
        return refused(visit, outcome)
    kind = visit.request.query_params.get("soort") or None
    deadlines = [d for d in outcome.data["deadlines"] if kind in (None, d["kind"])]
    names = {entry.id: entry.name for entry in sociale_kaart(visit.services)}
    return visit.page("cases/werkvoorraad.html", deadlines=deadlines, kind=kind, kinds=labels.DEADLINE,
                      transfers=outcome.data["transferProposals"], names=names, labels=labels,
                      done=visit.request.query_params.get("gedaan"))  # fmt: skip


@signed_in
async def case_page(visit: Visit) -> Response:
    case_id = visit.request.path_params["case_id"]
    outcome = await visit.run(operations.CASE, id=case_id)
    if outcome.data is None:
        return refused(visit, outcome, case_id)
    return show_case(visit, outcome.data["case"])


@signed_in
async def case_step(visit: Visit) -> Response:
    case_id, step = visit.request.path_params["case_id"], visit.request.path_params["step"]
    if step not in operations.STEP_ARGUMENTS:
        return visit.page("fout.html", 404, refusal=refusal("NOT_FOUND"))
    variables = forms.step_variables(step, visit.form, case_id)
    done = await visit.run(operations.step_mutation(step), **variables)
    if step in FROM_WERKVOORRAAD or visit.form.get("terug") == "werkvoorraad":
        if done.data is None:
            return refused(visit, done, status=400)
        return RedirectResponse(f"/werkvoorraad?gedaan={step}", status_code=303)
    if done.data is not None:
        return RedirectResponse(f"/zaken/{case_id}?gedaan={step}#tijdlijn", status_code=303)
    current = await visit.run(operations.CASE, id=case_id)
    if current.data is None:
        return refused(visit, current, case_id)
    return show_case(visit, current.data["case"], status=400, failed=step, outcome=done)


@signed_in
async def break_the_glass(visit: Visit) -> Response:
    case_id = visit.request.path_params["case_id"]
    outcome = await visit.run(operations.BREAK_THE_GLASS, caseId=case_id, reason=visit.form.get("reason", ""))
    if outcome.data is None:
        return refused(visit, outcome, case_id, status=400)
    return show_case(visit, outcome.data["breakTheGlass"], glass=True)


def show_case(
    visit: Visit,
    case: dict[str, Any],
    status: int = 200,
    failed: str | None = None,
    outcome: Outcome | None = None,
    glass: bool = False,
) -> Response:
    phase = Phase(case["phase"])
    query = visit.request.query_params
    assessed = (query.get("acuut") or visit.form.get("acuteUnsafety"),
                query.get("structureel") or visit.form.get("structuralUnsafety"))  # fmt: skip
    return visit.page(
        "cases/zaak.html",
        status,
        case=case,
        steps=offered(case, phase),
        failed=failed,
        errors=outcome.by_field() if outcome else {},
        general=outcome.general() if outcome else [],
        kept=visit.form if failed else {},
        done=query.get("gedaan"),
        assessed=assessed,
        glass=glass,
        labels=labels,
        colleagues=colleagues_once(visit.services, visit.principal),
        **choices.form_options(case, sociale_kaart(visit.services), _decisions(case, *assessed)),
    )


def offered(case: dict[str, Any], phase: Phase) -> list[str]:
    """The phase's steps; a terugkoppeling only while one is due, a transfer's meeting and
    completion only while it is under way (and no second proposal meanwhile)."""
    owed = any(d["kind"].startswith("TERUGKOPPELING") for d in case["deadlines"])
    transfers = [e["kind"] for e in case["dossier"] if e["kind"].startswith("Transfer")]
    under_way = bool(transfers) and transfers[-1] in (
        "TransferProposed",
        "TransferAccepted",
        "TransferMeetingHeld",
    )
    hidden = {"sendTerugkoppeling"} if not owed else set()
    hidden |= {"proposeTransfer"} if under_way else set(TRANSFER_UNDER_WAY)
    return [s for s in open_steps(phase) if s not in hidden]


def _decisions(case: dict[str, Any], acute: str | None, structural: str | None) -> list[str]:
    """The triage decisions the safety assessment allows (once both answers are given)."""
    if acute not in ("ja", "nee") or structural not in ("ja", "nee"):
        return []
    allowed = open_decisions(acute == "ja", structural == "ja", case["anonymous"])
    return [d.value for d in TriageDecision if d in allowed]


def refused(
    visit: Visit, outcome: Outcome, case_id: str | None = None, status: int | None = None
) -> Response:
    """The refusal GraphQL gave, as its Dutch sentence; nothing of the case."""
    code = outcome.refusals[0].code if outcome.refusals else "INTERNAL_SERVER_ERROR"
    return visit.page(
        "cases/geweigerd.html",
        status or REFUSED_STATUS.get(code, 400),
        refusals=outcome.refusals,
        case_id=case_id,
        form=visit.form,
    )
