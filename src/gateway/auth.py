"""Bearer tokens: a JSON claim set signed with Ed25519, verified on every request."""

from __future__ import annotations

import base64
import binascii
import functools
import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from uuid import UUID, uuid4

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from domain.errors import Forbidden, Unauthenticated
from domain.identity.model import Role


@dataclass(frozen=True)
class Principal:
    professional_id: UUID | None  # None for the platform administrator
    organisation_id: UUID | None
    roles: frozenset[Role]
    token_id: str

    def require(self, *roles: Role) -> None:
        if not self.roles.intersection(roles):
            wanted = ", ".join(role.value for role in roles)
            raise Forbidden(f"this needs one of the roles {wanted}")

    @property
    def professional(self) -> UUID:
        if self.professional_id is None:
            raise Forbidden("this needs a professional's token")
        return self.professional_id


# Records an issued token (its id, professional and expiry) where revocations can find it.
Recorder = Callable[[str, UUID | None, datetime], None]


class TokenIssuer:
    def __init__(self, key: Ed25519PrivateKey, ttl: timedelta, record: Recorder | None = None) -> None:
        self._key = key
        self._ttl = ttl
        self._record = record

    def issue(
        self,
        professional_id: UUID | None,
        organisation_id: UUID | None,
        roles: tuple[Role, ...],
        now: datetime,
    ) -> str:
        token_id, expires = uuid4().hex, int((now + self._ttl).timestamp())
        claims = {
            "sub": str(professional_id) if professional_id else None,
            "org": str(organisation_id) if organisation_id else None,
            "roles": sorted(role.value for role in roles),
            "exp": expires,
            "jti": token_id,
        }
        body = _b64(json.dumps(claims, separators=(",", ":")).encode())
        if self._record is not None:
            self._record(token_id, professional_id, datetime.fromtimestamp(expires, now.tzinfo))
        return f"{body}.{_b64(self._key.sign(body.encode()))}"


VERIFIED_TOKENS = 4096  # tokens in use at once by one gateway process: a bound, not a target


class TokenVerifier:
    def __init__(self, public_key: Ed25519PublicKey, revoked: Callable[[str], bool] | None = None) -> None:
        self._public_key = public_key
        # Asked on every verification: a revocation is an event, seen by every process at once.
        self._revoked = revoked or (lambda token_id: False)
        # A signature over the same bytes verifies the same way every time: a client sending its
        # token with every request pays for the Ed25519 check once. Expiry and revocation change
        # with time, so they are checked on every use, cached token or not. A refusal is not
        # cached (lru_cache keeps no exceptions): it costs the full check every time.
        self._signed = functools.lru_cache(maxsize=VERIFIED_TOKENS)(self._check_signature)

    def verify(self, token: str, now: datetime) -> Principal:
        principal, expires = self._signed(token)
        if expires <= now.timestamp():
            raise Unauthenticated("the token has expired")
        if self._revoked(principal.token_id):
            raise Unauthenticated("the token was revoked")
        return principal

    def _check_signature(self, token: str) -> tuple[Principal, int]:
        try:
            body, signature = token.split(".")
            self._public_key.verify(_unb64(signature), body.encode())
            claims = json.loads(_unb64(body))
        except (ValueError, InvalidSignature, binascii.Error):
            raise Unauthenticated("the token is not valid") from None
        return _principal(claims)


def _principal(claims: object) -> tuple[Principal, int]:
    """The principal a claim set names, and when it expires. A claim of the wrong shape is
    refused even under a valid signature: the key may have signed what another version wrote."""
    try:
        return _parse_claims(claims)
    except (KeyError, TypeError, ValueError):
        raise Unauthenticated("the token is not valid") from None


def _parse_claims(claims: object) -> tuple[Principal, int]:
    if not isinstance(claims, dict):
        raise TypeError("claims are an object")
    expires, roles, token_id = claims["exp"], claims["roles"], claims["jti"]
    if type(expires) is not int or not isinstance(roles, list) or not isinstance(token_id, str):
        raise TypeError("exp is an integer, roles a list, jti a string")
    principal = Principal(
        professional_id=_optional_id(claims["sub"]),
        organisation_id=_optional_id(claims["org"]),
        roles=frozenset(Role(role) for role in roles),
        token_id=token_id,
    )
    return principal, expires


def _optional_id(value: object) -> UUID | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise TypeError("an id claim is a string")
    return UUID(value)


def _b64(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
