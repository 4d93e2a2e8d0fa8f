"""The two factors: an argon2id password hash and a TOTP secret (RFC 6238), with its QR code.

Hashes use argon2-cffi's defaults (argon2id, RFC 9106's low-memory profile). A TOTP code is
accepted in the current 30 s step or the one before (a clock a little behind), and each step
only once per account: a code read over a shoulder cannot be replayed.
"""

from __future__ import annotations

import io
from datetime import datetime

import pyotp
import segno
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

ISSUER = "keten"
STEP_SECONDS = 30
_hasher = PasswordHasher()
# Verified against when an e-mail address is unknown, so a refusal takes as long either way.
_UNKNOWN = _hasher.hash("no account has this password")


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def password_matches(stored_hash: str | None, password: str) -> bool:
    try:
        return _hasher.verify(stored_hash or _UNKNOWN, password) and stored_hash is not None
    except (VerificationError, InvalidHashError):
        return False


def new_totp_secret() -> str:
    return pyotp.random_base32()


def totp_step(secret: str, code: str, now: datetime, after_step: int | None) -> int | None:
    """The time step the code belongs to (now or one step back), or None when it is wrong or
    its step was used already."""
    code = code.replace(" ", "")
    totp, current = pyotp.TOTP(secret), int(now.timestamp()) // STEP_SECONDS
    for step in (current, current - 1):
        if after_step is not None and step <= after_step:
            continue
        if code.isdigit() and totp.at(step * STEP_SECONDS) == code:
            return step
    return None


def provisioning_uri(secret: str, email: str) -> str:
    return pyotp.TOTP(secret).provisioning_uri(name=email, issuer_name=ISSUER)


def qr_svg(uri: str) -> str:
    """An inline SVG (no image request, so the CSP needs no img-src exception)."""
    out = io.BytesIO()
    title = "QR-code om keten aan uw authenticator-app toe te voegen"
    segno.make(uri, error="m").save(out, kind="svg", scale=5, border=4, xmldecl=False, title=title)
    return out.getvalue().decode()
