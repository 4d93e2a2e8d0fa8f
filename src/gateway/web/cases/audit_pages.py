"""The auditor in the browser: a case as it was at a chosen moment, stepped through its own
timeline; the access log by client or user; the break-the-glass review. And Veilig Thuis's
subject access export, downloaded as a file (logged as an EXPORT by its resolver)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

from starlette.responses import Response

from gateway.web.cases import forms, labels, operations
from gateway.web.cases.vt_pages import refused
from gateway.web.page import Visit, signed_in

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


@signed_in
async def case_history(visit: Visit) -> Response:
    query = visit.request.query_params
    case_id, moment = (query.get("zaak") or "").strip(), forms.local_time(query, "moment")
    if not case_id:
        return visit.page("cases/audit_zaak.html", history=None, case_id="", moment="", labels=labels)
    now = visit.services.clock().astimezone(UTC).isoformat()
    outcome = await visit.run(operations.CASE_HISTORY, caseId=case_id, asOf=moment or now, now=now)
    if outcome.data is None:
        return refused(visit, outcome)
    then, timeline = outcome.data["then"], outcome.data["all"]["timeline"]
    return visit.page(
        "cases/audit_zaak.html",
        history=then,
        case_id=case_id,
        moment=picker_value(moment or now),
        steps=around(timeline, then["state"]["version"]),
        labels=labels,
    )


@signed_in
async def access_log(visit: Visit) -> Response:
    query = visit.request.query_params
    client, user = forms.text(query, "client"), forms.text(query, "gebruiker")
    lines: list[dict[str, Any]] | None = None
    if client or user:
        outcome = await visit.run(operations.ACCESS_LOG, clientId=client, userId=user)
        if outcome.data is None:
            return refused(visit, outcome)
        lines = outcome.data["accessLog"]
    return visit.page("cases/audit_log.html", lines=lines, client=client or "", user=user or "", review=False)


@signed_in
async def break_the_glass_review(visit: Visit) -> Response:
    outcome = await visit.run(operations.BREAK_THE_GLASS_REVIEW)
    if outcome.data is None:
        return refused(visit, outcome)
    lines = outcome.data["breakTheGlassReview"]
    return visit.page("cases/audit_log.html", lines=lines, client="", user="", review=True)


@signed_in
async def subject_access_export(visit: Visit) -> Response:
    case_id = visit.request.path_params["case_id"]
    person_id = visit.form.get("personId", "")
    outcome = await visit.run(operations.SUBJECT_ACCESS_EXPORT, caseId=case_id, personId=person_id)
    if outcome.data is None:
        return refused(visit, outcome, status=400 if outcome.refusals else None)
    name = f"inzage-{case_id[:8]}-{person_id[:8]}.json"
    headers = {"content-disposition": f'attachment; filename="{name}"'}
    return Response(outcome.data["subjectAccessExport"], media_type="application/json", headers=headers)


def around(timeline: list[dict[str, Any]], version: int) -> dict[str, Any]:
    """The moments of the events before and after the version shown: the step buttons."""
    earlier = [e for e in timeline if e["version"] < version]
    later = [e for e in timeline if e["version"] > version]
    # Links carry the event's exact time: a replay "as of" it includes the event itself.
    return {
        "previous": earlier[-1]["at"] if earlier else None,
        "next": later[0]["at"] if later else None,
        "all": timeline,
    }


def picker_value(moment: str) -> str:
    """A moment as a datetime-local value: Dutch time, to the second."""
    return datetime.fromisoformat(moment).astimezone(AMSTERDAM).strftime("%Y-%m-%dT%H:%M:%S")
