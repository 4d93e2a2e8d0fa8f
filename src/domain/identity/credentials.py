"""What a professional's password must be before keten stores its hash (README "Sign-in")."""

from __future__ import annotations

from domain.validation import InputRefused

MIN_PASSWORD_LENGTH = 12  # with a second factor, length is what protects against guessing
MAX_PASSWORD_LENGTH = 256  # hashing is slow on purpose: an unbounded input would be a lever


def check_new_password(password: str, repeated: str, email: str) -> str:
    """The password to hash; refuses one too short or long, one equal to the e-mail address,
    and one that differs from its repetition."""
    if len(password) < MIN_PASSWORD_LENGTH:
        raise WeakPassword("password", f"a password has at least {MIN_PASSWORD_LENGTH} characters")
    if len(password) > MAX_PASSWORD_LENGTH:
        raise WeakPassword("password", f"a password has at most {MAX_PASSWORD_LENGTH} characters")
    if password.strip().lower() == email.strip().lower():
        raise WeakPassword("password", "the password may not be the e-mail address")
    if password != repeated:
        raise PasswordsDiffer("repeated", "the two passwords differ")
    return password


class WeakPassword(InputRefused):
    code = "WEAK_PASSWORD"


class PasswordsDiffer(InputRefused):
    code = "PASSWORDS_DIFFER"
