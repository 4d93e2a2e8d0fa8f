"""The ASGI application: GraphQL (and GraphiQL) at /graphql; /healthz, /readyz and /metrics
(`gateway.health`); the web pages (`gateway.web`) everywhere else."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import orjson
from starlette.requests import Request
from starlette.websockets import WebSocket
from strawberry.asgi import GraphQL

from gateway.context import Context, Services
from gateway.health import Health, NothingChecked, alive, metrics, readiness, respond
from gateway.request_body import decode_json
from gateway.schema import schema
from gateway.web.app import build_web

Scope = dict[str, Any]
ASGIApp = Callable[..., Any]


class KetenGraphQL(GraphQL[Context, None]):
    def __init__(self, services: Services) -> None:
        super().__init__(schema, graphql_ide="graphiql", allow_queries_via_get=False)
        self.services = services

    async def get_context(self, request: Request | WebSocket, response: Any = None) -> Context:
        address = request.client.host if request.client else "-"
        return Context(
            self.services,
            request.headers.get("authorization"),
            client_address=address,
            response=response,
            one_request=isinstance(request, Request),
        )

    def decode_json(self, data: str | bytes) -> object:
        return decode_json(data)

    def encode_json(self, data: object) -> bytes:
        # orjson: compact UTF-8, about ten times faster than json.dumps on a large answer (a
        # werkvoorraad of 1,000 deadlines is ~100 KB). A GraphQL result holds only JSON values.
        return orjson.dumps(data)


def build_asgi(services: Services, health: Health | None = None) -> ASGIApp:
    graphql, web = KetenGraphQL(services), build_web(services)
    checked = health or NothingChecked()

    async def app(scope: Scope, receive: Any, send: Any) -> None:
        path = scope.get("path", "")
        if scope["type"] == "lifespan":
            await _lifespan(receive, send)
        elif path == "/healthz":
            await alive(send)
        elif path == "/readyz":
            await readiness(send, checked)
        elif path == "/metrics":
            await metrics(send, checked)
        elif path.rstrip("/") == "/graphql":
            await graphql(scope, receive, send)
        elif scope["type"] == "http":
            await web(scope, receive, send)
        else:
            await respond(send, 404, {"error": "not found; GraphQL lives at /graphql"})

    return app


async def _lifespan(receive: Any, send: Any) -> None:
    while True:
        message = await receive()
        if message["type"] == "lifespan.startup":
            await send({"type": "lifespan.startup.complete"})
        elif message["type"] == "lifespan.shutdown":
            await send({"type": "lifespan.shutdown.complete"})
            return
