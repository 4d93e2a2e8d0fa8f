"""The signaller's pages: "Signaal afgeven" and "Mijn signalen" (find by BSN, withdraw)."""

from __future__ import annotations

from starlette.responses import RedirectResponse, Response

from gateway.web.page import Visit, signed_in

REGISTER = """
mutation Register($input: RegisterSignalInput!) {
  registerSignal(input: $input) {
    signal { id status registeredAt expiresAt }
    earlierSignals { organisation { name } professional { name email phone } registeredAt endedAt }
  }
}"""
MY_SIGNALS = """
query MySignals($bsn: String) {
  mySignals(bsn: $bsn) { id status registeredAt expiresAt ownReference }
}"""
WITHDRAW = """
mutation Withdraw($id: ID!, $reason: WithdrawalReason!) {
  withdrawSignal(signalId: $id, reason: $reason) { id }
}"""
FIELDS = ("bsn", "birthDate", "municipalityCode", "ownReference")
REASONS = {"UNJUSTIFIED": "Het signaal was onterecht", "RISK_GONE": "Het risico is weg"}


@signed_in
async def home(visit: Visit) -> Response:
    return visit.page("start.html")


@signed_in
async def new_signal_form(visit: Visit) -> Response:
    return visit.page("signaal_afgeven.html", values={}, errors={}, general=[])


@signed_in
async def register_signal(visit: Visit) -> Response:
    values = {name: visit.form.get(name, "").strip() for name in FIELDS}
    given = {name: value for name, value in values.items() if value or name != "ownReference"}
    outcome = await visit.run(REGISTER, input=given)
    if outcome.refusals:
        errors, general = outcome.by_field(), outcome.general()
        return visit.page("signaal_afgeven.html", 400, values=values, errors=errors, general=general)
    assert outcome.data is not None
    return visit.page("signaal_geregistreerd.html", registration=outcome.data["registerSignal"])


@signed_in
async def my_signals(visit: Visit) -> Response:
    outcome = await visit.run(MY_SIGNALS)
    withdrawn = "ingetrokken" in visit.request.query_params
    return _list(visit, outcome.data, withdrawn=withdrawn)


@signed_in
async def find_signals(visit: Visit) -> Response:
    """By BSN, in the POST body only: the page asks mySignals(bsn), which stores nothing."""
    bsn = visit.form.get("bsn", "").strip()
    outcome = await visit.run(MY_SIGNALS, bsn=bsn)
    status = 400 if outcome.refusals else 200
    return _list(visit, outcome.data, status, bsn=bsn, errors=outcome.by_field())


@signed_in
async def withdraw_signal(visit: Visit) -> Response:
    signal_id = str(visit.request.path_params["signal_id"])
    outcome = await visit.run(WITHDRAW, id=signal_id, reason=visit.form.get("reason", ""))
    if outcome.refusals:
        listed = await visit.run(MY_SIGNALS)
        return _list(visit, listed.data, status=400, general=[r.message for r in outcome.refusals])
    return RedirectResponse("/signalen?ingetrokken=1", status_code=303)


def _list(visit: Visit, data: dict[str, object] | None, status: int = 200, **values: object) -> Response:
    signals = (data or {}).get("mySignals") or []
    return visit.page("mijn_signalen.html", status, signals=signals, reasons=REASONS, **values)
