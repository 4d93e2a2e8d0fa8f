"""What every page handler gets: the visit (form, session, CSRF) and a way to run an operation.

`signed_in` and `public` wrap a handler: they resume the session (or send the visitor to
sign in), refuse a POST without its CSRF token before the handler runs (so nothing is stored),
and set the cookies. `Visit.run` executes a GraphQL operation in this process with the
session's principal, so a page passes through the same resolvers, policy and access log.
"""

from __future__ import annotations

import hmac
import secrets
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any
from uuid import UUID

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from gateway.auth import Principal
from gateway.context import Context, Services
from gateway.schema import schema
from gateway.web.messages import Refusal, refusal
from gateway.web.render import render
from gateway.web.sessions import Session, SessionExpired

SESSION_COOKIE = "keten_session"
FORM_COOKIE = "keten_form"  # the CSRF token of forms shown before sign-in (double submit)
Handler = Callable[["Visit"], Awaitable[Response]]


@dataclass
class Outcome:
    data: dict[str, Any] | None
    refusals: list[Refusal] = field(default_factory=list)

    def by_field(self) -> dict[str, str]:
        return {r.field: r.message for r in self.refusals if r.field}

    def general(self) -> list[str]:
        return [r.message for r in self.refusals if not r.field]


@dataclass
class Visit:
    request: Request
    services: Services
    form: dict[str, str]
    csrf: str
    session: Session | None = None
    principal: Principal | None = None

    async def run(self, document: str, **variables: Any) -> Outcome:
        address = self.request.client.host if self.request.client else "-"
        context = Context(self.services, None, client_address=address, session=self.principal)
        result = await schema.execute(document, variable_values=variables, context_value=context)
        refusals = [refusal(*_code_and_field(error.extensions)) for error in result.errors or ()]
        return Outcome(result.data, refusals)

    def page(self, template: str, status: int = 200, **values: Any) -> Response:
        return render(
            self.request, template, status, csrf=self.csrf, principal=self.principal, me=self._me(), **values
        )

    def _me(self) -> Any:
        if self.principal is None or self.principal.professional_id is None:
            return None
        return self.services.identity.professional(self.principal.professional_id)


def signed_in(handler: Handler, touch: bool = True) -> Callable[[Request], Awaitable[Response]]:
    """For a page of a signed-in professional; `touch=False` for a request that is no activity."""

    async def endpoint(request: Request) -> Response:
        services: Services = request.app.state.services
        token = request.cookies.get(SESSION_COOKIE, "")
        try:
            session = services.web.sessions.resume(token, services.clock(), touch)
        except SessionExpired:
            target = "/aanmelden?verlopen=1" if token else "/aanmelden"
            response: Response = RedirectResponse(target, status_code=303)
            response.delete_cookie(SESSION_COOKIE, path="/")
            return response
        principal = _principal(services, session)
        visit = Visit(request, services, await _form(request), session.csrf, session, principal)
        if not _csrf_ok(request, visit):
            return visit.page("fout.html", 403, refusal=refusal("CSRF_REFUSED"))
        return await handler(visit)

    return endpoint


def public(handler: Handler) -> Callable[[Request], Awaitable[Response]]:
    async def endpoint(request: Request) -> Response:
        services: Services = request.app.state.services
        token = request.cookies.get(FORM_COOKIE) or secrets.token_urlsafe(24)
        visit = Visit(request, services, await _form(request), token)
        if not _csrf_ok(request, visit) or (request.method == "POST" and FORM_COOKIE not in request.cookies):
            response = visit.page("fout.html", 403, refusal=refusal("CSRF_REFUSED"))
        else:
            response = await handler(visit)
        set_cookie(request, response, FORM_COOKIE, token)
        return response

    return endpoint


def set_cookie(request: Request, response: Response, name: str, value: str) -> None:
    """HttpOnly, SameSite=Lax, and Secure whenever the visitor came over https."""
    secure = request.url.scheme == "https"
    response.set_cookie(name, value, path="/", httponly=True, samesite="lax", secure=secure)


def _principal(services: Services, session: Session) -> Principal:
    professional = services.identity.professional(UUID(session.professional_id))
    roles = frozenset(professional.roles)
    return Principal(professional.id, professional.organisation_id, roles, session.session_id)


async def _form(request: Request) -> dict[str, str]:
    if request.method != "POST":
        return {}
    form = await request.form()
    return {key: value for key, value in form.items() if isinstance(value, str)}


def _csrf_ok(request: Request, visit: Visit) -> bool:
    if request.method != "POST":
        return True
    return hmac.compare_digest(visit.form.get("csrf", ""), visit.csrf)


def _code_and_field(extensions: dict[str, Any] | None) -> tuple[str, str | None]:
    extensions = extensions or {}
    return str(extensions.get("code", "INTERNAL_SERVER_ERROR")), extensions.get("field")
