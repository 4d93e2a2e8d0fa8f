"""Sign-in, sign-out, activation (password + TOTP enrolment) and one-time sign-in links."""

from __future__ import annotations

import logging

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from domain.errors import DomainError
from domain.validation import InputRefused
from gateway.throttle import RateLimited
from gateway.web.accounts import SignInFailed
from gateway.web.credentials import provisioning_uri, qr_svg
from gateway.web.messages import refusal
from gateway.web.page import SESSION_COOKIE, Visit, public, set_cookie, signed_in
from kernel.metrics import authentication_failed

log = logging.getLogger("keten.gateway")
LINK_STATUS = {"LINK_EXPIRED": 410, "LINK_UNKNOWN": 404}


@public
async def sign_in_form(visit: Visit) -> Response:
    query = visit.request.query_params
    notice = refusal("SESSION_EXPIRED") if "verlopen" in query else None
    return visit.page("aanmelden.html", notice=notice, signed_out="afgemeld" in query)


@public
async def sign_in(visit: Visit) -> Response:
    services, now, email = visit.services, visit.services.clock(), visit.form.get("email", "").strip().lower()
    address = _address(visit.request)
    throttles = services.throttles
    try:
        throttles.sign_ins.check(email, now)
        throttles.authentication.check(address, now)
        professional_id = services.web.accounts.sign_in(
            email, visit.form.get("password", ""), visit.form.get("code", ""), now
        )
    except RateLimited as limited:
        log.info("web sign-in refused: RATE_LIMITED")
        response = visit.page("aanmelden.html", 429, error=refusal("RATE_LIMITED"), email=email)
        response.headers["Retry-After"] = str(limited.retry_after)
        return response
    except SignInFailed:
        authentication_failed("web")
        throttles.sign_ins.hit(email, now)
        throttles.authentication.hit(address, now)
        log.info("web sign-in refused: SIGN_IN_FAILED")
        return visit.page("aanmelden.html", 401, error=refusal("SIGN_IN_FAILED"), email=email)
    return _start_session(visit, professional_id)


@signed_in
async def sign_out(visit: Visit) -> Response:
    visit.services.web.sessions.end(visit.request.cookies.get(SESSION_COOKIE, ""))
    response = RedirectResponse("/aanmelden?afgemeld=1", status_code=303)
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response


@public
async def sign_in_link(visit: Visit) -> Response:
    services = visit.services
    try:
        professional_id = services.web.accounts.sign_in_by_link(_token(visit), services.clock())
    except DomainError as error:
        return visit.page("fout.html", LINK_STATUS.get(error.code, 400), refusal=refusal(error.code))
    return _start_session(visit, professional_id)


@public
async def activation_form(visit: Visit) -> Response:
    try:
        _, email, secret = visit.services.web.accounts.enrolment(_token(visit), visit.services.clock())
    except DomainError as error:
        return visit.page("fout.html", LINK_STATUS.get(error.code, 400), refusal=refusal(error.code))
    return _enrolment_page(visit, email, secret, {})


@public
async def activate(visit: Visit) -> Response:
    accounts, now, form = visit.services.web.accounts, visit.services.clock(), visit.form
    try:
        password, repeated = form.get("password", ""), form.get("repeated", "")
        accounts.activate(_token(visit), password, repeated, form.get("code", ""), now)
    except InputRefused as refused:
        _, email, secret = accounts.enrolment(_token(visit), now)
        return _enrolment_page(visit, email, secret, {refused.field: refusal(refused.code).message}, 400)
    except DomainError as error:
        return visit.page("fout.html", LINK_STATUS.get(error.code, 400), refusal=refusal(error.code))
    return visit.page("geactiveerd.html")


def _enrolment_page(
    visit: Visit, email: str, secret: str, errors: dict[str, str], status: int = 200
) -> Response:
    qr = qr_svg(provisioning_uri(secret, email))
    return visit.page("activeren.html", status, email=email, secret=secret, qr=qr, errors=errors)


def _start_session(visit: Visit, professional_id: str) -> Response:
    token, _ = visit.services.web.sessions.start(professional_id, visit.services.clock())
    response = RedirectResponse("/", status_code=303)
    set_cookie(visit.request, response, SESSION_COOKIE, token)
    return response


def _token(visit: Visit) -> str:
    return str(visit.request.path_params["token"])


def _address(request: Request) -> str:
    return request.client.host if request.client else "-"
