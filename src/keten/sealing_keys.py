"""The data keys a key store seals with, unwrapped and ready, for the most recent key ids only.

An unwrapped key is an AESGCM object holding OpenSSL state of its own: about 2.8 KB outside
Python's heap each (measured: generating 100,000 case events grew a process by 84 MB with
65,536 keys kept, by 16 MB with 4,096). The bound covers a relay batch (2,000 records, at most
one key each) twice over; a key dropped is read and unwrapped again, one indexed read.
"""

from __future__ import annotations

from collections import OrderedDict

from cryptography.hazmat.primitives.ciphers.aead import AESGCM

SEALING_KEYS = 4_096  # unwrapped keys kept for sealing (a relay batch needs at most 2,000)


class SealingKeys:
    """The keys recently sealed with, ready to encrypt, the least recently used dropped past
    `limit`: a relay seals for every young person and case it publishes, and must not hold a key
    for each of them for as long as it runs."""

    def __init__(self, limit: int = SEALING_KEYS) -> None:
        self.limit = limit
        self._keys: OrderedDict[str, AESGCM] = OrderedDict()

    def __contains__(self, key_id: object) -> bool:
        return key_id in self._keys

    def __len__(self) -> int:
        return len(self._keys)

    def get(self, key_id: str) -> AESGCM | None:
        key = self._keys.get(key_id)
        if key is not None:
            self._keys.move_to_end(key_id)
        return key

    def put(self, key_id: str, key: AESGCM) -> AESGCM:
        self._keys[key_id] = key
        self._keys.move_to_end(key_id)
        while len(self._keys) > self.limit:
            self._keys.popitem(last=False)
        return key

    def pop(self, key_id: str, default: None = None) -> None:
        self._keys.pop(key_id, default)
