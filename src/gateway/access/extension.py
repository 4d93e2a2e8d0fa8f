"""Writes the access lines a request noted before its answer leaves.

No line, no data: when the access log cannot be written, the answer is withheld — its data
replaced by a masked error — because personal data must never be served unrecorded.

Over HTTP the answer leaves when the operation ends. Over a WebSocket each result is sent as
it is yielded, while the operation still runs (a subscription's every push, and a query or
mutation sent over the socket): there the lines noted so far are written before each result
goes, in `on_stream_result`. One socket's operations share one context, and so one trail: a
result may take another operation's lines along, written early, never late.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from typing import Any

from eventsourcing.persistence import PersistenceError
from graphql import GraphQLError
from strawberry.extensions import SchemaExtension

from gateway.context import Context

log = logging.getLogger("keten.gateway")


class AccessLogExtension(SchemaExtension):
    async def on_operation(self) -> AsyncIterator[None]:
        yield
        await self._written_or_withheld(self.execution_context.result)

    async def on_stream_result(self, result: Any) -> AsyncIterator[None]:
        await self._written_or_withheld(result)
        yield

    async def _written_or_withheld(self, result: Any) -> None:
        context = self.execution_context.context
        if not isinstance(context, Context):
            return
        try:
            await context.write_access_log_together()
        except PersistenceError as error:
            log.error("access log not written (%s): the answer is withheld", type(error).__name__)
            _withhold(result)


class AccessNotWritten(Exception):
    """The cause a withheld answer carries: a stream's result is made public after this
    extension has withheld it (`gateway.errors.DomainErrors`), and masked as internal."""


def _withhold(result: Any) -> None:
    if result is not None:
        result.data = None
        cause = AccessNotWritten()
        internal = {"code": "INTERNAL_SERVER_ERROR"}
        result.errors = [GraphQLError("Unexpected error.", original_error=cause, extensions=internal)]
