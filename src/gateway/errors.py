"""Errors the client may see: the domain's own, with a stable extensions.code; the rest masked."""

from __future__ import annotations

import logging
from collections.abc import Iterator

from graphql import GraphQLError
from strawberry.extensions import SchemaExtension

from domain.errors import DomainError

log = logging.getLogger("keten.gateway")


class DomainErrors(SchemaExtension):
    def on_operation(self) -> Iterator[None]:
        yield
        result = self.execution_context.result
        if result is None or not result.errors:
            return
        result.errors = [_public(error) for error in result.errors]


def _public(error: GraphQLError) -> GraphQLError:
    original = error.original_error
    if isinstance(original, DomainError):
        return _with_code(error, original.message, original.code)
    if original is None or error.path is None:
        # Parsing, validation and variable coercion fail before any resolver runs: the
        # caller's own input was wrong, and the message only repeats it back to them.
        return _with_code(error, error.message, "BAD_USER_INPUT")
    # Never leak internals (they may hold personal data); the log keeps only the type.
    frame = _innermost(original)
    log.error("unexpected %s at %s in %s", type(original).__name__, frame, error.path)
    return _with_code(error, "Unexpected error.", "INTERNAL_SERVER_ERROR")


def _with_code(error: GraphQLError, message: str, code: str) -> GraphQLError:
    return GraphQLError(
        message,
        nodes=error.nodes,
        source=error.source,
        positions=error.positions,
        path=error.path,
        original_error=None,
        extensions={"code": code},
    )


def _innermost(error: BaseException) -> str:
    tb = error.__traceback__
    while tb is not None and tb.tb_next is not None:
        tb = tb.tb_next
    return f"{tb.tb_frame.f_code.co_filename}:{tb.tb_lineno}" if tb else "?"
