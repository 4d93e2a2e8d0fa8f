"""What a GraphQL POST must be before strawberry sees it: JSON in UTF-8, one operation object.

Strawberry answers some malformed bodies itself in plain text and fails on others with an
exception (a JSON string or number where an object belongs, JSON nested deeper than Python's
recursion limit, bytes that are not UTF-8): each of those is refused here, with a code.
"""

from __future__ import annotations

import json
from typing import Any

JSON_TYPE = "application/json"
_OPTIONAL_FIELDS: dict[str, type] = {"variables": dict, "operationName": str, "extensions": dict}
_KIND: dict[type, str] = {dict: "an object", str: "a string"}


class BodyRefused(Exception):
    """The request is refused before it reaches GraphQL: its HTTP status and stable code."""

    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status, self.code, self.message = status, code, message


def check_graphql_body(content_type: str | None, body: bytes) -> None:
    """Refuses anything but one GraphQL operation as a JSON object (batches are not served)."""
    check_json_type(content_type)
    try:
        document = json.loads(body.decode("utf-8"))
    except UnicodeDecodeError:
        raise BodyRefused(400, "MALFORMED_REQUEST", "the body is not UTF-8") from None
    except (ValueError, RecursionError):
        # RecursionError: the JSON nests deeper than the parser may recurse.
        raise BodyRefused(400, "MALFORMED_REQUEST", "the body is not JSON") from None
    check_operation(document)


def check_json_type(content_type: str | None) -> None:
    media_type, _, parameters = (content_type or "").partition(";")
    charset = parameters.strip().lower().removeprefix("charset=").strip('"')
    if media_type.strip().lower() != JSON_TYPE or charset not in ("", "utf-8"):
        raise BodyRefused(415, "UNSUPPORTED_MEDIA_TYPE", f"send {JSON_TYPE} (UTF-8)")


def check_operation(document: Any) -> None:
    if isinstance(document, list):
        raise BodyRefused(400, "MALFORMED_REQUEST", "batching is not supported: one operation per request")
    if not isinstance(document, dict):
        raise BodyRefused(400, "MALFORMED_REQUEST", "the body is a JSON object with a query")
    query = document.get("query")
    if not isinstance(query, str) or not query.strip():
        raise BodyRefused(400, "MALFORMED_REQUEST", "the body's query is a non-empty string")
    for name, kind in _OPTIONAL_FIELDS.items():
        if document.get(name) is not None and not isinstance(document[name], kind):
            raise BodyRefused(400, "MALFORMED_REQUEST", f"the body's {name} is {_KIND[kind]} or null")


def decode_json(data: str | bytes) -> object:
    """JSON as strawberry reads it (over WebSocket too), with too deep a nesting as one more
    malformed message instead of a RecursionError and its traceback."""
    try:
        return json.loads(data)
    except RecursionError:
        raise json.JSONDecodeError("nested too deeply", "", 0) from None
