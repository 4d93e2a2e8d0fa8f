"""What the web pages keep beside the domain: accounts (with their links) and sessions."""

from __future__ import annotations

from dataclasses import dataclass

from gateway.web.accounts import Accounts, Sealer
from gateway.web.sessions import Sessions
from kernel.sqlstore import Database


@dataclass(frozen=True)
class WebStore:
    accounts: Accounts
    sessions: Sessions

    @classmethod
    def on(cls, db: Database, sealer: Sealer, base_url: str) -> WebStore:
        return cls(Accounts(db, sealer, base_url), Sessions(db))
