"""Veilig Thuis records an advies: the question, the advice and the follow-up; no family data
exists on the form, as none exists in the domain."""

from __future__ import annotations

from starlette.responses import Response

from gateway.web.cases import forms, operations
from gateway.web.page import Visit, signed_in

FIELDS = ("question", "advice", "followUp")


@signed_in
async def advies(visit: Visit) -> Response:
    if visit.request.method == "GET":
        return visit.page("cases/advies.html", kept={}, errors={}, general=[], given=None)
    values = {name: visit.form.get(name, "").strip() for name in FIELDS}
    caller = {
        "callerProfessionalId": forms.text(visit.form, "callerProfessionalId"),
        "callerOrganisationId": forms.text(visit.form, "callerOrganisationId"),
        "callerObjectsToRegistration": forms.flag(visit.form, "callerObjectsToRegistration"),
    }
    outcome = await visit.run(operations.GIVE_ADVIES, input=values | caller)
    if outcome.data is None:
        errors, general = outcome.by_field(), outcome.general()
        return visit.page(
            "cases/advies.html", 400, kept=visit.form, errors=errors, general=general, given=None
        )
    return visit.page("cases/advies.html", kept={}, errors={}, general=[], given=outcome.data["giveAdvies"])
