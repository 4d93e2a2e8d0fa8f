"""The data keys a key store seals with, unwrapped and ready, for the most recent key ids only."""

from __future__ import annotations

from collections import OrderedDict

from cryptography.hazmat.primitives.ciphers.aead import AESGCM

SEALING_KEYS = 65_536  # unwrapped keys kept for sealing (a relay batch needs at most 2,000)


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
