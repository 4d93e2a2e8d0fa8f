"""Bearer tokens: a JSON claim set signed with Ed25519, verified on every request."""

from __future__ import annotations

import base64
import binascii
import json
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


class TokenIssuer:
    def __init__(self, key: Ed25519PrivateKey, ttl: timedelta) -> None:
        self._key = key
        self._ttl = ttl

    def issue(
        self,
        professional_id: UUID | None,
        organisation_id: UUID | None,
        roles: tuple[Role, ...],
        now: datetime,
    ) -> str:
        claims = {
            "sub": str(professional_id) if professional_id else None,
            "org": str(organisation_id) if organisation_id else None,
            "roles": sorted(role.value for role in roles),
            "exp": int((now + self._ttl).timestamp()),
            "jti": uuid4().hex,
        }
        body = _b64(json.dumps(claims, separators=(",", ":")).encode())
        return f"{body}.{_b64(self._key.sign(body.encode()))}"


class TokenVerifier:
    def __init__(self, public_key: Ed25519PublicKey) -> None:
        self._public_key = public_key

    def verify(self, token: str, now: datetime) -> Principal:
        try:
            body, signature = token.split(".")
            self._public_key.verify(_unb64(signature), body.encode())
            claims = json.loads(_unb64(body))
        except (ValueError, InvalidSignature, binascii.Error):
            raise Unauthenticated("the token is not valid") from None
        if claims["exp"] <= now.timestamp():
            raise Unauthenticated("the token has expired")
        return Principal(
            professional_id=UUID(claims["sub"]) if claims["sub"] else None,
            organisation_id=UUID(claims["org"]) if claims["org"] else None,
            roles=frozenset(Role(role) for role in claims["roles"]),
            token_id=claims["jti"],
        )


def _b64(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
