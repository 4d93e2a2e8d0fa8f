"""Transport limits on a fake ASGI app: size counted as it arrives, time, and JSON answers only."""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import Callable
from typing import Any

import pytest

from gateway.transport import ASGIApp, LimitedTransport, Message, Receive, Scope, Send, TransportLimits

LIMITS = TransportLimits(max_body_bytes=200_000, timeout_seconds=0.2)
QUERY = json.dumps({"query": "{ me { id } }"}).encode()
JSON = [(b"content-type", b"application/json")]


class Echo:
    """The app behind the limits: answers with the body it was given."""

    def __init__(self) -> None:
        self.calls = 0

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        self.calls += 1
        body = (await receive())["body"]
        headers = [(k, v) for k, v in scope["headers"] if k == b"content-type"]
        await send({"type": "http.response.start", "status": 200, "headers": headers})
        await send({"type": "http.response.body", "body": body})


async def call(
    app: ASGIApp, chunks: list[bytes], headers: list[tuple[bytes, bytes]] | None = None, **scope: Any
) -> tuple[int, dict[str, Any] | bytes]:
    """One HTTP request through the limits; returns the status and the (JSON) body answered."""
    messages = [
        {"type": "http.request", "body": c, "more_body": i < len(chunks) - 1} for i, c in enumerate(chunks)
    ]
    sent: list[Message] = []

    async def receive() -> Message:
        return messages.pop(0) if messages else {"type": "http.disconnect"}

    async def send(message: Message) -> None:
        sent.append(message)

    request = {
        "type": "http",
        "method": "POST",
        "path": "/graphql",
        "headers": JSON if headers is None else headers,
    }
    await LimitedTransport(app, LIMITS)(request | scope, receive, send)
    status, body = sent[0]["status"], b"".join(m.get("body", b"") for m in sent[1:])
    is_json = any(v == b"application/json" for k, v in sent[0]["headers"] if k == b"content-type")
    return status, json.loads(body) if is_json else body


def code(answer: dict[str, Any] | bytes) -> str:
    assert isinstance(answer, dict), answer
    return str(answer["errors"][0]["extensions"]["code"])


async def test_a_body_within_the_limit_reaches_the_app_whole() -> None:
    app = Echo()
    assert await call(app, [QUERY[:5], QUERY[5:]]) == (200, json.loads(QUERY))
    assert app.calls == 1


async def test_a_declared_length_over_the_limit_is_refused_before_the_body_is_read() -> None:
    app = Echo()
    status, answer = await call(app, [b""], [*JSON, (b"content-length", b"200001")])
    assert (status, code(answer), app.calls) == (413, "PAYLOAD_TOO_LARGE", 0)


async def test_a_chunked_body_is_cut_off_once_it_passes_the_limit() -> None:
    app = Echo()
    status, answer = await call(app, [b" " * 100_000, b" " * 100_001, b"never read"])
    assert (status, code(answer), app.calls) == (413, "PAYLOAD_TOO_LARGE", 0)


MALFORMED = {
    "a JSON string": (b'"hello"', "MALFORMED_REQUEST"),
    "a JSON number": (b"12", "MALFORMED_REQUEST"),
    "a batch": (b"[" + QUERY + b"]", "MALFORMED_REQUEST"),
    "no query": (b"{}", "MALFORMED_REQUEST"),
    "a query that is a number": (b'{"query": 12}', "MALFORMED_REQUEST"),
    "variables that are a string": (b'{"query": "{ me { id } }", "variables": "x"}', "MALFORMED_REQUEST"),
    "not JSON": (b"query { me { id } }", "MALFORMED_REQUEST"),
    "JSON nested 50,000 deep": (b"[" * 50_000 + b"]" * 50_000, "MALFORMED_REQUEST"),
    "bytes that are not UTF-8": (b'{"query": "\xff\xfe"}', "MALFORMED_REQUEST"),
}


@pytest.mark.parametrize(("body", "expected"), MALFORMED.values(), ids=MALFORMED.keys())
async def test_a_malformed_graphql_body_is_refused_with_a_json_error(body: bytes, expected: str) -> None:
    app = Echo()
    status, answer = await call(app, [body], headers=JSON)
    assert (status, code(answer), app.calls) == (400, expected, 0)


@pytest.mark.parametrize(
    "content_type",
    [b"text/plain", b"application/x-www-form-urlencoded", b"application/json; charset=latin-1"],
)
async def test_a_graphql_body_of_another_type_is_unsupported(content_type: bytes) -> None:
    status, answer = await call(Echo(), [QUERY], [(b"content-type", content_type)])
    assert (status, code(answer)) == (415, "UNSUPPORTED_MEDIA_TYPE")


async def test_a_form_posted_to_another_path_is_left_to_that_page() -> None:
    form = [(b"content-type", b"application/x-www-form-urlencoded")]
    assert await call(Echo(), [b"name=x"], form, path="/web/signals") == (200, b"name=x")


async def test_a_body_that_does_not_arrive_in_time_is_a_request_timeout() -> None:
    app, sent = Echo(), []

    async def stalled() -> Message:
        await asyncio.sleep(1.0)
        return {"type": "http.request", "body": QUERY}

    async def send(message: Message) -> None:
        sent.append(message)

    request = {"type": "http", "method": "POST", "path": "/graphql", "headers": JSON}
    await LimitedTransport(app, LIMITS)(request, stalled, send)

    assert (sent[0]["status"], app.calls) == (408, 0)
    assert json.loads(sent[1]["body"])["errors"][0]["extensions"]["code"] == "REQUEST_TIMEOUT"


async def test_an_answer_that_takes_too_long_is_a_request_timeout() -> None:
    async def sleepy(scope: Scope, receive: Receive, send: Send) -> None:
        await asyncio.sleep(1.0)

    status, answer = await call(sleepy, [QUERY])
    assert (status, code(answer)) == (503, "REQUEST_TIMEOUT")


async def test_an_app_that_fails_answers_json_and_logs_one_line_without_traceback(
    caplog: pytest.LogCaptureFixture,
) -> None:
    async def broken(scope: Scope, receive: Receive, send: Send) -> None:
        raise KeyError("personal value")

    with caplog.at_level(logging.INFO, logger="keten.gateway"):
        status, answer = await call(broken, [QUERY])

    assert (status, code(answer)) == (500, "INTERNAL_SERVER_ERROR")
    assert [r.exc_info for r in caplog.records] == [None, None]
    assert "personal value" not in caplog.text


def plain(status: int) -> Callable[[Scope, Receive, Send], Any]:
    async def app(scope: Scope, receive: Receive, send: Send) -> None:
        await send(
            {"type": "http.response.start", "status": status, "headers": [(b"content-type", b"text/plain")]}
        )
        await send({"type": "http.response.body", "body": b"Batching is not enabled"})

    return app


@pytest.mark.parametrize(("status", "expected"), [(400, "MALFORMED_REQUEST"), (405, "METHOD_NOT_ALLOWED")])
async def test_a_plain_text_error_of_graphql_becomes_json(status: int, expected: str) -> None:
    answer = await call(plain(status), [QUERY], method="PUT")
    assert (answer[0], code(answer[1])) == (status, expected)


async def test_a_refusal_leaves_one_short_log_line(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.INFO, logger="keten.gateway"):
        await call(Echo(), [b'"hello"'])
    assert [r.getMessage() for r in caplog.records] == ["refused POST /graphql: 400 MALFORMED_REQUEST"]
