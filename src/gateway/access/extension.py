"""Writes the access lines a request noted, once, when its operation ends.

No line, no data: when the access log cannot be written, the answer is withheld — its data
replaced by a masked error — because personal data must never be served unrecorded.
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
        context = self.execution_context.context
        if not isinstance(context, Context):
            return
        try:
            await context.write_access_log_together()
        except PersistenceError as error:
            log.error("access log not written (%s): the answer is withheld", type(error).__name__)
            _withhold(self.execution_context.result)


def _withhold(result: Any) -> None:
    if result is not None:
        result.data = None
        result.errors = [GraphQLError("Unexpected error.", extensions={"code": "INTERNAL_SERVER_ERROR"})]
