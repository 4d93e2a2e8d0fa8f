"""After a match, in the browser: who coordinates (accept, hand over), contact confirmed; the
regievoerder's view of coordination and contact, with the matches still without contact; and
the informing of the young person and parents per signal (Jw 7.1.5), with what is still owed."""

from __future__ import annotations

from typing import Any

from starlette.responses import RedirectResponse, Response

from gateway.web.after_match import operations as ops
from gateway.web.cases import forms
from gateway.web.cases.vt_pages import refused
from gateway.web.messages import refusal
from gateway.web.page import Outcome, Visit, signed_in

AFTER_MATCH, REGIE, INFORMING = "/na-de-match", "/gemeente/contact", "/signalen/informeren"
INFORMEES = ("YOUTH", "PARENT")
# A posted command: its document, the page it returns to, and the variables read from the form.
COMMANDS: dict[str, tuple[str, str, tuple[str, ...]]] = {
    "coordineren": (ops.ACCEPT, AFTER_MATCH, ("matchId",)),
    "overdragen": (ops.HAND_OVER, AFTER_MATCH, ("matchId", "professionalId")),
    "contact": (ops.CONFIRM, AFTER_MATCH, ("matchId",)),
    "toewijzen": (ops.ASSIGN, REGIE, ("matchId", "professionalId")),
    "geinformeerd": (ops.RECORD, INFORMING, ("signalId",)),
    "uitstellen": (ops.POSTPONE, INFORMING, ("signalId", "reason", "revisitOn")),
}


@signed_in
async def after_match(visit: Visit) -> Response:
    return await _page(visit, ops.MY_MATCHES, "after_match/na_de_match.html")


@signed_in
async def regie(visit: Visit) -> Response:
    return await _page(visit, ops.REGIE, "after_match/contact.html")


@signed_in
async def informing(visit: Visit) -> Response:
    return await _page(visit, ops.OWED, "after_match/informeren.html")


@signed_in
async def command(visit: Visit) -> Response:
    name = visit.request.path_params["command"]
    if name not in COMMANDS:
        return visit.page("fout.html", 404, refusal=refusal("NOT_FOUND"))
    document, page, fields = COMMANDS[name]
    variables: dict[str, Any] = {field: forms.text(visit.form, field) for field in fields}
    if name == "geinformeerd":
        variables["informed"] = [who for who in INFORMEES if forms.flag(visit.form, f"informed_{who}")]
    outcome = await visit.run(document, **variables)
    target = fields[0].removesuffix("Id")
    if outcome.data is not None:
        return RedirectResponse(f"{page}?gedaan={name}#{target}-{variables[fields[0]]}", status_code=303)
    template = {AFTER_MATCH: "after_match/na_de_match.html", REGIE: "after_match/contact.html"}.get(
        page, "after_match/informeren.html"
    )
    query = {AFTER_MATCH: ops.MY_MATCHES, REGIE: ops.REGIE}.get(page, ops.OWED)
    return await _page(
        visit, query, template, status=400, failed=(variables[fields[0]], name), refused_by=outcome
    )


async def _page(
    visit: Visit,
    query: str,
    template: str,
    status: int = 200,
    failed: tuple[str, str] | None = None,
    refused_by: Outcome | None = None,
) -> Response:
    outcome = await visit.run(query)
    if outcome.data is None:
        return refused(visit, outcome)
    return visit.page(
        template,
        status,
        data=outcome.data,
        failed=failed,
        errors=refused_by.by_field() if refused_by else {},
        general=[r.message for r in refused_by.refusals] if refused_by else [],
        kept=visit.form if failed else {},
        done=visit.request.query_params.get("gedaan"),
    )
