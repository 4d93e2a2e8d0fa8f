"""Professionals' web accounts: invitation, activation (password + TOTP) and the sign-in check.

Kept in a table of keten's own store (SQLite or PostgreSQL), so every gateway process on the
store knows every account. The TOTP secret is sealed with a key of the key store; the
password is an argon2id hash. Nothing here is published: an account is no event of the domain.
"""

from __future__ import annotations

from datetime import datetime
from typing import Protocol

from domain.errors import DomainError
from domain.identity.credentials import check_new_password
from domain.validation import InputRefused
from gateway.web import links
from gateway.web.credentials import hash_password, new_totp_secret, password_matches, totp_step
from gateway.web.links import Purpose
from kernel.sqlstore import Cursor, Database

SCHEMA = (
    "CREATE TABLE IF NOT EXISTS web_accounts (professional_id TEXT PRIMARY KEY, email TEXT NOT NULL, "
    "password_hash TEXT, totp_sealed TEXT, last_step BIGINT)",
    "CREATE INDEX IF NOT EXISTS web_accounts_email ON web_accounts (email)",
    *links.SCHEMA,
)


class Sealer(Protocol):
    def seal(self, key_id: str, plaintext: str) -> str: ...
    def open(self, key_id: str, sealed: str) -> str: ...


class Accounts:
    def __init__(self, db: Database, sealer: Sealer, base_url: str) -> None:
        self.db, self.sealer, self.base_url = db, sealer, base_url.rstrip("/")
        with db.transaction() as cursor:
            for statement in SCHEMA:
                cursor.execute(statement)

    def invite(self, professional_id: str, email: str, now: datetime) -> str:
        """The activation link (72 h) for the professional; an earlier account's factors stay
        until the new link is used."""
        with self.db.transaction() as cursor:
            cursor.execute("SELECT 1 FROM web_accounts WHERE professional_id = ?", (professional_id,))
            if cursor.fetchone() is None:
                cursor.execute(
                    "INSERT INTO web_accounts (professional_id, email) VALUES (?, ?)",
                    (professional_id, email.strip().lower()),
                )
            return self._url(Purpose.ACTIVATE, links.new_link(cursor, Purpose.ACTIVATE, professional_id, now))

    def sign_in_link(self, professional_id: str, now: datetime) -> str:
        """A one-time link (1 h) that signs the professional straight in (`keten serve --demo`)."""
        with self.db.transaction() as cursor:
            return self._url(Purpose.SIGN_IN, links.new_link(cursor, Purpose.SIGN_IN, professional_id, now))

    def enrolment(self, token: str, now: datetime) -> tuple[str, str, str]:
        """The activation's professional, e-mail address and TOTP secret (made on first view)."""
        with self.db.read() as cursor:
            link = links.open_link(cursor, Purpose.ACTIVATE, token, now)
            email = _email(cursor, link.professional_id)
        key = _key(link.professional_id)  # sealed outside a transaction: the key store has its own
        if link.pending_secret is not None:
            return link.professional_id, email, self.sealer.open(key, link.pending_secret)
        secret = new_totp_secret()
        sealed = self.sealer.seal(key, secret)
        with self.db.transaction() as cursor:
            # Two first views at once: the first secret kept wins, and both pages show it.
            if not links.keep_secret(cursor, token, sealed):
                return self.enrolment(token, now)
        return link.professional_id, email, secret

    def activate(self, token: str, password: str, repeated: str, code: str, now: datetime) -> str:
        """Sets the password and the TOTP secret the code proves; uses up the link."""
        professional_id, email, secret = self.enrolment(token, now)
        check_new_password(password, repeated, email)
        step = totp_step(secret, code, now, None)
        if step is None:
            raise WrongCode("code", "the code does not match the authenticator app")
        sealed, hashed = self.sealer.seal(_key(professional_id), secret), hash_password(password)
        with self.db.transaction() as cursor:
            links.open_link(cursor, Purpose.ACTIVATE, token, now)  # not used meanwhile
            _check_email_free(cursor, email, professional_id)
            cursor.execute(
                "UPDATE web_accounts SET password_hash = ?, totp_sealed = ?, last_step = ? "
                "WHERE professional_id = ?",
                (hashed, sealed, step, professional_id),
            )
            links.use_link(cursor, token, now)
        return professional_id

    def sign_in(self, email: str, password: str, code: str, now: datetime) -> str:
        """The professional whose password and current TOTP code these are; else SIGN_IN_FAILED,
        which says not which of the three was wrong."""
        with self.db.read() as cursor:
            cursor.execute(
                "SELECT professional_id, password_hash, totp_sealed, last_step FROM web_accounts "
                "WHERE email = ? AND password_hash IS NOT NULL",
                (email.strip().lower(),),
            )
            row = cursor.fetchone()
        if not password_matches(row[1] if row else None, password) or row is None:
            raise SignInFailed("the e-mail address, password or code is not right")
        step = totp_step(self.sealer.open(_key(row[0]), row[2]), code, now, row[3])
        if step is None:
            raise SignInFailed("the e-mail address, password or code is not right")
        with self.db.transaction() as cursor:
            cursor.execute("UPDATE web_accounts SET last_step = ? WHERE professional_id = ?", (step, row[0]))
        return str(row[0])

    def sign_in_by_link(self, token: str, now: datetime) -> str:
        with self.db.transaction() as cursor:
            link = links.open_link(cursor, Purpose.SIGN_IN, token, now)
            links.use_link(cursor, token, now)
            return link.professional_id

    def _url(self, purpose: Purpose, token: str) -> str:
        return f"{self.base_url}{links.PATHS[purpose]}{token}"


def _key(professional_id: str) -> str:
    return f"web-totp:{professional_id}"


def _email(cursor: Cursor, professional_id: str) -> str:
    cursor.execute("SELECT email FROM web_accounts WHERE professional_id = ?", (professional_id,))
    return str(cursor.fetchone()[0])


def _check_email_free(cursor: Cursor, email: str, professional_id: str) -> None:
    cursor.execute(
        "SELECT 1 FROM web_accounts WHERE email = ? AND professional_id <> ? AND password_hash IS NOT NULL",
        (email, professional_id),
    )
    if cursor.fetchone() is not None:
        raise EmailInUse("email", "another active account has this e-mail address")


class SignInFailed(DomainError):
    code = "SIGN_IN_FAILED"


class WrongCode(InputRefused):
    code = "WRONG_CODE"


class EmailInUse(InputRefused):
    code = "EMAIL_IN_USE"
