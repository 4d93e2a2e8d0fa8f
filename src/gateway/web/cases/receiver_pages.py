"""The receiving organisation and the regisseur in the browser: handover proposals (ids, kind
and time only) to accept or decline; after acceptance the case, its joint meeting and
regisseur; the family's one plan, with its goals, agreements, actions and evaluation."""

from __future__ import annotations

from typing import Any

from starlette.responses import RedirectResponse, Response

from gateway.web.cases import forms, labels, operations
from gateway.web.cases.directory import colleagues_once
from gateway.web.cases.vt_pages import refused
from gateway.web.page import Outcome, Visit, signed_in

HANDOVERS = "/overdrachten"


@signed_in
async def handovers(visit: Visit) -> Response:
    return await _show(visit)


@signed_in
async def handover_step(visit: Visit) -> Response:
    case_id, step = visit.request.path_params["case_id"], visit.request.path_params["step"]
    arguments = operations.HANDOVER_ARGUMENTS.get(step)
    if arguments is None:
        return await _show(visit, status=404, failed=(case_id, step), done=None)
    outcome = await visit.run(
        operations.mutation(step, arguments), **forms.variables(arguments, visit.form, caseId=case_id)
    )
    if outcome.data is not None:
        return RedirectResponse(f"{HANDOVERS}?gedaan={step}#zaak-{case_id}", status_code=303)
    return await _show(visit, status=400, failed=(case_id, step), outcome=outcome)


@signed_in
async def plan_step(visit: Visit) -> Response:
    plan_id, step = visit.request.path_params["plan_id"], visit.request.path_params["step"]
    arguments = operations.PLAN_ARGUMENTS.get(step)
    if arguments is None:
        return await _show(visit, status=404, failed=(plan_id, step))
    given = {"planId": plan_id} | (
        {"actionId": visit.form.get("actionId", "")} if step == "completeAction" else {}
    )
    outcome = await visit.run(
        operations.mutation(step, arguments), **forms.variables(arguments, visit.form, **given)
    )
    if outcome.data is not None:
        return RedirectResponse(f"{HANDOVERS}?gedaan={step}#plan-{plan_id}", status_code=303)
    return await _show(visit, status=400, failed=(plan_id, step), outcome=outcome)


async def _show(
    visit: Visit,
    status: int = 200,
    failed: tuple[str, str] | None = None,
    outcome: Outcome | None = None,
    done: str | None = "",
) -> Response:
    proposals = await visit.run(operations.HANDOVER_PROPOSALS)
    accepted = await visit.run(operations.HANDED_OVER)
    regie = await visit.run(operations.REGIE_PLANS)
    for answer in (proposals, accepted, regie):
        if answer.data is None:
            return refused(visit, answer)
    assert proposals.data is not None and accepted.data is not None and regie.data is not None
    return visit.page(
        "cases/overdrachten.html",
        status,
        proposals=proposals.data["handoverProposals"],
        cases=accepted.data["handedOverCases"],
        regie=regie.data["regiePlans"],
        failed=failed,
        errors=outcome.by_field() if outcome else {},
        general=outcome.general() if outcome else [],
        kept=visit.form if failed else {},
        done=visit.request.query_params.get("gedaan") if done == "" else done,
        labels=labels,
        open_actions=open_actions,
        colleagues=colleagues_once(visit.services, visit.principal),
    )


def open_actions(plan: dict[str, Any]) -> list[dict[str, Any]]:
    """The plan's actions not completed yet (what "Mijn regie" counts and the plan lists)."""
    return [item for item in plan["items"] if item["kind"] == "ACTION" and not item["completedAt"]]
