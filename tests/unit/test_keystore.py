"""Envelope encryption: one data key per young person or case; destroying it erases the data."""

from __future__ import annotations

import base64
import os
from inspect import signature

import pytest
from cryptography.exceptions import InvalidTag

from kernel.sqlstore import SQLiteDatabase
from keten.keystore import ERASED, KeyDestroyed, KeyStore
from keten.sealing_keys import SEALING_KEYS
from relay.relay import Relay

PLAINTEXT = "2027-03-10"


@pytest.fixture
def db() -> SQLiteDatabase:
    return SQLiteDatabase(":memory:")


@pytest.fixture
def keys(db: SQLiteDatabase) -> KeyStore:
    return KeyStore(db, os.urandom(32))


def test_what_is_sealed_opens_again_under_the_same_key_id(keys: KeyStore) -> None:
    sealed = keys.seal("youth:a", PLAINTEXT)

    assert keys.open("youth:a", sealed) == PLAINTEXT
    assert keys.open_or_erased("youth:a", sealed) == PLAINTEXT


def test_sealing_twice_gives_different_ciphertexts_that_hide_the_plaintext(keys: KeyStore) -> None:
    first, second = keys.seal("youth:a", PLAINTEXT), keys.seal("youth:a", PLAINTEXT)

    assert first != second
    for sealed in (first, second):
        assert PLAINTEXT not in sealed
        assert PLAINTEXT.encode() not in base64.b64decode(sealed)
        assert keys.open("youth:a", sealed) == PLAINTEXT


def test_a_ciphertext_does_not_open_under_another_key_id(keys: KeyStore) -> None:
    sealed = keys.seal("youth:a", PLAINTEXT)
    keys.seal("youth:b", "something else")

    with pytest.raises(InvalidTag):
        keys.open("youth:b", sealed)


def test_a_destroyed_key_erases_what_it_sealed_and_only_that(keys: KeyStore) -> None:
    gone, kept = keys.seal("youth:a", PLAINTEXT), keys.seal("youth:b", "2030-01-01")

    keys.destroy("youth:a", "2026-03-01T10:00:00+00:00")

    with pytest.raises(KeyDestroyed):
        keys.open("youth:a", gone)
    assert keys.open_or_erased("youth:a", gone) == ERASED == "[erased]"
    assert keys.open("youth:b", kept) == "2030-01-01"


def test_a_destroyed_key_is_not_created_again_by_sealing(keys: KeyStore) -> None:
    gone = keys.seal("youth:a", PLAINTEXT)
    keys.destroy("youth:a", "2026-03-01T10:00:00+00:00")

    with pytest.raises(KeyDestroyed):
        keys.seal("youth:a", "new data")
    assert keys.open_or_erased("youth:a", gone) == ERASED


def test_a_key_destroyed_before_it_was_first_used_stays_destroyed(keys: KeyStore) -> None:
    # An erasure may come before the relay has sealed anything for that young person (keys
    # are created on first use); what is sealed after the erasure must not be readable.
    keys.destroy("youth:a", "2026-03-01T10:00:00+00:00")

    with pytest.raises(KeyDestroyed):
        keys.seal("youth:a", PLAINTEXT)


def test_rotating_the_master_key_rewraps_data_keys_and_old_data_still_opens(db: SQLiteDatabase) -> None:
    old_master, new_master = os.urandom(32), os.urandom(32)
    keys = KeyStore(db, old_master)
    sealed = {key_id: keys.seal(key_id, PLAINTEXT) for key_id in ("youth:a", "youth:b", "case:c")}
    keys.destroy("case:c", "2026-03-01T10:00:00+00:00")

    assert keys.rotate_master(new_master) == 2

    assert keys.open("youth:a", sealed["youth:a"]) == PLAINTEXT
    # A fresh store with the new master reads the same database.
    assert KeyStore(db, new_master).open("youth:b", sealed["youth:b"]) == PLAINTEXT
    # One still holding the old master fails loudly, naming the key, instead of reading garbage.
    with pytest.raises(ValueError, match=r"youth:a .* master key"):
        KeyStore(db, old_master).open("youth:a", sealed["youth:a"])


def test_the_keys_kept_for_sealing_are_bounded_and_a_dropped_one_is_read_again(keys: KeyStore) -> None:
    keys._sealing.limit = 3
    sealed = {f"youth:{n}": keys.seal(f"youth:{n}", f"secret {n}") for n in range(10)}

    assert len(keys._sealing) == 3
    assert all(keys.open(key_id, text) == f"secret {key_id[6:]}" for key_id, text in sealed.items())
    assert keys.open("youth:0", keys.seal("youth:0", "again")) == "again"  # its key was dropped, not lost


def test_while_held_a_key_is_read_once_and_a_shred_is_seen_once_the_holding_ends(
    db: SQLiteDatabase, keys: KeyStore
) -> None:
    sealed = keys.seal("case:a", PLAINTEXT)
    elsewhere = KeyStore(db, b"\0" * 32)  # another process's key store: it only shreds here

    with keys.holding():
        assert keys.open("case:a", sealed) == PLAINTEXT
        elsewhere.destroy("case:a", "2026-01-12")
        assert keys.open("case:a", sealed) == PLAINTEXT  # the batch opened it before the shred
    assert keys.open_or_erased("case:a", sealed) == ERASED


def test_a_key_shredded_before_the_holding_stays_erased_within_it(keys: KeyStore) -> None:
    sealed = keys.seal("case:a", PLAINTEXT)
    keys.destroy("case:a", "2026-01-12")

    with keys.holding(), keys.holding():  # nested: the outer one keeps the keys
        assert keys.open_or_erased("case:a", sealed) == ERASED
        assert keys.open_or_erased("case:a", sealed) == ERASED
    with pytest.raises(KeyDestroyed):
        keys.open("case:a", sealed)


def test_the_sealing_keys_kept_cover_a_relay_batch_and_not_much_more() -> None:
    # Each kept key holds native OpenSSL state (~2.8 KB): the bound is what memory is held for
    # sealing, whatever the number of cases and young people a process has sealed for.
    batch = signature(Relay.__init__).parameters["batch_size"].default
    assert batch <= SEALING_KEYS <= 4 * batch
