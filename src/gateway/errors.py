"""Errors the client may see: the domain's own, with a stable extensions.code; the rest masked."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from typing import Any

import strawberry
from eventsourcing.persistence import IntegrityError
from graphql import GraphQLError
from strawberry.extensions import SchemaExtension

from domain.errors import DomainError

log = logging.getLogger("keten.gateway")
CONFLICT = "CONFLICT"
# The event store refuses a save whose version another save took first (two people, tabs or
# gateways changing one record at the same instant): the whole save is refused, so nothing of it
# was stored, and the caller may look again and repeat what still applies.
CONFLICT_MESSAGE = "Someone else changed this at the same moment; nothing was stored. Look again and retry."


class DomainErrors(SchemaExtension):
    def on_operation(self) -> Iterator[None]:
        yield
        _make_public(self.execution_context.result)

    def on_stream_result(self, result: Any) -> Iterator[None]:
        # Each subscription event is a result of its own: mask it before it is sent.
        _make_public(result)
        yield None


def _make_public(result: Any) -> None:
    if result is not None and getattr(result, "errors", None):
        result.errors = [_public(error) for error in result.errors]


def _public(error: GraphQLError) -> GraphQLError:
    original = error.original_error
    if isinstance(original, DomainError):
        # The domain's extensions: its code, and for malformed input the field it refused.
        return _with_code(error, original.message, original.code, original.extensions)
    if isinstance(original, IntegrityError):
        return _with_code(error, CONFLICT_MESSAGE, CONFLICT)
    if _is_input_error(error):
        # Parsing, validation and variable coercion fail before any resolver runs: the
        # caller's own input was wrong, and the message only repeats it back to them.
        return _with_code(error, error.message, "BAD_USER_INPUT")
    # Never leak internals (they may hold personal data); KetenSchema logs only the type.
    return _with_code(error, "Unexpected error.", "INTERNAL_SERVER_ERROR")


def _is_input_error(error: GraphQLError) -> bool:
    return error.original_error is None or error.message.startswith("Variable '$")


def _with_code(
    error: GraphQLError, message: str, code: str, extensions: dict[str, str] | None = None
) -> GraphQLError:
    return GraphQLError(
        message,
        nodes=error.nodes,
        source=error.source,
        positions=error.positions,
        path=error.path,
        original_error=None,
        extensions=extensions or {"code": code},
    )


class KetenSchema(strawberry.Schema):
    """Logs a failed operation by code and path only: messages may repeat personal input."""

    def process_errors(self, errors: list[GraphQLError], execution_context: Any = None) -> None:
        for error in errors:
            original = error.original_error
            code = getattr(original, "code", None) or (error.extensions or {}).get("code", "BAD_USER_INPUT")
            if isinstance(original, IntegrityError):
                log.warning("refused: %s at %s (a concurrent save of the same record)", CONFLICT, error.path)
            elif isinstance(original, DomainError) or _is_input_error(error):
                log.info("refused: %s at %s", code, error.path)
            elif original is not None:
                log.error(
                    "unexpected %s at %s in %s", type(original).__name__, _innermost(original), error.path
                )


def _innermost(error: BaseException) -> str:
    tb = error.__traceback__
    while tb is not None and tb.tb_next is not None:
        tb = tb.tb_next
    return f"{tb.tb_frame.f_code.co_filename}:{tb.tb_lineno}" if tb else "?"
