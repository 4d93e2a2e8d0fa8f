"""Bearer tokens: only an untouched, unexpired token signed by keten's own key lets anyone in."""

from __future__ import annotations

import base64
import json
from datetime import UTC, datetime, timedelta
from uuid import uuid4

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from domain.errors import Forbidden, Unauthenticated
from domain.identity.model import Role
from gateway.auth import Principal, TokenIssuer, TokenVerifier

NOW = datetime(2026, 1, 12, 9, 30, tzinfo=UTC)
TTL = timedelta(hours=1)
KEY = Ed25519PrivateKey.generate()
ISSUER, VERIFIER = TokenIssuer(KEY, TTL), TokenVerifier(KEY.public_key())


def flip_a_byte(part: str, index: int) -> str:
    raw = bytearray(base64.urlsafe_b64decode(part + "=" * (-len(part) % 4)))
    raw[index] ^= 0x01
    return base64.urlsafe_b64encode(bytes(raw)).rstrip(b"=").decode()


def refused(token: str, now: datetime = NOW) -> Unauthenticated:
    with pytest.raises(Unauthenticated) as caught:
        VERIFIER.verify(token, now)
    assert caught.value.code == "UNAUTHENTICATED"
    return caught.value


def test_an_issued_token_verifies_into_its_professional_organisation_and_roles() -> None:
    professional_id, organisation_id = uuid4(), uuid4()
    token = ISSUER.issue(professional_id, organisation_id, (Role.SIGNALLER, Role.REGIEVOERDER), NOW)

    principal = VERIFIER.verify(token, NOW + TTL - timedelta(seconds=1))

    assert principal.professional_id == professional_id
    assert principal.organisation_id == organisation_id
    assert principal.roles == frozenset({Role.SIGNALLER, Role.REGIEVOERDER})
    assert principal.professional == professional_id


def test_an_admin_token_names_no_professional() -> None:
    principal = VERIFIER.verify(ISSUER.issue(None, None, (Role.ADMIN,), NOW), NOW)

    assert (principal.professional_id, principal.organisation_id) == (None, None)
    assert principal.roles == frozenset({Role.ADMIN})
    with pytest.raises(Forbidden):
        _ = principal.professional


def test_every_token_has_its_own_id() -> None:
    first = VERIFIER.verify(ISSUER.issue(None, None, (Role.ADMIN,), NOW), NOW)
    second = VERIFIER.verify(ISSUER.issue(None, None, (Role.ADMIN,), NOW), NOW)

    assert first.token_id != second.token_id


@pytest.mark.parametrize("index", [0, 10, -1])
def test_a_token_with_a_flipped_byte_in_its_body_is_refused(index: int) -> None:
    body, signature = ISSUER.issue(uuid4(), uuid4(), (Role.SIGNALLER,), NOW).split(".")

    refused(f"{flip_a_byte(body, index)}.{signature}")


@pytest.mark.parametrize("index", [0, 31, -1])
def test_a_token_with_a_flipped_byte_in_its_signature_is_refused(index: int) -> None:
    body, signature = ISSUER.issue(uuid4(), uuid4(), (Role.SIGNALLER,), NOW).split(".")

    refused(f"{body}.{flip_a_byte(signature, index)}")


def test_a_token_signed_by_another_key_is_refused() -> None:
    forger = TokenIssuer(Ed25519PrivateKey.generate(), TTL)

    refused(forger.issue(uuid4(), uuid4(), (Role.ADMIN,), NOW))


def test_a_token_is_refused_from_the_moment_it_expires() -> None:
    token = ISSUER.issue(uuid4(), uuid4(), (Role.SIGNALLER,), NOW)

    assert "expired" in refused(token, NOW + TTL).message
    refused(token, NOW + timedelta(days=30))


@pytest.mark.parametrize(
    "token",
    ["", "garbage", "a.b", "a.b.c", ".", "...", "é.é", "!!!.???", "Bearer x.y", "eyJ9.AAAA"],
)
def test_garbage_is_refused(token: str) -> None:
    refused(token)


def test_a_principal_without_any_required_role_is_forbidden() -> None:
    principal = Principal(uuid4(), uuid4(), frozenset({Role.SIGNALLER}), "t1")

    principal.require(Role.SIGNALLER, Role.VT_MEDEWERKER)
    with pytest.raises(Forbidden) as caught:
        principal.require(Role.ADMIN)
    assert caught.value.code == "FORBIDDEN"
    with pytest.raises(Forbidden):
        Principal(uuid4(), uuid4(), frozenset(), "t2").require(Role.SIGNALLER)


def signed(claim_set: object) -> str:
    """A claim set signed with the platform key, as no issuer of keten would write it."""
    body = base64.urlsafe_b64encode(json.dumps(claim_set).encode()).rstrip(b"=").decode()
    signature = base64.urlsafe_b64encode(KEY.sign(body.encode())).rstrip(b"=").decode()
    return f"{body}.{signature}"


GOOD_CLAIMS = {"sub": str(uuid4()), "org": str(uuid4()), "roles": ["SIGNALLER"], "exp": 2**40, "jti": "j"}
MALFORMED_CLAIMS = {
    "not an object": ["SIGNALLER"],
    "a number": 12,
    "no sub": {k: v for k, v in GOOD_CLAIMS.items() if k != "sub"},
    "sub not a uuid": GOOD_CLAIMS | {"sub": "jan"},
    "sub a number": GOOD_CLAIMS | {"sub": 12},
    "org a list": GOOD_CLAIMS | {"org": []},
    "no exp": {k: v for k, v in GOOD_CLAIMS.items() if k != "exp"},
    "exp a string": GOOD_CLAIMS | {"exp": "2099-01-01"},
    "exp a boolean": GOOD_CLAIMS | {"exp": True},
    "exp a float": GOOD_CLAIMS | {"exp": 1e12},
    "roles a string": GOOD_CLAIMS | {"roles": "ADMIN"},
    "an unknown role": GOOD_CLAIMS | {"roles": ["ROOT"]},
    "a role that is a list": GOOD_CLAIMS | {"roles": [["ADMIN"]]},
    "no jti": {k: v for k, v in GOOD_CLAIMS.items() if k != "jti"},
    "jti a number": GOOD_CLAIMS | {"jti": 7},
}


@pytest.mark.parametrize("claim_set", MALFORMED_CLAIMS.values(), ids=MALFORMED_CLAIMS.keys())
def test_a_validly_signed_token_with_malformed_claims_is_unauthenticated(claim_set: object) -> None:
    refused(signed(claim_set))


def test_the_well_formed_claims_beside_them_are_accepted() -> None:
    assert VERIFIER.verify(signed(GOOD_CLAIMS), NOW).roles == frozenset({Role.SIGNALLER})
