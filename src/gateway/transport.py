"""Transport limits around the gateway's ASGI app: body size, time, and JSON answers only.

Every HTTP request is read here first, counting bytes as they arrive (a chunked body without
Content-Length is cut off too) and within a time limit; a GraphQL POST must then be one JSON
operation (`request_body`). A refusal is a GraphQL-style JSON error with a stable code and one
short log line, never a traceback. WebSocket messages are limited by uvicorn (`ws_max_size`).
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import Awaitable, Callable, MutableMapping
from dataclasses import dataclass
from typing import Any

from gateway.request_body import BodyRefused, check_graphql_body

log = logging.getLogger("keten.gateway")

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]
GRAPHQL_PATHS = frozenset({"/graphql"})  # other paths are web pages, with bodies of their own
# Server-sent event streams: their bodies are limited like any other, their answer is not timed
# (the stream bounds its own length: gateway.web.matches.LIVE_SECONDS).
STREAM_PATHS = frozenset({"/matches/live"})


@dataclass(frozen=True)
class TransportLimits:
    max_body_bytes: int = 256 * 1024
    timeout_seconds: float = 10.0


class LimitedTransport:
    """Wraps an ASGI app; only HTTP is limited here (lifespan and WebSocket pass through)."""

    def __init__(self, app: ASGIApp, limits: TransportLimits) -> None:
        self.app, self.limits = app, limits

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        response = Response(send, graphql=is_graphql(scope))
        try:
            await self._serve(scope, receive, response)
        except BodyRefused as refusal:
            await response.refuse(scope, refusal)
        except Exception as error:  # the last line of defence: one log line, no traceback, JSON
            log.error("unexpected %s serving %s", type(error).__name__, scope.get("path"))
            await response.refuse(scope, BodyRefused(500, "INTERNAL_SERVER_ERROR", "Unexpected error."))

    async def _serve(self, scope: Scope, receive: Receive, response: Response) -> None:
        loop = asyncio.get_running_loop()
        deadline = loop.time() + self.limits.timeout_seconds
        try:
            async with asyncio.timeout_at(deadline):
                body = await read_body(scope, receive, self.limits.max_body_bytes)
        except TimeoutError:
            raise BodyRefused(408, "REQUEST_TIMEOUT", "the body did not arrive in time") from None
        if scope["method"] == "POST" and is_graphql(scope):
            check_graphql_body(header(scope, b"content-type"), body)
        if scope.get("path") in STREAM_PATHS:
            await self.app(scope, replay(body, receive), response.send)
            return
        try:
            async with asyncio.timeout_at(deadline):
                await self.app(scope, replay(body, receive), response.send)
        except TimeoutError:
            raise BodyRefused(503, "REQUEST_TIMEOUT", "the request took too long") from None


class Response:
    """Passes the app's answer on; strawberry's plain-text errors become JSON ones with a code."""

    def __init__(self, send: Send, graphql: bool) -> None:
        self._send, self._graphql, self.started = send, graphql, False

    async def send(self, message: Message) -> None:
        if message["type"] == "http.response.start":
            status = message["status"]
            if self._graphql and status >= 400 and not _is_json(message.get("headers", [])):
                raise BodyRefused(status, _code_of(status), _MESSAGES.get(status, "malformed request"))
            self.started = True
        await self._send(message)

    async def refuse(self, scope: Scope, refusal: BodyRefused) -> None:
        log.info("refused %s %s: %d %s", scope.get("method"), scope.get("path"), refusal.status, refusal.code)
        if self.started:
            return  # the answer is on its way; nothing more can be said
        body = json.dumps({"data": None, "errors": [_error(refusal)]}).encode()
        headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
        await self._send({"type": "http.response.start", "status": refusal.status, "headers": headers})
        await self._send({"type": "http.response.body", "body": body})


async def read_body(scope: Scope, receive: Receive, limit: int) -> bytes:
    declared = header(scope, b"content-length")
    if declared is not None and (not declared.isdigit() or int(declared) > limit):
        raise BodyRefused(413, "PAYLOAD_TOO_LARGE", f"the body may hold at most {limit} bytes")
    chunks, size, more = [], 0, True
    while more:
        message = await receive()
        if message["type"] == "http.disconnect":
            break
        chunk = message.get("body", b"")
        size += len(chunk)
        if size > limit:
            raise BodyRefused(413, "PAYLOAD_TOO_LARGE", f"the body may hold at most {limit} bytes")
        chunks.append(chunk)
        more = message.get("more_body", False)
    return b"".join(chunks)


def replay(body: bytes, receive: Receive) -> Receive:
    """The body read already, once; after it the client's own messages (a disconnect)."""
    sent = False

    async def next_message() -> Message:
        nonlocal sent
        if sent:
            return await receive()
        sent = True
        return {"type": "http.request", "body": body, "more_body": False}

    return next_message


def header(scope: Scope, name: bytes) -> str | None:
    found = [value for key, value in scope.get("headers", []) if key.lower() == name]
    return found[-1].decode("latin-1") if found else None


def is_graphql(scope: Scope) -> bool:
    return str(scope.get("path", "")).rstrip("/") in GRAPHQL_PATHS


def _is_json(headers: list[tuple[bytes, bytes]]) -> bool:
    return any(k.lower() == b"content-type" and b"json" in v.lower() for k, v in headers)


_MESSAGES = {
    400: "POST one GraphQL operation as JSON (GET serves GraphiQL only)",
    405: "GraphQL takes POST (and GET for GraphiQL)",
    500: "Unexpected error.",
}


def _code_of(status: int) -> str:
    codes = {405: "METHOD_NOT_ALLOWED", 413: "PAYLOAD_TOO_LARGE", 415: "UNSUPPORTED_MEDIA_TYPE"}
    return codes.get(status, "INTERNAL_SERVER_ERROR" if status >= 500 else "MALFORMED_REQUEST")


def _error(refusal: BodyRefused) -> dict[str, Any]:
    return {"message": refusal.message, "extensions": {"code": refusal.code}}
