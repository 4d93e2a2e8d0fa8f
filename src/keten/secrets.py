"""Platform secrets: read from the environment, or created once in the data dir (mode 0600)."""

from __future__ import annotations

import base64
import os
import secrets
from dataclasses import dataclass
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from eventsourcing.cryptography import AESCipher

from kernel.settings import Settings


@dataclass(frozen=True)
class Secrets:
    signing_key: Ed25519PrivateKey
    cipher_key: str  # eventsourcing's AESCipher key (base64), encrypts stored events
    pepper: bytes  # HMAC key for pseudonyms of BSNs and municipality codes
    master_key: bytes  # wraps the per-case/per-person data keys of the key store


def load_secrets(settings: Settings) -> Secrets:
    secret_dir = settings.data_dir / "secrets"
    signing_pem = _secret(secret_dir, "token-signing.pem", settings.token_signing_key, _new_pem)
    return Secrets(
        signing_key=_load_signing_key(signing_pem),
        cipher_key=_secret(secret_dir, "cipher.key", settings.cipher_key, _new_cipher_key),
        pepper=base64.b64decode(_secret(secret_dir, "pepper", settings.pepper, _new_b64)),
        master_key=base64.b64decode(_secret(secret_dir, "master.key", settings.master_key, _new_b64)),
    )


def _secret(directory: Path, name: str, from_env: str | None, create: object) -> str:
    if from_env:
        return from_env
    path = directory / name
    if path.exists():
        return path.read_text().strip()
    directory.mkdir(parents=True, exist_ok=True)
    os.chmod(directory, 0o700)
    value: str = create()  # type: ignore[operator]
    # Written aside, then linked in place: two processes starting at once (a Procfile) must
    # neither overwrite each other's secret nor read a half-written one. The loser reads the winner's.
    draft = directory / f".{name}.{os.getpid()}"
    fd = os.open(draft, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as handle:
        handle.write(value)
    try:
        os.link(draft, path)
    except FileExistsError:
        value = path.read_text().strip()
    finally:
        draft.unlink()
    return value


def _new_pem() -> str:
    key = Ed25519PrivateKey.generate()
    return key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode()


def _load_signing_key(pem: str) -> Ed25519PrivateKey:
    key = serialization.load_pem_private_key(pem.encode(), password=None)
    if not isinstance(key, Ed25519PrivateKey):
        raise ValueError("KETEN_TOKEN_SIGNING_KEY must be an Ed25519 private key (PEM)")
    return key


def _new_cipher_key() -> str:
    return AESCipher.create_key(32)


def _new_b64() -> str:
    return base64.b64encode(secrets.token_bytes(32)).decode()
