"""A token's Ed25519 signature is checked once per gateway process; its expiry and revocation
on every use, so the cache never lets in a token that would be refused without it."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from uuid import uuid4

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from domain.errors import Unauthenticated
from domain.identity.model import Role
from gateway.auth import TokenIssuer, TokenVerifier

NOW = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)
TTL = timedelta(hours=1)


class CountingKey:
    """The public key, counting the signature checks it does."""

    def __init__(self, key: Ed25519PublicKey) -> None:
        self.key, self.checks = key, 0

    def verify(self, signature: bytes, data: bytes) -> None:
        self.checks += 1
        self.key.verify(signature, data)


def a_verifier(revoked: set[str] | None = None) -> tuple[TokenIssuer, TokenVerifier, CountingKey]:
    private = Ed25519PrivateKey.generate()
    counting = CountingKey(private.public_key())
    verifier = TokenVerifier(counting, (set() if revoked is None else revoked).__contains__)  # type: ignore[arg-type]
    return TokenIssuer(private, TTL), verifier, counting


def test_a_token_used_for_many_requests_has_its_signature_checked_once() -> None:
    issuer, verifier, key = a_verifier()
    token = issuer.issue(uuid4(), uuid4(), (Role.SIGNALLER,), NOW)

    principals = {verifier.verify(token, NOW + timedelta(seconds=second)) for second in range(50)}

    assert len(principals) == 1
    assert key.checks == 1


def test_a_cached_token_still_expires() -> None:
    issuer, verifier, _ = a_verifier()
    token = issuer.issue(uuid4(), uuid4(), (Role.SIGNALLER,), NOW)
    verifier.verify(token, NOW)

    with pytest.raises(Unauthenticated, match="expired"):
        verifier.verify(token, NOW + TTL)


def test_a_cached_token_revoked_after_its_first_use_is_refused() -> None:
    revoked: set[str] = set()
    issuer, verifier, _ = a_verifier(revoked)
    token = issuer.issue(uuid4(), uuid4(), (Role.SIGNALLER,), NOW)
    revoked.add(verifier.verify(token, NOW).token_id)

    with pytest.raises(Unauthenticated, match="revoked"):
        verifier.verify(token, NOW)


def test_a_refused_token_is_checked_again_every_time() -> None:
    issuer, verifier, key = a_verifier()
    body, signature = issuer.issue(uuid4(), uuid4(), (Role.SIGNALLER,), NOW).split(".")
    flipped = "A" if signature[-2] != "A" else "B"  # never the signature itself (it ended "AA" 1 in 256)
    forged = f"{body}.{signature[:-2]}{flipped}{signature[-1]}"

    for _ in range(3):
        with pytest.raises(Unauthenticated, match="not valid"):
            verifier.verify(forged, NOW)
    assert key.checks == 3
