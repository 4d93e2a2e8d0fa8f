"""The domain's own failures: each carries a stable code that reaches the client."""

from __future__ import annotations


class DomainError(Exception):
    """A rule refused the command; nothing was stored."""

    code = "BAD_REQUEST"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    @property
    def extensions(self) -> dict[str, str]:
        # graphql-core copies an original error's `extensions` onto the GraphQL error, so the
        # code reaches the client on every transport (HTTP and WebSocket subscriptions alike).
        return {"code": self.code}


class NotFound(DomainError):
    code = "NOT_FOUND"


class Forbidden(DomainError):
    code = "FORBIDDEN"


class Unauthenticated(DomainError):
    code = "UNAUTHENTICATED"
