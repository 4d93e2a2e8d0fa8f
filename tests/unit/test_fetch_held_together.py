"""A rebuild's fetch handed to several case views: each data key is read from the key store once
for all of them (keten.fetches.held_together), and a key shredded is seen at the next fetch."""

from __future__ import annotations

import os
from contextlib import AbstractContextManager
from typing import Any, cast

from kernel.sqlstore import SQLiteDatabase
from keten.fetches import held_together
from keten.keystore import ERASED, KeyStore


class CountingKeyStore(KeyStore):
    def __init__(self) -> None:
        super().__init__(SQLiteDatabase(":memory:"), os.urandom(32))
        self.reads = 0

    def _data_key(self, key_id: str, create: bool) -> bytes:
        self.reads += 0 if create else 1
        return super()._data_key(key_id, create)


class CaseView:
    """What a case view does with a batch: opens its payloads while holding its keys."""

    def __init__(self, keys: KeyStore) -> None:
        self.keys = keys

    def holding(self) -> AbstractContextManager[None]:
        return self.keys.holding()

    def apply(self, sealed: list[str]) -> list[str]:
        with self.holding():
            return [self.keys.open_or_erased("case:1", item) for item in sealed]


def test_the_views_of_one_fetch_read_each_key_once() -> None:
    keys = CountingKeyStore()
    sealed = [keys.seal("case:1", f"event {n}") for n in range(3)]
    views = [CaseView(keys) for _ in range(3)]

    with held_together(cast(Any, views)):
        opened = [view.apply(sealed) for view in views]

    assert opened == [["event 0", "event 1", "event 2"]] * 3
    assert keys.reads == 1


def test_a_key_shredded_between_fetches_is_seen_at_the_next() -> None:
    keys = CountingKeyStore()
    sealed = [keys.seal("case:1", "event")]
    views = [CaseView(keys) for _ in range(2)]
    with held_together(cast(Any, views)):
        assert [view.apply(sealed) for view in views] == [["event"], ["event"]]

    keys.destroy("case:1", "2026-12-01T12:00:00+00:00")

    with held_together(cast(Any, views)):
        assert [view.apply(sealed) for view in views] == [[ERASED], [ERASED]]
