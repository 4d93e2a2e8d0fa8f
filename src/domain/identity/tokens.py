"""Bearer tokens as the directory knows them: which were issued to whom, and which are revoked.

The gateway signs and checks tokens; the directory keeps only their ids (`jti`). Both facts
are events, so a revocation holds in every gateway process and after every restart. Each
token's issuance and revocation are aggregates of their own, with ids derived from the token
id: checking a token on each request is one lookup by id, and revoking twice meets the same
aggregate.
"""

from __future__ import annotations

import re
from datetime import datetime
from uuid import UUID, uuid5

from eventsourcing.domain import Aggregate, event

from domain.base import KetenApplication
from domain.errors import NotFound
from domain.validation import InputRefused

_NAMESPACE = UUID("5f0c2a8e-1b7d-5e94-a3c6-8d2f4b6a9e13")
TOKEN_ID = re.compile(r"[0-9a-f]{32}")  # uuid4().hex, as `gateway.auth.TokenIssuer` makes them


class IssuedToken(Aggregate):
    @staticmethod
    def create_id(token_id: str) -> UUID:
        return uuid5(_NAMESPACE, f"issued:{token_id}")

    @event("Issued")
    def __init__(self, token_id: str, professional_id: UUID | None, expires_at: datetime) -> None:
        self.token_id, self.professional_id, self.expires_at = token_id, professional_id, expires_at


class TokenRevocation(Aggregate):
    @staticmethod
    def create_id(token_id: str) -> UUID:
        return uuid5(_NAMESPACE, f"revoked:{token_id}")

    @event("Revoked")
    def __init__(self, token_id: str, revoked_by: UUID | None, revoked_at: datetime) -> None:
        self.token_id, self.revoked_by, self.revoked_at = token_id, revoked_by, revoked_at


class TokenRegistry(KetenApplication):
    """The directory's record of tokens; `IdentityApplication` is one."""

    def record_token(self, token_id: str, professional_id: UUID | None, expires_at: datetime) -> None:
        self.save(IssuedToken(check_token_id(token_id), professional_id, expires_at))

    def revoke_token(self, token_id: str, by: UUID | None, at: datetime) -> None:
        """Revokes for good. `by` None is an administrator, who revokes any token; a professional
        revokes only tokens issued to them (another's answers NOT_FOUND: no existence oracle)."""
        check_token_id(token_id)
        if by is not None and self.token_owner(token_id) != by:
            raise NotFound(f"no token {token_id} of yours")
        if not self.is_revoked(token_id):
            self.save(TokenRevocation(token_id, by, at))

    def is_revoked(self, token_id: str) -> bool:
        """Asked on every request: one indexed read of the revocation's first event, no
        aggregate rebuilt and no not-found exception raised for the usual answer (not revoked)."""
        return bool(self.recorder.select_events(TokenRevocation.create_id(token_id), limit=1))

    def token_owner(self, token_id: str) -> UUID | None:
        issued = self.get_aggregate(IssuedToken.create_id(token_id))
        return issued.professional_id if isinstance(issued, IssuedToken) else None


def check_token_id(token_id: str) -> str:
    if not TOKEN_ID.fullmatch(token_id):
        raise InvalidTokenId("tokenId", "32 hexadecimal digits, as in the token's jti claim")
    return token_id


class InvalidTokenId(InputRefused):
    code = "INVALID_TOKEN_ID"
