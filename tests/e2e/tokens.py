"""Bearer tokens as an attacker (or a clock) would change them: `<claims>.<Ed25519 signature>`, base64url."""

from __future__ import annotations

import base64
import json
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

Forgery = Callable[[str, Path], str]


def claims(token: str) -> dict[str, Any]:
    body = token.split(".", maxsplit=1)[0]
    decoded: dict[str, Any] = json.loads(base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)))
    return decoded


def signed_with_the_platform_key(claim_set: object, data_dir: Path) -> str:
    """What keten itself would issue: the signing key lives in the data dir."""
    pem = (data_dir / "secrets" / "token-signing.pem").read_bytes()
    key = serialization.load_pem_private_key(pem, password=None)
    assert isinstance(key, Ed25519PrivateKey)
    body = _encode(claim_set)
    return f"{body}.{_b64(key.sign(body.encode()))}"


def promoted_to_admin(token: str, data_dir: Path) -> str:
    return f"{_encode({**claims(token), 'roles': ['ADMIN']})}.{token.split('.')[1]}"


def with_a_flipped_signature(token: str, data_dir: Path) -> str:
    body, signature = token.split(".")
    flipped = "A" if signature[-2] != "A" else "B"  # the last character is partly padding
    return f"{body}.{signature[:-2]}{flipped}{signature[-1]}"


def expired(token: str, data_dir: Path) -> str:
    return signed_with_the_platform_key({**claims(token), "exp": int(time.time()) - 60}, data_dir)


def garbage_that_looks_expired(token: str, data_dir: Path) -> str:
    return f"{_encode({'sub': None, 'roles': ['ADMIN'], 'exp': 0})}.expired"


def not_a_token_at_all(token: str, data_dir: Path) -> str:
    return "x.y.z"


def signed_with_an_expiry_that_is_a_string(token: str, data_dir: Path) -> str:
    return signed_with_the_platform_key({**claims(token), "exp": "2999-01-01"}, data_dir)


def signed_with_an_unknown_role(token: str, data_dir: Path) -> str:
    return signed_with_the_platform_key({**claims(token), "roles": ["ROOT"]}, data_dir)


def signed_without_a_subject(token: str, data_dir: Path) -> str:
    return signed_with_the_platform_key({k: v for k, v in claims(token).items() if k != "sub"}, data_dir)


def signed_with_a_subject_that_is_no_id(token: str, data_dir: Path) -> str:
    return signed_with_the_platform_key({**claims(token), "sub": 12}, data_dir)


def signed_claims_that_are_a_list(token: str, data_dir: Path) -> str:
    return signed_with_the_platform_key([claims(token)], data_dir)


FORGERIES: list[Forgery] = [
    promoted_to_admin,
    with_a_flipped_signature,
    expired,
    garbage_that_looks_expired,
    not_a_token_at_all,
    signed_with_an_expiry_that_is_a_string,
    signed_with_an_unknown_role,
    signed_without_a_subject,
    signed_with_a_subject_that_is_no_id,
    signed_claims_that_are_a_list,
]


def _b64(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def _encode(claim_set: dict[str, Any]) -> str:
    return _b64(json.dumps(claim_set, separators=(",", ":")).encode())
