"""Envelope encryption with one data key per case or person; destroying a key is erasure.

Data keys are random AES-256 keys, stored wrapped (AES-GCM) by the master key. Events hold
only ciphertext, so destroying a data key ("crypto-shredding") makes that data unreadable
everywhere — event store, Kafka, views — while the events themselves stay immutable.
Rotating the master key re-wraps the data keys; no event is re-encrypted.
"""

from __future__ import annotations

import base64
import os
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from kernel.sqlstore import Cursor, Database
from keten.sealing_keys import SealingKeys

ERASED = "[erased]"
_SCHEMA = "CREATE TABLE IF NOT EXISTS data_keys (key_id TEXT PRIMARY KEY, wrapped {blob}, destroyed_at TEXT)"


class KeyDestroyed(Exception):
    """The data key was shredded: the plaintext is gone for good."""


class KeyMissing(LookupError):
    """No such data key was ever made here: a wrong key store, not an erasure."""


class KeyStore:
    def __init__(self, db: Database, master_key: bytes) -> None:
        self._db = db
        self._master = AESGCM(master_key)
        # Unwrapped keys for sealing only (ready to encrypt with): opening always asks the store,
        # so a key shredded by another process is never used to read again.
        self._sealing = SealingKeys()
        self._held = threading.local()  # per thread: the keys `holding` keeps, or no attribute
        with db.transaction() as cursor:
            cursor.execute(_SCHEMA.format(blob="BYTEA" if db.dialect == "postgres" else "BLOB"))

    def seal(self, key_id: str, plaintext: str) -> str:
        key = self._sealing.get(key_id)
        if key is None:
            key = self._sealing.put(key_id, AESGCM(self._data_key(key_id, create=True)))
        nonce = os.urandom(12)
        sealed = nonce + key.encrypt(nonce, plaintext.encode(), key_id.encode())
        return base64.b64encode(sealed).decode()

    def open(self, key_id: str, sealed: str) -> str:
        raw = base64.b64decode(sealed)
        key = self._opening_key(key_id)
        return key.decrypt(raw[:12], raw[12:], key_id.encode()).decode()

    @contextmanager
    def holding(self) -> Iterator[None]:
        """Within it, this thread reads each data key from the store once instead of at every
        open: a view's batch of events opens one case's payloads many times in one transaction.
        A key shredded meanwhile is seen at the next batch, as by an open just before it."""
        if getattr(self._held, "keys", None) is not None:
            yield  # nested: the outer holding keeps the keys
            return
        self._held.keys = {}
        try:
            yield
        finally:
            del self._held.keys

    def _opening_key(self, key_id: str) -> AESGCM:
        held: dict[str, AESGCM | None] | None = getattr(self._held, "keys", None)
        if held is None:
            return AESGCM(self._data_key(key_id, create=False))
        if key_id not in held:
            try:
                held[key_id] = AESGCM(self._data_key(key_id, create=False))
            except KeyDestroyed:
                held[key_id] = None
        key = held[key_id]
        if key is None:
            raise KeyDestroyed(key_id)
        return key

    def open_or_erased(self, key_id: str, sealed: str) -> str:
        try:
            return self.open(key_id, sealed)
        except KeyDestroyed:
            return ERASED

    def is_destroyed(self, key_id: str) -> bool:
        with self._db.transaction() as cursor:
            cursor.execute("SELECT 1 FROM data_keys WHERE key_id = ? AND wrapped IS NULL", (key_id,))
            return cursor.fetchone() is not None

    def ensure(self, key_ids: Iterable[str]) -> None:
        """Makes the keys a batch will seal with, in one transaction (one disk flush)."""
        wanted = sorted({k for k in key_ids if k not in self._sealing})
        if not wanted:
            return
        with self._db.transaction() as cursor:
            marks = ",".join("?" * len(wanted))
            cursor.execute(f"SELECT key_id, wrapped FROM data_keys WHERE key_id IN ({marks})", wanted)
            found = {key_id: wrapped for key_id, wrapped in cursor.fetchall()}
            for key_id in wanted:
                if key_id not in found:
                    self._sealing.put(key_id, AESGCM(self._insert_key(cursor, key_id)))
                elif found[key_id] is not None:
                    self._sealing.put(
                        key_id, AESGCM(self._unwrap(self._master, key_id, bytes(found[key_id])))
                    )

    def destroy(self, key_id: str, when: str) -> None:
        """Shreds the key; a key never used yet is shredded in advance, so it is never made."""
        self._sealing.pop(key_id, None)
        with self._db.transaction() as cursor:
            cursor.execute("DELETE FROM data_keys WHERE key_id = ?", (key_id,))
            cursor.execute(
                "INSERT INTO data_keys (key_id, wrapped, destroyed_at) VALUES (?, NULL, ?)",
                (key_id, when),
            )

    def rotate_master(self, new_master_key: bytes) -> int:
        """Re-wrap every live data key under a new master key; returns how many."""
        new_master = AESGCM(new_master_key)
        with self._db.transaction() as cursor:
            cursor.execute("SELECT key_id, wrapped FROM data_keys WHERE wrapped IS NOT NULL")
            rows = cursor.fetchall()
            for key_id, wrapped in rows:
                plain = self._unwrap(self._master, key_id, bytes(wrapped))
                cursor.execute(
                    "UPDATE data_keys SET wrapped = ? WHERE key_id = ?",
                    (self._wrap(new_master, key_id, plain), key_id),
                )
        self._master = new_master
        return len(rows)

    def _data_key(self, key_id: str, create: bool) -> bytes:
        with self._db.transaction() if create else self._db.read() as cursor:
            cursor.execute("SELECT wrapped, destroyed_at FROM data_keys WHERE key_id = ?", (key_id,))
            row = cursor.fetchone()
            if row is not None and row[0] is None:
                raise KeyDestroyed(key_id)
            if row is not None:
                return self._unwrap(self._master, key_id, bytes(row[0]))
            if not create:
                raise KeyMissing(key_id)
            return self._insert_key(cursor, key_id)

    def _insert_key(self, cursor: Cursor, key_id: str) -> bytes:
        key = AESGCM.generate_key(bit_length=256)
        cursor.execute(
            "INSERT INTO data_keys (key_id, wrapped) VALUES (?, ?)",
            (key_id, self._wrap(self._master, key_id, key)),
        )
        return key

    @staticmethod
    def _wrap(master: AESGCM, key_id: str, key: bytes) -> bytes:
        nonce = os.urandom(12)
        return nonce + master.encrypt(nonce, key, key_id.encode())

    @staticmethod
    def _unwrap(master: AESGCM, key_id: str, wrapped: bytes) -> bytes:
        try:
            return master.decrypt(wrapped[:12], wrapped[12:], key_id.encode())
        except InvalidTag:
            raise ValueError(f"data key {key_id} does not open with this master key") from None
