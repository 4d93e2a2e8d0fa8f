"""Web accounts, links and sessions on SQLite and PostgreSQL: what one gateway writes, another reads."""

from __future__ import annotations

import os
from datetime import UTC, datetime, timedelta

import pyotp
import pytest
from tests.integration.platform_kit import Store

from gateway.web.links import LinkUnknown
from gateway.web.sessions import SessionExpired
from gateway.web.store import WebStore
from kernel.settings import Settings
from keten.bootstrap import open_database
from keten.keystore import KeyStore

PASSWORD = "een lang wachtwoord 42"


def test_an_account_activated_on_one_gateway_signs_in_and_keeps_its_session_on_another(store: Store) -> None:
    settings = Settings(data_dir=store.data_dir)
    dbs = [open_database(settings, name) for name in ("web", "web", "keys")]
    keys = KeyStore(dbs[2], os.urandom(32))
    one, other = (WebStore.on(db, keys, "https://keten.example") for db in dbs[:2])
    now = datetime.now(UTC)

    link = one.accounts.invite("p-1", "Mentor@School.example", now)
    token = link.rsplit("/", 1)[1]
    _, email, secret = other.accounts.enrolment(token, now)
    one.accounts.activate(token, PASSWORD, PASSWORD, pyotp.TOTP(secret).at(now), now)
    with pytest.raises(LinkUnknown):
        other.accounts.enrolment(token, now)

    later = now + timedelta(seconds=30)
    assert other.accounts.sign_in(email, PASSWORD, pyotp.TOTP(secret).at(later), later) == "p-1"
    cookie, session = one.sessions.start("p-1", later)
    assert other.sessions.resume(cookie, later + timedelta(minutes=14)) == session
    with pytest.raises(SessionExpired):
        other.sessions.resume(cookie, later + timedelta(minutes=30))
    for db in dbs:
        db.close()
